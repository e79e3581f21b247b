"""The pure extraction engine: articles in, events out. Never imports faust or Kafka."""

from pathlib import Path

from schemas import ConfigError


def _check_compiled(folder: Path) -> None:
    """Refuse a module compiled (``make compile``) before its source was last edited: it
    would import first and run the old code."""
    stale = [
        binary.name
        for binary in folder.glob("*.so")
        if (source := folder / f"{binary.name.split('.')[0]}.py").is_file()
        and binary.stat().st_mtime < source.stat().st_mtime
    ]
    if stale:
        raise ConfigError(
            f"enrich: compiled modules older than their sources ({', '.join(sorted(stale))});"
            " run `make compile`, or `make clean-compiled` to run the engine as pure Python"
        )


_check_compiled(Path(__file__).parent)

from enrich.engine import Engine, Extraction  # noqa: E402  (after the check above)
from enrich.rules import AlertRules  # noqa: E402

__all__ = ["AlertRules", "Engine", "Extraction"]
