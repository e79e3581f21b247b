"""Kafka administration with kafka-python: broker checks and idempotent topic creation."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from kafka.admin import KafkaAdminClient
from kafka.errors import KafkaError

from schemas.errors import TocsinError
from streams.settings import Settings
from streams.topics import TOPICS

TOPIC_EXISTS = 36  # TopicAlreadyExistsError.errno
HINT = "set TOCSIN_KAFKA_BOOTSTRAP_SERVERS (or KAFKA_BOOTSTRAP_SERVERS), or run `make kafka-up`"


class BrokerUnavailableError(TocsinError):
    """No Kafka broker answered in time."""


class TopicCreationError(TocsinError):
    """The broker refused to create a topic."""


class TopicsMissingError(TocsinError):
    """Topics the worker needs do not exist (and it was told not to create them)."""


@dataclass(frozen=True)
class TopicStatus:
    """What :func:`ensure_topics` did for one topic."""

    alias: str
    name: str
    partitions: int
    status: Literal["created", "exists"]
    key: str
    retention_days: int


@contextmanager
def admin_client(bootstrap: Sequence[str], timeout: float = 10.0) -> Iterator[Any]:
    """A connected ``KafkaAdminClient``; ``BrokerUnavailableError`` if none answers in time."""
    millis = max(1000, int(timeout * 1000))
    try:
        client = KafkaAdminClient(
            bootstrap_servers=list(bootstrap),
            client_id="tocsin-admin",
            request_timeout_ms=millis,
            bootstrap_timeout_ms=millis,
        )
    except KafkaError as exc:
        raise BrokerUnavailableError(
            f"no Kafka broker at {','.join(bootstrap)}: {exc}; {HINT}"
        ) from exc
    try:
        yield client
    finally:
        client.close()


def wait_for_broker(bootstrap: Sequence[str] | str, timeout: float = 30.0) -> None:
    """Return once a broker answers a metadata request, or raise ``BrokerUnavailableError``."""
    servers = bootstrap.split(",") if isinstance(bootstrap, str) else list(bootstrap)
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        remaining = deadline - time.monotonic()
        try:
            with admin_client(servers, timeout=min(5.0, max(1.0, remaining))) as client:
                client.list_topics()
                return
        except (BrokerUnavailableError, KafkaError) as exc:
            last = exc
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
    raise BrokerUnavailableError(
        f"no Kafka broker answered at {','.join(servers)} within {timeout:g}s; {HINT}"
    ) from last


def _existing_partitions(client: Any, names: list[str]) -> dict[str, int]:
    described = client.describe_topics(names)
    return {
        topic["name"]: len(topic["partitions"])
        for topic in described
        if topic.get("error_code", 0) == 0
    }


def ensure_topics(settings: Settings, timeout: float = 30.0) -> list[TopicStatus]:
    """Create every topic of ``streams.topics`` that is missing; existing topics are kept."""
    prefix = settings.topic_prefix
    wanted = {
        topic.name(prefix): {
            "num_partitions": topic.partitions or settings.partitions,
            "replication_factor": settings.replication_factor,
            "configs": topic.configs(),
        }
        for topic in TOPICS
    }
    with admin_client(settings.bootstrap_list, timeout=timeout) as client:
        response = client.create_topics(
            wanted, timeout_ms=int(timeout * 1000), raise_errors=False, wait_for_metadata=False
        )
        created: set[str] = set()
        for result in response["topics"]:
            if result["error_code"] == 0:
                created.add(result["name"])
            elif result["error_code"] != TOPIC_EXISTS:
                raise TopicCreationError(
                    f"cannot create topic {result['name']}: {result['error_message']}"
                )
        client.wait_for_topics(sorted(wanted), timeout_ms=int(timeout * 1000))
        partitions = _existing_partitions(client, sorted(wanted))
    return [
        TopicStatus(
            alias=topic.alias,
            name=topic.name(prefix),
            partitions=partitions.get(topic.name(prefix), -1),
            status="created" if topic.name(prefix) in created else "exists",
            key=topic.key,
            retention_days=topic.retention_days,
        )
        for topic in TOPICS
    ]


def require_topics(settings: Settings, timeout: float = 30.0) -> None:
    """Raise ``TopicsMissingError`` unless every topic exists.

    The worker must not subscribe to missing topics: a broker with
    ``auto.create.topics.enable`` would create them with its default partition count.
    """
    with admin_client(settings.bootstrap_list, timeout=timeout) as client:
        existing = set(client.list_topics())
    missing = [t.name(settings.topic_prefix) for t in TOPICS]
    missing = [name for name in missing if name not in existing]
    if missing:
        raise TopicsMissingError(f"missing topics {missing}: run `tocsin topics` first")
