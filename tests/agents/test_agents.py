"""The agents under faust's test context, with a fake engine and fake rules (no broker)."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from faust.types import Message
from prometheus_client import CollectorRegistry

from enrich import Extraction
from schemas import Alert, Article, DeadLetter, Event, EventType
from schemas.codec import encode
from streams.app import Service, build
from streams.settings import load_settings

pytestmark = pytest.mark.agents

PREFIX = "agents"
GOOD = b'{"id": "art-1", "body": "Des frappes et des manifestants.", "language": "fr"}'
NEXT = b'{"id": "art-2", "body": "Des frappes.", "language": "fr"}'


def _event(article: Article, kind: EventType, index: int) -> Event:
    return Event.model_validate(
        {
            "event_id": f"{article.id}-{index}",
            "article_id": article.id,
            "type": kind,
            "modality": "asserted",
            "evidence": [{"text": "frappes", "start": 4, "end": 11}],
            "language": "fr",
            "confidence": 0.9,
        }
    )


class FakeEngine:
    """A strike per article, a protest when 'manifestants' appears; 'boom' crashes."""

    def extract(self, article: Article) -> Extraction:
        if "boom" in article.body:
            raise RuntimeError("engine bug")
        events = [_event(article, EventType.STRIKE, 0)]
        if "manifestants" in article.body:
            events.append(_event(article, EventType.PROTEST, 1))
        return Extraction(events=tuple(events), language="fr", status="ok")


class FakeRules:
    """One alert per strike; events with confidence 0.13 crash the rules."""

    def evaluate(self, event: Event, now: dt.datetime) -> list[Alert]:
        if event.confidence == 0.13:
            raise ValueError("rule bug")
        if event.type is not EventType.STRIKE:
            return []
        return [
            Alert(
                alert_id=f"alert-{event.event_id}",
                rule="strike-reported",
                severity="critical",
                title="Strike",
                events=[event],
                raised_at=now,
            )
        ]


@dataclass
class Sent:
    """What the agents sent, per topic name."""

    records: list[tuple[str, Any, Any]] = field(default_factory=list)

    def on(self, topic: str) -> list[tuple[Any, Any]]:
        return [(key, value) for name, key, value in self.records if name == topic]


def _capture(service: Service) -> Sent:
    sent = Sent()
    topics = [
        service.topics.deadletter,
        service.topics.events,
        service.topics.alerts,
        *service.topics.by_type.values(),
    ]
    for topic in topics:
        name = topic.get_topic_name()

        async def send(*, key: Any = None, value: Any = None, _name: str = name, **_: Any) -> None:
            sent.records.append((_name, key, value))

        topic.send = send  # type: ignore[method-assign]
    return sent


def _service(tmp_path: Path) -> Service:
    settings = load_settings(topic_prefix=PREFIX, app_id="agents-test", data_dir=tmp_path)
    service = build(settings, FakeEngine(), FakeRules(), registry=CollectorRegistry())
    service.app.finalize()
    return service


def run(tmp_path: Path, scenario: Callable[[Service, Sent], Awaitable[None]]) -> None:
    """Build the app inside the event loop the scenario runs in."""

    async def main() -> None:
        service = _service(tmp_path)
        await scenario(service, _capture(service))

    asyncio.run(asyncio.wait_for(main(), timeout=30))


def _count(service: Service, name: str, **labels: str) -> float:
    return service.metrics.registry.get_sample_value(name, labels) or 0.0


def test_bad_messages_are_dead_lettered_with_reason_and_origin(tmp_path: Path) -> None:
    async def scenario(service: Service, sent: Sent) -> None:
        async with service.agents.ingest.test_context() as agent:
            await agent.put(b'{"id": "x", "body": ', key=b"k-json", partition=1)
            await agent.put(b'{"id": "y", "title": "no body"}', key=b"k-schema", partition=2)
            await agent.put(GOOD, key=b"art-1")
        letters = sent.on(f"{PREFIX}.deadletter")
        assert [key for key, _ in letters] == ["k-json", "k-schema"]
        first, second = (value for _, value in letters)
        assert isinstance(first, DeadLetter) and isinstance(second, DeadLetter)
        assert first.error == "decode_error" and "not JSON" in first.reason
        assert second.error == "schema_violation" and "body" in second.reason
        assert first.origin.topic == f"{PREFIX}.articles.raw"
        assert (first.origin.partition, first.origin.offset) == (1, 0)
        assert (second.origin.partition, second.origin.offset) == (2, 1)
        assert base64.b64decode(first.payload_base64) == b'{"id": "x", "body": '
        assert len(sent.on(f"{PREFIX}.events")) == 2  # the good article still went through
        assert _count(service, "tocsin_articles_in_total") == 3
        assert _count(service, "tocsin_articles_invalid_total", reason="decode_error") == 1
        assert _count(service, "tocsin_dead_letters_total", error="schema_violation") == 1

    run(tmp_path, scenario)


def test_events_go_to_events_and_type_topics_keyed_by_article(tmp_path: Path) -> None:
    async def scenario(service: Service, sent: Sent) -> None:
        async with service.agents.ingest.test_context() as agent:
            await agent.put(GOOD, key=b"producer-key")
        events = sent.on(f"{PREFIX}.events")
        assert [(key, value.type) for key, value in events] == [
            ("art-1", EventType.STRIKE),
            ("art-1", EventType.PROTEST),
        ]
        assert [key for key, _ in sent.on(f"{PREFIX}.events.strike")] == ["art-1"]
        assert [key for key, _ in sent.on(f"{PREFIX}.events.protest")] == ["art-1"]
        assert sent.on(f"{PREFIX}.events.deployment") == []
        assert sent.on(f"{PREFIX}.deadletter") == []
        labels = {"type": "protest", "modality": "asserted", "language": "fr"}
        assert _count(service, "tocsin_events_out_total", **labels) == 1
        assert _count(service, "tocsin_extract_seconds_count") == 1

    run(tmp_path, scenario)


def test_engine_failure_is_dead_lettered_and_the_worker_goes_on(tmp_path: Path) -> None:
    async def scenario(service: Service, sent: Sent) -> None:
        boom = b'{"id": "art-boom", "body": "boom", "language": "fr"}'
        async with service.agents.ingest.test_context() as agent:
            await agent.put(boom, key=b"art-boom")
            await agent.put(NEXT, key=b"art-2")
        [(key, letter)] = sent.on(f"{PREFIX}.deadletter")
        assert key == "art-boom"
        assert letter.error == "processing_error"
        assert "RuntimeError: engine bug" in letter.reason
        assert letter.origin.offset == 0
        assert [value.article_id for _, value in sent.on(f"{PREFIX}.events")] == ["art-2"]

    run(tmp_path, scenario)


def test_alerts_are_raised_keyed_by_alert_id(tmp_path: Path) -> None:
    async def scenario(service: Service, sent: Sent) -> None:
        article = Article(id="art-9", body="x")
        async with service.agents.alert.test_context() as agent:
            await agent.put(_event(article, EventType.STRIKE, 0), key=b"art-9")
            await agent.put(_event(article, EventType.PROTEST, 1), key=b"art-9")
        [(key, alert)] = sent.on(f"{PREFIX}.alerts")
        assert key == "alert-art-9-0" == alert.alert_id
        assert alert.events[0].event_id == "art-9-0"
        assert _count(
            service, "tocsin_alerts_out_total", rule="strike-reported", severity="critical"
        )

    run(tmp_path, scenario)


def test_rules_failure_is_dead_lettered_and_alerts_go_on(tmp_path: Path) -> None:
    async def scenario(service: Service, sent: Sent) -> None:
        article = Article(id="art-7", body="x")
        broken = _event(article, EventType.STRIKE, 0).model_copy(update={"confidence": 0.13})
        async with service.agents.alert.test_context() as agent:
            await agent.put(broken, key=b"art-7")
            await agent.put(_event(article, EventType.STRIKE, 1), key=b"art-7")
        [(_, letter)] = sent.on(f"{PREFIX}.deadletter")
        assert letter.error == "processing_error" and "rule bug" in letter.reason
        assert [key for key, _ in sent.on(f"{PREFIX}.alerts")] == ["alert-art-7-1"]

    run(tmp_path, scenario)


def _events_message(offset: int, value: bytes) -> Message:
    """A raw message on partition 1 of the events topic, keyed art-3."""
    return Message(
        topic=f"{PREFIX}.events",
        partition=1,
        offset=offset,
        timestamp=1577999400.0,
        timestamp_type=0,
        headers=None,
        key=b"art-3",
        value=value,
        checksum=None,
    )


def test_undecodable_event_is_dead_lettered_not_thrown(tmp_path: Path) -> None:
    async def scenario(service: Service, sent: Sent) -> None:
        topic = service.topics.events
        assert await topic.decode(_events_message(12, b'{"event_id": "half an event"}')) is None
        [(key, letter)] = sent.on(f"{PREFIX}.deadletter")
        assert key == "art-3"
        assert letter.error == "schema_violation"
        assert (letter.origin.topic, letter.origin.partition, letter.origin.offset) == (
            f"{PREFIX}.events",
            1,
            12,
        )
        event = _event(Article(id="art-3", body="b"), EventType.STRIKE, 0)
        decoded = await topic.decode(_events_message(13, encode(event)))
        assert decoded.key == "art-3"
        assert decoded.value == event

    run(tmp_path, scenario)
