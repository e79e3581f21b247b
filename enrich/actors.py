"""Actors in one language: states, armed groups and others, by their local names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from enrich.gated import Gated
from enrich.gazetteer import country_code, fold
from enrich.lexicon import ActorInfo, ActorsFile, LanguageFile, SharedActorsFile, compile_words
from enrich.text import Window, scan


@dataclass(frozen=True)
class ActorMention:
    """A named actor at ``start:end``."""

    start: int
    end: int
    name: str
    country: str | None
    kind: str


class ActorFinder:
    """Finds the actors of one language and the words that mark initiator and target."""

    def __init__(
        self, lexicon: ActorsFile, language: LanguageFile, shared: SharedActorsFile, where: str
    ) -> None:
        self._entries: list[tuple[re.Pattern[str], str, ActorInfo]] = []
        aliases: list[str] = []
        for name, names in lexicon.actors.items():
            info = shared.actors.get(name) or ActorInfo(
                country=country_code(name, f"{where} actors"), kind="state"
            )
            canonical = _display_name(name)
            pattern = compile_words(names, f"{where} actors.{name}", language.prefixes)
            if pattern is not None:
                self._entries.append((pattern, canonical, info))
                aliases += names
        self._any = Gated.compile(aliases, f"{where} actors", language.prefixes)
        self.targets = compile_words(lexicon.target_markers, f"{where} target_markers")
        self.agents = compile_words(lexicon.agent_markers, f"{where} agent_markers")
        self.sources = compile_words(lexicon.source_markers, f"{where} source_markers")
        self._resolved: dict[str, tuple[str, ActorInfo] | None] = {}
        self.literal_names = frozenset(fold(n) for n in aliases if n.replace(" ", "").isalpha())

    @property
    def lexicons(self) -> list[Gated]:
        """The gated lexicons searched, for the language's shared gate."""
        return [self._any] if self._any else []

    def find(self, text: str, windows: list[Window] | None = None) -> list[ActorMention]:
        """Every actor mention, in text order."""
        if self._any is None:
            return []
        found = []
        for match in scan(self._any, text, windows or [(0, len(text))]):
            resolved = self._resolve(match.group())
            if resolved:
                name, info = resolved
                found.append(
                    ActorMention(match.start(), match.end(), name, info.country, info.kind)
                )
        return found

    def _resolve(self, surface: str) -> tuple[str, ActorInfo] | None:
        key = fold(surface)
        if key not in self._resolved:
            self._resolved[key] = next(
                (
                    (name, info)
                    for pattern, name, info in self._entries
                    if pattern.fullmatch(surface)
                ),
                None,
            )
        return self._resolved[key]


def _display_name(canonical: str) -> str:
    """ "Iran, Islamic Republic of" -> "Iran"; other names unchanged."""
    return canonical.split(",", maxsplit=1)[0]
