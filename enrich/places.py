"""Places in one language: countries and regions by name, cities from the gazetteer.

A country name counts as a place only after a locative ("en Irak", "in Iraq"); without
one it names an actor ("les Etats-Unis ont..."). Cities count anywhere, except names
that are also actor names (Washington, Moscou), which need a locative too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from enrich.gazetteer import Cities, City, country_code, fold, translated_country_names
from enrich.lexicon import LanguageFile, PlacesFile, compile_words
from schemas import ConfigError

_TOKEN = re.compile(r"[^\W\d_][\w-]*")
_MAX_NAME_TOKENS = 3
_LOCATIVE_WINDOW = 40


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


class PlaceFinder:
    """Finds the places of one language."""

    def __init__(
        self, places: PlacesFile, language: LanguageFile, cities: Cities, where: str
    ) -> None:
        self._cities = cities
        self._prefixes = tuple(language.prefixes)
        self._country_of = translated_country_names(language.code)
        for english, aliases in places.countries.items():
            code = country_code(english, f"{where} countries")
            self._country_of.update({fold(alias.replace("\\", "")): code for alias in aliases})
        self._region_of = {
            fold(alias): region for region, aliases in places.regions.items() for alias in aliases
        }
        self._named = compile_words(
            [re.escape(n) for n in self._country_of] + [re.escape(n) for n in self._region_of],
            f"{where} country and region names",
            language.prefixes,
        )
        self._not_places = {fold(word) for word in places.not_places}
        if not places.locatives:
            raise ConfigError(f"{where}: locatives must list at least one word")
        articles = f"(?:(?:{'|'.join(places.articles)})\\s*)?" if places.articles else ""
        locatives = "|".join(sorted(places.locatives, key=len, reverse=True))
        prefixes = "|".join(map(re.escape, language.prefixes))
        glued = f"|(?:{prefixes})" if prefixes else ""
        self._locative = re.compile(
            rf"(?:(?<!\w)(?:{locatives})\s+{articles}{glued})$", re.IGNORECASE
        )
        self._actor_words: frozenset[str] = frozenset()

    def set_actor_words(self, words: frozenset[str]) -> None:
        """Folded actor names: a city of the same name needs a locative."""
        self._actor_words = words

    def find(self, text: str) -> list[PlaceMention]:
        """Every country, region and city mention, in text order, without overlaps."""
        found = self._named_places(text)
        taken = [(m.start, m.end) for m in found]
        found += self._city_places(text, taken)
        return sorted(found, key=lambda m: m.start)

    def _is_locative(self, text: str, start: int) -> bool:
        return bool(self._locative.search(text[max(0, start - _LOCATIVE_WINDOW) : start]))

    def _named_places(self, text: str) -> list[PlaceMention]:
        if self._named is None:
            return []
        found = []
        for match in self._named.finditer(text):
            key = fold(match["w"])
            start, end = match.start("w"), match.end("w")
            locative = self._is_locative(text, start)
            if key in self._region_of:
                name = self._region_of[key]
                found.append(PlaceMention(start, end, name, "region", None, locative))
            else:
                code = self._country_of[key]
                found.append(PlaceMention(start, end, match["w"], "country", code, locative))
        return found

    def _city_places(self, text: str, taken: list[tuple[int, int]]) -> list[PlaceMention]:
        tokens = list(_TOKEN.finditer(text))
        found: list[PlaceMention] = []
        index = 0
        while index < len(tokens):
            mention = self._city_at(text, tokens, index, taken)
            if mention is None:
                index += 1
                continue
            found.append(mention)
            while index < len(tokens) and tokens[index].start() < mention.end:
                index += 1
        return found

    def _city_at(
        self, text: str, tokens: list[re.Match[str]], index: int, taken: list[tuple[int, int]]
    ) -> PlaceMention | None:
        first = tokens[index].group()
        if first[0].islower():
            return None
        for size in range(min(_MAX_NAME_TOKENS, len(tokens) - index), 0, -1):
            start, end = tokens[index].start(), tokens[index + size - 1].end()
            if any(s < end and start < e for s, e in taken):
                continue
            for offset, name in self._spellings(text[start:end]):
                mention = self._city_mention(text, start + offset, end, name)
                if mention:
                    return mention
        return None

    def _spellings(self, name: str) -> list[tuple[int, str]]:
        spellings = [(0, name)]
        spellings += [(len(p), name[len(p) :]) for p in self._prefixes if name.startswith(p)]
        return spellings

    def _city_mention(self, text: str, start: int, end: int, name: str) -> PlaceMention | None:
        key = fold(name)
        if len(key) < 3 or key in self._not_places or name[:1].islower():
            return None
        cities = self._cities.lookup(name)
        if not cities:
            return None
        locative = self._is_locative(text, start)
        if key in self._actor_words and not locative:
            return None
        top = cities[0]
        return PlaceMention(
            start, end, top.name, "city", top.country, locative, cities=tuple(cities)
        )
