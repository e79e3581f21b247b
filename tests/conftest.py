"""Shared fixtures: the seed article, model factories, a clean environment, the broker."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich import Engine
from schemas import Alert, DeadLetter, Event, Origin
from schemas.errors import TocsinError
from streams.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "examples" / "seed-article.fr.jsonl"
RUN_ID = f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
SETTINGS_ENV = ("KAFKA_BOOTSTRAP_SERVERS",)


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine with every language folder, loaded once for the whole run."""
    return Engine.load()


def pytest_configure(config: pytest.Config) -> None:
    """Silence kafka-python's import-time DeprecationWarnings (importlib.resources legacy API)."""
    for message in ("read_text is deprecated", "open_text is deprecated"):
        config.addinivalue_line("filterwarnings", f"ignore:{message}:DeprecationWarning")


@pytest.fixture(scope="session")
def seed_article_path() -> Path:
    """``../shared/examples/seed-article.fr.jsonl`` (CI keeps ../shared beside the clone)."""
    if not SEED_ARTICLE.is_file():
        pytest.fail(f"seed article not found at {SEED_ARTICLE}: ../shared must sit beside the repo")
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def seed_article_line(seed_article_path: Path) -> bytes:
    """The seed article's one JSON line, as bytes."""
    return seed_article_path.read_bytes().strip()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No ``TOCSIN_*`` or ``KAFKA_BOOTSTRAP_SERVERS`` from the caller's shell."""
    for name in list(os.environ):
        if name.startswith("TOCSIN_") or name in SETTINGS_ENV:
            monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture(scope="session")
def run_id() -> str:
    """Unique per test run, for topic prefixes and app ids."""
    return RUN_ID


@pytest.fixture
def unique_prefix(request: pytest.FixtureRequest) -> str:
    """A topic prefix / app id no other run or test uses."""
    test = "".join(ch if ch.isalnum() else "-" for ch in request.node.name)[:40]
    return f"tocsin-test-{RUN_ID}-{test}"


def _event(**fields: Any) -> Event:
    values: dict[str, Any] = {
        "event_id": "ev-1",
        "article_id": "art-1",
        "type": "strike",
        "modality": "asserted",
        "date": "2019-12-29",
        "date_precision": "day",
        "countries": ["IQ", "SY"],
        "actors": [
            {"name": "United States", "role": "initiator", "country": "US", "kind": "state"},
            {"name": "Kataib Hezbollah", "role": "target", "kind": "armed_group"},
        ],
        "evidence": [{"text": "frappes aériennes", "start": 0, "end": 17}],
        "language": "fr",
        "confidence": 0.82,
        "published_at": "2020-01-02T21:30:00Z",
        "source": "AFP",
    }
    values.update(fields)
    return Event.model_validate(values)


def _alert(**fields: Any) -> Alert:
    values: dict[str, Any] = {
        "alert_id": "al-1",
        "rule": "strike-reported",
        "severity": "critical",
        "title": "Strike reported in IQ, SY",
        "countries": ["IQ", "SY"],
        "events": [_event()],
        "raised_at": dt.datetime(2020, 1, 2, 22, 0, tzinfo=dt.UTC),
    }
    values.update(fields)
    return Alert.model_validate(values)


def _dead_letter(**fields: Any) -> DeadLetter:
    values: dict[str, Any] = {
        "reason": "not JSON",
        "error": "decode_error",
        "origin": Origin(topic="tocsin.articles.raw", partition=1, offset=7, key="k"),
        "payload": "{oops",
        "payload_base64": "e29vcHM=",
        "failed_at": dt.datetime(2020, 1, 2, 22, 0, tzinfo=dt.UTC),
    }
    values.update(fields)
    return DeadLetter.model_validate(values)


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """Build a valid Event; keyword arguments override fields."""
    return _event


@pytest.fixture
def make_alert() -> Callable[..., Alert]:
    """Build a valid Alert; keyword arguments override fields."""
    return _alert


@pytest.fixture
def make_dead_letter() -> Callable[..., DeadLetter]:
    """Build a valid DeadLetter; keyword arguments override fields."""
    return _dead_letter


@pytest.fixture(scope="session")
def broker() -> Iterator[str]:
    """The bootstrap servers of a reachable broker; FAILS (never skips) when there is none."""
    # Imported here: kafka-python at conftest import time would warn before the filters exist.
    from streams.admin import wait_for_broker  # noqa: PLC0415

    problem = ""
    servers = ""
    try:
        servers = load_settings().kafka_bootstrap_servers
        wait_for_broker(servers, timeout=20.0)
    except TocsinError as exc:
        problem = str(exc)
    if problem:
        pytest.fail(f"integration tests need a Kafka broker: {problem}", pytrace=False)
    yield servers
