"""Who did what to whom, and where: the actors and the countries of one mention."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from enrich.actors import ActorMention
from enrich.places import PlaceMention
from schemas import EventType

if TYPE_CHECKING:
    from enrich.article import ArticleText
    from enrich.languages import Language
    from enrich.mentions import Mention
    from enrich.text import Sentence

_ACTOR_REACH = 90  # characters before a trigger searched for its initiator
_ADJACENT = 30  # an actor this close after the trigger qualifies it ("frappes américaines")
_TARGET_REACH = 70  # a target marker must follow the trigger this closely
_TARGET_GAP = 30  # and the target its marker ("on Monday, American officials" is none)
_MARKER_GAP = 12  # a target marker stands this close before its actor ("against the")
_SOURCE_GAP = 25  # and a source marker ("nach Angaben der", "according to the")
_OBJECT_GAP = 5  # characters between a strike verb and the country it strikes
_OBJECT_GAP_WORDS = re.compile(r"\s*(?:\w+(?:'|’|\s+))?")  # nothing, or an article


def attach_actors(mention: Mention, article: ArticleText, language: Language) -> None:
    """Initiator: qualifier after the trigger, else an actor before it in the sentence.

    Target (not of advisories): the first actor after a target marker ("contre",
    "against") that follows the trigger in the same sentence, else the country a strike
    verb takes as object.
    """
    text, (start, end) = article.text, mention.trigger
    bounds = article.bounds(mention.sentence)
    actors = article.in_sentence(article.actors, mention.sentence)
    countries = article.in_sentence(article.unlocated, mention.sentence)
    markers = language.actors.targets
    target_at = markers.search(text, end, bounds.end) if markers else None
    target_from = target_at.start() if target_at else bounds.end
    after = [a for a in actors if end <= a.start < min(target_from, end + _ADJACENT)]
    before = [a for a in actors if a.end <= start and start - a.end <= _ACTOR_REACH]
    before = _not_civilians([a for a in before if not _after_marker(text, a, bounds, markers)])
    agents = language.actors.agents
    strike = mention.type is EventType.STRIKE
    struck = [p for p in countries if _object_of(text, end, p, agents)] if strike else []
    if mention.type is EventType.PROTEST:
        crowd = [a for a in actors if a.kind == "civilians"]
        mention.initiators = crowd[:1] or [a for a in before if not _security(a)][:1]
    elif mention.type is EventType.ADVISORY:
        # The issuer stands before the warning, or after it in a reporting clause
        # ("..., indique France Diplomatie"); a country named after it is a destination.
        issuers = [a for a in after if not _is_named(a, countries)]
        mention.initiators = (before or _not_civilians(issuers))[:1]
        _add_places(mention, [p for p in countries if p.start >= end])
        _drop_issuer_home(mention, start)
    else:
        if struck:
            after = []  # "strike Iran if Tehran...": actors after the object are not the striker
        sources = language.actors.sources  # "nach Angaben der ukrainischen Luftwaffe"
        before = [a for a in before if not _after_marker(text, a, bounds, sources, _SOURCE_GAP)]
        around = (before, after)
        mention.initiators = _armed_initiator(text, mention.trigger, actors, around, language)
        if strike and language.verbs_last and mention.initiators:
            # "Russland hat die Ukraine … angegriffen": the object stands before the verb
            subject_end = mention.initiators[0].end
            struck += [p for p in countries if subject_end <= p.start and p.end <= start]
    if (
        target_at
        and target_at.start() - end <= _TARGET_REACH
        and mention.type is not EventType.ADVISORY
    ):
        aimed = target_at.end()  # the target follows its marker closely ("against X")
        mention.targets = [a for a in actors if _follows(text, aimed, a.start)][:1]
    if strike:  # "bombardear Irán": the object is struck
        _add_places(mention, struck)
        mention.targets = mention.targets or [a for a in actors if _is_named(a, struck)][:1]


def _armed_initiator(
    text: str,
    trigger: tuple[int, int],
    actors: list[ActorMention],
    around: tuple[list[ActorMention], list[ActorMention]],
    language: Language,
) -> list[ActorMention]:
    """Who struck or moved forces (``around``: the actors before and after the trigger):
    a qualifier right after the trigger, else its subject before it, else an actor inside
    it ("أطلقت باكستان صواريخ"), else one reporting it after a comma. A force without a
    country takes the country word beside it."""
    (start, end), (before, after) = trigger, around
    after = _not_civilians(after)
    qualifiers = [a for a in after if _qualifies(text, end, a, language)]
    inside = [a for a in actors if start <= a.start and a.end <= end and a.kind != "civilians"]
    reporters = [a for a in after if _across_punctuation(text, end, a)]
    subject = _subject(text, start, before, language)
    chosen = (qualifiers or subject or inside or reporters)[:1]
    return [_with_its_country(text, a, actors, language) for a in chosen]


def _subject(
    text: str, trigger: int, before: list[ActorMention], language: Language
) -> list[ActorMention]:
    """Who did it, among the actors before the trigger: the one right before it ("Russian
    missiles", "russischen Raketenangriff"), else the nearest ("Russia said Ukrainian
    drones struck"); but the first where verbs come last ("Russland hat die Ukraine …
    angegriffen") or when a joiner shows a second verb of the same subject ("Trump a
    accusé l'Iran … et a envoyé 750 soldats")."""
    if not before:
        return []
    nearest = before[-1]
    if language.places.joins(text, nearest.end, trigger):
        return before[:1]
    if _adjacent(text, nearest, trigger):
        return [nearest]
    if language.verbs_last:  # the first in the trigger's clause (no comma between)
        return [next((a for a in before if "," not in text[a.end : trigger]), nearest)]
    return [nearest]


def _with_its_country(
    text: str, actor: ActorMention, actors: list[ActorMention], language: Language
) -> ActorMention:
    """A force without a country takes the country word that qualifies it: "Afghan
    security forces", "الشرطة الكينية"."""
    if actor.country is not None:
        return actor
    for other in actors:
        if language.adjectives_follow_nouns:
            gap = text[actor.end : other.start] if other.start >= actor.end else "-"
        else:
            gap = text[other.end : actor.start] if other.end <= actor.start else "-"
        if other.country and not gap.strip():
            return other
    return actor


def _adjacent(text: str, actor: ActorMention, start: int) -> bool:
    """Whether at most one word stands between the actor and ``start``."""
    return len(text[actor.end : start].split()) <= 1


def _qualifies(text: str, trigger_end: int, actor: ActorMention, language: Language) -> bool:
    """Whether an actor after the trigger says whose it is: as an adjective right after
    it where they follow nouns ("frappes (aériennes) américaines", not "ont bombardé des
    positions cambodgiennes"), or after an agent marker ("strikes by US
    forces"; "Pakistani artillery shelled Indian posts" is Pakistan's); not across a comma,
    where it only reports it ("…angegriffen, teilte die ukrainische Luftwaffe mit") and is
    the initiator only when no actor stands before the trigger ("The airstrikes, Israel
    said, …")."""
    if _across_punctuation(text, trigger_end, actor):
        return False
    gap = text[trigger_end : actor.start]
    agents = language.actors.agents
    adjective = language.adjectives_follow_nouns and len(gap.split()) <= 1
    return adjective or bool(agents and agents.search(gap))


def _across_punctuation(text: str, trigger_end: int, actor: ActorMention) -> bool:
    return _punctuated(text[trigger_end : actor.start])


def _punctuated(gap: str) -> bool:
    """Whether a clause or phrase boundary lies in ``gap``."""
    return any(mark in gap for mark in ",.;:()")


def _follows(text: str, marker_end: int, start: int) -> bool:
    """Whether an actor at ``start`` is what the target marker points at: a few words
    after it, no punctuation between ("on Monday, American officials" is not)."""
    gap = text[marker_end:start]
    fits = start >= marker_end and len(gap) <= _TARGET_GAP
    return fits and not _punctuated(gap)


def _is_named(actor: ActorMention, places: list[PlaceMention]) -> bool:
    """Whether the actor is just one of these country names (not "France Diplomatie")."""
    return any(actor.start == p.start and actor.end == p.end for p in places)


def _add_places(mention: Mention, named: list[PlaceMention]) -> None:
    """Countries named without a locative that are still the event's place: where an
    advisory warns about ("advisory for Haiti", "Reisewarnung für Israel"), what a strike
    hits ("strike Iran"). Never the initiator's own country."""
    issuers = {a.country for a in mention.initiators}
    known = {p.country for p in mention.places}
    for place in named:
        if place.country not in issuers | known:
            known.add(place.country)
            mention.places.append(replace(place, locative=True))


def _object_of(
    text: str, trigger_end: int, place: PlaceMention, agents: re.Pattern[str] | None
) -> bool:
    """Whether a country name is the trigger's object: right after it, an article or
    preposition at most between ("strike Iran", "frapper l'Iran", "atacar a Irán"), but
    not an agent marker ("an airstrike by US forces")."""
    gap = text[trigger_end : place.start] if place.start >= trigger_end else "-"
    if len(gap) > _OBJECT_GAP or not _OBJECT_GAP_WORDS.fullmatch(gap):
        return False
    return not (agents and agents.search(gap))


def _drop_issuer_home(mention: Mention, trigger: int) -> None:
    """An advisory warns about abroad: a place in the issuer's own country ("the Foreign
    Office in London") is where it was issued, and a capital standing as the subject
    before the warning is the issuer ("Madrid desaconseja…"), unless the advisory names
    no other place."""
    issuers = {a.country for a in mention.initiators if a.country}
    issuers |= {p.country for p in mention.places if p.country and _speaks_for(p, trigger)}
    abroad = [p for p in mention.places if p.country not in issuers]
    if issuers and abroad:
        mention.places = abroad


def _speaks_for(place: PlaceMention, trigger: int) -> bool:
    """A capital named before the trigger and not as a location: its government."""
    return place.capital and not place.locative and place.end <= trigger


def _security(actor: ActorMention) -> bool:
    """The police or an unnamed army: those who face a protest, not those who make it."""
    return actor.kind == "government" or (actor.kind == "state" and actor.country is None)


def _not_civilians(actors: list[ActorMention]) -> list[ActorMention]:
    return [a for a in actors if a.kind != "civilians"]


def _after_marker(
    text: str,
    actor: ActorMention,
    bounds: Sentence,
    markers: re.Pattern[str] | None,
    reach: int = _MARKER_GAP,
) -> bool:
    if markers is None:
        return False
    return bool(markers.search(text, max(bounds.start, actor.start - reach), actor.start))
