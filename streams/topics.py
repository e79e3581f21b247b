"""Every Kafka topic Tocsin reads or writes, declared once.

``TOPICS`` is the table the admin (topic creation), the faust app (binding) and the
``feed``/``tail`` tools all read. Names are ``{settings.topic_prefix}.{suffix}``.
The faust app never declares topics itself, so stateful tables added later must list
their changelog topics here (compacted, as many partitions as their source topic).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from schemas import Alert, DeadLetter, Event, EventType
from streams.codecs import GuardedTopic, register_codecs

if TYPE_CHECKING:
    from faust.types import AppT, TopicT

    from streams.settings import Settings

DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class TopicSpec:
    """One topic: its short alias, name suffix, key, value model and broker configs."""

    alias: str
    suffix: str
    key: str
    value: type[BaseModel] | None
    codec: str
    retention_days: int
    partitions: int | None = None
    extra_configs: Mapping[str, str] = field(default_factory=dict)

    def name(self, prefix: str) -> str:
        """The full topic name under ``prefix``."""
        return f"{prefix}.{self.suffix}"

    def configs(self) -> dict[str, str]:
        """Broker-side topic configs for creation."""
        return {
            "cleanup.policy": "delete",
            "retention.ms": str(self.retention_days * DAY_MS),
            **self.extra_configs,
        }


def _event_topic(kind: EventType) -> TopicSpec:
    return TopicSpec(
        alias=kind.value,
        suffix=f"events.{kind.value}",
        key="article_id",
        value=Event,
        codec="tocsin.event",
        retention_days=30,
    )


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec("raw", "articles.raw", "producer's key (article id recommended)", None, "raw", 7),
    TopicSpec(
        "deadletter", "deadletter", "origin message key", DeadLetter, "tocsin.deadletter", 30
    ),
    TopicSpec("events", "events", "article_id", Event, "tocsin.event", 30),
    *(_event_topic(kind) for kind in EventType),
    TopicSpec("alerts", "alerts", "alert_id", Alert, "tocsin.alert", 90),
)

ALIASES: dict[str, TopicSpec] = {spec.alias: spec for spec in TOPICS}


def spec(alias: str) -> TopicSpec:
    """The spec with this alias (``raw``, ``events``, ``strike``…)."""
    return ALIASES[alias]


def resolve(prefix: str, name: str) -> str:
    """A full topic name from an alias (``alerts``), a suffix (``events.strike``) or a name."""
    if name in ALIASES:
        return ALIASES[name].name(prefix)
    for topic in TOPICS:
        if name == topic.suffix:
            return topic.name(prefix)
    return name


def spec_for_name(prefix: str, name: str) -> TopicSpec | None:
    """The spec a full topic name belongs to, if any."""
    return next((topic for topic in TOPICS if topic.name(prefix) == name), None)


@dataclass(frozen=True)
class BoundTopics:
    """The faust topic objects of one app."""

    raw: TopicT
    deadletter: TopicT
    events: GuardedTopic
    by_type: Mapping[EventType, TopicT]
    alerts: TopicT


def bind_topics(app: AppT, settings: Settings) -> BoundTopics:
    """Declare every topic on ``app`` (raw as bytes, the others with their model codec)."""
    register_codecs()

    def options(topic: TopicSpec) -> dict[str, Any]:
        return {
            "key_serializer": "raw",
            "value_serializer": topic.codec,
            "partitions": topic.partitions or settings.partitions,
            "replicas": settings.replication_factor,
            "internal": False,
        }

    prefix = settings.topic_prefix
    made = {
        topic.alias: app.topic(topic.name(prefix), key_type=str, **options(topic))
        for topic in TOPICS
        if topic.alias not in ("raw", "events")
    }
    raw = spec("raw")
    events = spec("events")
    return BoundTopics(
        # Raw keys stay bytes: producers may key with anything, and dead letters keep it.
        raw=app.topic(raw.name(prefix), key_type=bytes, value_type=bytes, **options(raw)),
        deadletter=made["deadletter"],
        events=GuardedTopic(app, topics=[events.name(prefix)], key_type=str, **options(events)),
        by_type={kind: made[kind.value] for kind in EventType},
        alerts=made["alerts"],
    )
