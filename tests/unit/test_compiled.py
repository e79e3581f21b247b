"""The guard against compiled engine modules older than their sources."""

import os
from pathlib import Path

import pytest

from enrich import _check_compiled
from schemas import ConfigError

pytestmark = pytest.mark.unit

_SUFFIX = ".cpython-311-x86_64-linux-gnu.so"


def _write(path: Path, mtime: float) -> None:
    path.write_text("x")
    os.utime(path, (mtime, mtime))


def test_a_module_edited_after_it_was_compiled_stops_the_import(tmp_path: Path) -> None:
    _write(tmp_path / "mentions.py", 2_000)
    _write(tmp_path / f"mentions{_SUFFIX}", 1_000)
    with pytest.raises(ConfigError, match=r"mentions.*make compile"):
        _check_compiled(tmp_path)


def test_fresh_compiled_modules_and_pure_python_both_import(tmp_path: Path) -> None:
    _write(tmp_path / "mentions.py", 1_000)
    _write(tmp_path / f"mentions{_SUFFIX}", 2_000)
    _write(tmp_path / "dates.py", 3_000)  # never compiled
    _write(tmp_path / f"native__mypyc{_SUFFIX}", 1_500)  # the shared library has no source
    _check_compiled(tmp_path)
