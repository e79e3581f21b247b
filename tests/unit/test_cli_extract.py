"""The `tocsin extract` contract: JSON Lines in, events out, FILE:LINE errors, exit 0/1/2."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.extract import run_extract
from cli.main import app
from enrich import Extraction
from schemas import Article, Event
from schemas.codec import decode

pytestmark = pytest.mark.unit

GOOD = b'{"id": "a-1", "body": "Des frappes ont eu lieu.", "language": "fr"}'
GOOD_2 = b'{"id": "a-2", "body": "Rien.", "language": "fr"}'
NOT_JSON = b'{"id": "a-3", "body": '
NO_BODY = b'{"id": "a-4"}'


class FakeEngine:
    """One strike per article whose body mentions 'frappes'; Italian is unsupported."""

    def extract(self, article: Article) -> Extraction:
        if article.language == "it":
            return Extraction(events=(), language="it", status="unsupported_language")
        events: tuple[Event, ...] = ()
        if "frappes" in article.body:
            events = (
                Event.model_validate(
                    {
                        "event_id": f"{article.id}-0",
                        "article_id": article.id,
                        "type": "strike",
                        "modality": "asserted",
                        "evidence": [{"text": "frappes", "start": 4, "end": 11}],
                        "language": "fr",
                        "confidence": 0.5,
                    }
                ),
            )
        return Extraction(events=events, language="fr", status="ok")


def _run(paths: list[str], stdin: bytes = b"") -> tuple[int, list[bytes], str]:
    out, err = io.BytesIO(), io.StringIO()
    code = run_extract(paths, FakeEngine(), io.BytesIO(stdin), out, err)
    return code, out.getvalue().splitlines(), err.getvalue()


def _write(tmp_path: Path, *lines: bytes, name: str = "in.jsonl") -> str:
    path = tmp_path / name
    path.write_bytes(b"\n".join(lines) + b"\n")
    return str(path)


def test_all_good_lines_exit_0(tmp_path: Path) -> None:
    code, out, err = _run([_write(tmp_path, GOOD, GOOD_2)])
    assert code == 0
    assert err == ""
    assert [decode(line, Event).article_id for line in out] == ["a-1"]


def test_bad_lines_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    path = _write(tmp_path, NOT_JSON, GOOD, b"", NO_BODY, GOOD.replace(b"a-1", b"a-5"))
    code, out, err = _run([path])
    assert code == 1
    assert [decode(line, Event).article_id for line in out] == ["a-1", "a-5"]
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{path}:1: ") and "not JSON" in lines[0]
    assert lines[1].startswith(f"{path}:4: ") and "body" in lines[1]
    assert lines[2].endswith("2 rejected")


def test_unsupported_language_is_counted_not_guessed(tmp_path: Path) -> None:
    italian = b'{"id": "it-1", "body": "Migliaia di persone in piazza.", "language": "it"}'
    code, out, err = _run([_write(tmp_path, italian)])
    assert (code, out) == (0, [])
    assert "1 in an unsupported language" in err


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    code, out, err = _run([_write(tmp_path, b"", b"   ", GOOD, b"")])
    assert (code, len(out), err) == (0, 1, "")


def test_stdin_by_dash_and_by_default() -> None:
    for paths in (["-"], []):
        code, out, err = _run(paths, stdin=GOOD + b"\n" + NO_BODY + b"\n")
        assert code == 1
        assert len(out) == 1
        assert err.startswith("<stdin>:2: ")


def test_several_files_in_order(tmp_path: Path) -> None:
    first = _write(tmp_path, GOOD, name="1.jsonl")
    second = _write(tmp_path, GOOD.replace(b"a-1", b"b-1"), name="2.jsonl")
    code, out, _ = _run([first, second])
    assert code == 0
    assert [decode(line, Event).article_id for line in out] == ["a-1", "b-1"]


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = _run([_write(tmp_path, GOOD), str(tmp_path / "nope.jsonl")])
    assert code == 2
    assert out == []
    assert "nope.jsonl" in err


def test_stdin_twice_is_a_usage_error() -> None:
    assert _run(["-", "-"])[0] == 2


def test_command_line_with_the_real_engine(tmp_path: Path, seed_article_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["extract", str(seed_article_path)])
    assert done.exit_code == 0, done.output
    for line in done.stdout.splitlines():
        assert decode(line, Event).article_id == "afp-2020-01-02-esper"
    bad = _write(tmp_path, NOT_JSON)
    done = runner.invoke(app, ["extract", bad])
    assert done.exit_code == 1
    assert f"{bad}:1:" in done.stderr
    assert runner.invoke(app, ["extract", str(tmp_path / "missing.jsonl")]).exit_code == 2


def test_extract_needs_no_kafka_libraries(seed_article_path: Path) -> None:
    code = (
        "import sys\n"
        "from cli.main import run\n"
        f"sys.argv = ['tocsin', 'extract', {str(seed_article_path)!r}]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as exit:\n"
        "    loaded = [m for m in ('faust', 'aiokafka', 'kafka', 'streams') if m in sys.modules]\n"
        "    print('loaded:', loaded, 'exit:', exit.code, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert "loaded: [] exit: 0" in done.stderr, done.stderr
