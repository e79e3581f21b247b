"""Mentions merged into events: one event per real-world event in an article."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from enrich.article import ArticleText
from enrich.dates import DateMention
from enrich.gazetteer import City, country_name
from enrich.mentions import Mention
from enrich.places import PlaceMention
from schemas import (
    Actor,
    Article,
    Codes,
    Event,
    EventType,
    Location,
    Modality,
    Quantity,
    QuantityUnit,
    Span,
)

_CODES = {
    EventType.STRIKE: Codes(cameo="195", plover="ASSAULT"),
    EventType.PROTEST: Codes(cameo="141", plover="PROTEST"),
    EventType.DEPLOYMENT: Codes(cameo="154", plover="MOBILIZE"),
    EventType.ADVISORY: Codes(cameo=None, plover=None),
}
_ARMED = (EventType.STRIKE, EventType.DEPLOYMENT)  # events an initiator's country tells apart
# counts that tell one event's size: another exact one is another event; tolls and
# aircraft counts differ between mentions of one strike (launched, downed, killed so far)
_SIZES = (QuantityUnit.TROOPS, QuantityUnit.PROTESTERS, QuantityUnit.SHIPS)
_STRIKER_FOCUS = 2  # a striker's country is the focus only when named this often
_CONTEXT_WEIGHT = 50  # a city in a named country wins unless one elsewhere is 50x bigger


@dataclass
class _Group:
    mentions: list[Mention]

    @property
    def head(self) -> Mention:
        return self.mentions[0]

    def date(self) -> DateMention | None:
        return next((m.date for m in self.mentions if m.date), None)

    def countries(self, named: set[str]) -> set[str]:
        return {c for m in self.mentions for p in m.places if (c := _country_of(p, named))}

    def accepts(self, mention: Mention, named: set[str]) -> bool:
        """Same type and modality, and nothing that says it is another event: another
        date, country or exact count, or for strikes and deployments another initiator's
        country."""
        if (mention.type, mention.modality) != (self.head.type, self.head.modality):
            return False
        mine, theirs = self.date(), mention.date
        if mine and theirs and not _overlap(mine, theirs):
            return False
        countries = self.countries(named)
        other = {c for p in mention.places if (c := _country_of(p, named))}
        if countries and other and not countries & other:
            return False
        if mention.type in _ARMED:  # another attacker, another army on the move
            by = {a.country for m in self.mentions for a in m.initiators if a.country}
            others = {a.country for a in mention.initiators if a.country}
            # (but not the side struck: "Moscou affirme que sa défense a abattu onze drones";
            # an army deploying at home against another's build-up is another event)
            struck = mention.type is EventType.STRIKE and others & countries
            if by and others and not by & others and not struck:
                return False
        exact = {unit: q.value for m in self.mentions for q, unit in m.quantities if not q.approx}
        return all(
            q.approx or unit not in _SIZES or exact.get(unit, q.value) == q.value
            for q, unit in mention.quantities
        )


@dataclass(frozen=True)
class _Context:
    """What every event of one article is built with."""

    article: Article
    text: ArticleText
    language: str
    countries: set[str]  # named in the article: context for ambiguous city names
    calibrate: Callable[[float], float]


def build_events(
    article: Article,
    text: ArticleText,
    mentions: list[Mention],
    language: str,
    calibrate: Callable[[float], float],
) -> list[Event]:
    """Merge mentions of one real-world event and turn each group into an Event."""
    named = _named_countries(text)
    groups: list[_Group] = []
    for mention in mentions:
        group = next((g for g in groups if g.accepts(mention, named)), None)
        if group:
            group.mentions.append(mention)
        else:
            groups.append(_Group([mention]))
    context = _Context(article, text, language, named, calibrate)
    return [_event(context, group) for group in groups]


def _event(context: _Context, group: _Group) -> Event:
    article, head, date = context.article, group.head, group.date()
    places = [p for m in group.mentions for p in m.places]
    place = _main_place(group) or _implied_place(group, context)
    countries = (_country_of(p, context.countries) for p in places or filter(None, [place]))
    return Event(
        event_id=_event_id(article.id, head),
        article_id=article.id,
        type=head.type,
        modality=head.modality,
        date=date.date if date else None,
        date_precision=date.precision if date else None,
        location=_location(place, context.countries),
        countries=list(dict.fromkeys(c for c in countries if c)),
        actors=_actors(group),
        quantities=_quantities(article.body, group),
        evidence=_evidence(article.body, context.text, group),
        language=context.language,
        confidence=context.calibrate(_evidence_score(group, date, places)),
        codes=_codes(head),
        advisory_level=next((m.level for m in group.mentions if m.level), None),
        published_at=article.published_at,
        source=article.source,
    )


def _event_id(article_id: str, head: Mention) -> str:
    key = f"{article_id}\x1f{head.type}\x1f{head.modality}\x1f{head.trigger[0]}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _overlap(a: DateMention, b: DateMention) -> bool:
    return a.date <= b.last_day and b.date <= a.last_day


def _main_place(group: _Group) -> PlaceMention | None:
    """The first mention's best place (mentions order their places best first)."""
    return next((m.places[0] for m in group.mentions if m.places), None)


