"""The worker's agents: ``ingest`` (validate + enrich + route) and ``alert``.

Topology::

    articles.raw --ingest--> events + events.<type>      (key article_id)
                        \\--> deadletter                  (key = origin key)
    events ------alert----> alerts                       (key alert_id)
                        \\--> deadletter

Validation and enrichment are one agent on purpose: a second stage behind an internal
topic would double the traffic, and its dead letters would point at the internal topic
instead of the raw message. In one agent every dead letter (decode error, schema
violation, engine failure) carries the exact raw topic/partition/offset/key, and the raw
offset is committed only after the article's events were handed to the producer (faust
flushes the producer before it commits), which keeps at-least-once delivery.

``alert`` reads Event models through the ``tocsin.event`` codec; an event that does not
decode is dead-lettered by :class:`streams.codecs.GuardedTopic` instead of crashing the
agent. Both agents yield one value per message (nothing is attached to them in
production); it lets ``agent.test_context().put()`` wait until a message is processed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol, cast

import structlog
from faust.types import AgentT, AppT, EventT, Message, StreamT

from enrich import Extraction
from schemas import Alert, Article, Event
from schemas.codec import decode
from schemas.errors import DecodeError, SchemaViolation
from streams.deadletters import DeadLetters, error_kind, payload_bytes
from streams.metrics import Metrics
from streams.topics import BoundTopics

log = structlog.get_logger("tocsin.agents")


class Extractor(Protocol):
    """What the ``ingest`` agent needs from ``enrich.Engine``."""

    def extract(self, article: Article) -> Extraction:
        """Find the events in one article."""
        ...


class Rules(Protocol):
    """What the ``alert`` agent needs from ``enrich.AlertRules``."""

    def evaluate(self, event: Event, now: dt.datetime) -> list[Alert]:
        """The alerts one event raises."""
        ...


@dataclass(frozen=True)
class Agents:
    """The agents of one app (tests use their ``test_context()``)."""

    ingest: AgentT[Any]
    alert: AgentT[Any]


def _failure(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def register_agents(
    app: AppT, topics: BoundTopics, engine: Extractor, rules: Rules, metrics: Metrics
) -> Agents:
    """Define the agents on ``app`` and route undecodable events to the dead-letter topic."""
    letters = DeadLetters(topics.deadletter, metrics)
    topics.events.guard.handler = letters.undecodable

    async def route(article: Article, message: Message) -> None:
        try:
            with metrics.extract_seconds.time():
                extraction = engine.extract(article)
        # Boundary: any bug in the engine must dead-letter this one article (with its
        # exact origin) and let the worker go on; everything else propagates.
        except Exception as exc:
            log.exception("extract_failed", article_id=article.id)
            await letters.send("processing_error", _failure(exc), message)
            return
        if extraction.status == "unsupported_language":
            metrics.unsupported_language.inc()
        for event in extraction.events:
            await topics.events.send(key=event.article_id, value=event)
            await topics.by_type[event.type].send(key=event.article_id, value=event)
            metrics.count_event(event)

    async def ingest(stream: StreamT[bytes]) -> AsyncIterator[Any]:
        """Raw bytes -> Article -> events on ``events`` and the type topic."""
        async for item in stream.events():
            metrics.articles_in.inc()
            try:
                article = decode(payload_bytes(item.message.value), Article)
            except (DecodeError, SchemaViolation) as exc:
                metrics.articles_invalid.labels(reason=error_kind(exc)).inc()
                yield await letters.send(error_kind(exc), str(exc), item.message)
                continue
            await route(article, item.message)
            yield article.id

    async def evaluate(item: EventT[Event]) -> list[Alert]:
        event = cast(Event, item.value)  # the topic's codec only yields Event models
        try:
            return rules.evaluate(event, dt.datetime.now(dt.UTC))
        # Boundary: a bug in a rule must dead-letter this event, not stop the alerts.
        except Exception as exc:
            log.exception("rules_failed", event_id=event.event_id)
            await letters.send("processing_error", _failure(exc), item.message)
            return []

    async def alert(stream: StreamT[Event]) -> AsyncIterator[Any]:
        """Event -> alerts on ``alerts``, keyed by ``alert_id``."""
        async for item in stream.events():
            alerts = await evaluate(item)
            for raised in alerts:
                await topics.alerts.send(key=raised.alert_id, value=raised)
                metrics.count_alert(raised)
            metrics.events_in.inc()
            yield [raised.alert_id for raised in alerts]

    return Agents(
        ingest=app.agent(topics.raw, name="tocsin.ingest")(ingest),
        alert=app.agent(topics.events, name="tocsin.alert")(alert),
    )
