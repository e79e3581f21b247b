"""Date expressions in one language, resolved against the publication date.

Weekdays resolve to the most recent such day on or before publication ("dimanche" in an
article of Thursday 2020-01-02 is 2019-12-29); relative words resolve by calendar
arithmetic. Without a publication date only absolute dates with a year resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from enrich.gated import Gated
from enrich.lexicon import DatesFile, LanguageFile, check_patterns
from enrich.text import Window, scan
from schemas import DatePrecision

# "12/03/2024", "12.03.2024": day and month in the language's order (a digit first, then
# the look-behind: a fast search).
_NUMERIC = re.compile(
    r"(?P<a>\d(?<![\d./]\d)\d?)[./](?P<b>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?![\d/]|\.\d)"
)
_DAY_REACH = 12  # characters a day may stand before its month: "1er de "
_YEAR_REACH = 30  # characters a month name and its year may take: "septiembre del 2024"


_SPAN_DAYS = {DatePrecision.DAY: 0, DatePrecision.WEEK: 6, DatePrecision.MONTH: 30}


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression at ``start:end`` of the text."""

    start: int
    end: int
    date: dt.date
    precision: DatePrecision
    weekday: int | None = None  # 0 = Monday, for expressions that only name a weekday
    yearless: bool = False  # a day and month without a year, read as the latest one
    since: bool = False  # the start of a period ("since November"), not an event's day

    @property
    def last_day(self) -> dt.date:
        """The last day the date may mean: a week or a month runs on."""
        return self.date + dt.timedelta(days=_SPAN_DAYS[self.precision])

    def ahead(self, published: dt.date) -> DateMention:
        """The date read forward, as in an announcement: "on Monday" is the next Monday
        after publication, "on 20 March" the next 20 March, "in June" this June or the
        next."""
        if self.date > published:
            return self  # already read forward ("next Monday")
        if self.weekday is not None:
            days = (self.weekday - published.weekday()) % 7 or 7
            day = published + dt.timedelta(days=days)
            return replace(self, date=day)
        floor = published.replace(day=1) if self.precision is DatePrecision.MONTH else published
        if self.yearless and self.date < floor:
            try:
                return replace(self, date=self.date.replace(year=self.date.year + 1))
            except ValueError:  # 29 February
                return self
        return self


