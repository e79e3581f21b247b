"""Counts in text: local digit formats, number words and magnitudes ("des centaines")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from enrich.gated import Gated
from enrich.lexicon import LanguageFile, QuantitiesFile, compile_words
from enrich.text import Window, scan
from schemas import QuantityUnit

# Digits grouped by thousands with ".", ",", or spaces, or plain digits with a decimal part.
# A digit first, then the look-behinds (a pattern that starts with a character class is
# searched much faster than one that starts with a look-behind).
_NUMBER = re.compile(
    r"\d(?<![\w.,]\d)(?<!\w-\d)"  # the first digit, not inside a word or a number
    r"(?:\d{0,2}(?:(?:[.,]| (?=\d{3}(?!\d)))\d{3})+|\d*(?:[.,]\d+)?)"
    r"(?!\w|-\w)"  # not part of a word: "F-22", "48-hour"
)
_UNIT_WINDOW = 40  # characters after a number in which its unit noun may stand
_APPROX_WINDOW = 25


@dataclass(frozen=True)
class QuantityMention:
    """A count at ``start:end``; ``unit`` is None when no unit noun follows."""

    start: int
    end: int
    value: int
    unit: QuantityUnit | None
    approx: bool


class QuantityFinder:
    """Finds the counts of one language."""

    def __init__(self, lexicon: QuantitiesFile, language: LanguageFile, where: str) -> None:
        self._decimal_comma = language.decimal_comma
        self._numbers = {k.casefold(): v for k, v in lexicon.numbers.items()}
        self._number_words = Gated.compile(list(lexicon.numbers), f"{where} numbers")
        self._magnitude_of = {
            form.casefold(): m.value for m in lexicon.magnitudes.values() for form in m.forms
        }
        self._magnitudes = Gated.compile(list(self._magnitude_of), f"{where} magnitudes")
        self._scale_of = {k.casefold(): v for k, v in lexicon.scales.items()}
        self._scales = compile_words(list(lexicon.scales), f"{where} scales")
        self._measures = compile_words(lexicon.measures, f"{where} measures", language.prefixes)
        self._unit_patterns = {
            unit: compile_words(words, f"{where} units.{unit}", language.prefixes)
            for unit, words in lexicon.units.items()
        }
        every_unit = [word for words in lexicon.units.values() for word in words]
        self._any_unit = compile_words(every_unit, f"{where} units", language.prefixes)
        self._approx = compile_words(lexicon.approx, f"{where} approx")
        self._units_before = {
            unit: compile_words(words, f"{where} units_before.{unit}", language.prefixes)
            for unit, words in lexicon.units_before.items()
        }

    @property
    def lexicons(self) -> list[Gated]:
        """The gated lexicons searched, for the language's shared gate."""
        return [lexicon for lexicon in (self._number_words, self._magnitudes) if lexicon]

    def find(self, text: str, windows: list[Window] | None = None) -> list[QuantityMention]:
        """Every count, with the unit noun that follows it when there is one."""
        windows = windows if windows is not None else [(0, len(text))]
        return [self._typed(text, *span) for span in self._numbers_in(text, windows)]

    def _typed(self, text: str, start: int, end: int, value: int, approx: bool) -> QuantityMention:
        """Apply a following scale word ("2 millions") and find the unit and hedges."""
        scale = self._scales.match(text, end + 1) if self._scales else None
        if scale and text[end : end + 1] == " ":
            value *= self._scale_of[scale["w"].casefold()]
            end = scale.end()
        unit = self._unit_before(text, start) or self._unit_after(text, end)
        return QuantityMention(start, end, value, unit, approx or self._hedged(text, start))

    def _numbers_in(self, text: str, windows: list[Window]) -> list[tuple[int, int, int, bool]]:
        spans = []
        for match in scan(_NUMBER, text, windows):
            value = self._parse_digits(match.group())
            if value is not None and not self._measure_after(text, match.end()):
                spans.append((match.start(), match.end(), value, False))
        for pattern, table, approx in (
            (self._magnitudes, self._magnitude_of, True),
            (self._number_words, self._numbers, False),
        ):
            if pattern is None:
                continue
            for match in scan(pattern, text, windows):
                inside = any(s <= match.start() < e for s, e, _, _ in spans)
                if not inside and not self._measure_after(text, match.end()):
                    spans.append((match.start(), match.end(), table[match["w"].casefold()], approx))
        return sorted(spans)

    def _measure_after(self, text: str, end: int) -> bool:
        """Whether a measure word follows: "48 hours", "24 horas", "3 km"."""
        return bool(self._measures and self._measures.match(text, end + 1))

    def _parse_digits(self, digits: str) -> int | None:
        """ "3.000", "3 000" and "3,000" are all three thousand; "3,5" or "3.5" is 3."""
        if re.fullmatch(r"\d{1,3}(?:[., ]\d{3})+", digits):
            return int(re.sub(r"[., ]", "", digits))
        decimal = digits.replace(",", ".") if self._decimal_comma else digits.replace(",", "")
        try:
            return int(float(decimal))
        except ValueError:
            return None

    def _unit_after(self, text: str, end: int) -> QuantityUnit | None:
        """The unit of the first unit noun after the count (the first unit listed if
        two read the same word), unless too far from it."""
        window = text[end : end + _UNIT_WINDOW]
        first = self._any_unit.search(window) if self._any_unit else None
        if first is None or not _few_words_between(window[: first.start()]):
            return None
        at = first.start()
        return next((u for u, p in self._unit_patterns.items() if p and p.match(window, at)), None)

    def _unit_before(self, text: str, start: int) -> QuantityUnit | None:
        window = text[max(0, start - _APPROX_WINDOW) : start]
        for unit, pattern in self._units_before.items():
            if pattern and any(m.end() >= len(window) - 1 for m in pattern.finditer(window)):
                return unit
        return None

    def _hedged(self, text: str, start: int) -> bool:
        if self._approx is None:
            return False
        window = text[max(0, start - _APPROX_WINDOW) : start]
        return any(m.end() >= len(window) - 1 for m in self._approx.finditer(window))


def _few_words_between(gap: str) -> bool:
    """A unit noun belongs to a number when at most three words stand between them."""
    return len(gap.split()) <= 3 and not re.search(r"[.;:!?()]", gap)
