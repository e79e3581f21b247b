"""Prometheus metrics of one worker, in a registry of its own (so tests can build many apps)."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from schemas import Alert, Event

EXTRACT_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


@dataclass(frozen=True)
class Metrics:
    """The worker's counters, histogram and lag gauge."""

    registry: CollectorRegistry
    articles_in: Counter
    articles_invalid: Counter
    events_in: Counter
    events_out: Counter
    alerts_out: Counter
    dead_letters: Counter
    unsupported_language: Counter
    extract_seconds: Histogram
    consumer_lag: Gauge

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> Metrics:
        """Register every metric in ``registry`` (a new one by default)."""
        reg = registry if registry is not None else CollectorRegistry(auto_describe=True)
        return cls(
            registry=reg,
            articles_in=Counter(
                "tocsin_articles_in", "Messages read from the raw topic.", registry=reg
            ),
            articles_invalid=Counter(
                "tocsin_articles_invalid",
                "Raw messages rejected (decode_error or schema_violation).",
                ["reason"],
                registry=reg,
            ),
            events_in=Counter(
                "tocsin_events_in", "Events the alerts agent has evaluated.", registry=reg
            ),
            events_out=Counter(
                "tocsin_events_out",
                "Events published.",
                ["type", "modality", "language"],
                registry=reg,
            ),
            alerts_out=Counter(
                "tocsin_alerts_out", "Alerts published.", ["rule", "severity"], registry=reg
            ),
            dead_letters=Counter(
                "tocsin_dead_letters", "Dead letters published.", ["error"], registry=reg
            ),
            unsupported_language=Counter(
                "tocsin_unsupported_language",
                "Articles in a language the engine has no lexicon for.",
                registry=reg,
            ),
            extract_seconds=Histogram(
                "tocsin_extract_seconds",
                "Time the engine spent on one article.",
                buckets=EXTRACT_BUCKETS,
                registry=reg,
            ),
            consumer_lag=Gauge(
                "tocsin_consumer_lag",
                "Messages behind the log end (highwater - committed offset).",
                ["topic", "partition"],
                registry=reg,
            ),
        )

    def count_event(self, event: Event) -> None:
        """Count one published event."""
        self.events_out.labels(
            type=event.type.value, modality=event.modality.value, language=event.language
        ).inc()

    def count_alert(self, alert: Alert) -> None:
        """Count one published alert."""
        self.alerts_out.labels(rule=alert.rule, severity=alert.severity.value).inc()

    def render(self) -> tuple[bytes, str]:
        """The Prometheus text exposition and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