class DateFinder:
    """Finds and resolves the date expressions of one language."""

    def __init__(self, lexicon: DatesFile, language: LanguageFile, where: str) -> None:
        self._month_of = _index_forms(lexicon.months)
        self._capitalised = lexicon.months[0][0][:1].isupper()  # "June", "Juni"; not "juin"
        self._full_names = {_fold(group[0]) for group in lexicon.months}  # not "Jan", "mar."
        self._weekday_of = _index_forms(lexicon.weekdays)
        month = _alternation(lexicon.months)
        day = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th|\.)?"
        year = r"(?P<year>(?:19|20)\d\d)"
        of = r"(?:\s+(?:de|del|of)\s+|\s+|,\s*)"
        day_first = rf"{day}\s+(?:de\s+)?(?P<month>{month})(?:{of}{year})?"
        month_first = rf"(?P<month>{month})\s+{day}(?:,?\s+{year})?"
        ordered = (month_first, day_first) if language.date_order == "MDY" else (day_first,)
        self._numeric_order = language.date_order if language.date_order != "YMD" else None
        self._explicit = [re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE) for p in ordered]
        self._month_year = re.compile(rf"(?<!\w)(?P<month>{month}){of}{year}(?!\w)", re.I)
        self._iso = re.compile(  # literal first, then the look-behind: a fast search
            r"(?P<year>(?:19|20)(?<!\d19)(?<!\d20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"
        )
        self._months = Gated.compile(_flatten(lexicon.months), f"{where} months")
        self._weekday = Gated.compile(_flatten(lexicon.weekdays), f"{where} weekdays")
        check_patterns(lexicon.next_weekday, f"{where} next_weekday")
        check_patterns(lexicon.called_for, f"{where} called_for")
        after = "|".join(sorted(lexicon.next_weekday, key=len, reverse=True))
        before = "|".join(sorted(lexicon.next_weekday + lexicon.called_for, key=len, reverse=True))
        self._coming_after = re.compile(rf"\s+(?:{after})(?!\w)", re.I) if after else None
        self._coming_before = re.compile(rf"(?<!\w)(?:{before})\s+\Z", re.I) if before else None
        self._day_before = Gated.compile(lexicon.day_before, f"{where} day_before")
        check_patterns(lexicon.since, f"{where} since")
        since = "|".join(sorted(lexicon.since, key=len, reverse=True))
        self._since = re.compile(rf"(?<!\w)(?:{since})\s+\Z", re.I) if since else None
        self._relative = {
            unit: (Gated.compile(list(table), f"{where} relative_{unit}"), _fold_keys(table))
            for unit, table in (
                ("days", lexicon.relative_days),
                ("weeks", lexicon.relative_weeks),
                ("months", lexicon.relative_months),
            )
        }

    @property
    def lexicons(self) -> list[Gated]:
        """The gated lexicons searched, for the language's shared gate."""
        found = [self._months, self._weekday, self._day_before]
        found += [pattern for pattern, _ in self._relative.values()]
        return [lexicon for lexicon in found if lexicon is not None]

    def find(
        self, text: str, published: dt.date | None, windows: list[Window] | None = None
    ) -> list[DateMention]:
        """Every date expression that resolves, longest first where they overlap."""
        windows = windows if windows is not None else [(0, len(text))]
        found = self._absolute(text, published, windows)
        if published is not None:
            days = [d for d in found if d.precision is DatePrecision.DAY]
            weekdays = self._weekdays(text, published, windows)
            found += [w for w in weekdays if not _before_its_date(w, days)]
            found += self._relatives(text, published, windows)
            found = _without_overlaps(found)
            found += self._days_before(text, published, windows, found)
        return [
            replace(d, since=True) if self._starts_a_period(text, d) else d
            for d in _without_overlaps(found)
        ]

    def _starts_a_period(self, text: str, date: DateMention) -> bool:
        """Whether a "since" stands right before the date ("seit Mai")."""
        return bool(self._since and self._since.search(text, max(0, date.start - 12), date.start))

    def _absolute(
        self, text: str, published: dt.date | None, windows: list[Window]
    ) -> list[DateMention]:
        found: list[DateMention] = []
        for match in scan(self._iso, text, windows):
            found += _mention(match, int(match["year"]), int(match["m"]), int(match["d"]))
        for match in scan(_NUMERIC, text, windows) if self._numeric_order else ():
            first, second = int(match["a"]), int(match["b"])
            day, month = (second, first) if self._numeric_order == "MDY" else (first, second)
            found += _mention(match, int(match["year"]), month, day)
        for name in scan(self._months, text, windows) if self._months else ():
            dates = self._around_month(text, name.start(), published)
            found += dates or self._bare_month(name, published)
        return found

    def _bare_month(self, name: re.Match[str], published: dt.date | None) -> list[DateMention]:
        """A month named alone ("im Juni", "en janvier"): the latest such month up to
        publication (read forward for a plan), with month precision. Where dates.yaml
        writes the month with a capital ("June"), the text must too ("may" is no month)."""
        word = name["w"]
        month = self._month_of.get(_fold(word))
        if published is None or month is None or _fold(word) not in self._full_names:
            return []
        if self._capitalised and word[:1].islower():
            return []
        year = published.year - (month > published.month)
        first = dt.date(year, month, 1)
        return [DateMention(name.start(), name.end(), first, DatePrecision.MONTH, yearless=True)]

    def _around_month(self, text: str, at: int, published: dt.date | None) -> list[DateMention]:
        """The dates written with the month name at ``at``: "15 avril", "March 3, 2024",
        "mayo de 2020" (read only where a month name stands: they are rare)."""
        found: list[DateMention] = []
        for pattern in self._explicit:
            match = pattern.search(text, max(0, at - _DAY_REACH), at + _YEAR_REACH)
            if match and match.start("month") == at:
                month = self._month_of.get(_fold(match["month"]))
                year = _year_of(match["year"], published, month, int(match["day"]))
                if month and year:
                    found += _mention(match, year, month, int(match["day"]), not match["year"])
        match = self._month_year.match(text, at, at + _YEAR_REACH)
        month = self._month_of.get(_fold(match["month"])) if match else None
        if match and month:
            first = dt.date(int(match["year"]), month, 1)
            found.append(DateMention(match.start(), match.end(), first, DatePrecision.MONTH))
        return found

    def _weekdays(self, text: str, published: dt.date, windows: list[Window]) -> list[DateMention]:
        if self._weekday is None:
            return []
        found = []
        for match in scan(self._weekday, text, windows):
            weekday = self._weekday_of[_fold(match["w"])]
            day = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
            mention = DateMention(match.start("w"), match.end("w"), day, DatePrecision.DAY, weekday)
            found.append(self._coming(text, mention, published))
        return found

    def _coming(self, text: str, mention: DateMention, published: dt.date) -> DateMention:
        """The weekday read forward, with its marker, when one says it is the coming one
        ("jeudi prochain", "next Thursday", "für Montag"); else as it is."""
        start, end = mention.start, mention.end
        reach = max(0, start - _DAY_REACH * 2)
        if self._coming_after and (after := self._coming_after.match(text, end)):
            end = after.end()
        elif self._coming_before and (before := self._coming_before.search(text, reach, start)):
            start = before.start()
        else:
            return mention
        return replace(mention.ahead(published), start=start, end=end)

    def _days_before(
        self, text: str, published: dt.date, windows: list[Window], told: list[DateMention]
    ) -> list[DateMention]:
        """ "La veille": the day before the last day told before it, else before publication."""
        if self._day_before is None:
            return []
        found = []
        for match in scan(self._day_before, text, windows):
            days = [
                d.date for d in told if d.end <= match.start() and d.precision is DatePrecision.DAY
            ]
            day = (days[-1] if days else published) - dt.timedelta(days=1)
            found.append(DateMention(match.start("w"), match.end("w"), day, DatePrecision.DAY))
        return found

    def _relatives(self, text: str, published: dt.date, windows: list[Window]) -> list[DateMention]:
        found = []
        for unit, (pattern, table) in self._relative.items():
            if pattern is None:
                continue
            for match in scan(pattern, text, windows):
                offset = table[_fold(match["w"])]
                day, precision = _shift(published, unit, offset)
                found.append(DateMention(match.start("w"), match.end("w"), day, precision))
        return found


