"""The one ``Settings`` object, read from ``TOCSIN_*`` environment variables at start-up."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.errors import ConfigError

ENV_PREFIX = "TOCSIN_"
_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
_HOST_PORT = re.compile(r"^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9._-]+):(\d{1,5})$")


class Settings(BaseSettings):
    """Every knob of the worker and the tools; build it with :func:`load_settings`."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="ignore",
        validate_by_name=True,
        validate_by_alias=True,
        frozen=True,
    )

    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092",
        validation_alias=AliasChoices("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
        description="Comma-separated host:port list.",
    )
    app_id: str = Field(default="tocsin", description="Faust app id = Kafka consumer group.")
    topic_prefix: str = Field(default="tocsin", description="Topics are named PREFIX.articles.raw…")
    partitions: int = Field(default=3, ge=1, le=10_000)
    replication_factor: int = Field(default=1, ge=1, le=32)
    web_host: str = Field(default="127.0.0.1", min_length=1, description="Address to listen on.")
    web_port: int = Field(default=6066, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error", "critical"] = "info"
    log_format: Literal["console", "json"] = "console"
    lexicon_dir: Path | None = None
    rules_file: Path | None = None
    processing_guarantee: Literal["at_least_once", "exactly_once"] = "at_least_once"
    data_dir: Path = Path(".cache/faust")
    lag_interval: float = Field(
        default=5.0, gt=0, le=3600, description="Seconds between lag updates."
    )

    @field_validator("kafka_bootstrap_servers")
    @classmethod
    def _servers(cls, value: str) -> str:
        servers = [part.strip() for part in value.split(",") if part.strip()]
        if not servers:
            raise ValueError("expected host:port[,host:port…]")
        for server in servers:
            match = _HOST_PORT.match(server)
            if match is None or not 0 < int(match.group(2)) < 65536:
                raise ValueError(f"{server!r} is not host:port")
        return ",".join(servers)

    @field_validator("app_id", "topic_prefix")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("use letters, digits, '.', '_' or '-' only")
        return value

    @field_validator("log_level", "log_format", "processing_guarantee", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("lexicon_dir")
    @classmethod
    def _is_dir(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"{value} is not a directory")
        return value

    @field_validator("rules_file")
    @classmethod
    def _is_file(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"{value} is not a file")
        return value

    @property
    def broker_url(self) -> str:
        """The faust broker URL, ``kafka://host:port;host:port``."""
        return ";".join(f"kafka://{server}" for server in self.kafka_bootstrap_servers.split(","))

    @property
    def bootstrap_list(self) -> list[str]:
        """The bootstrap servers as a list, for kafka-python."""
        return self.kafka_bootstrap_servers.split(",")


def env_var(field: str) -> str:
    """The environment variable(s) that set ``field``, for error messages."""
    if field == "kafka_bootstrap_servers":
        return "TOCSIN_KAFKA_BOOTSTRAP_SERVERS (or KAFKA_BOOTSTRAP_SERVERS)"
    return f"{ENV_PREFIX}{field.upper()}"


def _field_of(location: str) -> str:
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        choices = alias.choices if isinstance(alias, AliasChoices) else []
        if location == name or location in choices:
            return name
    return location


def load_settings(**overrides: Any) -> Settings:
    """Read the settings from the environment (overrides win); ``ConfigError`` names the culprit."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            field = _field_of(str(error["loc"][0])) if error["loc"] else "(settings)"
            value = error.get("input")
            shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
            problems.append(f"{env_var(field)}: {error['msg']}{shown}")
        raise ConfigError("bad setting: " + "; ".join(problems)) from exc
