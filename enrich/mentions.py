"""Trigger mentions in one article, with the date, places, actors and counts around them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from enrich.actors import ActorMention
from enrich.article import (
    PLACE_LOOKBACK,
    ArticleText,
    Hit,
    Located,
    S,
    places_and_actors,
)
from enrich.dates import DateMention
from enrich.languages import Language, TriggerSet
from enrich.places import PlaceMention
from enrich.quantities import QuantityMention
from enrich.roles import attach_actors
from enrich.text import Sentence, Window, scan
from schemas import DatePrecision, EventType, Modality, QuantityUnit

_NAMED_ACTORS = ("state", "armed_group")  # a trigger inside their name is part of the name
_BARE_NUMBER_REACH = 60  # a number without a unit counts only this close to the trigger
_ANOTHER_EVENT = (Modality.PLANNED, Modality.POSSIBLE)  # what a later trigger may be apart
_DATE_AFTER = 40  # a date this close after a trigger dates it
_BACKGROUND = dt.timedelta(days=30)  # an event done this long before publication is background
_UNITS: dict[EventType, tuple[QuantityUnit, ...]] = {
    EventType.STRIKE: (QuantityUnit.KILLED, QuantityUnit.INJURED, QuantityUnit.AIRCRAFT),
    EventType.PROTEST: (QuantityUnit.PROTESTERS, QuantityUnit.KILLED, QuantityUnit.INJURED),
    EventType.DEPLOYMENT: (QuantityUnit.TROOPS, QuantityUnit.SHIPS, QuantityUnit.AIRCRAFT),
    EventType.ADVISORY: (),
}
_DEFAULT_UNIT = {
    EventType.PROTEST: QuantityUnit.PROTESTERS,
    EventType.DEPLOYMENT: QuantityUnit.TROOPS,
}


@dataclass
class Mention:
    """The triggers of one type and modality in one sentence, and what surrounds them."""

    type: EventType
    modality: Modality
    trigger: tuple[int, int]
    sentence: int
    strength: float
    last: int = 0  # where its last trigger ends
    date: DateMention | None = None
    places: list[PlaceMention] = field(default_factory=list)
    initiators: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    quantities: list[tuple[QuantityMention, QuantityUnit]] = field(default_factory=list)
    level: str | None = None
    cameo: str | None = None


def find_mentions(article: ArticleText, language: Language) -> list[Mention]:
    """Every trigger mention, in text order: one per type and sentence, and another
    where a later trigger of the type is hedged by cues after the last one ("no plans to
    send troops … but may deploy jets" is two)."""
    mentions: dict[tuple[EventType, int], list[Mention] | None] = {}  # None: vetoed
    masked = [range(d.start, d.end) for d in article.dates]
    for kind, words in language.triggers.items():
        for start, end, strength in _triggers(article, kind, words, masked):
            index = article.sentences.index_of(start)
            if (kind, index) not in mentions:
                vetoed = _vetoed(article.text, article.bounds(index), words)
                mentions[kind, index] = None if vetoed else []
            same = mentions[kind, index]
            if same is not None:
                trigger = Mention(kind, Modality.ASSERTED, (start, end), index, strength, end)
                _add_trigger(same, trigger, article, language, masked)
    found = sorted((m for same in mentions.values() for m in same or ()), key=lambda m: m.trigger)
    for mention in found:
        _attach(mention, article, language, found)
    found = _without_background(found, article)
    _inherit_initiators(found)
    _advise_about_the_focus(found, article, language)
    return found


def _add_trigger(
    same: list[Mention],
    trigger: Mention,
    article: ArticleText,
    language: Language,
    masked: list[range],
) -> None:
    """Add a trigger to the mentions of its type and sentence: as a new mention when it
    is the first, or when it tells another event than the last one and no mention of its
    modality is there yet; else into that mention or the last one."""
    text, span, kind = article.text, trigger.trigger, trigger.type
    bounds = article.bounds(trigger.sentence)
    sentence = (same[-1].last, bounds.end) if same else (bounds.start, bounds.end)
    advisory = kind is EventType.ADVISORY
    trigger.modality = language.modality.classify(text, sentence, span, masked, advisory)
    takers = language.triggers[kind].participants
    if trigger.modality is Modality.NEGATED and takers and takers.fullmatch(text, *span):
        trigger.modality = Modality.ASSERTED  # "denied firing on protesters": they were there
    earlier = next((m for m in same if m.modality is trigger.modality), None)
    if same and not _another_event(same[-1], trigger, article, language):
        earlier = same[-1]
    if earlier:
        earlier.strength = max(earlier.strength, trigger.strength)
        earlier.last = span[1]
    elif not _not_an_event(text, (bounds.start, bounds.end), span, kind, language):
        same.append(trigger)


def _another_event(
    last: Mention, trigger: Mention, article: ArticleText, language: Language
) -> bool:
    """Whether a later trigger of the sentence tells another event than the last one: it
    is hedged (planned, possible), or it is told as fact after a denial, past a clause
    break ("no ha desplegado baterías Patriot, pero … dos destructores navegan")."""
    if trigger.modality in _ANOTHER_EVENT:
        return True
    after_denial = last.modality is Modality.NEGATED and trigger.modality is Modality.ASSERTED
    between = (last.last, trigger.trigger[0])
    return after_denial and language.modality.breaks(article.text, *between)


def _not_an_event(
    text: str, sentence: Window, trigger: Window, kind: EventType, language: Language
) -> bool:
    """Old news, or a statement about such events in general (advice is not one)."""
    modality = language.modality
    if modality.is_history(text, sentence, trigger):
        return True
    return kind is not EventType.ADVISORY and modality.is_generic(text, sentence, trigger)


def _advise_about_the_focus(
    mentions: list[Mention], article: ArticleText, language: Language
) -> None:
    """An advisory that names no place near it ("Security status: Normal Precautions")
    is about the country the whole article names most often as a place (not the
    issuer's)."""
    unplaced = [m for m in mentions if m.type is EventType.ADVISORY and not m.places]
    if not unplaced:
        return
    places, _, _ = places_and_actors(article.text, [(0, len(article.text))], language)
    for mention in unplaced:
        issuers = {a.country for a in mention.initiators}
        counts = Counter(p.country for p in places if p.country not in issuers)
        if counts:
            focus = counts.most_common(1)[0][0]
            mention.places = [next(p for p in places if p.country == focus)]


def _inherit_initiators(mentions: list[Mention]) -> None:
    """A follow-up sentence ("3,000 more will be ready") keeps the previous initiator."""
    last: dict[EventType, Mention] = {}
    for mention in mentions:
        earlier = last.get(mention.type)
        if earlier and not mention.initiators and mention.sentence - earlier.sentence == 1:
            mention.initiators = earlier.initiators
        last[mention.type] = mention


def _triggers(
    article: ArticleText, kind: EventType, words: TriggerSet, masked: list[range]
) -> list[Hit]:
    """The type's hits that survive their cues, exclusions, dates and named actors."""
    spans = article.hits[kind]
    if not spans:
        return []
    text = article.text
    excluded = list(masked)
    names = [(a.start, a.end) for a in article.actors if a.kind in _NAMED_ACTORS]
    if words.exclusions:
        windows = article.sentences.windows({article.sentences.index_of(s[0]) for s in spans})
        excluded += [range(m.start(), m.end()) for m in scan(words.exclusions, text, windows)]
    blocked = bytearray(len(text))
    for span in excluded:
        blocked[span.start : span.stop] = b"\x01" * len(span)
    kept: list[Hit] = []
    for start, end, strength in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue  # inside a longer trigger already kept
        if blocked[start] or blocked[end - 1]:
            continue
        if not any(first <= start and end <= last for first, last in names):
            kept.append((start, end, strength))  # "Militias were massing" starts a phrase
    return kept


def _vetoed(text: str, bounds: Sentence, words: TriggerSet) -> bool:
    return bool(words.vetoes and words.vetoes.search(text, bounds.start, bounds.end))


def _attach(
    mention: Mention, article: ArticleText, language: Language, mentions: list[Mention]
) -> None:
    dates = article.in_sentence(article.dates, mention.sentence)
    if mention.modality in (Modality.ASSERTED, Modality.NEGATED):
        after_dateline = [d for d in dates if d.start >= article.dateline]
        own = _event_date(after_dateline or dates, mention.trigger)
        mention.date = own or _date_before(article, mention, mentions)
        if _is_ahead(mention, article.published):  # "La grève a lieu jeudi prochain"
            mention.modality = Modality.PLANNED
    elif mention.modality is Modality.PLANNED and article.published:
        mention.date = _planned_date(dates, mention.trigger, article.published)
    elif article.published:  # a threat or a condition: only a date in its own clause
        mention.date = _threatened_date(article, dates, mention.trigger, article.published)
    mention.places = _places(article, mention.sentence, mention.trigger)
    attach_actors(mention, article, language)
    if _at_home(mention) and not article.in_sentence(article.places, mention.sentence):
        mention.places = []  # not the place of the sentence before: "Poland scrambled jets"
    mention.quantities = _quantities(mention, article)
    words = language.triggers[mention.type]
    trigger = article.text[mention.trigger[0] : mention.trigger[1]]
    mention.cameo = next((code for code, stems in words.cameo if stems.search(trigger)), None)
    bounds = article.bounds(mention.sentence)
    mention.level = next(
        (
            level
            for level, pattern in words.levels
            if pattern.search(article.text, bounds.start, bounds.end)
        ),
        None,
    )


def _at_home(mention: Mention) -> bool:
    """Whether a protest or deployment is told of one country's people or forces, with no
    place of its own: it happens there (events.py), not where the sentence before was."""
    if mention.type not in (EventType.PROTEST, EventType.DEPLOYMENT):
        return False
    return len({a.country for a in mention.initiators if a.country}) == 1


def _without_background(mentions: list[Mention], article: ArticleText) -> list[Mention]:
    """Drop the events told as done and dated, in their own clause, more than a month
    before publication: background ("the third general strike since December 2023"), not
    news. An old date in another clause or sentence ("Pese al alto el fuego firmado en
    noviembre, Israel mantiene tropas"), one that starts a period ("has not fired rockets
    since November"), or one near a denial ("la junte au pouvoir depuis le coup d'Etat de
    février 2021 a nié toute frappe"), is not the event's: the event stays, undated."""
    kept = []
    for mention in mentions:
        if _long_ago(mention, article.published):
            done = mention.modality is Modality.ASSERTED
            if done and _dated_in_its_clause(mention, article):
                continue
            mention.date = None
        kept.append(mention)
    return kept


def _long_ago(mention: Mention, published: dt.date | None) -> bool:
    """Whether a done or denied event is dated over a month before publication (not a
    day named without its year: the year is a guess)."""
    date = mention.date
    if published is None or date is None or mention.modality in _ANOTHER_EVENT:
        return False
    guessed = date.yearless and date.precision is DatePrecision.DAY
    return not guessed and date.last_day < published - _BACKGROUND


def _dated_in_its_clause(mention: Mention, article: ArticleText) -> bool:
    """Whether the mention's date stands in its sentence, with no comma between it and
    the trigger, and does not start a period."""
    date = mention.date
    if (
        date is None
        or date.since
        or date not in article.in_sentence(article.dates, mention.sentence)
    ):
        return False
    return not _comma_between(article.text, date, mention.trigger)


def _comma_between(text: str, date: DateMention, trigger: tuple[int, int]) -> bool:
    """Whether a comma parts a date of the trigger's sentence from it: it then dates
    another clause."""
    start, end = trigger
    between = (date.end, start) if date.start < start else (end, date.start)
    return "," in text[between[0] : between[1]]


def _event_date(dates: list[DateMention], trigger: tuple[int, int]) -> DateMention | None:
    """The date of an event told as done: one soon after the trigger ("bombed villages on
    Sunday"), before one ahead of it, which often dates the telling ("said on Tuesday")."""
    soon = [d for d in dates if trigger[1] <= d.start <= trigger[1] + _DATE_AFTER]
    return soon[0] if soon else _nearest(dates, trigger)


def _is_ahead(mention: Mention, published: dt.date | None) -> bool:
    """Whether an event told in the present or past tense is dated after publication."""
    future = mention.date is not None and published is not None and mention.date.date > published
    advice = mention.type is EventType.ADVISORY  # issued now, whatever date it names
    return future and mention.modality is Modality.ASSERTED and not advice


def _date_before(
    article: ArticleText, mention: Mention, mentions: list[Mention]
) -> DateMention | None:
    """A sentence without a date tells what happened on the date the one before it gave
    ("On 5 May, thousands marched. Police were deployed..."), when that sentence gives
    one date only, not in the future (of two, which one would it be?), and tells of no
    plan or threat (its date is then when that will be)."""
    previous = mention.sentence - 1
    if previous < 0 or any(
        m.sentence == previous and m.modality in _ANOTHER_EVENT for m in mentions
    ):
        return None
    earlier = article.in_sentence(article.dates, previous)
    past = [d for d in earlier if article.published is None or d.date <= article.published]
    return past[0] if len(earlier) == len(past) == 1 else None


def _planned_date(
    dates: list[DateMention], trigger: tuple[int, int], published: dt.date
) -> DateMention | None:
    """When a planned event is planned for.

    A date after the trigger or inside it ("une grève jeudi", "a strike on 20 March") is
    read forward. One before it is most often when the plan was announced, unless it can
    only be in the future ("für den 3. März", "für kommenden Donnerstag")."""
    later = _nearest([d for d in dates if d.start >= trigger[0]], trigger)
    if later:
        return later.ahead(published)
    future = [d.ahead(published) for d in dates if d.weekday is None or d.date > published]
    return _nearest([d for d in future if d.date > published], trigger)


def _threatened_date(
    article: ArticleText, dates: list[DateMention], trigger: tuple[int, int], published: dt.date
) -> DateMention | None:
    """When a possible event would be: a date after the trigger in its clause, read forward
    ("would hold a strike on Monday if..."), not the date it was threatened ("pourraient
    mener des frappes …, a averti jeudi")."""
    first = next((d for d in dates if d.start >= trigger[1]), None)
    if first is None or _comma_between(article.text, first, trigger):
        return None
    return first.ahead(published)


def _distance(item: Located, span: tuple[int, int]) -> int:
    if item.end <= span[0]:
        return span[0] - item.end
    return max(0, item.start - span[1])


def _nearest(items: list[S], span: tuple[int, int]) -> S | None:
    return min(items, key=lambda item: _distance(item, span), default=None)


def _places(article: ArticleText, index: int, trigger: tuple[int, int]) -> list[PlaceMention]:
    """Places of the sentence, those after the trigger first ("strikes in Iraq"), else
    those of the nearest sentence before it that names one."""
    own = article.in_sentence(article.places, index)
    own = [p for p in own if p.start >= article.dateline] or own  # the dateline: no other
    if own:
        return _city_first(sorted(own, key=lambda p: (p.start < trigger[0], _distance(p, trigger))))
    for back in range(1, PLACE_LOOKBACK + 1):
        if index - back < 0:
            break
        places = article.in_sentence(article.places, index - back)
        if places:
            return places
    return []


def _city_first(places: list[PlaceMention]) -> list[PlaceMention]:
    """A city of the country named first is the more precise place ("the Syrian city of
    Idlib", "la province afghane de Kunar")."""
    if not places or places[0].precision != "country":
        return places
    for place in places[1:]:
        if any(city.country == places[0].country for city in place.cities):
            return [place, *(p for p in places if p is not place)]
    return places


def _quantities(
    mention: Mention, article: ArticleText
) -> list[tuple[QuantityMention, QuantityUnit]]:
    allowed = _UNITS[mention.type]
    found = []
    for quantity in article.in_sentence(article.quantities, mention.sentence):
        unit = quantity.unit
        if unit is None:
            unit = _DEFAULT_UNIT.get(mention.type)
            if _distance(quantity, mention.trigger) > _BARE_NUMBER_REACH or _year_like(quantity):
                continue
        if unit in allowed:
            found.append((quantity, unit))
    return found


def _year_like(quantity: QuantityMention) -> bool:
    return 1900 <= quantity.value <= 2100 and quantity.end - quantity.start == 4
