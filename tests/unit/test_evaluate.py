"""The pure scoring functions of ``make eval`` (cli/evaluate.py), on tiny synthetic inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cli.evaluate import DevArticle, Summary, main, read_jsonl, summary_lines
from cli.scoring import (
    Counts,
    EventScore,
    EventView,
    Table,
    Tally,
    expected_calibration_error,
    keyword_types,
    macro_f1,
    match_events,
    micro,
    new_counts,
    reliability,
    score_article,
    score_record,
)

pytestmark = pytest.mark.unit

DAY = dt.date(2024, 3, 12)


def test_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert counts.support == 5


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (Counts(), (0.0, 0.0, 0.0)),
        (Counts(fp=4), (0.0, 0.0, 0.0)),
        (Counts(fn=4), (0.0, 0.0, 0.0)),
        (Counts(tp=2), (1.0, 1.0, 1.0)),
    ],
)
def test_zero_denominators_give_zero(counts: Counts, expected: tuple[float, ...]) -> None:
    assert (counts.precision, counts.recall, counts.f1) == expected


def test_tally_accuracy() -> None:
    tally = Tally()
    assert tally.accuracy == 0.0
    for hit in (True, False, True, True):
        tally.count(hit)
    assert (tally.hits, tally.total, tally.accuracy) == (3, 4, 0.75)


def test_score_record_counts_each_type_once() -> None:
    counts = new_counts()
    score_record(counts, gold={"strike"}, predicted={"strike", "protest"})
    score_record(counts, gold={"advisory"}, predicted=set())
    score_record(counts, gold=set(), predicted=set())
    assert counts["strike"] == Counts(tp=1)
    assert counts["protest"] == Counts(fp=1)
    assert counts["advisory"] == Counts(fn=1)
    assert counts["deployment"] == Counts()


def test_macro_f1_averages_only_types_with_gold() -> None:
    counts = {"strike": Counts(tp=1), "protest": Counts(fn=1), "deployment": Counts(fp=3)}
    assert macro_f1(counts) == pytest.approx(0.5)
    assert macro_f1({"deployment": Counts(fp=1)}) == 0.0


def test_micro_sums_counts() -> None:
    assert micro([Counts(1, 2, 3), Counts(4, 5, 6)]) == Counts(5, 7, 9)


def test_match_events_pairs_same_type_only_once() -> None:
    gold = [EventView("strike", "asserted"), EventView("protest", "asserted")]
    found = [
        EventView("strike", "asserted"),
        EventView("strike", "asserted"),
        EventView("advisory", "asserted"),
    ]
    assert match_events(gold, found) == [(0, 0)]


def test_match_events_prefers_agreeing_gold() -> None:
    gold = [EventView("strike", "negated"), EventView("strike", "asserted", DAY)]
    found = [EventView("strike", "asserted", DAY), EventView("strike", "planned")]
    assert match_events(gold, found) == [(1, 0), (0, 1)]


def test_match_events_takes_first_gold_on_ties() -> None:
    gold = [EventView("protest", "asserted"), EventView("protest", "asserted")]
    assert match_events(gold, [EventView("protest", "asserted")]) == [(0, 0)]


def test_score_article_counts_and_accuracies() -> None:
    score = EventScore()
    gold = [
        EventView("strike", "asserted", DAY, frozenset({"UA"})),
        EventView("protest", "planned", None, frozenset({"FR"})),
        EventView("advisory", "asserted"),
    ]
    found = [
        EventView("strike", "asserted", DAY, frozenset({"UA", "RU"})),
        EventView("protest", "asserted", DAY, frozenset()),
        EventView("deployment", "asserted"),
    ]
    score_article(score, gold, found, hard=False)
    assert score.counts["strike"] == Counts(tp=1)
    assert score.counts["protest"] == Counts(tp=1)
    assert score.counts["advisory"] == Counts(fn=1)
    assert score.counts["deployment"] == Counts(fp=1)
    assert (score.modality.hits, score.modality.total) == (1, 2)
    assert (score.date.hits, score.date.total) == (1, 1)
    assert (score.country.hits, score.country.total) == (1, 2)
    assert score.hard_negatives.total == 0


def test_hard_negative_with_a_false_event() -> None:
    score = EventScore()
    score_article(score, [], [], hard=True)
    score_article(score, [], [EventView("strike", "asserted")], hard=True)
    assert (score.hard_negatives.hits, score.hard_negatives.total) == (1, 2)


def test_reliability_bins_and_closed_last_bin() -> None:
    points = [(0.1, False), (0.55, True), (0.59, False), (0.9, True), (1.0, True)]
    bins = reliability(points)
    assert [b.count for b in bins] == [1, 2, 0, 0, 0, 2]
    assert bins[1].mean_confidence == pytest.approx(0.57)
    assert bins[1].precision == pytest.approx(0.5)
    assert bins[2].mean_confidence == 0.0
    assert bins[5].precision == 1.0


def test_expected_calibration_error() -> None:
    bins = reliability([(0.1, False), (0.55, True), (0.59, False), (0.9, True), (1.0, True)])
    expected = (1 * 0.1 + 2 * abs(0.57 - 0.5) + 2 * abs(0.95 - 1.0)) / 5
    assert expected_calibration_error(bins) == pytest.approx(expected)
    assert expected_calibration_error(reliability([])) == 0.0
    assert expected_calibration_error(
        reliability([(0.8, True), (0.8, False)], (0, 1))
    ) == pytest.approx(0.3)


def test_keyword_baseline() -> None:
    assert keyword_types("Artillery SHELLING hit the town") == {"strike"}
    assert keyword_types("Dockers went on strike") == {"protest"}
    assert keyword_types("An airstrike hit a depot") == {"strike", "protest"}
    assert keyword_types("Do not travel to the region") == {"advisory"}
    assert keyword_types("The council met on Monday") == set()


def test_table_renders_aligned_columns() -> None:
    table = Table("T", "name|n|F1", [("strike", 12, 0.5), ("x", None, 1.0)], ["a note"])
    lines = table.render().splitlines()
    assert lines[0] == "== T"
    assert lines[1:5] == [
        "name     n     F1",
        "------  --  -----",
        "strike  12  0.500",
        "x        -  1.000",
    ]
    assert lines[5] == "   a note"
    assert table.as_json()["rows"] == [
        {"name": "strike", "n": 12, "F1": 0.5},
        {"name": "x", "n": None, "F1": 1.0},
    ]


def test_summary_lines_check_targets() -> None:
    summary = Summary(supported=["en"])
    summary.macro["en"].update({"devset": 0.9, "real-dev": 0.86})
    summary.modality["en"] = Tally(19, 20)
    summary.macro["de"]["devset"] = 0.0
    lines = summary_lines(summary)
    assert lines[1].startswith("de: macro-F1 devset 0.000")
    assert lines[1].endswith("no language folder -> targets NOT met")
    assert lines[2].endswith("modality 0.950 (19/20) -> targets MET")


def test_read_jsonl_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "xx.jsonl"
    good = '{"id": "a", "lang": "xx", "body": "text", "published_at": "2024-03-12T07:40:00Z"}'
    path.write_text(f'{good}\n\n{{"id": 1}}\nnot json\n', encoding="utf-8")
    articles, bad = read_jsonl(path, DevArticle)
    assert [a.id for a in articles] == ["a"]
    assert articles[0].published_at == dt.datetime(2024, 3, 12, 7, 40, tzinfo=dt.UTC)
    assert [message.split(": ")[0] for message in bad] == [f"{path}:3", f"{path}:4"]


def test_missing_shared_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--shared", str(tmp_path)]) == 2
    assert "shared dev file not found" in capsys.readouterr().err
