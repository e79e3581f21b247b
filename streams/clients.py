"""Plain Kafka clients for the command-line tools: ``feed`` produces, ``tail`` consumes."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kafka.consumer import KafkaConsumer
from kafka.errors import KafkaError
from kafka.producer import KafkaProducer
from kafka.structs import TopicPartition

from schemas.errors import TocsinError
from streams.admin import BrokerUnavailableError, wait_for_broker


class UnknownTopicError(TocsinError):
    """A topic to tail does not exist."""


class ProduceError(TocsinError):
    """The broker did not acknowledge a message."""


@dataclass(frozen=True)
class Record:
    """One consumed message."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    timestamp_ms: int


class RateLimiter:
    """Spaces calls to at most ``rate`` per second (no limit when ``rate`` is None)."""

    def __init__(self, rate: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.clock = clock
        self.next_at = clock()

    def wait(self) -> None:
        """Sleep until the next call is allowed."""
        if not self.interval:
            return
        delay = self.next_at - self.clock()
        if delay > 0:
            time.sleep(delay)
        self.next_at = max(self.next_at, self.clock()) + self.interval


def produce(
    bootstrap: Sequence[str],
    topic: str,
    records: Iterable[tuple[bytes | None, bytes]],
    *,
    rate: float | None = None,
    on_sent: Callable[[], None] | None = None,
    timeout: float = 30.0,
) -> int:
    """Send ``(key, value)`` pairs as-is, at most ``rate`` per second; flush; return the count."""
    wait_for_broker(bootstrap, timeout=timeout)
    producer = KafkaProducer(bootstrap_servers=list(bootstrap), acks="all", linger_ms=5)
    limiter = RateLimiter(rate)
    sent = 0
    try:
        futures = []
        for key, value in records:
            limiter.wait()
            futures.append(producer.send(topic, key=key, value=value))
            sent += 1
            if on_sent is not None:
                on_sent()
        producer.flush(timeout=timeout)
        for future in futures:
            future.get(timeout=timeout)
    except KafkaError as exc:
        raise ProduceError(f"sending to {topic} failed: {exc}") from exc
    finally:
        producer.close(timeout=timeout)
    return sent


def _assign(consumer: Any, topics: Sequence[str], from_beginning: bool) -> None:
    partitions: list[Any] = []
    for topic in topics:
        numbers = consumer.partitions_for_topic(topic)
        if not numbers:
            raise UnknownTopicError(f"topic {topic} does not exist (run `tocsin topics`)")
        partitions.extend(TopicPartition(topic, number) for number in sorted(numbers))
    consumer.assign(partitions)
    if from_beginning:
        consumer.seek_to_beginning(*partitions)
    else:
        consumer.seek_to_end(*partitions)


def consume(
    bootstrap: Sequence[str],
    topics: Sequence[str],
    *,
    from_beginning: bool = False,
    idle_timeout: float | None = None,
) -> Generator[Record, None, None]:
    """Yield records of every partition of ``topics`` (no consumer group, nothing committed).

    Stops after ``idle_timeout`` seconds without a new record (never when None).
    """
    wait_for_broker(bootstrap, timeout=30.0)
    try:
        consumer = KafkaConsumer(
            bootstrap_servers=list(bootstrap),
            group_id=None,
            enable_auto_commit=False,
            isolation_level="read_committed",  # with exactly_once, only committed output
        )
    except KafkaError as exc:
        raise BrokerUnavailableError(f"cannot consume from {','.join(bootstrap)}: {exc}") from exc
    try:
        _assign(consumer, topics, from_beginning)
        last = time.monotonic()
        while idle_timeout is None or time.monotonic() - last < idle_timeout:
            batches = consumer.poll(timeout_ms=200)
            for batch in batches.values():
                for message in batch:
                    last = time.monotonic()
                    yield Record(
                        message.topic,
                        message.partition,
                        message.offset,
                        message.key,
                        message.value,
                        message.timestamp,
                    )
    finally:
        consumer.close()
