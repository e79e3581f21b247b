"""Building the faust app: settings, topics, agents, metrics and web views.

No app exists at import time; ``tocsin worker`` builds one with :func:`create_app` and
runs it with :func:`run_worker` (faust's own CLI is not used, so no importable app
attribute is needed).

Topics: the app never declares topics (``topic_allow_declare=False``); ``streams.admin``
creates them all, with explicit partitions and configs, from ``streams.topics``. Against
Kafka 4.4, faust 0.15.3's own declaration did not create them ("not found in cluster
metadata") and the broker then auto-created them with ONE partition. faust's leader
topic is disabled for the same reason. When tables
arrive, add their changelog topics (``{app_id}-{table}-changelog``, compacted, with the
same partition count as their source topic) to ``streams.topics``.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust
from prometheus_client import CollectorRegistry

from streams.agents import Agents, Extractor, Rules, register_agents
from streams.metrics import Metrics
from streams.settings import Settings
from streams.topics import BoundTopics, bind_topics
from streams.web import install_views


@dataclass(frozen=True)
class Service:
    """One worker's app and the parts tests reach into."""

    app: faust.App
    settings: Settings
    topics: BoundTopics
    agents: Agents
    metrics: Metrics


def _faust_app(settings: Settings) -> faust.App:
    return faust.App(
        settings.app_id,
        broker=settings.broker_url,
        autodiscover=False,
        datadir=str(settings.data_dir / settings.app_id),
        processing_guarantee=settings.processing_guarantee,
        consumer_auto_offset_reset="earliest",
        key_serializer="raw",
        value_serializer="raw",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        topic_allow_declare=False,
        topic_disable_leader=True,
        # Tables (none yet) would use memory stores;
        # switch to rocksdb:// and add their changelog topics when they arrive.
        store="memory://",
        # faust falls back to a round-robin assignor without standbys, and that assignor
        # crashes exactly_once at start-up (faust-streaming issue #440): keep one.
        table_standby_replicas=1,
        web_enabled=True,
        web_bind=settings.web_host,
        web_host=settings.web_host,
        web_port=settings.web_port,
    )


def build(
    settings: Settings,
    engine: Extractor,
    rules: Rules,
    registry: CollectorRegistry | None = None,
) -> Service:
    """Build the app and keep handles on its topics, agents and metrics."""
    app = _faust_app(settings)
    metrics = Metrics.create(registry)
    topics = bind_topics(app, settings)
    agents = register_agents(app, topics, engine, rules, metrics)
    install_views(app, metrics)

    async def update_lag() -> None:
        """Refresh the consumer-lag gauge."""
        await update_consumer_lag(app, metrics)

    app.timer(interval=settings.lag_interval, name="tocsin.lag")(update_lag)

    return Service(app=app, settings=settings, topics=topics, agents=agents, metrics=metrics)


def create_app(settings: Settings, engine: Extractor, rules: Rules) -> faust.App:
    """A ready-to-run faust app (the worker's entry point)."""
    return build(settings, engine, rules).app


async def update_consumer_lag(app: faust.App, metrics: Metrics) -> None:
    """Set lag = highwater - committed offset (else position) for every assigned partition."""
    if app.rebalancing or app.rebalancing_count == 0:
        return
    consumer = app.consumer
    lags: dict[tuple[str, int], int] = {}
    for tp in consumer.assignment():
        highwater = consumer.highwater(tp)
        offset = app.monitor.tp_committed_offsets.get(tp)
        if offset is None:
            offset = await consumer.position(tp)
        if highwater is not None and offset is not None:
            lags[(tp.topic, tp.partition)] = max(0, highwater - offset)
    metrics.consumer_lag.clear()  # forget revoked partitions; no await until all are set
    for (topic, partition), lag in lags.items():
        metrics.consumer_lag.labels(topic=topic, partition=str(partition)).set(lag)


def run_worker(app: faust.App, settings: Settings) -> None:
    """Run the faust worker in the foreground until SIGINT/SIGTERM (never returns)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # faust makes only the last level
    worker = faust.Worker(
        app,
        loglevel=settings.log_level,
        quiet=settings.log_format == "json",
        redirect_stdouts=False,
        override_logging=False,
    )
    worker.execute_from_commandline()
