"""Places in one language: countries and regions by name, cities from the gazetteer.

A country name counts as a place only after a locative ("en Irak", "in Iraq"); without
one it names an actor ("les Etats-Unis ont..."). Cities count anywhere, except names
that are also actor names (Washington, Moscou), which need a locative too.

Names are found in one pass over the words of the text: every run of up to four words
is looked up in dictionaries, so the cost does not grow with the number of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice
from typing import Literal

from enrich.gazetteer import (
    Cities,
    City,
    country_code,
    fold,
    folded_text,
    translated_country_names,
    word_spans,
)
from enrich.lexicon import LanguageFile, PlacesFile, compile_words
from enrich.text import Window
from schemas import ConfigError

_TOKEN = re.compile(r"[^\W\d_][\w\u064B-\u065F\u0670-]*")  # Arabic marks stay in the word
_AFTER_TOKEN = r"(?<![\w\u064B-\u065F\u0670-])"
_MAX_NAME_TOKENS = 4
_LOCATIVE_WINDOW = 40
_NOUN_REACH = 25
_PATH_HEAD = re.compile(r"(?<!\w)[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}, \Z")  # "La Sabana, "


@dataclass(frozen=True)
class PlaceMention:
    """A place name at ``start:end``; ``cities`` holds every city of that name."""

    start: int
    end: int
    name: str
    precision: Literal["city", "region", "country"]
    country: str | None
    locative: bool
    cities: tuple[City, ...] = ()
    capital: bool = False  # a country's capital ("Madrid desaconseja…" may be its government)


@dataclass(frozen=True)
class _Name:
    """A country or region name: what it stands for, and whether it is an acronym."""

    precision: Literal["region", "country"]
    value: str  # ISO code of a country, canonical name of a region
    capitals_only: bool
    lower_case: bool = False  # written in small letters in the lexicon: "mer Rouge"


class PlaceFinder:
    """Finds the places of one language."""

    def __init__(
        self,
        places: PlacesFile,
        language: LanguageFile,
        cities: Cities,
        actor_words: frozenset[str],
        where: str,
    ) -> None:
        """``actor_words``: folded actor names; a city of the same name (Washington,
        Moscou) needs a locative to be a place."""
        self._cities = cities
        self._actor_words = actor_words
        self._prefixes = tuple(sorted(language.prefixes, key=len, reverse=True))
        self._names: dict[str, _Name] = {}
        for name, code in translated_country_names(language.code).items():
            self._add(name, _Name("country", code, False))
        for english, aliases in places.countries.items():
            code = country_code(english, f"{where} countries")
            for alias in aliases:
                self._add(alias, _Name("country", code, alias.isupper(), alias[:1].islower()))
        for region, aliases in places.regions.items():
            for alias in aliases:
                self._add(alias, _Name("region", region, alias.isupper(), alias[:1].islower()))
        self._city_aliases = _city_aliases(places, cities, where)
        self._spans = dict(cities.spans)  # first word -> the most words a name has
        names = [*self._names, *self._city_aliases, *cities.subdivisions]
        for word, span in word_spans(names).items():
            self._spans[word] = max(span, self._spans.get(word, 0))
        lower_starts = word_spans(k for k, v in self._names.items() if v.lower_case)
        self._candidates = _candidate_words(lower_starts)
        self._prefixes_by_letter: dict[str, list[str]] = {}
        for prefix in self._prefixes:
            self._prefixes_by_letter.setdefault(prefix[0], []).append(prefix)
        self._not_places = {fold(word) for word in places.not_places}
        self._locative = _locative_pattern(places, where)
        self._joiner = _joiner_pattern(places, where)
        words = "|".join(sorted(places.joiners, key=len, reverse=True))
        self._joins = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I) if words else None
        self._place_nouns = compile_words(places.place_nouns, f"{where} place_nouns")
        self._adjectives_follow_nouns = language.adjectives_follow_nouns
        self._capitals = {  # country names that are also the name of a capital
            name: capitals
            for name, entry in self._names.items()
            if entry.precision == "country"
            and (capitals := [c for c in cities.lookup_folded(name) if cities.is_capital(c)])
        }

    def _add(self, name: str, entry: _Name) -> None:
        self._names[fold(name.replace("\\", "").rstrip("."))] = entry

    def find(self, text: str, windows: list[Window] | None = None) -> list[PlaceMention]:
        """Every country, region and city mention, in text order, without overlaps."""
        words = folded_text(text)  # one fold for the whole text when offsets allow
        found: list[PlaceMention] = []
        for window_start, window_end in windows if windows is not None else [(0, len(text))]:
            for candidate in self._candidates.finditer(text, window_start, window_end):
                start = candidate.start()
                if found and start < found[-1].end:
                    continue  # inside the name found last
                end = candidate.end()
                span = self._span(words[start:end] if words is not None else fold(text[start:end]))
                if not span:
                    continue
                following = _TOKEN.finditer(text, start, window_end)
                tokens = [m.span() for m in islice(following, min(span, _MAX_NAME_TOKENS))]
                mention = self._longest_at(text, tokens, words)
                if mention:
                    found.append(self._continuing(text, found[-1] if found else None, mention))
        return found

    def joins(self, text: str, start: int, end: int) -> bool:
        """Whether a joiner ("and", "et", "und") stands in ``text[start:end]``."""
        return bool(self._joins and self._joins.search(text, start, end))

    def beside_place_noun(self, text: str, start: int, end: int) -> bool:
        """True when the nationality adjective at ``text[start:end]`` qualifies a place
        noun: the one right before it where adjectives follow nouns ("la province
        afghane"), else the one right after it ("the Syrian city", "ostukrainische Stadt")."""
        if self._adjectives_follow_nouns:
            return self._noun_before(text, start)
        return self._noun_after(text, end, words_between=1)

    def _starts_a_name(self, text: str, end: int) -> bool:
        """Whether a capitalised word other than a place noun follows: "Texas
        Instruments", "Bayern Munich" name no place."""
        follows = text[end : end + 2]
        if len(follows) < 2 or follows[0] != " " or not follows[1].isupper():
            return False
        return not (self._place_nouns and self._place_nouns.match(text, end + 1))

    def _beside_its_noun(self, text: str, start: int, end: int) -> bool:
        """Whether a place noun names what this name is: "Zabul province", "province of
        Zabul", "محافظة صلاح الدين"."""
        return self._noun_after(text, end, words_between=0) or self._noun_before(text, start)

    def _noun_before(self, text: str, start: int) -> bool:
        """Whether a place noun ends at most one word before ``start``."""
        if self._place_nouns is None:
            return False
        nouns = list(self._place_nouns.finditer(text, max(0, start - _NOUN_REACH), start))
        return bool(nouns) and len(text[nouns[-1].end() : start].split()) <= 1

    def _noun_after(self, text: str, end: int, words_between: int) -> bool:
        """Whether a place noun starts at most ``words_between`` words after ``end``."""
        if self._place_nouns is None:
            return False
        after = self._place_nouns.search(text, end, end + _NOUN_REACH)
        return after is not None and len(text[end : after.start()].split()) <= words_between

    def capital_instead(
        self, text: str, place: PlaceMention, context: set[str]
    ) -> PlaceMention | None:
        """The capital of that name when a country's name is also the capital of another
        country the article names: عمان in an article about Jordan is Amman, not Oman."""
        if place.precision != "country" or not context - {place.country}:
            return None
        key = fold(text[place.start : place.end])
        cities = [
            city
            for city in self._capitals.get(key, ())
            if city.country in context and city.country != place.country
        ]
        if not cities:
            return None
        top = cities[0]
        return PlaceMention(
            place.start, place.end, top.name, "city", top.country, place.locative, tuple(cities)
        )

    def _continuing(
        self, text: str, previous: PlaceMention | None, mention: PlaceMention
    ) -> PlaceMention:
        """A place listed after a located one is located too: "in Iraq and Syria"."""
        if mention.locative or previous is None or not previous.locative:
            return mention
        if self._joiner and self._joiner.fullmatch(text, previous.end, mention.start):
            return replace(mention, locative=True)
        return mention

    def _span(self, word: str) -> int:
        """The most words of a name that begins with this word (or with it less a glued
        clitic); 0 when none does."""
        span = self._spans.get(word, 0)
        for prefix in self._prefixes_by_letter.get(word[:1], ()):
            if word.startswith(prefix):
                span = max(span, self._spans.get(word[len(prefix) :], 0))
        return span

    def _longest_at(
        self, text: str, tokens: list[tuple[int, int]], words: str | None
    ) -> PlaceMention | None:
        """The longest name made of the first of ``tokens``."""
        start = tokens[0][0]
        for size in range(len(tokens), 0, -1):
            end = tokens[size - 1][1]
            for offset, surface in self._spellings(text[start:end]):
                begin = start + offset
                key = words[begin:end] if words is not None else fold(surface)
                if not self._knows(key):
                    continue  # most spans name nothing
                mention = (
                    self._named(text, begin, end, surface, key)
                    or self._city(text, begin, end, surface, key)
                    or self._subdivision(text, begin, end, surface, key)
                )
                if mention:
                    return mention
        return None

    def _knows(self, key: str) -> bool:
        return key in self._names or key in self._city_aliases or self._cities.knows(key)

    def _spellings(self, surface: str) -> list[tuple[int, str]]:
        """The words as written, and without a glued clitic (Arabic "وبغداد")."""
        spellings = [(0, surface)]
        spellings += [(len(p), surface[len(p) :]) for p in self._prefixes if surface.startswith(p)]
        return spellings

    def _named(
        self, text: str, start: int, end: int, surface: str, key: str
    ) -> PlaceMention | None:
        entry = self._names.get(key)
        if entry is None or (entry.capitals_only and not surface.isupper()):
            return None
        if surface[:1].islower() and not entry.lower_case:
            return None  # "irán" (they will go) is not "Irán"; Arabic has no case
        locative = self._is_locative(text, start) or self._ends_a_path(text, start)
        if entry.precision == "region":
            return PlaceMention(start, end, entry.value, "region", None, locative)
        return PlaceMention(start, end, surface, "country", entry.value, locative)

    def _city(self, text: str, start: int, end: int, surface: str, key: str) -> PlaceMention | None:
        if len(key) < 3 or key in self._not_places or surface[:1].islower():
            return None
        cities = self._city_aliases.get(key) or self._cities.lookup_folded(key)
        if not cities:
            return None
        locative = self._is_locative(text, start)
        if key in self._actor_words and not locative:
            return None
        top = cities[0]
        capital = self._cities.is_capital(top)
        return PlaceMention(
            start, end, top.name, "city", top.country, locative, tuple(cities), capital
        )

    def _subdivision(
        self, text: str, start: int, end: int, surface: str, key: str
    ) -> PlaceMention | None:
        """A state or province: a place where located ("in Assam"), beside a place noun
        ("Zabul province"), or in the parentheses of an admin path ("(Qaatabah, Ad
        Dali)"); else an ordinary capitalised word may be meant."""
        found = self._cities.subdivisions.get(key)
        if found is None or surface[:1].islower() or self._starts_a_name(text, end):
            return None
        located = (
            self._is_locative(text, start)
            or _in_parentheses(text, start, end)
            or self._beside_its_noun(text, start, end)
        )
        return PlaceMention(start, end, found[0], "region", found[1], located)

    def _is_locative(self, text: str, start: int) -> bool:
        return bool(self._locative.search(text, max(0, start - _LOCATIVE_WINDOW), start))

    def _ends_a_path(self, text: str, start: int) -> bool:
        """Whether the name ends a located place path whose first part is unknown: "in
        Zajecar, Serbia", "en La Sabana, Guerrero"."""
        head = _PATH_HEAD.search(text, max(0, start - _LOCATIVE_WINDOW), start)
        return head is not None and self._is_locative(text, head.start())


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends a parenthesised admin path: "(Mizan, Zabul)"."""
    opened = text.rfind("(", max(0, start - _LOCATIVE_WINDOW), start)
    return opened != -1 and ")" not in text[opened:start] and text[end : end + 1] == ")"


def _city_aliases(places: PlacesFile, cities: Cities, where: str) -> dict[str, list[City]]:
    """Folded local spelling -> the GeoNames city it names."""
    aliases: dict[str, list[City]] = {}
    for name, spellings in places.cities.items():
        found = cities.lookup(name)
        if not found:
            raise ConfigError(f"{where} cities: {name!r} is not a GeoNames city name")
        aliases.update({fold(spelling): found[:1] for spelling in spellings})
    return aliases


def _joiner_pattern(places: PlacesFile, where: str) -> re.Pattern[str] | None:
    """Separator between two listed places: a comma or a joiner, and maybe an article."""
    joiners = "|".join(sorted(places.joiners, key=len, reverse=True))
    articles = "|".join(places.articles)
    pattern = rf"\s*(?:,|;|/)?\s*(?:(?:{joiners})\s*)?" if joiners else r"\s*(?:,|;|/)\s*"
    if articles:
        pattern += rf"(?:(?:{articles})\s*)?"
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: bad joiner: {exc}") from exc


def _locative_pattern(places: PlacesFile, where: str) -> re.Pattern[str]:
    """Matches a locative (and article) right before a name, or a glued clitic."""
    if not places.locatives:
        raise ConfigError(f"{where}: locatives must list at least one word")
    articles = f"(?:(?:{'|'.join(places.articles)})\\s*)?" if places.articles else ""
    locatives = "|".join(sorted(places.locatives, key=len, reverse=True))
    prefixes = "|".join(map(re.escape, places.locative_prefixes))
    glued = f"|(?:{prefixes})" if prefixes else ""
    try:
        return re.compile(rf"(?:(?<!\w)(?:{locatives})\s+{articles}{glued})$", re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: bad locative or article: {exc}") from exc


def _candidate_words(lower_starts: Iterable[str]) -> re.Pattern[str]:
    """The words a name may start with: those that do not begin with a small letter
    (capitals and uncased scripts), and the small-letter first words of the lexicon
    ("mer Rouge")."""
    lower = "|".join(sorted(map(re.escape, lower_starts), key=len, reverse=True))
    small = f"|(?i:{lower})(?![\\w\u064b-\u065f\u0670-])" if lower else ""
    return re.compile(rf"{_AFTER_TOKEN}(?:(?!{_small_letters()}){_TOKEN.pattern}{small})")


@cache
def _small_letters() -> str:
    """A regex class of every lower-case letter of the Basic Multilingual Plane."""
    codes = [code for code in range(0x10000) if chr(code).islower()]
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    parts = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)
    return f"[{''.join(parts)}]"
