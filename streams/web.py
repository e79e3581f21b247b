"""HTTP endpoints on faust's web server: ``/metrics``, ``/health`` and ``/ready``."""

from __future__ import annotations

from faust import web
from faust.types import AppT

from streams.metrics import Metrics


def is_ready(app: AppT) -> bool:
    """True once the consumer finished a rebalance and is not rebalancing now."""
    return app.rebalancing_count > 0 and not app.rebalancing


def _assignment(app: AppT) -> list[str]:
    if not is_ready(app):
        return []
    return sorted(f"{tp.topic}:{tp.partition}" for tp in app.consumer.assignment())


def install_views(app: AppT, metrics: Metrics) -> None:
    """Add the three views to ``app``'s web server."""

    @app.page("/metrics", name="tocsin_metrics")
    async def metrics_view(self: web.View, request: web.Request) -> web.Response:
        """Prometheus text exposition of the worker's registry."""
        body, content_type = metrics.render()
        # aiohttp refuses a charset in ``content_type``; Prometheus' type carries one.
        return self.bytes(body, headers={"Content-Type": content_type})

    @app.page("/health", name="tocsin_health")
    async def health_view(self: web.View, request: web.Request) -> web.Response:
        """Liveness: the process and its event loop answer."""
        return self.json({"status": "ok", "app_id": app.conf.id})

    @app.page("/ready", name="tocsin_ready")
    async def ready_view(self: web.View, request: web.Request) -> web.Response:
        """Readiness: 200 once the consumer group assigned partitions, else 503."""
        ready = is_ready(app)
        body = {"ready": ready, "rebalancing": app.rebalancing, "assignment": _assignment(app)}
        return self.json(body, status=200 if ready else 503)
