"""Whole-word alternations searched through a trie of their literal prefixes.

A lexicon compiles to one regex alternation of many patterns. Python's ``re`` tries
every alternative at every word start, so the cost grows with the lexicon. Most
patterns start with literal letters ("frappes? aériennes?" starts with "frappe"); a trie
of those starts rejects almost every position after one character, and only the
patterns sharing the start found there are tried. Patterns without a usable literal
start are searched as before. All the lexicons of a language share one trie, so a text
is scanned once for all of them.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator

from enrich.lexicon import check_patterns, words_alternation
from enrich.prefixes import literal_starts

_ANY_WORD_START = "\\w*"  # German compounds: any first part, then a known stem
Offsets = tuple[list[int], list[str]]  # where a lexicon's starts begin, and which start


class Gated:
    """Drop-in for ``compile_words(...).finditer`` that is fast on large lexicons.

    Three kinds of pattern: those with literal starts are tried only where the trie of
    starts matches, against the patterns sharing that start; compounds (``\\w*``
    then a stem) are tried at the start of words containing a stem; the rest are
    searched as one alternation, as before.
    """

    def __init__(
        self,
        clitics: list[str],
        by_start: dict[str, re.Pattern[str]],
        compounds: tuple[list[str], re.Pattern[str]] | None,
        rest: re.Pattern[str] | None,
    ) -> None:
        self._clitics = clitics
        self._by_start, self._rest = by_start, rest
        self.starts = frozenset(by_start)
        self.stems = frozenset(compounds[0] if compounds else ())
        self._compounds = compounds[1] if compounds else None
        # Built on first use, unless a language shares them; the slot is this lexicon's
        # place among those a gate serves.
        self._gate: Gate | None = None
        self._stem_gate: Gate | None = None
        self._slot = self._stem_slot = 0

    @classmethod
    def compile(
        cls, patterns: list[str], where: str, prefixes: list[str] | None = None
    ) -> Gated | None:
        """Compile ``patterns`` like :func:`compile_words`; None for an empty list."""
        if not patterns:
            return None
        check_patterns(patterns, where)
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
        by_start = {start: words_alternation(group, prefixes) for start, group in starts.items()}
        every_compound = [pattern for group in compounds.values() for pattern in group]
        return cls(
            prefixes or [],
            by_start,
            (list(compounds), words_alternation(every_compound, prefixes)) if compounds else None,
            words_alternation(rest, prefixes) if rest else None,
        )

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """Matches in text order, as the full alternation's ``finditer`` finds them."""
        found = self._matches(text, pos, endpos, first=False)
        return iter(_without_overlaps(found) if len(found) > 1 else found)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match (leftmost, then longest), or None."""
        found = self._matches(text, pos, endpos, first=True)
        return min(found, key=lambda m: (m.start(), -m.end()), default=None)

    def _matches(self, text: str, pos: int, endpos: int, first: bool) -> list[re.Match[str]]:
        """Every match of each kind of pattern, overlaps and all; with ``first``, the
        gated ones only at the first offset that has one (the rest cannot come first)."""
        found: list[re.Match[str]] = []
        if self._gate is None and self.starts:
            self._gate = Gate([self.starts], self._clitics)
        if self._gate is not None:
            offsets, starts = self._gate.index(text)[self._slot]
            low = bisect_left(offsets, pos) if pos > 0 else 0
            high = bisect_left(offsets, endpos) if endpos < len(text) else len(offsets)
            patterns = self._by_start
            for at, start in zip(offsets[low:high], starts[low:high], strict=True):
                if first and found and at > found[0].start():
                    break
                if match := patterns[start].match(text, at, endpos):
                    found.append(match)
        if self._compounds is not None:
            if self._stem_gate is None:
                self._stem_gate = Gate([self.stems], [], inside_words=True)
            offsets = self._stem_gate.index(text)[self._stem_slot][0]
            offsets = offsets[bisect_left(offsets, pos) : bisect_left(offsets, endpos)]
            words = {_word_start(text, at, pos) for at in offsets}
            compound = self._compounds.match
            found += filter(None, (compound(text, start, endpos) for start in words))
        if self._rest is not None:
            if first:
                found += filter(None, [self._rest.search(text, pos, endpos)])
            else:
                found += self._rest.finditer(text, pos, endpos)
        return found


class Gate:
    """Where words start with the literal starts of some lexicons (after a clitic).

    One gate can serve several lexicons: it scans a text once, keeps the offsets of the
    last text it scanned, and sorts them out per lexicon and start. The scan runs
    on the lower-cased text, case-sensitively (three times faster than ignoring case);
    text whose lower-casing changes its length (a rare letter such as "İ") is scanned as
    is.
    """

    def __init__(
        self, lexicons: list[frozenset[str]], clitics: list[str], inside_words: bool = False
    ) -> None:
        """``lexicons``: the literal starts of each lexicon served."""
        starts = sorted({start for served in lexicons for start in served})
        glued = f"(?:{'|'.join(map(re.escape, clitics))})?" if clitics else ""
        look = rf"(?={glued}({trie(starts)}))"  # zero-width: overlapping starts all count
        # where every start and clitic begins with a letter, "\b" is a word start, and
        # faster than a look-behind
        lettered = all(_is_word_char(word[:1]) for word in (*starts, *clitics))
        boundary = r"\b" if lettered else r"(?<!\w)"
        source = look if inside_words else boundary + look
        self._lowered = re.compile(source)
        self._any_case = re.compile(source, re.IGNORECASE)
        self._routes = {start: _routes(start, lexicons) for start in starts}
        self._size = len(lexicons)
        self._last: tuple[str, list[Offsets]] = ("", [])

    def index(self, text: str) -> list[Offsets]:
        """For each lexicon served: the offsets in ``text`` where one of its starts
        begins a word, in text order, each with that start."""
        last, slots = self._last
        if last is not text:
            slots = self._scan(text)
            self._last = (text, slots)
        return slots

    def _scan(self, text: str) -> list[Offsets]:
        lowered = text.lower()
        same = len(lowered) == len(text)
        matches = self._lowered.finditer(lowered) if same else self._any_case.finditer(text)
        slots: list[Offsets] = [([], []) for _ in range(self._size)]
        for match in matches:  # the trie matches the longest start at each offset
            at, longest = match.start(), match[1] if same else match[1].lower()
            for slot, start in self._routes[longest]:
                offsets, starts = slots[slot]
                offsets.append(at)
                starts.append(start)
        return slots


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _routes(longest: str, lexicons: list[frozenset[str]]) -> list[tuple[int, str]]:
    """(lexicon, start) for every start of a lexicon that begins ``longest`` (the gate
    reports only the longest start at an offset)."""
    prefixes = [longest[:size] for size in range(1, len(longest) + 1)]
    return [(slot, p) for slot, served in enumerate(lexicons) for p in prefixes if p in served]


def share_gate(lexicons: list[Gated], clitics: list[str]) -> None:
    """Give all ``lexicons`` of a language one gate for word starts and one for the stems
    of compounds, so that a text is scanned once for each."""
    served = [lexicon for lexicon in lexicons if lexicon.starts]
    shared = Gate([lexicon.starts for lexicon in served], clitics) if served else None
    for slot, lexicon in enumerate(served):
        lexicon._gate, lexicon._slot = shared, slot
    served = [lexicon for lexicon in lexicons if lexicon.stems]
    stems = Gate([lexicon.stems for lexicon in served], [], inside_words=True) if served else None
    for slot, lexicon in enumerate(served):
        lexicon._stem_gate, lexicon._stem_slot = stems, slot


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
