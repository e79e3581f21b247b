"""Whole-word alternations searched through a trie of their literal prefixes.

A lexicon compiles to one regex alternation of many patterns. Python's ``re`` tries
every alternative at every word start, so the cost grows with the lexicon. Most
patterns start with literal letters ("frappes? aériennes?" starts with "frapp"); a trie
of those prefixes rejects almost every position after one character, and the full
alternation is only tried where a prefix matched. Patterns without a usable literal
prefix are searched as before. All the lexicons of a language share one trie, so a text
is scanned once for all of them.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator

from enrich.lexicon import compile_words
from enrich.prefixes import literal_starts

_ANY_WORD_START = "\\w*"  # German compounds: any first part, then a known stem


class Gated:
    """Drop-in for ``compile_words(...).finditer`` that is fast on large lexicons.

    Three kinds of pattern: those with literal starts are tried only where the trie of
    starts matches, against the patterns sharing its first two letters; compounds (``\\w*``
    then a stem) are tried at the start of words containing a stem; the rest are
    searched as one alternation, as before.
    """

    def __init__(
        self,
        starts: list[str],
        clitics: list[str],
        by_head: dict[str, re.Pattern[str]],
        infix: tuple[Gate, re.Pattern[str]] | None,
        rest: re.Pattern[str] | None,
    ) -> None:
        self.starts, self._clitics = starts, clitics
        self._gate: Gate | None = None  # built on first use, unless a language shares one
        self._by_head, self._infix, self._rest = by_head, infix, rest

    @classmethod
    def compile(
        cls, patterns: list[str], where: str, prefixes: list[str] | None = None
    ) -> Gated | None:
        """Compile ``patterns`` like :func:`compile_words`; None for an empty list."""
        full = compile_words(patterns, where, prefixes)  # checks every pattern once
        if full is None:
            return None
        starts: dict[str, list[str]] = {}  # start -> patterns
        compounds: dict[str, list[str]] = {}
        rest: list[str] = []
        for pattern in patterns:
            compound = pattern.startswith(_ANY_WORD_START)
            found = literal_starts(pattern[len(_ANY_WORD_START) :] if compound else pattern)
            for start in found:
                (compounds if compound else starts).setdefault(start, []).append(pattern)
            if not found:
                rest.append(pattern)
        return cls(
            list(starts),
            prefixes or [],
            _by_head(starts, where, prefixes) if starts else {},
            _infix(compounds, where, prefixes) if compounds else None,
            compile_words(rest, where, prefixes),
        )

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """Matches in text order, as the full alternation's ``finditer`` finds them."""
        found: list[re.Match[str]] = []
        whole = pos <= 0 and endpos >= len(text)
        if self._gate is None and self.starts:
            self._gate = Gate(self.starts, self._clitics)
        index = self._gate.index(text) if self._gate else {}
        for head, pattern in self._by_head.items():
            offsets = index.get(head)
            if offsets and not whole:
                offsets = offsets[bisect_left(offsets, pos) : bisect_left(offsets, endpos)]
            for at in offsets or ():
                if match := pattern.match(text, at, endpos):
                    found.append(match)
        if self._infix is not None:
            stems, compounds = self._infix
            offsets = stems.index(text)[""]
            offsets = offsets[bisect_left(offsets, pos) : bisect_left(offsets, endpos)]
            words = {_word_start(text, at, pos) for at in offsets}
            found += filter(None, (compounds.match(text, start, endpos) for start in words))
        if self._rest is not None:
            found += self._rest.finditer(text, pos, endpos)
        return iter(_without_overlaps(found))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match, or None."""
        return next(self.finditer(text, pos, endpos), None)


class Gate:
    """Where a word may start one of ``starts`` (after an optional clitic).

    One gate can serve several lexicons: it scans a text once, keeps the offsets of the
    last text it scanned, and answers for any range of it. The scan runs on the
    lower-cased text, case-sensitively (three times faster than ignoring case); text
    whose lower-casing changes its length (a rare letter such as "İ") is scanned as is.
    """

    def __init__(self, starts: list[str], clitics: list[str], inside_words: bool = False) -> None:
        glued = f"(?:{'|'.join(map(re.escape, clitics))})?" if clitics else ""
        look = rf"(?={glued}{trie(starts)})"  # zero-width: overlapping starts all count
        source = look if inside_words else rf"(?<!\w){look}"
        self._lowered = re.compile(source)
        self._any_case = re.compile(source, re.IGNORECASE)
        self._last: tuple[str, dict[str, list[int]]] = ("", {})

    def index(self, text: str) -> dict[str, list[int]]:
        """Lower-case first letter, and first two letters -> sorted offsets in ``text``
        where a start begins with them; "" -> every such offset."""
        last, by_head = self._last
        if last is not text:
            by_head = self._scan(text)
            self._last = (text, by_head)
        return by_head

    def _scan(self, text: str) -> dict[str, list[int]]:
        lowered = text.lower()
        if len(lowered) == len(text):
            offsets = [m.start() for m in self._lowered.finditer(lowered)]
        else:
            offsets = [m.start() for m in self._any_case.finditer(text)]
        by_head: dict[str, list[int]] = {"": offsets}
        for at in offsets:
            head = text[at : at + 2].lower()
            by_head.setdefault(head[:1], []).append(at)
            if len(head) == 2:
                by_head.setdefault(head, []).append(at)
        return by_head


def share_gate(lexicons: list[Gated], clitics: list[str]) -> None:
    """Give all ``lexicons`` of a language one gate, so that a text is scanned once."""
    starts = sorted({start for lexicon in lexicons for start in lexicon.starts})
    shared = Gate(starts, clitics) if starts else None
    for lexicon in lexicons:
        lexicon._gate = shared


def _by_head(
    starts: dict[str, list[str]], where: str, prefixes: list[str] | None
) -> dict[str, re.Pattern[str]]:
    """First two letters (or the one) -> alternation of the patterns that can start with
    them; "" -> all of them, for languages whose clitics hide the first letters."""
    groups: dict[str, list[str]] = {}
    for start, patterns in starts.items():
        groups.setdefault("" if prefixes else start[:2], []).extend(patterns)
    compiled = {head: compile_words(group, where, prefixes) for head, group in groups.items()}
    return {head: pattern for head, pattern in compiled.items() if pattern is not None}


def _infix(
    compounds: dict[str, list[str]], where: str, prefixes: list[str] | None
) -> tuple[Gate, re.Pattern[str]] | None:
    full = compile_words([p for group in compounds.values() for p in group], where, prefixes)
    return (Gate(list(compounds), [], inside_words=True), full) if full else None


def _without_overlaps(found: list[re.Match[str]]) -> list[re.Match[str]]:
    """Leftmost-longest matches that do not overlap, as one alternation would give."""
    kept: list[re.Match[str]] = []
    for match in sorted(found, key=lambda m: (m.start(), -m.end())):
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def _word_start(text: str, index: int, floor: int) -> int:
    """Where the word holding ``text[index]`` begins (not before ``floor``)."""
    while index > floor and (text[index - 1].isalnum() or text[index - 1] == "_"):
        index -= 1
    return index


def trie(words: list[str]) -> str:
    """A regex matching any of ``words``, shaped as a trie so it fails fast."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in sorted(set(words)):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(tree)


def _render(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if ends_here else body
