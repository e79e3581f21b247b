"""Compile the engine's hot modules to C with mypyc (as black and mypy ship), in place.

The compiled modules sit beside their sources and import first; the pure-Python sources
stay the reference and run wherever nothing is compiled. ``enrich`` refuses to import a
compiled module older than its source, so an edit is never silently ignored: run
``make compile`` (or ``make clean-compiled``) after editing ``enrich/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mypyc.build import mypycify
from setuptools import setup

ROOT = Path(__file__).resolve().parent.parent
# Read once at start-up, or pydantic models that mypyc cannot compile yet: left as Python.
NOT_COMPILED = {"__init__.py", "lexicon.py", "calibration.py", "rules.py"}


def main() -> None:
    """Build every other ``enrich/*.py`` into one group whose shared library is
    ``enrich/native__mypyc``, so it imports as part of the package."""
    sources = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "enrich").glob("*.py")
        if path.name not in NOT_COMPILED
    )
    setup(
        name="tocsin-engine",
        ext_modules=mypycify(
            sources, opt_level="3", group_name="enrich.native", target_dir=".cache/mypyc"
        ),
        script_args=["build_ext", "--inplace", "--build-temp", ".cache/mypyc"],
    )
    # build_ext skips a module whose generated C did not change; it is current all the same.
    for binary in (ROOT / "enrich").glob("*.so"):
        binary.touch()


if __name__ == "__main__":
    sys.exit(main())
