"""Alert rules: declarative YAML conditions on one event, each raising one alert."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from enrich.lexicon import DATA_DIR, read_model
from schemas import Alert, ConfigError, Event, EventType, Modality, QuantityUnit, Severity

_TITLE_FIELDS = ("type", "modality", "place", "countries", "date", "initiator", "quantity")


class MinQuantity(BaseModel):
    """The event must count at least ``value`` of ``unit``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    unit: QuantityUnit
    value: int = Field(gt=0)


class Rule(BaseModel):
    """One alert rule; every condition given must hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(pattern=r"^[a-z0-9-]+$")
    types: list[EventType] = Field(min_length=1)
    modalities: list[Modality] = Field(default_factory=lambda: list(Modality))
    min_confidence: float = Field(0.0, ge=0, le=1)
    min_quantity: MinQuantity | None = None
    advisory_levels: list[str] | None = None
    severity: Severity
    title: str
    stop: bool = Field(False, description="When this rule fires, later rules are skipped.")

    @model_validator(mode="after")
    def _title_renders(self) -> Rule:
        try:
            self.title.format(**dict.fromkeys(_TITLE_FIELDS, ""))
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"title uses an unknown field {exc}; known: {_TITLE_FIELDS}") from exc
        return self

    def matches(self, event: Event) -> bool:
        """True when every condition of the rule holds for ``event``."""
        if event.type not in self.types or event.modality not in self.modalities:
            return False
        if event.confidence < self.min_confidence:
            return False
        if self.advisory_levels is not None and event.advisory_level not in self.advisory_levels:
            return False
        wanted = self.min_quantity
        return wanted is None or any(
            q.unit == wanted.unit and q.value >= wanted.value for q in event.quantities
        )


class RulesFile(BaseModel):
    """``rules.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    rules: list[Rule] = Field(min_length=1)


class AlertRules:
    """Rules that turn events into alerts. Pure: the clock is passed in."""

    def __init__(self, rules: list[Rule]) -> None:
        names = [r.name for r in rules]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ConfigError(f"rule names must be unique: {sorted(duplicates)}")
        self.rules = rules

    @classmethod
    def load(cls, path: Path | None = None) -> AlertRules:
        """Load the rules file; raises ``ConfigError`` naming the file on any problem."""
        return cls(read_model(path or DATA_DIR / "rules.yaml", RulesFile).rules)

    def evaluate(self, event: Event, now: dt.datetime) -> list[Alert]:
        """The alerts one event raises: one per matching rule, in file order, up to the
        first matching rule marked ``stop``."""
        alerts = []
        for rule in self.rules:
            if not rule.matches(event):
                continue
            alerts.append(
                Alert(
                    alert_id=_alert_id(rule.name, [event.event_id]),
                    rule=rule.name,
                    severity=rule.severity,
                    title=_title(rule, event)[:200],
                    countries=event.countries,
                    events=[event],
                    raised_at=now,
                )
            )
            if rule.stop:
                break
        return alerts


def _alert_id(rule: str, event_ids: list[str]) -> str:
    key = "\x1f".join([rule, *sorted(event_ids)])
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _title(rule: Rule, event: Event) -> str:
    initiator = next((a.name for a in event.actors if a.role == "initiator"), None)
    quantity = event.quantities[0] if event.quantities else None
    place = event.location.name if event.location else ", ".join(event.countries)
    return rule.title.format(
        type=event.type.value,
        modality=event.modality.value,
        place=f" in {place}" if place else "",
        countries=", ".join(event.countries),
        date=f" on {event.date.isoformat()}" if event.date else "",
        initiator=f" by {initiator}" if initiator else "",
        quantity=f" ({'~' if quantity.approx else ''}{quantity.value:,} {quantity.unit.value})"
        if quantity
        else "",
    )
