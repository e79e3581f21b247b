"""One-line, human-readable summaries of what ``tocsin tail`` reads."""

from __future__ import annotations

from schemas import Actor, Alert, DeadLetter, Event
from schemas.codec import decode
from schemas.errors import TocsinError
from streams.clients import Record
from streams.topics import spec_for_name

EVIDENCE_CHARS = 48
TEXT_CHARS = 120


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _actor(actor: Actor) -> str:
    return actor.country if actor.kind == "state" and actor.country else actor.name


def summarize_event(event: Event) -> str:
    """``[strike/asserted] 2019-12-29 IQ,SY US→Kataib Hezbollah "frappes…" (0.82)``."""
    parts = [f"[{event.type.value}/{event.modality.value}]"]
    parts.append(event.date.isoformat() if event.date else "undated")
    parts.append(",".join(event.countries) or "-")
    if event.location is not None and event.location.precision == "city":
        parts.append(f"@{event.location.name}")
    initiators = [_actor(a) for a in event.actors if a.role == "initiator"]
    targets = [_actor(a) for a in event.actors if a.role == "target"]
    if initiators or targets:
        parts.append(f"{'+'.join(initiators) or '?'}→{'+'.join(targets) or '?'}")
    parts.append(f'"{_short(event.evidence[0].text, EVIDENCE_CHARS)}"')
    parts.append(f"({event.confidence:.2f})")
    return " ".join(parts)


def summarize_alert(alert: Alert) -> str:
    """``ALERT [critical] rule: title (IQ) 2 events``."""
    countries = ",".join(alert.countries) or "-"
    return (
        f"ALERT [{alert.severity.value}] {alert.rule}: {_short(alert.title, TEXT_CHARS)} "
        f"({countries}) {len(alert.events)} event(s)"
    )


def summarize_dead_letter(letter: DeadLetter) -> str:
    """``DEAD [decode_error] topic[partition]@offset key=…: reason``."""
    origin = letter.origin
    return (
        f"DEAD [{letter.error}] {origin.topic}[{origin.partition}]@{origin.offset} "
        f"key={origin.key}: {_short(letter.reason, TEXT_CHARS)}"
    )


def summarize(prefix: str, record: Record) -> str:
    """The summary line of one record, by the model of its topic."""
    spec = spec_for_name(prefix, record.topic)
    payload = record.value or b""
    where = f"{record.topic}[{record.partition}]@{record.offset}"
    if spec is None or spec.value is None:
        return f"{where} {_short(payload.decode('utf-8', errors='replace'), TEXT_CHARS)}"
    try:
        model = decode(payload, spec.value)
    except TocsinError as exc:
        return f"?? {where} {exc}"
    if isinstance(model, Event):
        return summarize_event(model)
    if isinstance(model, Alert):
        return summarize_alert(model)
    if isinstance(model, DeadLetter):
        return summarize_dead_letter(model)
    return f"{where} {type(model).__name__}"
