"""Settings: defaults, TOCSIN_* and KAFKA_BOOTSTRAP_SERVERS, and errors naming the variable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schemas.errors import ConfigError
from streams.settings import load_settings

pytestmark = pytest.mark.unit


def test_defaults(clean_env: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.kafka_bootstrap_servers == "127.0.0.1:9092"
    assert settings.app_id == "tocsin"
    assert settings.topic_prefix == "tocsin"
    assert (settings.partitions, settings.replication_factor) == (3, 1)
    assert settings.web_port == 6066
    assert settings.processing_guarantee == "at_least_once"
    assert settings.log_format == "console"
    assert settings.data_dir == Path(".cache/faust")
    assert settings.lexicon_dir is None and settings.rules_file is None
    assert settings.broker_url == "kafka://127.0.0.1:9092"


def test_reads_tocsin_variables(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: []\n")
    clean_env.setenv("TOCSIN_PARTITIONS", "6")
    clean_env.setenv("TOCSIN_APP_ID", "tocsin-eu")
    clean_env.setenv("TOCSIN_LOG_LEVEL", "DEBUG")
    clean_env.setenv("TOCSIN_LOG_FORMAT", "json")
    clean_env.setenv("TOCSIN_RULES_FILE", str(rules))
    clean_env.setenv("TOCSIN_LEXICON_DIR", str(tmp_path))
    settings = load_settings()
    assert settings.partitions == 6
    assert settings.app_id == "tocsin-eu"
    assert settings.log_level == "debug"
    assert settings.log_format == "json"
    assert settings.rules_file == rules
    assert settings.lexicon_dir == tmp_path


def test_plain_kafka_bootstrap_servers(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092, other:9092")
    settings = load_settings()
    assert settings.kafka_bootstrap_servers == "kafka:19092,other:9092"
    assert settings.bootstrap_list == ["kafka:19092", "other:9092"]
    assert settings.broker_url == "kafka://kafka:19092;kafka://other:9092"


def test_tocsin_variable_wins_over_plain_one(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("KAFKA_BOOTSTRAP_SERVERS", "plain:9092")
    clean_env.setenv("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "mine:9092")
    assert load_settings().kafka_bootstrap_servers == "mine:9092"


def test_overrides_win(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TOCSIN_WEB_PORT", "7000")
    assert load_settings(web_port=7001).web_port == 7001


@pytest.mark.parametrize(
    "variable, value, named",
    [
        ("TOCSIN_PARTITIONS", "three", "TOCSIN_PARTITIONS"),
        ("TOCSIN_PARTITIONS", "0", "TOCSIN_PARTITIONS"),
        ("TOCSIN_WEB_PORT", "70000", "TOCSIN_WEB_PORT"),
        ("TOCSIN_LOG_LEVEL", "loud", "TOCSIN_LOG_LEVEL"),
        ("TOCSIN_LOG_FORMAT", "xml", "TOCSIN_LOG_FORMAT"),
        ("TOCSIN_PROCESSING_GUARANTEE", "maybe", "TOCSIN_PROCESSING_GUARANTEE"),
        ("TOCSIN_APP_ID", "has space", "TOCSIN_APP_ID"),
        ("TOCSIN_RULES_FILE", "/no/such/rules.yaml", "TOCSIN_RULES_FILE"),
        ("TOCSIN_LEXICON_DIR", "/no/such/dir", "TOCSIN_LEXICON_DIR"),
        ("KAFKA_BOOTSTRAP_SERVERS", "no-port", "KAFKA_BOOTSTRAP_SERVERS"),
        ("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "h:99999", "TOCSIN_KAFKA_BOOTSTRAP_SERVERS"),
    ],
)
def test_bad_value_raises_config_error_naming_the_variable(
    clean_env: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    clean_env.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert named in str(caught.value)


def test_nothing_reads_settings_at_import_time(tmp_path: Path) -> None:
    code = (
        "import streams.app, streams.agents, streams.topics, streams.admin, cli.main\n"
        "print('imported')\n"
    )
    env = {"PATH": "/usr/bin:/bin", "TOCSIN_PARTITIONS": "not-a-number"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "imported" in done.stdout
