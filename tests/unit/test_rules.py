"""Alert rules: matching, deterministic ids, readable titles and start-up errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from enrich import AlertRules
from schemas import ConfigError, Event, Quantity

pytestmark = pytest.mark.unit

NOW = dt.datetime(2020, 1, 2, 21, 30, tzinfo=dt.UTC)
MakeEvent = Callable[..., Event]


def test_asserted_strike_raises_a_critical_alert(make_event: MakeEvent) -> None:
    alerts = AlertRules.load().evaluate(make_event(countries=["IQ"], actors=[]), NOW)
    assert [(a.rule, a.severity.value) for a in alerts] == [("strike-reported", "critical")]
    assert alerts[0].title == "Strike reported in IQ on 2019-12-29"
    assert alerts[0].events[0].event_id == "ev-1"


def test_alert_ids_are_deterministic(make_event: MakeEvent) -> None:
    rules = AlertRules.load()
    first = rules.evaluate(make_event(), NOW)[0]
    later = rules.evaluate(make_event(), NOW + dt.timedelta(hours=1))[0]
    assert first.alert_id == later.alert_id


def test_small_protest_raises_nothing_and_large_one_warns(make_event: MakeEvent) -> None:
    rules = AlertRules.load()
    small = [Quantity(value=40, unit="protesters", text="40")]
    large = [Quantity(value=5000, unit="protesters", text="5,000")]
    assert rules.evaluate(make_event(type="protest", quantities=small), NOW) == []
    alerts = rules.evaluate(make_event(type="protest", quantities=large), NOW)
    assert [a.rule for a in alerts] == ["large-protest"]


def test_low_confidence_events_do_not_alert(make_event: MakeEvent) -> None:
    assert AlertRules.load().evaluate(make_event(confidence=0.2), NOW) == []


def test_bad_rules_file_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {name: x, types: [strike], severity: loud, title: 'T{nope}'}\n")
    with pytest.raises(ConfigError, match=r"rules.yaml: rules.0.severity"):
        AlertRules.load(path)


def test_a_stop_rule_ends_the_list(make_event: MakeEvent) -> None:
    event = make_event(type="advisory", advisory_level="do not travel")
    assert [a.rule for a in AlertRules.load().evaluate(event, NOW)] == ["do-not-travel"]
    milder = make_event(type="advisory", advisory_level="reconsider travel")
    assert [a.rule for a in AlertRules.load().evaluate(milder, NOW)] == ["travel-advisory"]
