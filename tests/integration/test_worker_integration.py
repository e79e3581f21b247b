"""The real worker (`tocsin worker` subprocess) against the real broker.

Produces the seed article, a malformed message, a schema-invalid message and the seed
body again under another id; a downstream consumer must then see events of all four
types on their topics, alerts, two dead letters with their exact origin, and the good
article after the bad ones. Every wait is bounded.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from kafka.consumer import KafkaConsumer
from kafka.producer import KafkaProducer
from kafka.structs import TopicPartition
from prometheus_client.parser import text_string_to_metric_families

from schemas import Alert, DeadLetter, Event, EventType
from schemas.codec import decode, encode
from streams.admin import admin_client

pytestmark = pytest.mark.integration

TOCSIN = Path(sys.executable).parent / "tocsin"
READY_TIMEOUT = 90.0
FLOW_TIMEOUT = 90.0
SEED_AGAIN = "seed-again"


@dataclass
class Worker:
    """A running `tocsin worker` subprocess."""

    prefix: str
    url: str
    log: Path
    started: float
    ready_after: float


@dataclass
class Flow:
    """What was produced and what came out."""

    produced: dict[str, tuple[int, int, bytes, bytes]] = field(default_factory=dict)
    out: dict[str, list[tuple[bytes | None, bytes]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    seconds: float = 0.0

    def values(self, topic: str, model: type[Any]) -> list[Any]:
        return [decode(value, model) for _, value in self.out[topic]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"worker exited with {process.returncode}:\n{_tail(log)}")
        try:
            if _get(f"{url}/ready")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"worker not ready within {READY_TIMEOUT:g}s:\n{_tail(log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _delete_topics(broker: str, prefix: str) -> None:
    with admin_client(broker.split(","), timeout=10) as client:
        mine = [name for name in client.list_topics() if name.startswith(f"{prefix}.")]
        if mine:
            client.delete_topics(mine)


@pytest.fixture(scope="module", params=["at_least_once", "exactly_once"])
def worker(
    request: pytest.FixtureRequest,
    broker: str,
    run_id: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Worker]:
    """The real worker, once per processing guarantee (exactly-once uses transactions)."""
    guarantee = str(request.param)
    prefix = f"tocsin-it-{run_id}-{guarantee.replace('_', '-')}"
    port = _free_port()
    workdir = tmp_path_factory.mktemp("worker")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
    env.update(
        TOCSIN_KAFKA_BOOTSTRAP_SERVERS=broker,
        TOCSIN_TOPIC_PREFIX=prefix,
        TOCSIN_APP_ID=prefix,
        TOCSIN_WEB_PORT=str(port),
        TOCSIN_DATA_DIR=str(workdir / "faust"),
        TOCSIN_LAG_INTERVAL="1",
        TOCSIN_PROCESSING_GUARANTEE=guarantee,
    )
    log = workdir / "worker.log"
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(TOCSIN), "worker"], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=workdir
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log)
        yield Worker(prefix, url, log, started, time.monotonic() - started)
    finally:
        _stop(process)
        _delete_topics(broker, prefix)


def _produce(broker: str, topic: str, messages: list[tuple[str, bytes, bytes]]) -> dict[str, Any]:
    producer = KafkaProducer(bootstrap_servers=broker.split(","), acks="all")
    produced = {}
    try:
        for name, key, value in messages:
            metadata = producer.send(topic, key=key, value=value).get(timeout=30)
            produced[name] = (metadata.partition, metadata.offset, key, value)
        producer.flush(timeout=30)
    finally:
        producer.close(timeout=10)
    return produced


def _metrics(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, body = _get(f"{url}/metrics")
    assert status == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
    }


def _total(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str) -> float:
    return sum(value for (sample, _), value in samples.items() if sample == name)


def _complete(flow: Flow, worker: Worker) -> bool:
    """Everything the worker counted as sent has arrived (and both articles were read)."""
    prefix = worker.prefix
    samples = _metrics(worker.url)
    return (
        _total(samples, "tocsin_articles_in_total") == 4
        and _total(samples, "tocsin_extract_seconds_count") == 2
        and len(flow.out[f"{prefix}.deadletter"]) == _total(samples, "tocsin_dead_letters_total")
        and len(flow.out[f"{prefix}.events"]) == _total(samples, "tocsin_events_out_total")
        and _total(samples, "tocsin_events_in_total") == _total(samples, "tocsin_events_out_total")
        and len(flow.out[f"{prefix}.alerts"]) == _total(samples, "tocsin_alerts_out_total")
    )


def _consume(broker: str, worker: Worker, flow: Flow) -> None:
    prefix = worker.prefix
    names = [f"{prefix}.events", f"{prefix}.alerts", f"{prefix}.deadletter"]
    names += [f"{prefix}.events.{kind.value}" for kind in EventType]
    consumer = KafkaConsumer(
        bootstrap_servers=broker.split(","), group_id=None, isolation_level="read_committed"
    )
    try:
        partitions = [
            TopicPartition(name, number)
            for name in names
            for number in sorted(consumer.partitions_for_topic(name) or ())
        ]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        deadline = time.monotonic() + FLOW_TIMEOUT
        while not _complete(flow, worker) and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=250).values():
                for record in batch:
                    flow.out[record.topic].append((record.key, record.value))
    finally:
        consumer.close()


@pytest.fixture(scope="module")
def flow(broker: str, worker: Worker, seed_article_line: bytes) -> Flow:
    seed = json.loads(seed_article_line)
    again = json.dumps({**seed, "id": SEED_AGAIN}, ensure_ascii=False).encode()
    messages = [
        ("seed", seed["id"].encode(), seed_article_line),
        ("malformed", b"bad-json", b'{"id": "broken", "body": '),
        ("invalid", b"bad-schema", b'{"id": "no-body", "title": "a title but no body"}'),
        ("again", SEED_AGAIN.encode(), again),
    ]
    flow = Flow()
    started = time.monotonic()
    flow.produced = _produce(broker, f"{worker.prefix}.articles.raw", messages)
    _consume(broker, worker, flow)
    flow.seconds = time.monotonic() - started
    print(f"\nworker ready after {worker.ready_after:.1f}s; flow complete in {flow.seconds:.1f}s")
    return flow


def test_events_of_every_type_on_their_topics(flow: Flow, worker: Worker) -> None:
    for kind in EventType:
        topic = f"{worker.prefix}.events.{kind.value}"
        events = flow.values(topic, Event)
        assert events, f"no {kind.value} event on {topic}; worker log:\n{_tail(worker.log)}"
        assert {event.type for event in events} == {kind}
        for key, value in flow.out[topic]:
            assert key == decode(value, Event).article_id.encode()


def test_all_events_topic_is_keyed_by_article(flow: Flow, worker: Worker) -> None:
    records = flow.out[f"{worker.prefix}.events"]
    assert records
    for key, value in records:
        assert key == decode(value, Event).article_id.encode()
    typed = sum(len(flow.out[f"{worker.prefix}.events.{kind.value}"]) for kind in EventType)
    assert typed == len(records)


def test_alerts_are_raised(flow: Flow, worker: Worker) -> None:
    records = flow.out[f"{worker.prefix}.alerts"]
    assert records, f"no alert; worker log:\n{_tail(worker.log)}"
    for key, value in records:
        assert key == decode(value, Alert).alert_id.encode()


def test_two_dead_letters_with_exact_origin(flow: Flow, worker: Worker) -> None:
    letters = {
        letter.error: letter for letter in flow.values(f"{worker.prefix}.deadletter", DeadLetter)
    }
    assert set(letters) == {"decode_error", "schema_violation"}
    for error, name in (("decode_error", "malformed"), ("schema_violation", "invalid")):
        partition, offset, key, value = flow.produced[name]
        letter = letters[error]
        assert letter.reason
        assert letter.origin.topic == f"{worker.prefix}.articles.raw"
        assert (letter.origin.partition, letter.origin.offset) == (partition, offset)
        assert letter.origin.key == key.decode()
        assert base64.b64decode(letter.payload_base64) == value
    assert "body" in letters["schema_violation"].reason
    keys = {key for key, _ in flow.out[f"{worker.prefix}.deadletter"]}
    assert keys == {b"bad-json", b"bad-schema"}


def test_good_article_after_bad_ones_is_processed(flow: Flow, worker: Worker) -> None:
    events = flow.values(f"{worker.prefix}.events", Event)
    again = [event for event in events if event.article_id == SEED_AGAIN]
    seed = [event for event in events if event.article_id == "afp-2020-01-02-esper"]
    assert again and len(again) == len(seed)
    assert {event.type for event in again} == set(EventType)


def test_health_ready_and_metrics(flow: Flow, worker: Worker) -> None:
    status, body = _get(f"{worker.url}/health")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, body = _get(f"{worker.url}/ready")
    assert status == 200 and json.loads(body)["ready"] is True
    events = len(flow.out[f"{worker.prefix}.events"])
    deadline = time.monotonic() + 15
    while True:
        samples = _metrics(worker.url)
        lag = [key for key in samples if key[0] == "tocsin_consumer_lag"]
        if lag or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert samples[("tocsin_articles_in_total", ())] == 4
    assert samples[("tocsin_articles_invalid_total", (("reason", "decode_error"),))] == 1
    assert samples[("tocsin_articles_invalid_total", (("reason", "schema_violation"),))] == 1
    assert samples[("tocsin_dead_letters_total", (("error", "decode_error"),))] == 1
    # >= : the undecodable-event test below adds one more when run before this one.
    assert samples[("tocsin_dead_letters_total", (("error", "schema_violation"),))] >= 1
    assert _total(samples, "tocsin_events_out_total") == events
    assert _total(samples, "tocsin_alerts_out_total") == len(flow.out[f"{worker.prefix}.alerts"])
    assert samples[("tocsin_extract_seconds_count", ())] == 2
    assert lag, "consumer lag gauge never reported"


def _dead_letters_from(broker: str, topic: str, origin_topic: str) -> list[DeadLetter]:
    consumer = KafkaConsumer(
        bootstrap_servers=broker.split(","), group_id=None, isolation_level="read_committed"
    )
    try:
        partitions = [TopicPartition(topic, n) for n in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        letters: list[DeadLetter] = []
        deadline = time.monotonic() + 30
        while not letters and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=250).values():
                letters += [decode(r.value, DeadLetter) for r in batch]
            letters = [letter for letter in letters if letter.origin.topic == origin_topic]
        return letters
    finally:
        consumer.close()


def test_undecodable_event_is_dead_lettered_and_alerts_go_on(
    broker: str, flow: Flow, worker: Worker
) -> None:
    before = _total(_metrics(worker.url), "tocsin_events_in_total")
    event = flow.values(f"{worker.prefix}.events", Event)[0]
    replay = event.model_copy(update={"event_id": f"{event.event_id}-replay"})
    topic = f"{worker.prefix}.events"
    produced = _produce(
        broker,
        topic,
        [("garbage", b"k-garbage", b'{"event_id": 1}'), ("replay", b"k-ok", encode(replay))],
    )
    [letter] = _dead_letters_from(broker, f"{worker.prefix}.deadletter", topic)
    partition, offset, _, _ = produced["garbage"]
    assert (letter.error, letter.origin.partition, letter.origin.offset) == (
        "schema_violation",
        partition,
        offset,
    )
    deadline = time.monotonic() + 30
    while _total(_metrics(worker.url), "tocsin_events_in_total") < before + 1:
        assert time.monotonic() < deadline, f"alerts agent stopped:\n{_tail(worker.log)}"
        time.sleep(0.25)


def test_feed_and_tail_commands(broker: str, unique_prefix: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
    env.update(TOCSIN_KAFKA_BOOTSTRAP_SERVERS=broker, TOCSIN_TOPIC_PREFIX=unique_prefix)
    lines = [b'{"id": "f-1", "body": "x"}', b"not json at all", b'{"id": "f-2", "body": "y"}']
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n\n")
    try:
        for command in (["topics"], ["feed", str(source), "--rate", "50"]):
            done = subprocess.run(
                [str(TOCSIN), *command], env=env, capture_output=True, timeout=60, check=False
            )
            assert done.returncode == 0, done.stderr.decode()
        done = subprocess.run(
            [
                str(TOCSIN),
                "tail",
                "raw",
                "--json",
                "--from-beginning",
                "--max",
                "3",
                "--timeout",
                "20",
            ],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        assert sorted(done.stdout.splitlines()) == sorted(lines)
    finally:
        _delete_topics(broker, unique_prefix)
