"""Confidence calibration: the isotonic fit, the interpolation and the shipped file."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.calibration import Calibration, isotonic
from schemas import ConfigError

pytestmark = pytest.mark.unit


def test_isotonic_fit_rises_and_is_smoothed() -> None:
    pairs = [(0.1, False), (0.2, True), (0.3, False), (0.8, True), (0.9, True)]
    points = isotonic(pairs)
    probabilities = [p for _, p in points]
    assert probabilities == sorted(probabilities)
    assert probabilities[0] > 0.0 and probabilities[-1] < 1.0


def test_interpolates_between_points_and_clamps_at_the_ends() -> None:
    calibrate = Calibration([(0.2, 0.1), (0.6, 0.9)])
    assert calibrate(0.4) == pytest.approx(0.5)
    assert calibrate(0.0) == 0.1
    assert calibrate(1.0) == 0.9
    assert Calibration()(0.42) == 0.42


def test_shipped_calibration_loads_and_is_monotone() -> None:
    calibrate = Calibration.load()
    scores = [calibrate(s / 20) for s in range(21)]
    assert scores == sorted(scores)


def test_a_falling_calibration_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "calibration.yaml"
    path.write_text("source: test\npoints: [[0.2, 0.9], [0.6, 0.1]]\n")
    with pytest.raises(ConfigError, match="must rise"):
        Calibration.load(path)
