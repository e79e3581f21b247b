"""A bad setting, lexicon or rules file stops `tocsin worker` at start-up, saying what to fix.

These checks fail before the worker looks for a broker, so no broker is needed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from enrich.lexicon import LANG_DIR

pytestmark = pytest.mark.unit


def _start(env: dict[str, str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["worker"], env=env)
    return result.exit_code, result.stderr


def test_bad_setting_names_the_variable(clean_env: pytest.MonkeyPatch) -> None:
    code, err = _start({"TOCSIN_PARTITIONS": "many"})
    assert code == 2
    assert "TOCSIN_PARTITIONS" in err


def test_bad_lexicon_names_the_file(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    lang = tmp_path / "lang"
    shutil.copytree(LANG_DIR, lang)
    (lang / "de" / "dates.yaml").write_text("weekdays: [montag]\n", encoding="utf-8")
    code, err = _start({"TOCSIN_LEXICON_DIR": str(lang)})
    assert code == 2
    assert "de/dates.yaml" in err and "configuration error" in err


def test_bad_rules_file_names_the_file(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: []\n", encoding="utf-8")
    code, err = _start({"TOCSIN_RULES_FILE": str(rules)})
    assert code == 2
    assert "rules.yaml" in err
