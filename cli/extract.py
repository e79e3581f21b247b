"""``tocsin extract``: Article JSON Lines in, Event JSON Lines out, no Kafka.

The contract (stable; it is the batch/backfill path and how accuracy is measured):
one Article JSON object per input line; one Event JSON object per output line on stdout;
a bad line is reported on stderr as ``FILE:LINE: reason`` and the rest is still
processed; blank lines are skipped; when lines were rejected or articles were in an
unsupported language (no events, not guessed at), a last stderr line counts them.
Exit 0 when every line was processed, 1 when some were rejected, 2 on usage errors
(such as a missing file).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO

from enrich import Extraction
from schemas import Article
from schemas.codec import decode, encode
from schemas.errors import TocsinError

STDIN = "-"
EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class Extractor(Protocol):
    """The part of ``enrich.Engine`` this command uses."""

    def extract(self, article: Article) -> Extraction:
        """Find the events in one article."""
        ...


@dataclass
class ExtractResult:
    """Counts of one run."""

    lines: int = 0
    articles: int = 0
    events: int = 0
    rejected: int = 0
    unsupported: int = 0

    def summary(self) -> str:
        """One line for stderr: what was read and what came out."""
        return (
            f"tocsin extract: {self.lines} line(s), {self.articles} article(s), "
            f"{self.events} event(s), {self.unsupported} in an unsupported language, "
            f"{self.rejected} rejected"
        )

    @property
    def exit_code(self) -> int:
        """0 when every line was processed, 1 when some were rejected."""
        return EXIT_REJECTED if self.rejected else EXIT_OK


def extract_lines(
    engine: Extractor,
    lines: Iterable[bytes],
    source: str,
    *,
    out: BinaryIO,
    err: TextIO,
    result: ExtractResult | None = None,
) -> ExtractResult:
    """Extract the events of every line of one source, writing them to ``out``."""
    result = result if result is not None else ExtractResult()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result.lines += 1
        try:
            extraction = engine.extract(decode(line, Article))
        except TocsinError as exc:
            result.rejected += 1
            err.write(f"{source}:{number}: {exc}\n")
            continue
        result.articles += 1
        result.unsupported += extraction.status == "unsupported_language"
        for event in extraction.events:
            out.write(encode(event) + b"\n")
            result.events += 1
    return result


def usage_problem(paths: Sequence[str]) -> str | None:
    """Why these paths cannot be read, if they cannot."""
    if list(paths).count(STDIN) > 1:
        return "standard input ('-') can be given only once"
    missing = [path for path in paths if path != STDIN and not Path(path).is_file()]
    if missing:
        return "no such file: " + ", ".join(missing)
    return None


def run_extract(
    paths: Sequence[str], engine: Extractor, stdin: BinaryIO, out: BinaryIO, err: TextIO
) -> int:
    """Run the command over ``paths`` (none = stdin) and return its exit code."""
    paths = list(paths) or [STDIN]
    problem = usage_problem(paths)
    if problem is not None:
        err.write(f"tocsin extract: {problem}\n")
        return EXIT_USAGE
    result = ExtractResult()
    for path in paths:
        if path == STDIN:
            extract_lines(engine, stdin, "<stdin>", out=out, err=err, result=result)
            continue
        with open(path, "rb") as handle:
            extract_lines(engine, handle, path, out=out, err=err, result=result)
    out.flush()
    if result.rejected or result.unsupported:
        err.write(result.summary() + "\n")
    return result.exit_code
