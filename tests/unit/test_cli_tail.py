"""`tocsin tail` one-line summaries and topic aliases."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cli.tail import summarize, summarize_event
from schemas import Alert, DeadLetter, Event
from schemas.codec import encode
from streams.clients import Record
from streams.topics import TOPICS, resolve

pytestmark = pytest.mark.unit


def _record(topic: str, value: bytes) -> Record:
    return Record(topic, 0, 5, None, value, 0)


def test_event_summary(make_event: Callable[..., Event]) -> None:
    assert summarize_event(make_event()) == (
        '[strike/asserted] 2019-12-29 IQ,SY US→Kataib Hezbollah "frappes aériennes" (0.82)'
    )


def test_summaries_by_topic(
    make_event: Callable[..., Event],
    make_alert: Callable[..., Alert],
    make_dead_letter: Callable[..., DeadLetter],
) -> None:
    assert summarize("p", _record("p.events.strike", encode(make_event()))).startswith("[strike/")
    assert summarize("p", _record("p.alerts", encode(make_alert()))).startswith("ALERT [critical]")
    dead = summarize("p", _record("p.deadletter", encode(make_dead_letter())))
    assert dead.startswith("DEAD [decode_error] tocsin.articles.raw[1]@7")
    assert summarize("p", _record("p.events", b"{oops")).startswith("?? p.events[0]@5")
    assert summarize("p", _record("p.articles.raw", b"raw text")) == "p.articles.raw[0]@5 raw text"


def test_aliases_resolve_to_prefixed_names() -> None:
    assert resolve("tocsin", "events") == "tocsin.events"
    assert resolve("tocsin", "strike") == "tocsin.events.strike"
    assert resolve("x", "deadletter") == "x.deadletter"
    assert resolve("x", "events.protest") == "x.events.protest"
    assert resolve("x", "someone.else") == "someone.else"
    assert {topic.name("tocsin") for topic in TOPICS} == {
        "tocsin.articles.raw",
        "tocsin.deadletter",
        "tocsin.events",
        "tocsin.events.strike",
        "tocsin.events.protest",
        "tocsin.events.deployment",
        "tocsin.events.advisory",
        "tocsin.alerts",
    }
