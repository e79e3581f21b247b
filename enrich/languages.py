"""One language folder compiled: every finder the engine needs for that language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from enrich.actors import ActorFinder
from enrich.dates import DateFinder
from enrich.gated import Gated, share_gate
from enrich.gazetteer import Cities
from enrich.lexicon import (
    ActorsFile,
    DatesFile,
    LanguageFile,
    ModalityFile,
    PlacesFile,
    QuantitiesFile,
    SharedActorsFile,
    TriggersFile,
    TypeLexicon,
    compile_words,
    read_model,
)
from enrich.modality import ModalityFinder
from enrich.places import PlaceFinder
from enrich.quantities import QuantityFinder
from schemas import ConfigError, EventType


@dataclass(frozen=True)
class TriggerSet:
    """One event type's compiled words."""

    triggers: Gated | None
    cued: Gated | None
    cues: Gated | None
    vetoes: Gated | None
    exclusions: Gated | None
    participants: re.Pattern[str] | None
    levels: tuple[tuple[str, re.Pattern[str]], ...]
    cameo: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def compile(cls, lexicon: TypeLexicon, prefixes: list[str], where: str) -> TriggerSet:
        """Compile the lists of one type."""
        levels = _labelled(lexicon.levels, f"{where}.levels", prefixes)
        cameo = _stems(lexicon.cameo, f"{where}.cameo")
        return cls(
            triggers=Gated.compile(lexicon.triggers, f"{where}.triggers", prefixes),
            cued=Gated.compile(lexicon.cued, f"{where}.cued", prefixes),
            cues=Gated.compile(lexicon.cues, f"{where}.cues", prefixes),
            vetoes=Gated.compile(lexicon.vetoes, f"{where}.vetoes", prefixes),
            exclusions=Gated.compile(lexicon.exclusions, f"{where}.exclusions", prefixes),
            participants=compile_words(lexicon.participants, f"{where}.participants", prefixes),
            levels=tuple(levels),
            cameo=tuple(cameo),
        )


def _labelled(
    table: dict[str, list[str]], where: str, prefixes: list[str]
) -> list[tuple[str, re.Pattern[str]]]:
    """(label, whole-word pattern) for each label with phrases."""
    compiled = [
        (label, compile_words(words, f"{where}.{label}", prefixes))
        for label, words in table.items()
    ]
    return [(label, pattern) for label, pattern in compiled if pattern is not None]


def _stems(table: dict[str, list[str]], where: str) -> list[tuple[str, re.Pattern[str]]]:
    """(label, pattern) for stems searched anywhere in a trigger's text (not whole words)."""
    compiled = []
    for label, stems in table.items():
        if stems:
            try:
                compiled.append((label, re.compile("|".join(stems), re.IGNORECASE)))
            except re.error as exc:
                raise ConfigError(f"{where}.{label}: bad stem: {exc}") from exc
    return compiled


@dataclass(frozen=True)
class Language:
    """Everything compiled from one language folder."""

    code: str
    name: str
    triggers: dict[EventType, TriggerSet]
    modality: ModalityFinder
    dates: DateFinder
    quantities: QuantityFinder
    places: PlaceFinder
    actors: ActorFinder
    verbs_last: bool  # the first actor before a trigger is its subject
    adjectives_follow_nouns: bool  # "frappes américaines": an actor after a trigger may qualify it

    @classmethod
    def load(cls, folder: Path, shared: SharedActorsFile, cities: Cities) -> Language:
        """Read, validate and compile one folder; a bad file raises ConfigError."""
        meta = read_model(folder / "language.yaml", LanguageFile)
        if meta.code != folder.name:
            raise ConfigError(f"{folder}/language.yaml: code {meta.code!r} must be the folder name")
        triggers_file = read_model(folder / "triggers.yaml", TriggersFile)
        triggers = {
            kind: TriggerSet.compile(
                getattr(triggers_file, kind.value), meta.prefixes, f"{folder}/triggers.yaml {kind}"
            )
            for kind in EventType
        }
        actors = ActorFinder(
            read_model(folder / "actors.yaml", ActorsFile), meta, shared, f"{folder}/actors.yaml"
        )
        places_file = read_model(folder / "places.yaml", PlacesFile)
        places = PlaceFinder(
            places_file, meta, cities, actors.literal_names, f"{folder}/places.yaml"
        )
        dates = DateFinder(
            read_model(folder / "dates.yaml", DatesFile), meta, f"{folder}/dates.yaml"
        )
        quantities = QuantityFinder(
            read_model(folder / "quantities.yaml", QuantitiesFile),
            meta,
            f"{folder}/quantities.yaml",
        )
        modality = ModalityFinder(
            read_model(folder / "modality.yaml", ModalityFile), meta, f"{folder}/modality.yaml"
        )
        lexicons = [
            gated
            for words in triggers.values()
            for gated in (words.triggers, words.cued, words.cues, words.vetoes, words.exclusions)
            if gated is not None
        ]
        lexicons += [*actors.lexicons, *dates.lexicons, *quantities.lexicons, *modality.lexicons]
        share_gate(lexicons, meta.prefixes)  # one scan of a text serves every lexicon
        return cls(
            code=meta.code,
            name=meta.name,
            triggers=triggers,
            modality=modality,
            dates=dates,
            quantities=quantities,
            places=places,
            actors=actors,
            verbs_last=meta.verbs_last,
            adjectives_follow_nouns=meta.adjectives_follow_nouns,
        )
