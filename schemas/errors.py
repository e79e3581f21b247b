"""The one error hierarchy every Tocsin room raises from."""


class TocsinError(Exception):
    """Base class of every error Tocsin raises on purpose."""


class DecodeError(TocsinError):
    """Bytes that are not a JSON document."""


class SchemaViolation(TocsinError):
    """A JSON document that does not fit the wire model it was read as."""


class ConfigError(TocsinError):
    """A setting or data file that stops the worker at start-up."""
