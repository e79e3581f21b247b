"""The pure extraction engine: articles in, events out. Never imports faust or Kafka."""

from enrich.engine import Engine, Extraction
from enrich.rules import AlertRules

__all__ = ["AlertRules", "Engine", "Extraction"]
