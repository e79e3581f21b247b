"""What an article holds before its triggers are read: sentences, dates, places, actors,
counts and the raw trigger hits, each found only near a trigger."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol, TypeVar

from enrich.actors import ActorMention
from enrich.dates import DateMention
from enrich.languages import Language, TriggerSet
from enrich.places import PlaceMention
from enrich.quantities import QuantityMention
from enrich.text import Sentence, SentenceIndex, Window
from schemas import EventType

CUED_STRENGTH = 0.7
PLACE_LOOKBACK = 2  # sentences a mention may borrow its place from
# "KYIV, June 16 (Reuters) - ", "Kiew (dpa) - ", "MADRID, 5 ago (EFE).- ": a place, maybe a
# date, an agency in parentheses, then a dash or colon
_DATELINE = re.compile(r"\s*[^\W\d][^\n()]{0,60}?\([^()\n]{1,30}\)\s*(?:\.?\s*[-–—]+|:)\s*")
_COMPOUND = re.compile(r"-[A-ZÄÖÜ]")  # "Ukraine-Liveblog", "Russia-Ukraine war": no actor
_TITLE = 200  # a first line this short, without a dateline, may be a headline above one


class Located(Protocol):
    """Anything found at ``start:end`` of the text."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Located)
_start = attrgetter("start")


@dataclass(frozen=True)
class ArticleText:
    """One article's text and everything found in it before triggers are read."""

    text: str
    published: dt.date | None
    sentences: SentenceIndex
    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    quantities: list[QuantityMention]
    hits: dict[EventType, list[Hit]]
    unlocated: list[PlaceMention]  # country names without a locative (read as actors)
    dateline: int  # where the dateline ("KYIV, June 16 (Reuters) - ") ends; 0: none
    home: PlaceMention | None  # the dateline's place

    @classmethod
    def analyse(
        cls, text: str, sentences: list[Sentence], language: Language, published: dt.date | None
    ) -> ArticleText:
        """Find the triggers (a cued one only with its cue), then run the other finders
        only around them.

        Most sentences of a news article hold no trigger; counts are only read in
        sentences that do, dates there and in the sentence before (which may date them),
        places and actors there and in the two before (where a mention may find its
        place).
        """
        index = SentenceIndex(sentences)
        hits = {kind: raw_hits(text, words, index) for kind, words in language.triggers.items()}
        own = {index.index_of(start) for found in hits.values() for start, _, _ in found}

        def reach(back: int) -> list[Window]:
            return index.windows({i - b for i in own for b in range(back + 1) if i >= b})

        places, actors, unlocated = places_and_actors(text, reach(PLACE_LOOKBACK), language)
        start, dateline = _dateline(text)
        actors = [a for a in actors if not start <= a.start < dateline]  # "Berlin (dpa) -"
        home = next(iter(language.places.find(text, [(start, dateline)])), None)
        dates = language.dates.find(text, published, reach(1))
        quantities = [  # the day of a date ("le 15 avril") is not a count
            q
            for q in language.quantities.find(text, reach(0))
            if not any(d.start <= q.start < d.end for d in dates)
        ]
        return cls(
            text=text,
            published=published,
            sentences=index,
            dates=dates,
            places=places,
            actors=actors,
            quantities=quantities,
            hits=hits,
            unlocated=unlocated,
            dateline=dateline,
            home=home,
        )

    def bounds(self, index: int) -> Sentence:
        """Sentence ``index``."""
        return self.sentences.sentences[index]

    def in_sentence(self, items: list[S], index: int) -> list[S]:
        """The items that start inside sentence ``index`` (every list here is in text
        order)."""
        sentence = self.bounds(index)
        first = bisect_left(items, sentence.start, key=_start)
        last = bisect_left(items, sentence.end, lo=first, key=_start)
        return items[first:last]


def _dateline(text: str) -> tuple[int, int]:
    """Where the dateline stands: at the start of the text, or after a one-line headline;
    (0, 0) when there is none."""
    found = _DATELINE.match(text)
    if found is None and 0 < (title := text.find("\n")) <= _TITLE:
        found = _DATELINE.match(text, title)
    return found.span() if found else (0, 0)


def places_and_actors(
    text: str, windows: list[Window], language: Language
) -> tuple[list[PlaceMention], list[ActorMention], list[PlaceMention]]:
    """Places (located names and cities) and actors, each name read one way only.

    A located name is a place, not an actor ("in Iraq"); a city whose name is an actor's
    is the actor unless located ("Washington said"); an unlocated country is a state.
    """
    found = language.places.find(text, windows)
    located = _covered(text, [(p.start, p.end) for p in found if p.locative])
    actors = [a for a in language.actors.find(text, windows) if not located[a.start]]
    adjectives = [
        a
        for a in actors
        if a.kind == "state"
        and a.country
        and language.places.beside_place_noun(text, a.start, a.end)
    ]
    found += [
        PlaceMention(a.start, a.end, a.name, "country", a.country, locative=True)
        for a in adjectives
    ]
    places_now = {id(a) for a in adjectives}
    actors = [a for a in actors if id(a) not in places_now]
    context = {a.country for a in actors if a.kind == "state" and a.country}
    found = [language.places.capital_instead(text, p, context) or p for p in found]
    named = _covered(text, [(a.start, a.end) for a in actors])
    places = [p for p in found if p.locative or (p.precision == "city" and not named[p.start])]
    unlocated = [p for p in found if p.precision == "country" and not p.locative]
    actors += [
        ActorMention(p.start, p.end, p.name, p.country, "state")
        for p in unlocated
        if not named[p.start]
    ]
    actors = [a for a in actors if not _COMPOUND.match(text, a.end)]
    return sorted(places, key=_start), sorted(actors, key=_start), sorted(unlocated, key=_start)


def _covered(text: str, spans: list[tuple[int, int]]) -> bytearray:
    """One byte per character of ``text``: 1 inside one of ``spans``."""
    mask = bytearray(len(text) + 1)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


Hit = tuple[int, int, float]  # start, end, strength


def raw_hits(text: str, words: TriggerSet, index: SentenceIndex) -> list[Hit]:
    """Every trigger match, and every cued-trigger match with a cue in its own sentence,
    before exclusions and vetoes."""
    hits = []
    if words.triggers:
        found = words.triggers.finditer(text)
        hits += [(m.start("w"), m.end("w"), 1.0) for m in found]
    if words.cued and words.cues:
        cues = words.cues
        for match in words.cued.finditer(text):
            sentence = index.sentences[index.index_of(match.start("w"))]
            if cues.search(text, sentence.start, sentence.end):
                hits.append((match.start("w"), match.end("w"), CUED_STRENGTH))
    return hits
