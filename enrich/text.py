"""Offset-preserving text helpers: normalisation, sentences and clause windows."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

# One-to-one character substitutions only, so every offset into the normalised
# text is an offset into the original body.
_FOLD = {
    "’": "'",
    "ʼ": "'",
    "‘": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "٬": ",",  # Arabic thousands separator
    "٫": ".",  # Arabic decimal separator
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Eastern Arabic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
}
_TO_FOLD = re.compile(f"[{''.join(_FOLD)}]")

_SENTENCE_END = re.compile(
    r"(?<=[.!?؟])(?<!(?<!\d)\d\.)(?<!(?<!\d)\d\d\.)(?<!\b[A-Z]\.)(?<!\b(?:Mr|Dr|St|Lt|No)\.)"
    r"(?<!\b(?:Mrs|Gen|Col|Sgt|Gov|Sen|Rep|Maj)\.)"
    r"[\"»«”]?\s+(?=[«\"“A-ZÀ-ÖØ-Þ\u0600-\u06FF\d])"
    r"|\n\s*\n|\n(?=#)"
)


def normalise(body: str) -> str:
    """Fold quotes, spaces and digits without changing the length of the text."""
    return _TO_FOLD.sub(lambda match: _FOLD[match.group()], body)


@dataclass(frozen=True)
class Sentence:
    """A sentence as a half-open character range of the body."""

    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split on sentence-final punctuation followed by a capital, or on blank lines."""
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_trimmed(sentences, text, start, match.start())
        start = match.end()
    _append_trimmed(sentences, text, start, len(text))
    return sentences


def _append_trimmed(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end))


Window = tuple[int, int]


class Finder(Protocol):
    """A compiled pattern, or anything that finds matches like one."""

    def finditer(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        """Matches inside ``text[pos:endpos]``."""
        ...


def scan(pattern: Finder, text: str, windows: list[Window]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` inside each window (look-behinds still see the text before)."""
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


class SentenceIndex:
    """Finds the sentence that holds a character offset."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def index_of(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the one before a gap)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def windows(self, indices: set[int]) -> list[Window]:
        """The character ranges of these sentences, touching ones merged."""
        merged: list[Window] = []
        for index in sorted(indices):
            sentence = self.sentences[index]
            if merged and merged[-1][1] >= sentence.start - 2:
                merged[-1] = (merged[-1][0], sentence.end)
            else:
                merged.append((sentence.start, sentence.end))
        return merged
