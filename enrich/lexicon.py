"""Language folders: YAML lexicons validated with pydantic, compiled once at start-up.

Each folder under ``enrich/lang/`` is one language (ISO 639-1 name). Its files are keyed
by canonical English names, so adding a language means adding a folder, not code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from schemas import ConfigError, EventType, QuantityUnit

LANG_DIR = Path(__file__).parent / "lang"
DATA_DIR = Path(__file__).parent / "data"

F = TypeVar("F", bound=BaseModel)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LanguageFile(_File):
    """``language.yaml``: the language and how its words attach to their neighbours."""

    code: str = Field(pattern=r"^[a-z]{2}$")
    name: str
    prefixes: list[str] = Field(
        default_factory=list, description="Clitics glued before a word (Arabic و ب ل ال)."
    )
    decimal_comma: bool = Field(True, description="3,5 is three and a half; 3.000 is 3000.")
    date_order: Literal["DMY", "MDY", "YMD"] = "DMY"
    cue_reach_after: int = Field(
        25,
        ge=0,
        le=200,
        description="Characters after a trigger read for modality cues; a language that "
        "puts verbs at the clause end (German) needs more.",
    )
    verbs_last: bool = Field(
        False,
        description="The main verb ends the clause ('Russland hat die Ukraine angegriffen'): "
        "the first actor before a trigger is its subject, not the nearest one.",
    )
    adjectives_follow_nouns: bool = Field(
        False,
        description="A nationality adjective qualifies the noun before it ('la ville "
        "syrienne'), not the one after it; False: the noun after it ('the Syrian city').",
    )


class TypeLexicon(_File):
    """One event type's words in one language."""

    triggers: list[str] = Field(default_factory=list, description="Enough on their own.")
    cued: list[str] = Field(
        default_factory=list, description="Count only with one of `cues` in the same sentence."
    )
    cues: list[str] = Field(default_factory=list)
    vetoes: list[str] = Field(
        default_factory=list, description="A sentence holding one yields no event of this type."
    )
    exclusions: list[str] = Field(
        default_factory=list, description="A trigger overlapping one of these is dropped."
    )
    participants: list[str] = Field(
        default_factory=list,
        description="Triggers that only name those taking part ('protesters'): a denial "
        "near one denies something else ('denied firing on protesters'), not the event.",
    )
    cameo: dict[str, list[str]] = Field(
        default_factory=dict,
        description="CAMEO code -> patterns searched in the trigger's text (e.g. 194: artillery).",
    )
    levels: dict[str, list[str]] = Field(
        default_factory=dict, description="Advisory level (canonical English) -> phrases."
    )


class TriggersFile(_File):
    """``triggers.yaml``: the words that signal each event type."""

    strike: TypeLexicon
    protest: TypeLexicon
    deployment: TypeLexicon
    advisory: TypeLexicon


class ModalityFile(_File):
    """``modality.yaml``: cues that make an event planned, possible, negated or old news."""

    negated: list[str]
    planned: list[str]
    possible: list[str]
    history: list[str] = Field(
        default_factory=list,
        description="Cues that make every trigger of their sentence old news ('ten years ago').",
    )
    commemorations: list[str] = Field(
        default_factory=list,
        description="Cues that recall an old event: a trigger after one is that event "
        "('the anniversary of the 2003 bombing'); one before it is new ('workers marched "
        "to commemorate May Day').",
    )
    generic: list[str] = Field(
        default_factory=list,
        description="Cues in a trigger's clause that make it a statement about such events "
        "in general, not an event: 'protests can occur', 'avoid demonstrations' (no event; "
        "advisories are exempt).",
    )
    conditions: list[str] = Field(
        default_factory=list,
        description="Conjunctions that make what comes before them conditional when they "
        "follow a trigger in its clause: 'will strike if', 'frappera si' (possible).",
    )
    contrasts: list[str] = Field(
        default_factory=list,
        description="Words that open a new clause after a comma ('but', 'although', "
        "'aunque'): cues beyond them belong to that clause, not to the trigger.",
    )


class Magnitude(_File):
    """A number word that means "at least this many" (hundreds, des milliers)."""

    value: int = Field(gt=0)
    forms: list[str]


class QuantitiesFile(_File):
    """``quantities.yaml``: unit nouns, number words and hedges."""

    units: dict[QuantityUnit, list[str]]
    units_before: dict[QuantityUnit, list[str]] = Field(
        default_factory=dict, description="Words that type a count before it: killing 3."
    )
    magnitudes: dict[str, Magnitude] = Field(default_factory=dict)
    numbers: dict[str, int] = Field(default_factory=dict)
    approx: list[str] = Field(default_factory=list)
    scales: dict[str, int] = Field(default_factory=dict, description="million -> 1000000")
    measures: list[str] = Field(
        default_factory=list,
        description="Words after a number that make it a measure, not a count: 48 hours.",
    )


