"""The literal texts that every match of a regex starts with, read off its parse tree.

``literal_starts("(?:a|ont) envoyé")`` is ``["a envo", "ont en"]``: a search may skip
every position where none of them starts. The analysis uses the parser of the ``re``
module itself, so nested groups, classes and optional parts are all understood.
"""

from __future__ import annotations

from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

MAX_LENGTH = 6  # longer starts reject more positions...
MAX_STARTS = 256  # ...but each branch multiplies them
_MAX_CLASS = 8  # a class of more letters than this ends the literal start

_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}


def literal_starts(pattern: str) -> list[str]:
    """Lower-case texts, one of which starts every match of ``pattern`` (sorted).

    Empty when some match may start with no known letter (``\\w+ troops``).
    """
    tree = sre_parser.parse(pattern)
    for length in range(MAX_LENGTH, 0, -1):
        starts = _Reader(length).starts(tree)
        if starts is not None and len(starts) <= MAX_STARTS:
            return _shortest(starts) if "" not in starts else []
    return []


class _Reader:
    """Follows a parse tree and grows every open start until ``length`` letters."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.too_many = False

    def starts(self, tree: Any) -> set[str] | None:
        """The starts of the whole pattern; None when they would be too many."""
        open_, closed = self._sequence(list(tree), {""})
        return None if self.too_many else {s.lower() for s in open_ | closed}

    def _sequence(self, items: list[Any], open_: set[str]) -> tuple[set[str], set[str]]:
        """(starts still growing, finished starts) after ``items``."""
        closed: set[str] = set()
        for op, argument in items:
            if not open_ or self.too_many:
                break
            if op in _ZERO_WIDTH:
                continue
            open_, finished = self._item(op, argument, open_)
            closed |= finished
            closed |= {s for s in open_ if len(s) >= self.length}
            open_ = {s for s in open_ if len(s) < self.length}
            self.too_many = len(open_) + len(closed) > MAX_STARTS
        return open_, closed

    def _item(self, op: Any, argument: Any, open_: set[str]) -> tuple[set[str], set[str]]:
        if op is sre_constants.LITERAL:
            return {s + chr(argument) for s in open_}, set()
        if op is sre_constants.IN and (letters := _class_letters(argument)):
            return {s + c for s in open_ for c in letters}, set()
        if op is sre_constants.SUBPATTERN:
            return self._sequence(list(argument[-1]), open_)
        if op is sre_constants.BRANCH:
            return self._union([self._sequence(list(b), open_) for b in argument[1]])
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, body = argument
            once = self._sequence(list(body), open_)
            if high != 1:  # after one of several repetitions, what follows is unknown
                once = (set(), once[0] | once[1])
            return self._union([once, (open_, set())]) if low == 0 else once
        return set(), open_  # anything else (\w, ., a back-reference) ends the start

    @staticmethod
    def _union(results: list[tuple[set[str], set[str]]]) -> tuple[set[str], set[str]]:
        open_: set[str] = set()
        closed: set[str] = set()
        for growing, finished in results:
            open_ |= growing
            closed |= finished
        return open_, closed


def _shortest(starts: set[str]) -> list[str]:
    """The starts that no shorter start begins (sorted): "frappe" covers "frappes"."""
    kept: list[str] = []
    for start in sorted(starts):
        if not kept or not start.startswith(kept[-1]):
            kept.append(start)
    return kept


def _class_letters(items: Any) -> list[str]:
    """The letters of a small positive class such as ``[أا]``; empty otherwise."""
    letters: list[str] = []
    for op, argument in items:
        if op is sre_constants.LITERAL:
            letters.append(chr(argument))
        elif op is sre_constants.RANGE and argument[1] - argument[0] < _MAX_CLASS:
            letters += [chr(code) for code in range(argument[0], argument[1] + 1)]
        else:
            return []
    return letters if len(letters) <= _MAX_CLASS else []
