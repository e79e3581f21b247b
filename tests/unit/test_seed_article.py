"""The acceptance article: all seven required events, and nothing that is not listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from enrich import Engine
from schemas import Article, Event

pytestmark = pytest.mark.unit

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "examples"


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    path = EXAMPLES / "seed-article.fr.expected.json"
    assert path.is_file(), f"{path} is missing: CI needs ../shared beside the clone"
    return dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def events() -> list[Event]:
    line = (EXAMPLES / "seed-article.fr.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return list(Engine.load().extract(Article.model_validate_json(line)).events)


def _matches(event: Event, want: dict[str, Any]) -> bool:
    if (event.type.value, event.modality.value) != (want["type"], want["modality"]):
        return False
    if (event.date.isoformat() if event.date else None) != want.get("date"):
        return False
    if "countries" in want and set(event.countries) != set(want["countries"]):
        return False
    if "quantity" in want:
        quantity = want["quantity"]
        units = {"people": "protesters"}.get(quantity["unit"], quantity["unit"])
        if not any(
            q.unit.value == units and q.value == quantity.get("value", q.value)
            for q in event.quantities
        ):
            return False
    initiator = want.get("initiator", "")
    if len(initiator) == 2 and not any(
        a.role == "initiator" and a.country == initiator for a in event.actors
    ):
        return False
    return any(want["evidence_contains"] in span.text for span in event.evidence)


def test_every_required_event_is_found(events: list[Event], expected: dict[str, Any]) -> None:
    for want in expected["required"]:
        assert any(_matches(e, want) for e in events), f"missing {want}"


def test_nothing_else_is_found(events: list[Event], expected: dict[str, Any]) -> None:
    allowed = expected["required"] + expected["optional"]
    loose = [{k: v for k, v in w.items() if k in ("type", "modality")} for w in allowed]
    extra = [
        e
        for e in events
        if not any((e.type.value, e.modality.value) == (w["type"], w["modality"]) for w in loose)
    ]
    assert not extra, f"unexpected events: {[e.model_dump(mode='json') for e in extra]}"
    assert len(events) <= len(allowed)


def test_places_and_regions(events: list[Event]) -> None:
    protests = [e for e in events if e.type.value == "protest"]
    assert all(e.location and e.location.name == "Baghdad" for e in protests)
    deployments = [e for e in events if e.type.value == "deployment"]
    assert all(e.location and e.location.precision == "region" for e in deployments)
    assert all(e.location and e.location.name == "Middle East" for e in deployments)


def test_evidence_offsets_point_into_the_body(events: list[Event]) -> None:
    line = (EXAMPLES / "seed-article.fr.jsonl").read_text(encoding="utf-8").splitlines()[0]
    body = Article.model_validate_json(line).body
    for event in events:
        for span in event.evidence:
            assert body[span.start : span.end] == span.text


def test_event_ids_are_deterministic(events: list[Event]) -> None:
    line = (EXAMPLES / "seed-article.fr.jsonl").read_text(encoding="utf-8").splitlines()[0]
    again = Engine.load().extract(Article.model_validate_json(line)).events
    assert [e.event_id for e in events] == [e.event_id for e in again]
    assert len({e.event_id for e in events}) == len(events)