class DatesFile(_File):
    """``dates.yaml``: weekday and month names, relative day/week/month words."""

    weekdays: list[list[str]] = Field(min_length=7, max_length=7, description="Monday first.")
    months: list[list[str]] = Field(min_length=12, max_length=12)
    relative_days: dict[str, int] = Field(default_factory=dict)
    relative_weeks: dict[str, int] = Field(default_factory=dict)
    relative_months: dict[str, int] = Field(default_factory=dict)
    next_weekday: list[str] = Field(
        default_factory=list,
        description="Words right before or after a weekday that make it the coming one, "
        "not the last: 'next Monday', 'lundi prochain', 'kommenden Montag'.",
    )
    day_before: list[str] = Field(
        default_factory=list,
        description="Words for the day before the date told just before them ('la veille', "
        "'the day before', 'am Vortag'); without such a date, the day before publication.",
    )
    called_for: list[str] = Field(
        default_factory=list,
        description="Words right before a weekday that name the day something is called "
        "for, so the coming one: 'for Monday', 'für Montag', 'para el lunes'.",
    )
    since: list[str] = Field(
        default_factory=list,
        description="Words right before a date that make it the start of a period ('since "
        "November', 'depuis décembre', 'seit Mai'): it dates no event.",
    )


class PlacesFile(_File):
    """``places.yaml``: regions and extra names for countries (keyed by English name)."""

    locatives: list[str] = Field(description="Words that introduce a place: in, en, في.")
    articles: list[str] = Field(default_factory=list, description="Articles after a locative.")
    place_nouns: list[str] = Field(
        default_factory=list,
        description="city, province...: a country adjective beside one names a place.",
    )
    joiners: list[str] = Field(
        default_factory=list,
        description="Words that continue a list of places: 'in Iraq and Syria' (and, et, y).",
    )
    locative_prefixes: list[str] = Field(
        default_factory=list, description="Clitics that mean in/to/at when glued (Arabic ب)."
    )
    regions: dict[str, list[str]] = Field(default_factory=dict)
    countries: dict[str, list[str]] = Field(default_factory=dict)
    cities: dict[str, list[str]] = Field(
        default_factory=dict,
        description="GeoNames city name -> local spellings the gazetteer lacks (Cherson).",
    )
    not_places: list[str] = Field(default_factory=list)


class ActorsFile(_File):
    """``actors.yaml``: canonical English actor name -> its names in this language."""

    actors: dict[str, list[str]]
    target_markers: list[str] = Field(default_factory=list, description="against, contre")
    agent_markers: list[str] = Field(default_factory=list, description="by, par")
    source_markers: list[str] = Field(
        default_factory=list,
        description="according to, selon: the actor after one told of a strike or "
        "deployment, it did not make it.",
    )


class ExampleEvent(_File):
    """One event a golden case expects."""

    type: EventType
    modality: str = "asserted"
    date: str | None = None
    countries: list[str] | None = None
    quantity: int | None = None


class Example(_File):
    """A golden case: text, publication time, and every event it must yield."""

    text: str
    published_at: str | None = None
    events: list[ExampleEvent]
    note: str | None = None


class ExamplesFile(_File):
    """``examples.yaml``: the folder's golden cases."""

    examples: list[Example] = Field(min_length=1)


class ActorInfo(_File):
    """``data/actors.yaml`` entry: what an actor is, whatever the language."""

    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    kind: Literal["state", "armed_group", "civilians", "government", "other"] = "other"

    @field_validator("country", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class SharedActorsFile(_File):
    """``data/actors.yaml``: every canonical actor."""

    actors: dict[str, ActorInfo]


class _Yaml12Loader(yaml.SafeLoader):
    """Safe loader where only true/false are booleans: "on", "no", "off" stay words."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def read_model(path: Path, model: type[F]) -> F:
    """Read one YAML file as ``model``; any problem is a ConfigError naming the file."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: missing; every language folder needs it") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(file)'}: {e['msg']}"
            for e in exc.errors(include_url=False)
        )
        raise ConfigError(f"{path}: {problems}") from exc


def language_folders(lang_dir: Path = LANG_DIR) -> list[Path]:
    """Every language folder (a folder holding ``language.yaml``), sorted."""
    if not lang_dir.is_dir():
        raise ConfigError(f"{lang_dir}: lexicon folder not found (setting TOCSIN_LEXICON_DIR)")
    return sorted(p for p in lang_dir.iterdir() if (p / "language.yaml").is_file())


def compile_words(
    patterns: list[str], where: str, prefixes: list[str] | None = None
) -> re.Pattern[str] | None:
    """One case-insensitive regex matching any of ``patterns`` as whole words.

    Patterns are regex fragments; longer ones are tried first, and all-capital ones
    (US, EU, IS) match only in capitals. ``prefixes`` lets a
    word carry clitics (Arabic "وبغداد"); the word itself is group ``w``. Returns None
    for an empty list.
    """
    if not patterns:
        return None
    check_patterns(patterns, where)
    return words_alternation(patterns, prefixes)


def check_patterns(patterns: list[str], where: str) -> None:
    """A ``ConfigError`` naming ``where`` and the pattern when one is not a regex."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def words_alternation(patterns: list[str], prefixes: list[str] | None = None) -> re.Pattern[str]:
    """:func:`compile_words` for patterns already checked."""
    ordered = [
        f"(?-i:{p})" if p.isupper() else p for p in sorted(set(patterns), key=len, reverse=True)
    ]
    prefix = f"(?:{'|'.join(map(re.escape, prefixes))})?" if prefixes else ""
    return re.compile(rf"(?<!\w){prefix}(?P<w>{'|'.join(ordered)})(?!\w)", re.IGNORECASE)
