"""Building dead letters from the message that failed, with its exact origin."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any, Literal

import structlog
from faust.types import Message, TopicT
from pydantic import BaseModel

from schemas import DeadLetter, Origin
from schemas.codec import encode
from schemas.errors import DecodeError, SchemaViolation
from streams.metrics import Metrics

ErrorKind = Literal["decode_error", "schema_violation", "processing_error"]
MAX_REASON = 2000

log = structlog.get_logger("tocsin.deadletters")


def error_kind(exc: BaseException) -> ErrorKind:
    """Classify an exception (or what it was raised from) as a dead-letter error kind."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DecodeError):
            return "decode_error"
        if isinstance(seen, SchemaViolation):
            return "schema_violation"
        seen = seen.__cause__
    return "processing_error"


def _text(key: Any) -> str | None:
    if key is None:
        return None
    if isinstance(key, bytes):
        return key.decode("utf-8", errors="replace")
    return str(key)


def payload_bytes(value: Any) -> bytes:
    """The bytes of a message value as it was on the wire."""
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, BaseModel):
        return encode(value)
    return str(value).encode("utf-8")


def origin_of(message: Message) -> Origin:
    """Topic, partition, offset, key and timestamp of a consumed message."""
    timestamp = dt.datetime.fromtimestamp(message.timestamp, dt.UTC) if message.timestamp else None
    return Origin(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        key=_text(message.key),
        timestamp=timestamp,
    )


def dead_letter(
    error: ErrorKind, reason: str, message: Message, now: dt.datetime | None = None
) -> DeadLetter:
    """The dead letter for ``message``, keeping its payload as text and as exact base64."""
    payload = payload_bytes(message.value)
    return DeadLetter(
        reason=reason[:MAX_REASON] or error,
        error=error,
        origin=origin_of(message),
        payload=payload.decode("utf-8", errors="replace"),
        payload_base64=base64.b64encode(payload).decode("ascii"),
        failed_at=now or dt.datetime.now(dt.UTC),
    )


class DeadLetters:
    """Sends dead letters to the dead-letter topic, keyed by the origin key, and counts them."""

    def __init__(self, topic: TopicT, metrics: Metrics) -> None:
        self.topic = topic
        self.metrics = metrics

    async def send(self, error: ErrorKind, reason: str, message: Message) -> DeadLetter:
        """Dead-letter ``message`` and log where it came from."""
        letter = dead_letter(error, reason, message)
        await self.topic.send(key=letter.origin.key, value=letter)
        self.metrics.dead_letters.labels(error=error).inc()
        log.warning(
            "dead_letter",
            error=error,
            reason=letter.reason,
            topic=letter.origin.topic,
            partition=letter.origin.partition,
            offset=letter.origin.offset,
        )
        return letter

    async def undecodable(self, exc: BaseException, message: Message) -> None:
        """Handler for :class:`streams.codecs.GuardedTopic`: dead-letter a decode failure."""
        await self.send(error_kind(exc), str(exc), message)
