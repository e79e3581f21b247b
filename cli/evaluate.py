"""``make eval``: how well the engine codes events, printed as plain-text tables.

Three sources: (a) the shared real English dev set, scored per record and type against a
naive keyword baseline, with a confidence reliability table; (b) the own multilingual dev
sets in ``tests/devsets``, scored per event; (c) every language folder's golden cases.
A report, not a gate: exit 0 after printing (1 if the engine does not load, 2 when the
shared dev file is missing or bad).
The scoring functions at the top are pure and unit-tested.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import AwareDatetime, BaseModel, ConfigDict

from cli.scoring import (
    BIN_EDGES,
    PRF,
    TYPES,
    Counts,
    EvalInputError,
    EventScore,
    EventView,
    M,
    Table,
    Tally,
    expected_calibration_error,
    frac,
    keyword_types,
    macro_f1,
    micro,
    new_counts,
    prf,
    reliability,
    score_article,
    score_record,
)
from enrich import Engine
from enrich.lexicon import LANG_DIR, ExamplesFile, language_folders, read_model
from schemas import Article, Event, EventType, Modality
from schemas.codec import dumps_json, parse_json, validate
from schemas.errors import TocsinError

TARGET_F1, TARGET_MODALITY = 0.85, 0.90
EXIT_OK, EXIT_ENGINE, EXIT_INPUT = 0, 1, 2

DEVSETS = Path(__file__).resolve().parent.parent / "tests" / "devsets"
BLINDSETS = DEVSETS.parent / "blindsets"
BLINDSETS2 = DEVSETS.parent / "blindsets2"  # a second round, written after the first was used
BLINDSETS3 = DEVSETS.parent / "blindsets3"  # a third, written after the second was used
REAL_DEV = Path("dev-data") / "real_dev_v1.jsonl"


@dataclass
class Summary:
    """What the closing per-language lines need."""

    macro: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    modality: dict[str, Tally] = field(default_factory=dict)
    golden: dict[str, Tally] = field(default_factory=dict)
    supported: list[str] = field(default_factory=list)


# --- Inputs -------------------------------------------------------------------------------


class RealRecord(BaseModel):
    """One record of the shared real dev set."""

    model_config = ConfigDict(extra="ignore")
    id: str
    source: str
    text: str
    gold_types: list[EventType]


class GoldEvent(BaseModel):
    """One event of an own dev-set article."""

    model_config = ConfigDict(extra="ignore")
    type: EventType
    modality: Modality
    date: dt.date | None = None
    countries: list[str] = []


class DevArticle(BaseModel):
    """One article of an own dev set."""

    model_config = ConfigDict(extra="ignore")
    id: str
    lang: str
    published_at: AwareDatetime | None = None
    title: str | None = None
    body: str
    hard_negative: bool = False
    events: list[GoldEvent] = []


def read_jsonl(path: Path, model: type[M]) -> tuple[list[M], list[str]]:
    """Every valid line of a JSON Lines file as ``model``, and a message per bad line."""
    good, bad = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                good.append(validate(parse_json(line), model))
            except TocsinError as exc:
                bad.append(f"{path}:{number}: {exc}")
    return good, bad


def view(event: GoldEvent | Event) -> EventView:
    """The scored fields of a gold or found event."""
    return EventView(event.type.value, event.modality.value, event.date, frozenset(event.countries))


# --- Sections -----------------------------------------------------------------------------

Pair = tuple[dict[str, Counts], dict[str, Counts]]  # (engine, baseline)


def real_dev(engine: Engine, path: Path, summary: Summary) -> list[Table]:
    """Record-level scores on the shared real English dev set, with baseline and reliability."""
    records, bad = read_jsonl(path, RealRecord)
    if bad:
        raise EvalInputError("; ".join(bad[:3]))
    points: list[tuple[float, bool]] = []
    scores: dict[str, Pair] = {}
    for record in records:
        result = engine.extract(Article(id=record.id, body=record.text, language="en"))
        best: dict[str, float] = {}
        for event in result.events:
            best[event.type.value] = max(best.get(event.type.value, 0.0), event.confidence)
        gold, keywords = {t.value for t in record.gold_types}, keyword_types(record.text)
        for key in ("all", record.source):
            ours, base = scores.setdefault(key, (new_counts(), new_counts()))
            score_record(ours, gold, set(best))
            score_record(base, gold, keywords)
        points += [(confidence, name in gold) for name, confidence in best.items()]
    total = scores.pop("all", (new_counts(), new_counts()))
    summary.macro["en"]["real-dev"] = macro_f1(total[0])
    return [_real_types(*total, len(records)), _real_sources(scores), _reliability(points)]


def _real_types(ours: dict[str, Counts], base: dict[str, Counts], n: int) -> Table:
    title = f"Real English dev data ({n} records): record-level, engine vs keyword baseline"
    table = Table(title, f"type|gold|{PRF}|base P|base R|base F1")
    for name in TYPES:
        o, b = ours[name], base[name]
        table.rows.append((name, o.support, *prf(o), b.precision, b.recall, b.f1))
    blanks = (None,) * 6
    table.rows.append(("macro-F1", *blanks, macro_f1(ours), None, None, macro_f1(base)))
    table.notes.append("macro-F1 over the types with gold records (deployment has none: FP only)")
    return table


def _real_sources(scores: dict[str, Pair]) -> Table:
    title = "Real English dev data by source (engine, micro over types; macro-F1 vs baseline)"
    table = Table(title, f"source|gold|{PRF}|macro-F1|base macro-F1")
    for source, (ours, base) in sorted(scores.items()):
        total = micro(ours.values())
        macros = (macro_f1(ours), macro_f1(base)) if total.support else (None, None)
        table.rows.append((source, total.support, *prf(total), *macros))
    table.notes.append("a source with no gold record only has false positives to show")
    return table


def _reliability(points: list[tuple[float, bool]]) -> Table:
    bins = reliability(points)
    title = "Confidence reliability (real dev; one point per predicted record and type)"
    table = Table(title, "bin|count|mean conf|precision|gap")
    for b in bins:
        closing = "]" if b.high == BIN_EDGES[-1] else ")"
        cells = (b.mean_confidence, b.precision, abs(b.mean_confidence - b.precision))
        row = cells if b.count else (None, None, None)
        table.rows.append((f"[{b.low:.1f},{b.high:.1f}{closing}", b.count, *row))
    table.notes.append(f"expected calibration error (ECE): {expected_calibration_error(bins):.3f}")
    return table


def own_devsets(engine: Engine, folder: Path, summary: Summary, label: str = "dev") -> list[Table]:
    """Event-level scores on every ``*.jsonl`` set in ``folder``, per language.

    ``label`` names the set in the tables and the summary: ``dev`` (the own dev sets)
    ``blind``, ``blind-r2`` and ``blind-r3`` (sets written without sight of the lexicons,
    never tuned to).
    """
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        return [Table(f"Own {label} ({folder})", "note", [("no *.jsonl file found: skipped",)])]
    scores: dict[str, EventScore] = {}
    notes: list[str] = []
    for path in files:
        articles, bad = read_jsonl(path, DevArticle)
        notes += bad
        for item in articles:
            score = scores.setdefault(item.lang, EventScore())
            body = {"body": item.body, "title": item.title, "published_at": item.published_at}
            result = engine.extract(Article(id=item.id, **body))
            score.detected.count(result.language == item.lang)
            found = [view(e) for e in result.events]
            score_article(score, [view(e) for e in item.events], found, item.hard_negative)
    for lang, score in scores.items():
        summary.macro[lang][label] = macro_f1(score.counts)
        summary.modality.setdefault(lang, Tally())
        summary.modality[lang].hits += score.modality.hits
        summary.modality[lang].total += score.modality.total
    return [_dev_types(scores, label), _dev_overview(scores, notes, label)]


def _dev_types(scores: dict[str, EventScore], label: str) -> Table:
    table = Table(f"Own {label} sets: event-level, per language and type", f"lang|type|gold|{PRF}")
    for lang, score in sorted(scores.items()):
        table.rows += [(lang, name, c.support, *prf(c)) for name, c in score.counts.items()]
    return table


def _dev_overview(scores: dict[str, EventScore], notes: list[str], label: str) -> Table:
    columns = "lang|articles|lang ok|macro-F1|modality|date|country|hard neg w/ FP"
    table = Table(f"Own {label} sets: per language (accuracies on matched events)", columns)
    for lang, s in sorted(scores.items()):
        accuracies = (frac(s.modality), frac(s.date), frac(s.country))
        hard = f"{s.hard_negatives.hits}/{s.hard_negatives.total}"
        table.rows.append(
            (lang, s.detected.total, frac(s.detected), macro_f1(s.counts), *accuracies, hard)
        )
    table.notes += [
        *notes,
        "articles are given without a language: 'lang ok' is detection accuracy",
    ]
    return table


def golden_cases(engine: Engine, summary: Summary) -> list[Table]:
    """How many golden cases of each language folder yield exactly their (type, modality)s."""
    title = "Golden cases (enrich/lang/*/examples.yaml): exact (type, modality) multiset"
    table = Table(title, "lang|cases|passed|rate")
    for folder in language_folders(LANG_DIR):
        tally = summary.golden.setdefault(folder.name, Tally())
        for n, case in enumerate(read_model(folder / "examples.yaml", ExamplesFile).examples):
            published = dt.datetime.fromisoformat(case.published_at) if case.published_at else None
            article = Article(
                id=f"{folder.name}-{n}",
                body=case.text,
                language=folder.name,
                published_at=published,
            )
            found = sorted((e.type.value, e.modality.value) for e in engine.extract(article).events)
            tally.count(found == sorted((e.type.value, e.modality) for e in case.events))
        table.rows.append((folder.name, tally.total, tally.hits, tally.accuracy))
    return [table]


def summary_lines(summary: Summary) -> list[str]:
    """One line per language: macro-F1s, modality accuracy, and whether the targets are met."""
    lines = [f"== Summary (targets: macro-F1 >= {TARGET_F1}, modality >= {TARGET_MODALITY})"]
    for lang in sorted(set(summary.macro) | set(summary.golden)):
        macros, modality = summary.macro.get(lang, {}), summary.modality.get(lang, Tally())
        met = bool(macros) and min(macros.values()) >= TARGET_F1
        met = met and modality.total > 0 and modality.accuracy >= TARGET_MODALITY
        parts = [f"macro-F1 {name} {value:.3f}" for name, value in sorted(macros.items())]
        parts.append(f"modality {frac(modality)}")
        if lang in summary.golden:
            parts.append(f"golden {summary.golden[lang].hits}/{summary.golden[lang].total}")
        if lang not in summary.supported:
            parts.append("no language folder")
        lines.append(f"{lang}: {'; '.join(parts)} -> targets {'MET' if met else 'NOT met'}")
    return lines


# --- Command ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run every section and print the report.

    Exit 0 after printing, 1 when the engine does not load, 2 on missing or bad shared input.
    """
    parser = argparse.ArgumentParser(prog="python -m cli.evaluate", description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="shared folder")
    parser.add_argument("--devsets", type=Path, default=DEVSETS, help="own dev sets folder")
    parser.add_argument("--blindsets", type=Path, default=BLINDSETS, help="blind sets folder")
    parser.add_argument("--blindsets2", type=Path, default=BLINDSETS2, help="blind sets, round 2")
    parser.add_argument("--blindsets3", type=Path, default=BLINDSETS3, help="blind sets, round 3")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead")
    args = parser.parse_args(argv)
    path = args.shared / REAL_DEV
    if not path.is_file():
        print(f"evaluate: {path}: shared dev file not found (use --shared DIR)", file=sys.stderr)
        return EXIT_INPUT
    try:
        engine = Engine.load()
    except TocsinError as exc:
        print(f"evaluate: the engine does not load: {exc}", file=sys.stderr)
        return EXIT_ENGINE
    summary = Summary(supported=engine.supported)
    try:
        tables = real_dev(engine, path, summary)
    except EvalInputError as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return EXIT_INPUT
    tables += own_devsets(engine, args.devsets, summary)
    tables += own_devsets(engine, args.blindsets, summary, "blind")
    tables += own_devsets(engine, args.blindsets2, summary, "blind-r2")
    tables += own_devsets(engine, args.blindsets3, summary, "blind-r3")
    tables += golden_cases(engine, summary)
    lines = summary_lines(summary)
    if args.json:
        document = {"tables": [t.as_json() for t in tables], "summary": lines}
        sys.stdout.write(dumps_json(document).decode() + "\n")
    else:
        print("\n".join(t.render() for t in tables) + "\n" + "\n".join(lines))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
