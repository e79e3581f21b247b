"""Whole-word alternations searched through a trie of their literal prefixes.

A lexicon compiles to one regex alternation of many patterns. Python's ``re`` tries
every alternative at every word start, so the cost grows with the lexicon. Most
patterns start with literal letters ("frappes? aériennes?" starts with "frapp"); a trie
of those prefixes rejects almost every position after one character, and the full
alternation is only tried where a prefix matched. Patterns without a usable literal
prefix are searched as before.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from enrich.lexicon import compile_words

_META = set(".^$*+?{}[]|()\\")
_ANY_WORD_START = "\\w*"  # German compounds: any first part, then a known stem
_ESCAPED_LITERALS = set(".-'\" /")


class Gated:
    """Drop-in for ``compile_words(...).finditer`` that is fast on large lexicons.

    Three kinds of pattern: those with literal starts are tried only where the trie of
    starts matches, against the patterns sharing that first letter; compounds (``\\w*``
    then a stem) are tried at the start of words containing a stem; the rest are
    searched as one alternation, as before.
    """

    def __init__(
        self,
        starts: list[str],
        clitics: list[str],
        by_letter: dict[str, re.Pattern[str]],
        infix: tuple[re.Pattern[str], re.Pattern[str]] | None,
        rest: re.Pattern[str] | None,
    ) -> None:
        self.starts, self.clitics = starts, clitics
        self._gate = gate(starts, clitics)
        self._by_letter, self._infix, self._rest = by_letter, infix, rest

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
            _by_letter(starts, where, prefixes) if starts else {},
            _infix(compounds, where, prefixes) if compounds else None,
            compile_words(rest, where, prefixes),
        )

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """Matches in text order, as the full alternation's ``finditer`` finds them."""
        return self.matches(text, candidates(self._gate, text, pos, endpos), pos, endpos)

    def matches(
        self,
        text: str,
        found_starts: list[tuple[int, str]],
        pos: int = 0,
        endpos: int = sys.maxsize,
    ) -> Iterator[re.Match[str]]:
        """Like :meth:`finditer`, given the (offset, first letter) where a start of this
        or a larger gate matched: several lexicons can share one gate scan."""
        found: list[re.Match[str]] = []
        for start, letter in found_starts:
            pattern = self._by_letter.get("" if self.clitics else letter)
            if pattern is not None:
                found += filter(None, [pattern.match(text, start, endpos)])
        if self._infix is not None:
            stems, compounds = self._infix
            words = {_word_start(text, m.start(), pos) for m in stems.finditer(text, pos, endpos)}
            found += filter(None, (compounds.match(text, start, endpos) for start in words))
        if self._rest is not None:
            found += self._rest.finditer(text, pos, endpos)
        return iter(_without_overlaps(found))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match, or None."""
        return next(self.finditer(text, pos, endpos), None)


def gate(starts: list[str], clitics: list[str]) -> re.Pattern[str] | None:
    """The trie regex of ``starts`` at a word start (after an optional clitic)."""
    if not starts:
        return None
    glued = f"(?:{'|'.join(map(re.escape, clitics))})?" if clitics else ""
    return re.compile(rf"(?<!\w){glued}{trie(starts)}", re.IGNORECASE)


def candidates(
    pattern: re.Pattern[str] | None, text: str, pos: int = 0, endpos: int = sys.maxsize
) -> list[tuple[int, str]]:
    """(offset, lower-case first letter) of every gate match."""
    if pattern is None:
        return []
    return [(m.start(), m.group()[:1].lower()) for m in pattern.finditer(text, pos, endpos)]


def _by_letter(
    starts: dict[str, list[str]], where: str, prefixes: list[str] | None
) -> dict[str, re.Pattern[str]]:
    """First letter -> alternation of the patterns that can start with it; "" -> all of
    them, for languages whose clitics hide the first letter."""
    groups: dict[str, list[str]] = {}
    for start, patterns in starts.items():
        groups.setdefault("" if prefixes else start[0], []).extend(patterns)
    compiled = {letter: compile_words(group, where, prefixes) for letter, group in groups.items()}
    return {letter: pattern for letter, pattern in compiled.items() if pattern is not None}


def _infix(
    compounds: dict[str, list[str]], where: str, prefixes: list[str] | None
) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    full = compile_words([p for group in compounds.values() for p in group], where, prefixes)
    return (re.compile(trie(list(compounds)), re.I), full) if full else None


def _without_overlaps(found: list[re.Match[str]]) -> list[re.Match[str]]:
    """Leftmost-longest matches that do not overlap, as one alternation would give."""
    kept: list[re.Match[str]] = []
    for match in sorted(found, key=lambda m: (m.start(), -m.end())):
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def literal_starts(pattern: str) -> list[str]:
    """Lower-case literal texts one of which every match of ``pattern`` starts with.

    Reads a literal head ("frapp"), a leading group or class of literals ("(?:a|ont)",
    "[أا]"), and optional ones ("(?:ال)?", "س?") by trying both ways. Empty when none
    can be read off the pattern (it starts with ``\\w``, or has a top-level "|").
    """
    if _top_level_bar(pattern):
        return []
    return sorted({start.lower() for start in _starts(pattern, depth=0)} - {""})


def _starts(pattern: str, depth: int) -> list[str]:
    if not pattern or depth > 3:
        return [""]
    choices, rest, optional = _leading_choices(pattern)
    if choices is None:
        head = _literal_head(pattern)
        return [head] if head else []
    tails = _starts(rest, depth + 1)
    if optional:
        return [c + t for c in choices for t in tails] + tails if tails else []
    return [c + t for c in choices for t in tails or [""]]


def _leading_choices(pattern: str) -> tuple[list[str] | None, str, bool]:
    """Literal alternatives of a leading group, class or lone character, the text after
    them, and whether they are optional; (None, ...) when the pattern starts otherwise."""
    if pattern.startswith("(?:"):
        close = _closing(pattern, 0)
        if close < 0:
            return None, pattern, False
        choices = pattern[3:close].split("|")
        if not all(c and _is_literal(c) for c in choices):
            return None, pattern, False
        tail = pattern[close + 1 :]
        words = [_unescape(c) for c in choices]
    elif pattern.startswith("[") and "]" in pattern:
        close = pattern.index("]")
        chars = pattern[1:close]
        if not chars or any(c in _META or c in {"-", "^"} for c in chars):
            return None, pattern, False
        tail, words = pattern[close + 1 :], list(chars)
    elif pattern[:1] not in _META and pattern[1:2] == "?":
        tail, words = pattern[1:], [pattern[0]]
    else:
        return None, pattern, False
    if tail[:1] in ("*", "{", "+"):
        return None, pattern, False
    optional = tail[:1] == "?"
    return words, tail[1:] if optional else tail, optional


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


def _literal_head(pattern: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and pattern[index + 1 : index + 2] in _ESCAPED_LITERALS:
            out.append(pattern[index + 1])
            index += 2
            continue
        if char in _META:
            break
        out.append(char)
        index += 1
    if index < len(pattern) and pattern[index] in "?*{":
        out = out[:-1]  # the last literal is optional
    return "".join(out)


def _is_literal(text: str) -> bool:
    return _literal_head(text) == _unescape(text)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _top_level_bar(pattern: str) -> bool:
    depth, index = 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


def _closing(pattern: str, start: int) -> int:
    depth, index = 0, start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1
