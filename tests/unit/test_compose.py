"""docker-compose.yml runs the same broker as scripts/kafka.sh, and the worker.

Docker does not run on the machines this project is built on, so this checks the file's
structure and its agreement with the Maven pin instead of starting it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8")))


def test_broker_image_matches_the_maven_pin(compose: dict[str, Any]) -> None:
    pom = (REPO / "deploy" / "kafka" / "pom.xml").read_text(encoding="utf-8")
    pinned = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom)
    assert pinned is not None
    image = compose["services"]["kafka"]["image"]
    assert image == f"apache/kafka:${{KAFKA_VERSION:-{pinned.group(1)}}}"


def test_broker_is_kraft_with_a_health_check(compose: dict[str, Any]) -> None:
    kafka = compose["services"]["kafka"]
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "kafka-broker-api-versions" in " ".join(kafka["healthcheck"]["test"])


def test_worker_points_at_the_broker_and_waits_for_it(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]
    assert worker["environment"]["TOCSIN_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:19092"
    assert worker["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert (REPO / worker["build"]["dockerfile"]).is_file()
