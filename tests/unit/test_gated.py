"""The gated search finds exactly what one plain alternation finds, only faster."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from enrich.gated import Gated, trie
from enrich.lexicon import LANG_DIR, LanguageFile, TriggersFile, compile_words, read_model
from enrich.prefixes import literal_starts
from enrich.text import normalise

pytestmark = pytest.mark.unit

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("frappes? aériennes?", ["frappe"]),
        ("(?:a|ont|va) envoyé", ["a envo", "ont en", "va env"]),
        ("air ?strikes?", ["air st", "airstr"]),
        ("(?:heavy |rocket )?artillery", ["artill", "heavy ", "rocket"]),
        ("(?:ال)?[أا]غار(?:ت|وا)?", ["أغار", "اغار", "الأغار", "الاغار"]),
        ("(?:missiles?|(?:heavy )?shells) (?:hit|struck)", ["heavy ", "missil", "shells"]),
        ("(?:ab|abc|b)x", ["abcx", "abx", "bx"]),
        ("[a-c]d|e", ["ad", "bd", "cd", "e"]),
        ("(?<!se )march(?:aron|aban)", ["marcha"]),
        (r"(?:\w+ ){0,3}troops", []),
        (r"\d+ killed", []),
    ],
)
def test_literal_starts(pattern: str, starts: list[str]) -> None:
    assert literal_starts(pattern) == starts


def test_trie_matches_exactly_its_words() -> None:
    pattern = re.compile(f"(?:{trie(['raid', 'raids', 'bomb', 'bombard'])})$")
    assert [
        w for w in ["raid", "raids", "bomb", "bombard", "bomba", "rai"] if pattern.match(w)
    ] == [
        "raid",
        "raids",
        "bomb",
        "bombard",
    ]


def _texts() -> list[str]:
    lines = [
        line
        for folder in ("devsets", "blindsets")
        for path in sorted((TESTS / folder).glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return [normalise(json.loads(line)["body"]) for line in lines]


@pytest.mark.parametrize("language", sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir()))
def test_gated_finds_what_the_plain_alternation_finds(language: str) -> None:
    folder = LANG_DIR / language
    prefixes = read_model(folder / "language.yaml", LanguageFile).prefixes
    lexicon = read_model(folder / "triggers.yaml", TriggersFile)
    texts = _texts()
    for kind in ("strike", "protest", "deployment", "advisory"):
        for field in ("triggers", "cued"):
            patterns = getattr(getattr(lexicon, kind), field)
            plain, gated = (
                compile_words(patterns, "t", prefixes),
                Gated.compile(patterns, "t", prefixes),
            )
            if plain is None or gated is None:
                continue
            for text in texts:
                expected = [m.span() for m in plain.finditer(text)]
                assert [m.span() for m in gated.finditer(text)] == expected, (kind, field, text)


@pytest.mark.parametrize("language", sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir()))
def test_gated_search_finds_the_first_match_in_a_window(language: str) -> None:
    folder = LANG_DIR / language
    prefixes = read_model(folder / "language.yaml", LanguageFile).prefixes
    lexicon = read_model(folder / "triggers.yaml", TriggersFile)
    for kind in ("strike", "protest", "deployment", "advisory"):
        patterns = getattr(lexicon, kind).triggers
        plain, gated = (
            compile_words(patterns, "t", prefixes),
            Gated.compile(patterns, "t", prefixes),
        )
        if plain is None or gated is None:
            continue
        for text in _texts()[:60]:
            for start in range(0, len(text), 97):
                window = (start, start + 150)
                expected = plain.search(text, *window)
                found = gated.search(text, *window)
                assert (found and found.span()) == (expected and expected.span()), (kind, text)
