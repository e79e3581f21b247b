"""Modality of a trigger from the cues around it in its clause."""

from __future__ import annotations

import re
from collections.abc import Iterator

from enrich.gated import Gated
from enrich.lexicon import LanguageFile, ModalityFile, check_patterns, compile_words
from schemas import Modality

_BEFORE = 70  # characters before the trigger searched for cues
_NEGATION_REACH = 45  # a negation this close before the trigger wins over any other cue
_GENERIC_REACH = 60  # "Rallies, protests and riots are common": the verb comes late
_CONDITIONABLE = (Modality.ASSERTED, Modality.PLANNED)  # a condition after them: possible
_IF_REACH = 80  # "golpearemos con misiles sus puertos si continúan": the "if" comes late
_OPENING = 8  # a condition this close to the sentence start rules it ("If Iran attacks, …")
_CLAUSE_BREAK = r"[;:«»\"“”]"  # and a comma before one of the language's contrasts
_QUOTES = '«»"“”'
_QUOTED = 32  # a quote this short, without punctuation inside, is part of its clause
_SHORT_QUOTE = re.compile(r"[«“\"][^«»\"“”,.;:!?]{1,30}[»”\"]")


class ModalityFinder:
    """Classifies triggers as asserted, planned, possible or negated."""

    def __init__(self, lexicon: ModalityFile, language: LanguageFile, where: str) -> None:
        cues = (
            (Modality.NEGATED, lexicon.negated),
            (Modality.PLANNED, lexicon.planned),
            (Modality.POSSIBLE, lexicon.possible),
        )
        self._labels = [  # which kind a cue is, read where the search found one
            (modality, pattern)
            for modality, words in cues
            if (pattern := compile_words(words, f"{where} {modality.value}", language.prefixes))
        ]
        every = [word for _, words in cues for word in words]
        self._cues = Gated.compile(every, f"{where} cues", language.prefixes)
        self._history = Gated.compile(lexicon.history, f"{where} history", language.prefixes)
        self._commemorations = Gated.compile(
            lexicon.commemorations, f"{where} commemorations", language.prefixes
        )
        self._generic = Gated.compile(lexicon.generic, f"{where} generic", language.prefixes)
        self._conditions = Gated.compile(
            lexicon.conditions, f"{where} conditions", language.prefixes
        )
        self._after = language.cue_reach_after
        check_patterns(lexicon.contrasts, f"{where} contrasts")
        self._breaks = _clause_breaks(lexicon.contrasts)

    @property
    def lexicons(self) -> list[Gated]:
        """The gated lexicons searched, for the language's shared gate."""
        found = (self._cues, self._history, self._commemorations, self._generic, self._conditions)
        return [lexicon for lexicon in found if lexicon is not None]

    def is_history(self, text: str, sentence: tuple[int, int], trigger: tuple[int, int]) -> bool:
        """True when the trigger names an old event: its sentence says "years ago", or a
        commemoration before it recalls it ("the anniversary of the bombing"). A trigger
        before the commemoration is the new event ("workers marched to mark May Day")."""
        if self._history and self._history.search(text, *sentence):
            return True
        if self._commemorations is None:
            return False
        return bool(self._commemorations.search(text, sentence[0], trigger[0]))

    def is_generic(self, text: str, sentence: tuple[int, int], trigger: tuple[int, int]) -> bool:
        """True when the trigger's clause speaks of such events in general, not of one:
        "demonstrations can occur at any time", "avoid protests"."""
        if self._generic is None:
            return False
        start, end = self._clause(text, sentence, trigger, max(self._after, _GENERIC_REACH))
        return bool(self._generic.search(text, start, end))

    def classify(
        self,
        text: str,
        bounds: tuple[int, int],
        trigger: tuple[int, int],
        masked: list[range],
        advice: bool = False,
    ) -> Modality:
        """Modality of the trigger at ``trigger`` inside the sentence ``bounds``.

        ``advice``: the trigger is an advisory. What follows it may hedge something else
        (a warning of a possible attack, or of marches called for Thursday, is still a
        warning), so only a negation after it is read, and no condition; a negation
        inside it is part of the phrase ("nicht notwendige Reisen")."""
        before_start, after_end = self._clause(text, bounds, trigger)
        before = self._cues_in(text, before_start, trigger[1], masked)
        # A cue inside the trigger counts ("troops will be deployed", "enviará", "Soldaten
        # nicht … verlegt"), except a negation inside advice.
        before = [
            cue
            for cue in before
            if cue[2] <= trigger[0]
            or (cue[2] < trigger[1] and not (advice and cue[1] is Modality.NEGATED))
        ]
        negations = [c for c in before if c[1] == Modality.NEGATED]
        if negations and trigger[0] - negations[-1][0] <= _NEGATION_REACH:
            return Modality.NEGATED
        if before:
            found = max(before, key=lambda cue: cue[0])[1]
        else:
            after = self._cues_in(text, trigger[1], after_end, masked)
            if advice:
                after = [cue for cue in after if cue[1] is Modality.NEGATED]
            found = min(after, key=lambda cue: cue[0])[1] if after else Modality.ASSERTED
        if advice or found not in _CONDITIONABLE:
            return found
        if_end = self._clause(text, bounds, trigger, _IF_REACH)[1]
        opening = (bounds[0], min(trigger[0], bounds[0] + _OPENING))
        if self._is_conditional(text, trigger[1], if_end) or self._is_conditional(text, *opening):
            return Modality.POSSIBLE  # "Israël frappera l'Iran si Téhéran attaque"
        return found

    def _clause(
        self, text: str, sentence: tuple[int, int], trigger: tuple[int, int], after: int = 0
    ) -> tuple[int, int]:
        """Where cues of the trigger are read: its clause, within reach of it."""
        last = max(sentence[0], trigger[0] - _BEFORE)
        for before in self._breaks_in(text, last, trigger[0]):
            last = before.end()
        reach = min(sentence[1], trigger[1] + (after or self._after))
        ends = next(self._breaks_in(text, trigger[1], reach), None)
        return last, ends.start() if ends else reach

    def breaks(self, text: str, start: int, end: int) -> bool:
        """Whether a clause break (a quote, a semicolon, a comma before "but") stands in
        ``text[start:end]``."""
        return next(self._breaks_in(text, start, end), None) is not None

    def _breaks_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """The clause breaks in ``text[start:end]``; the quote marks around a few words
        ("نفى الجيش "بشكل قاطع" أن تكون طائراته قد قصفت") are none."""
        for found in self._breaks.finditer(text, start, end):
            if not _quotes_a_few_words(text, found.start()):
                yield found

    def _is_conditional(self, text: str, start: int, end: int) -> bool:
        """Whether a condition ("if", "si", "wenn") stands in ``text[start:end]``: after
        the trigger in its clause, or opening its sentence."""
        return bool(self._conditions and self._conditions.search(text, start, end))

    def _cues_in(
        self, text: str, start: int, end: int, masked: list[range]
    ) -> list[tuple[int, Modality, int]]:
        """(end, modality, start) of each cue in ``text[start:end]``, but not one inside a
        date ("in May", "jeudi prochain"; one that only starts in it counts: "el jueves
        marcharán"); a cue that reads two ways (negated and planned) counts as both."""
        if self._cues is None:
            return []
        found = []
        for match in self._cues.finditer(text, start, end):
            at = match.start()
            if not any(at in span and match.end() <= span.stop for span in masked):
                kinds = [kind for kind, pattern in self._labels if pattern.match(text, at, end)]
                found += [(match.end(), kind, at) for kind in kinds]
        return sorted(found)


def _quotes_a_few_words(text: str, at: int) -> bool:
    """Whether ``text[at]`` opens or closes a quote of a few words, without punctuation."""
    if text[at] not in _QUOTES:
        return False
    nearby = _SHORT_QUOTE.finditer(text, max(0, at - _QUOTED), at + _QUOTED)
    return any(at in (quote.start(), quote.end() - 1) for quote in nearby)


def _clause_breaks(contrasts: list[str]) -> re.Pattern[str]:
    """Quotes, semicolons and colons, and a comma before a contrast ("mais", "aunque"):
    cues do not reach across them."""
    if not contrasts:
        return re.compile(_CLAUSE_BREAK)
    words = "|".join(sorted(contrasts, key=len, reverse=True))
    return re.compile(rf"{_CLAUSE_BREAK}|[,،]\s+(?:{words})(?!\w)", re.IGNORECASE)
