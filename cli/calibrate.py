"""``make calibrate``: fit ``enrich/data/calibration.yaml`` on the shared real dev set.

For every record and every type the engine predicts there, it pairs the highest raw
evidence score with whether the type is in the gold labels, fits an isotonic map, and
writes its points. The dev split is development data; the held-out set is never used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from cli.evaluate import REAL_DEV, RealRecord, read_jsonl
from enrich import Engine
from enrich.calibration import CALIBRATION_FILE, isotonic
from schemas import Article

_MAX_POINTS = 12


def scored_predictions(engine: Engine, records: list[RealRecord]) -> list[tuple[float, bool]]:
    """(raw score, correct) for every (record, predicted type)."""
    pairs = []
    for record in records:
        events = engine.extract(Article(id=record.id, body=record.text, language="en")).events
        best: dict[str, float] = {}
        for event in events:
            best[event.type] = max(best.get(event.type, 0.0), event.confidence)
        gold = {t.value for t in record.gold_types}
        pairs += [(score, kind in gold) for kind, score in best.items()]
    return pairs


def thin(points: list[tuple[float, float]], most: int = _MAX_POINTS) -> list[tuple[float, float]]:
    """At most ``most`` points, keeping both ends, rising strictly in score."""
    if len(points) > most:
        step = (len(points) - 1) / (most - 1)
        points = [points[round(i * step)] for i in range(most)]
    kept: list[tuple[float, float]] = []
    for score, probability in points:
        if not kept or score > kept[-1][0]:
            kept.append((score, max(probability, kept[-1][1]) if kept else probability))
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    """Fit and write the calibration points; print the table."""
    parser = argparse.ArgumentParser(prog="calibrate", description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    path = args.shared / REAL_DEV
    if not path.is_file():
        print(f"calibrate: {path} not found (--shared)", file=sys.stderr)
        return 2
    records, _bad = read_jsonl(path, RealRecord)
    pairs = scored_predictions(Engine.load(calibrated=False), records)
    points = thin(isotonic(pairs))
    document = {
        "source": f"isotonic fit on {len(pairs)} predictions of {path.name} (make calibrate)",
        "points": [list(p) for p in points],
    }
    CALIBRATION_FILE.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    for score, probability in points:
        print(f"  raw {score:.3f} -> {probability:.3f}")
    print(f"wrote {CALIBRATION_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