def _before_its_date(weekday: DateMention, days: list[DateMention]) -> bool:
    """Whether a full date follows the weekday and says which one it is ("mardi 22 avril",
    "Tuesday, April 22")."""
    return any(weekday.end <= day.start <= weekday.end + 3 for day in days)


def _shift(published: dt.date, unit: str, offset: int) -> tuple[dt.date, DatePrecision]:
    if unit == "days":
        return published + dt.timedelta(days=offset), DatePrecision.DAY
    if unit == "weeks":
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(weeks=offset), DatePrecision.WEEK
    month_index = published.year * 12 + published.month - 1 + offset
    return dt.date(month_index // 12, month_index % 12 + 1, 1), DatePrecision.MONTH


def _year_of(year: str | None, published: dt.date | None, month: int | None, day: int) -> int:
    if year:
        return int(year)
    if published is None or month is None:
        return 0
    candidate = published.year
    if (month, day) > (published.month, published.day):
        candidate -= 1  # "30 December" read on 2 January is last year's
    return candidate


def _mention(
    match: re.Match[str], year: int, month: int, day: int, yearless: bool = False
) -> list[DateMention]:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return []
    return [DateMention(match.start(), match.end(), value, DatePrecision.DAY, yearless=yearless)]


def _without_overlaps(found: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _fold(word: str) -> str:
    return word.casefold().rstrip(".")


def _fold_keys(table: dict[str, int]) -> dict[str, int]:
    return {_fold(k): v for k, v in table.items()}


def _flatten(groups: list[list[str]]) -> list[str]:
    return [form for group in groups for form in group]


def _alternation(groups: list[list[str]]) -> str:
    return "|".join(sorted(_flatten(groups), key=len, reverse=True))


def _index_forms(groups: list[list[str]]) -> dict[str, int]:
    """Folded literal form -> 0-based position (weekdays) or 1-based month number."""
    base = 1 if len(groups) == 12 else 0
    index: dict[str, int] = {}
    for position, group in enumerate(groups):
        for form in group:
            index[_fold(form.replace("\\.?", "").replace("\\.", ""))] = position + base
    return index
