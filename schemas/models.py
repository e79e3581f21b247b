"""Pydantic wire models: what goes in and out of Tocsin's topics.

Outgoing models (Event, Alert, DeadLetter) are frozen and carry ``schema_version``;
bump it (and export the JSON Schema again with ``make schemas``) on any change a
consumer could notice.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION: Literal["1.0"] = "1.0"

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class _Wire(BaseModel):
    """Frozen, closed model for what Tocsin publishes."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(BaseModel):
    """A raw news article, as producers put it on the raw topic. Unknown fields are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1, max_length=256)
    body: str = Field(min_length=1)
    title: str | None = None
    language: LanguageCode | None = Field(
        default=None, description="ISO 639-1; detected from the body when absent."
    )
    published_at: AwareDatetime | None = Field(
        default=None, description="RFC 3339 with a UTC offset; relative dates resolve against it."
    )
    source: str | None = None
    url: str | None = None


class EventType(StrEnum):
    """The four kinds of event Tocsin codes."""

    STRIKE = "strike"
    PROTEST = "protest"
    DEPLOYMENT = "deployment"
    ADVISORY = "advisory"


class Modality(StrEnum):
    """Whether the event happened, is announced, is threatened or is denied."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    POSSIBLE = "possible"
    NEGATED = "negated"


class DatePrecision(StrEnum):
    """How exactly ``Event.date`` is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Location(_Wire):
    """A geocoded place. ``country`` is null for regions that span countries."""

    name: str
    country: CountryCode | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Literal["city", "region", "country"]


class Actor(_Wire):
    """Who did it (initiator) or to whom (target)."""

    name: str
    role: Literal["initiator", "target"]
    country: CountryCode | None = None
    kind: Literal["state", "armed_group", "civilians", "government", "other"] = "other"


class QuantityUnit(StrEnum):
    """What a number in an event counts."""

    TROOPS = "troops"
    PROTESTERS = "protesters"
    KILLED = "killed"
    INJURED = "injured"
    AIRCRAFT = "aircraft"
    SHIPS = "ships"


class Quantity(_Wire):
    """A count; ``approx`` is true for "some 3,000" or "hundreds" (value is then a lower bound)."""

    value: int = Field(ge=0)
    unit: QuantityUnit
    approx: bool = False
    text: str


class Span(_Wire):
    """Evidence: ``text == article.body[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Codes(_Wire):
    """Codes in other event ontologies, so GDELT and POLECAT data can be joined."""

    cameo: str | None = None
    plover: str | None = None


class Event(_Wire):
    """One real-world event found in one article. Key on the events topics: ``article_id``."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    event_id: str = Field(description="Deterministic: the same article always yields the same ids.")
    article_id: str
    type: EventType
    modality: Modality
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    location: Location | None = None
    countries: list[CountryCode] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    evidence: list[Span] = Field(min_length=1)
    language: LanguageCode
    confidence: float = Field(ge=0.0, le=1.0)
    codes: Codes = Field(default_factory=Codes)
    advisory_level: str | None = Field(
        default=None, description='Advisories only: "do not travel", "reconsider travel", ...'
    )
    published_at: AwareDatetime | None = None
    source: str | None = None


class Severity(StrEnum):
    """How loudly an alert should ring."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class Alert(_Wire):
    """A rule fired on one or more events. Key on the alerts topic: ``alert_id``."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    alert_id: str = Field(description="Deterministic: hash of the rule and its events' ids.")
    rule: str
    severity: Severity
    title: str = Field(max_length=200)
    countries: list[CountryCode] = Field(default_factory=list)
    events: list[Event] = Field(min_length=1)
    raised_at: AwareDatetime


class Origin(_Wire):
    """Where a dead letter was read from."""

    topic: str
    partition: int
    offset: int
    key: str | None = None
    timestamp: dt.datetime | None = None


class DeadLetter(_Wire):
    """A message Tocsin could not process, with the reason and the untouched payload."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    reason: str
    error: Literal["decode_error", "schema_violation", "processing_error"]
    origin: Origin
    payload: str = Field(description="The payload as UTF-8 (undecodable bytes replaced).")
    payload_base64: str = Field(description="The exact payload bytes, base64.")
    failed_at: AwareDatetime


WIRE_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "event": Event,
    "alert": Alert,
    "dead_letter": DeadLetter,
}
