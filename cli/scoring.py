"""Pure scoring for ``make eval``: counts, P/R/F1, event matching, reliability, tables."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel

from schemas import EventType
from schemas.errors import TocsinError

TYPES = tuple(t.value for t in EventType)
BIN_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
BASELINE = {
    "strike": r"airstrike|air strike|shell|missile|rocket|drone|artillery|mortar|bomb",
    "protest": r"protest|demonstrat|rally|riot|strike",
    "advisory": r"travel advisory|do not travel|reconsider travel|exercise increased caution",
}
_BASELINE = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in BASELINE.items()}
M = TypeVar("M", bound=BaseModel)


class EvalInputError(TocsinError):
    """A dev-data file that is missing or malformed."""


# --- Pure scoring -------------------------------------------------------------------------


def ratio(part: float, whole: float) -> float:
    """``part / whole``, or 0.0 when ``whole`` is zero."""
    return part / whole if whole else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives of one type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0.0 with no prediction."""
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0.0 with no gold."""
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0.0 when both are zero."""
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)

    @property
    def support(self) -> int:
        """How many gold items there are."""
        return self.tp + self.fn


@dataclass
class Tally:
    """Hits out of a total (an accuracy)."""

    hits: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        """hits / total; 0.0 when nothing was counted."""
        return ratio(self.hits, self.total)

    def count(self, hit: bool) -> None:
        """Record one trial."""
        self.hits, self.total = self.hits + hit, self.total + 1


def new_counts() -> dict[str, Counts]:
    """A zeroed ``Counts`` per event type."""
    return {name: Counts() for name in TYPES}


def score_record(counts: dict[str, Counts], gold: set[str], predicted: set[str]) -> None:
    """Record-level scoring of one record's sets of types into ``counts``."""
    for name in gold | predicted:
        tally = counts.setdefault(name, Counts())
        if name in gold and name in predicted:
            tally.tp += 1
        elif name in predicted:
            tally.fp += 1
        else:
            tally.fn += 1


def macro_f1(counts: dict[str, Counts]) -> float:
    """Mean F1 over the types that have gold items (0.0 when none has)."""
    scored = [c.f1 for c in counts.values() if c.support]
    return ratio(sum(scored), len(scored))


def micro(counts: Iterable[Counts]) -> Counts:
    """The sum of several types' counts."""
    items = list(counts)
    return Counts(sum(c.tp for c in items), sum(c.fp for c in items), sum(c.fn for c in items))


@dataclass(frozen=True)
class EventView:
    """What scoring compares of one event, gold or predicted."""

    type: str
    modality: str
    date: dt.date | None = None
    countries: frozenset[str] = frozenset()


def match_events(gold: Sequence[EventView], found: Sequence[EventView]) -> list[tuple[int, int]]:
    """Greedy matching: each found event, in order, takes an unmatched gold event of its type.

    Among several candidates it takes the one agreeing most on modality, then date, then
    countries (the first on ties). Returns (gold index, found index) pairs.
    """
    free = set(range(len(gold)))
    pairs = []
    for j, event in enumerate(found):
        candidates = [i for i in sorted(free) if gold[i].type == event.type]
        if candidates:
            best = max(candidates, key=lambda i: (*_agreement(gold[i], event), -i))
            free.discard(best)
            pairs.append((best, j))
    return pairs


def _agreement(gold: EventView, found: EventView) -> tuple[bool, bool, bool]:
    return (
        gold.modality == found.modality,
        gold.date == found.date,
        gold.countries <= found.countries,
    )


@dataclass
class EventScore:
    """Event-level scores of one language's dev set."""

    counts: dict[str, Counts] = field(default_factory=new_counts)
    modality: Tally = field(default_factory=Tally)
    date: Tally = field(default_factory=Tally)
    country: Tally = field(default_factory=Tally)
    hard_negatives: Tally = field(default_factory=Tally)
    detected: Tally = field(default_factory=Tally)