def _implied_place(group: _Group, context: _Context) -> PlaceMention | None:
    """Where an event that names no place happened: for a protest or a deployment, the
    one country of those who act ("La Pologne a fait décoller ses avions"; not for a
    strike, whose target often stands abroad: "an Iranian site near al-Bukamal"); else the
    dateline's place; else the country the article names most. An advisory names the
    place it warns about, or has none."""
    head = group.head
    if head.type is EventType.ADVISORY:
        return None
    by = {a.country for m in group.mentions for a in m.initiators if a.country}
    strike = head.type is EventType.STRIKE
    if not strike and len(by) == 1:
        return _country_place(head, by.pop())
    focus = None if context.text.home else _focus(context, by if strike else set())
    return _country_place(head, focus) if focus else context.text.home


def _country_place(head: Mention, code: str) -> PlaceMention:
    return PlaceMention(*head.trigger, code, "country", code, locative=False)


def _focus(context: _Context, strikers: set[str]) -> str | None:
    """The country the article names most often, as a place or a state, if one does; a
    striker's country named once is no more than the striker ("The airstrikes, Israel
    said, ...")."""
    named = [_country_of(p, context.countries) for p in context.text.places]
    named += [a.country for a in context.text.actors if a.kind == "state"]
    counts = [*Counter(code for code in named if code).most_common(2), ("", 0), ("", 0)]
    (top, times), (_, second) = counts[0], counts[1]
    if times == second or (top in strikers and times < _STRIKER_FOCUS):
        return None
    return top


def _location(place: PlaceMention | None, context: set[str]) -> Location | None:
    if place is None:
        return None
    if place.precision != "city":
        name = place.name if place.precision == "region" else country_name(place.country or "")
        return Location(name=name, country=place.country, precision=place.precision)
    city = _disambiguate(place.cities, context)
    return Location(
        name=city.name, country=city.country, lat=city.lat, lon=city.lon, precision="city"
    )


def _named_countries(text: ArticleText) -> set[str]:
    """Countries the article names outright (as countries, states and provinces, or
    actors): context for cities ("Los Angeles, Biobío" is in Chile)."""
    named = {p.country for p in text.places if p.precision != "city" and p.country}
    return named | {a.country for a in text.actors if a.kind == "state" and a.country}


def _country_of(place: PlaceMention, context: set[str]) -> str | None:
    if place.precision == "city":
        return _disambiguate(place.cities, context).country
    return place.country


def _disambiguate(cities: tuple[City, ...], context: set[str]) -> City:
    """The most populous city of that name in a country the article names, unless the
    most populous anywhere is far bigger ("the US embassy in Lima" is in Peru, not Ohio);
    else the most populous anywhere."""
    top = cities[0]
    named = next((c for c in cities if c.country in context), top)
    return named if named.population * _CONTEXT_WEIGHT >= top.population else top


def _actors(group: _Group) -> list[Actor]:
    actors: dict[tuple[str, str], Actor] = {}
    for mention in group.mentions:
        for role, found in (("initiator", mention.initiators), ("target", mention.targets)):
            for a in found:
                actors.setdefault(
                    (a.name, role),
                    Actor.model_validate(
                        {"name": a.name, "role": role, "country": a.country, "kind": a.kind}
                    ),
                )
    return list(actors.values())


def _quantities(body: str, group: _Group) -> list[Quantity]:
    seen: dict[tuple[str, int], Quantity] = {}
    for mention in group.mentions:
        for q, unit in mention.quantities:
            seen.setdefault(
                (unit, q.value),
                Quantity(value=q.value, unit=unit, approx=q.approx, text=body[q.start : q.end]),
            )
    return list(seen.values())


def _evidence(body: str, text: ArticleText, group: _Group) -> list[Span]:
    spans = []
    for index in dict.fromkeys(m.sentence for m in group.mentions):
        bounds = text.bounds(index)
        spans.append(Span(text=body[bounds.start : bounds.end], start=bounds.start, end=bounds.end))
    return spans


def _evidence_score(group: _Group, date: DateMention | None, places: list[PlaceMention]) -> float:
    """How much evidence the event has, in [0, 1]; calibration turns it into a confidence."""
    score = 0.24 + 0.3 * max(m.strength for m in group.mentions)
    score += 0.08 * min(len(group.mentions) - 1, 2)
    score += 0.06 if date else 0.0
    score += 0.06 if places else 0.0
    score += 0.04 if any(m.initiators for m in group.mentions) else 0.0
    return round(min(0.97, max(0.05, score)), 2)


def _codes(head: Mention) -> Codes:
    """CAMEO and PLOVER codes: threats are 138/THREATEN, else the type's code, refined by
    the language's ``cameo`` stems (artillery 194, riots 145, labour strikes 143)."""
    if head.type is EventType.STRIKE and head.modality in (Modality.PLANNED, Modality.POSSIBLE):
        return Codes(cameo="138", plover="THREATEN")
    codes = _CODES[head.type]
    return Codes(cameo=head.cameo or codes.cameo, plover=codes.plover)
