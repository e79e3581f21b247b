"""Confidence calibration: a monotone map from the engine's evidence score to a probability.

The engine first scores each event from its evidence (trigger strength, repeated
mentions, a date, a place, an initiator). ``data/calibration.yaml`` maps that score to
the precision observed on labelled development data (isotonic fit, ``make calibrate``),
interpolating linearly between its points.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from enrich.lexicon import DATA_DIR, read_model

CALIBRATION_FILE = DATA_DIR / "calibration.yaml"


class CalibrationFile(BaseModel):
    """``calibration.yaml``: where the points come from, and the points."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    points: list[tuple[float, float]] = Field(min_length=1)

    @model_validator(mode="after")
    def _monotone(self) -> CalibrationFile:
        scores = [s for s, _ in self.points]
        probabilities = [p for _, p in self.points]
        if scores != sorted(scores) or probabilities != sorted(probabilities):
            raise ValueError("points must rise in both score and probability")
        if not all(0.0 <= v <= 1.0 for v in scores + probabilities):
            raise ValueError("scores and probabilities lie in [0, 1]")
        return self


class Calibration:
    """Maps an evidence score in [0, 1] to a calibrated confidence."""

    def __init__(self, points: list[tuple[float, float]] | None = None) -> None:
        self._scores = [s for s, _ in points or []]
        self._probabilities = [p for _, p in points or []]

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration:
        """Read the points; a bad file raises ConfigError naming it."""
        return cls(list(read_model(path or CALIBRATION_FILE, CalibrationFile).points))

    def __call__(self, score: float) -> float:
        """The calibrated confidence; the identity when there are no points."""
        if not self._scores:
            return score
        index = bisect_right(self._scores, score)
        if index == 0:
            return self._probabilities[0]
        if index == len(self._scores):
            return self._probabilities[-1]
        low, high = self._scores[index - 1], self._scores[index]
        weight = (score - low) / (high - low)
        p_low, p_high = self._probabilities[index - 1], self._probabilities[index]
        return round(p_low + weight * (p_high - p_low), 3)


def isotonic(pairs: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    """Pool-adjacent-violators fit: (score, precision) points, rising.

    Precision is Laplace-smoothed, (hits + 1) / (count + 2), so a small block never
    claims certainty either way."""
    blocks: list[list[float]] = []  # [mean score, positives, count]
    for score, correct in sorted(pairs):
        blocks.append([score, float(correct), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            right = blocks.pop()
            left = blocks[-1]
            total = left[2] + right[2]
            left[0] = (left[0] * left[2] + right[0] * right[2]) / total
            left[1] += right[1]
            left[2] = total
    return [(round(score, 3), round((hits + 1) / (count + 2), 3)) for score, hits, count in blocks]