def score_article(
    score: EventScore, gold: Sequence[EventView], found: Sequence[EventView], hard: bool
) -> None:
    """Add one article's matched, missed and spurious events to ``score``."""
    pairs = match_events(gold, found)
    for i, j in pairs:
        g, f = gold[i], found[j]
        score.counts[g.type].tp += 1
        score.modality.count(g.modality == f.modality)
        if g.date is not None:
            score.date.count(g.date == f.date)
        if g.countries:
            score.country.count(g.countries <= f.countries)
    for j in set(range(len(found))) - {j for _, j in pairs}:
        score.counts[found[j].type].fp += 1
    for i in set(range(len(gold))) - {i for i, _ in pairs}:
        score.counts[gold[i].type].fn += 1
    if hard:
        score.hard_negatives.count(len(found) > len(pairs))


@dataclass
class Bin:
    """One confidence bin of a reliability table."""

    low: float
    high: float
    count: int = 0
    confidence: float = 0.0
    correct: int = 0

    @property
    def mean_confidence(self) -> float:
        """Mean confidence of the predictions in the bin."""
        return ratio(self.confidence, self.count)

    @property
    def precision(self) -> float:
        """Fraction of the bin's predictions that were right."""
        return ratio(self.correct, self.count)


def reliability(
    points: Iterable[tuple[float, bool]], edges: Sequence[float] = BIN_EDGES
) -> list[Bin]:
    """Bin (confidence, correct) points into [edges[k], edges[k+1]); the last bin is closed."""
    bins = [Bin(low, high) for low, high in itertools.pairwise(edges)]
    for confidence, correct in points:
        index = next((k for k, b in enumerate(bins) if confidence < b.high), len(bins) - 1)
        target = bins[index]
        target.count, target.confidence = target.count + 1, target.confidence + confidence
        target.correct += correct
    return bins


def expected_calibration_error(bins: Sequence[Bin]) -> float:
    """Count-weighted mean gap between each bin's mean confidence and its precision."""
    total = sum(b.count for b in bins)
    return ratio(sum(b.count * abs(b.mean_confidence - b.precision) for b in bins), total)


def keyword_types(text: str) -> set[str]:
    """The naive keyword coder used as a baseline: every type whose pattern occurs."""
    return {name for name, pattern in _BASELINE.items() if pattern.search(text)}


# --- Tables -------------------------------------------------------------------------------

Cell = str | int | float | None


@dataclass
class Table:
    """A titled fixed-width table; ``columns`` are the headers separated by ``|``."""

    title: str
    columns: str
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def headers(self) -> tuple[str, ...]:
        """The column headers."""
        return tuple(self.columns.split("|"))

    def render(self) -> str:
        """The table as aligned plain text: first column left, the others right."""
        cells = [self.headers, *[tuple(_cell(v) for v in row) for row in self.rows]]
        widths = [max(len(row[k]) for row in cells) for k in range(len(self.headers))]
        lines = [f"== {self.title}"]
        for row in cells:
            pairs = zip(row, widths, strict=True)
            lines.append(
                "  ".join(c.rjust(w) if k else c.ljust(w) for k, (c, w) in enumerate(pairs))
            )
        lines.insert(2, "  ".join("-" * w for w in widths))
        return "\n".join([*lines, *(f"   {note}" for note in self.notes)]) + "\n"

    def as_json(self) -> dict[str, object]:
        """The table as a JSON-able document."""
        rows = [dict(zip(self.headers, row, strict=True)) for row in self.rows]
        return {"title": self.title, "rows": rows, "notes": self.notes}


def _cell(value: Cell) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def prf(c: Counts) -> tuple[Cell, ...]:
    """The TP, FP, FN, P, R, F1 cells of one ``Counts``."""
    return (c.tp, c.fp, c.fn, c.precision, c.recall, c.f1)


def frac(tally: Tally) -> str:
    """An accuracy cell: "0.900 (9/10)", or "-" when nothing was counted."""
    return f"{tally.accuracy:.3f} ({tally.hits}/{tally.total})" if tally.total else "-"


PRF = "TP|FP|FN|P|R|F1"
