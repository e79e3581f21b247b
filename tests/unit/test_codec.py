"""The wire codec, the faust codecs over it, and dead letters built from a message."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from faust.serializers import codecs
from faust.types import Message

from schemas import Alert, Article, DeadLetter, Event
from schemas.codec import decode, dumps_json, encode, parse_json
from schemas.errors import DecodeError, SchemaViolation, TocsinError
from streams.codecs import CODEC_MODELS, register_codecs
from streams.deadletters import dead_letter, error_kind, origin_of

pytestmark = pytest.mark.unit


def test_event_round_trip(make_event: Callable[..., Event]) -> None:
    event = make_event()
    assert decode(encode(event), Event) == event


def test_alert_and_dead_letter_round_trip(
    make_alert: Callable[..., Alert], make_dead_letter: Callable[..., DeadLetter]
) -> None:
    alert, letter = make_alert(), make_dead_letter()
    assert decode(encode(alert), Alert) == alert
    assert decode(encode(letter), DeadLetter) == letter


def test_article_round_trip_keeps_unicode() -> None:
    article = Article(id="a", body="« Mort à l'Amérique ! » — ضربات")
    data = encode(article)
    assert "ضربات".encode() in data
    assert decode(data, Article) == article


def test_encoding_is_compact_json(make_event: Callable[..., Event]) -> None:
    data = encode(make_event())
    assert b"\n" not in data
    assert parse_json(data)["schema_version"] == "1.0"


def test_not_json_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="not JSON"):
        decode(b"{oops", Article)
    with pytest.raises(DecodeError):
        decode(b"\xff\xfe", Article)


def test_wrong_shape_is_a_schema_violation_naming_the_field() -> None:
    with pytest.raises(SchemaViolation, match="body"):
        decode(b'{"id": "a"}', Article)
    with pytest.raises(SchemaViolation):
        decode(b"[1, 2]", Article)


def test_errors_are_tocsin_errors() -> None:
    assert issubclass(DecodeError, TocsinError)
    assert issubclass(SchemaViolation, TocsinError)


def test_dumps_json_plain_dicts() -> None:
    assert parse_json(dumps_json({"a": [1, "é"]})) == {"a": [1, "é"]}


def test_faust_codecs_are_registered_and_round_trip(make_event: Callable[..., Event]) -> None:
    register_codecs()
    event = make_event()
    codec = codecs.get_codec("tocsin.event")
    assert codec.loads(codec.dumps(event)) == event
    assert set(CODEC_MODELS) >= {"tocsin.event", "tocsin.alert", "tocsin.deadletter"}


def test_faust_codec_refuses_other_models(make_alert: Callable[..., Alert]) -> None:
    register_codecs()
    with pytest.raises(SchemaViolation):
        codecs.get_codec("tocsin.event").dumps(make_alert())
    with pytest.raises(SchemaViolation):
        codecs.get_codec("tocsin.event").loads(b'{"id": "a"}')


def _message(value: bytes, key: bytes | None = b"k-1") -> Message:
    return Message(
        topic="tocsin.articles.raw",
        partition=2,
        offset=41,
        timestamp=1577999400.0,
        timestamp_type=0,
        headers=None,
        key=key,
        value=value,
        checksum=None,
    )


def test_dead_letter_keeps_exact_origin_and_payload() -> None:
    payload = b'{"id": \xff broken'
    letter = dead_letter("decode_error", "not JSON", _message(payload))
    assert letter.origin.topic == "tocsin.articles.raw"
    assert (letter.origin.partition, letter.origin.offset, letter.origin.key) == (2, 41, "k-1")
    assert letter.origin.timestamp is not None
    assert letter.origin.timestamp.year == 2020
    assert base64.b64decode(letter.payload_base64) == payload
    assert "\ufffd" in letter.payload
    assert letter.failed_at.tzinfo is not None


def test_origin_without_key() -> None:
    assert origin_of(_message(b"x", key=None)).key is None


def test_error_kind_follows_the_cause() -> None:
    assert error_kind(DecodeError("x")) == "decode_error"
    assert error_kind(SchemaViolation("x")) == "schema_violation"
    wrapped = ValueError("faust wrapper")
    wrapped.__cause__ = SchemaViolation("inner")
    assert error_kind(wrapped) == "schema_violation"
    assert error_kind(RuntimeError("bug")) == "processing_error"
