"""Tocsin's wire models, codec and errors: the room every other room imports from."""

from schemas.errors import ConfigError, DecodeError, SchemaViolation, TocsinError
from schemas.models import (
    SCHEMA_VERSION,
    Actor,
    Alert,
    Article,
    Codes,
    DatePrecision,
    DeadLetter,
    Event,
    EventType,
    Location,
    Modality,
    Origin,
    Quantity,
    QuantityUnit,
    Severity,
    Span,
)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Alert",
    "Article",
    "Codes",
    "ConfigError",
    "DatePrecision",
    "DeadLetter",
    "DecodeError",
    "Event",
    "EventType",
    "Location",
    "Modality",
    "Origin",
    "Quantity",
    "QuantityUnit",
    "SchemaViolation",
    "Severity",
    "Span",
    "TocsinError",
]
