"""Sentences and clauses as offset spans of the plain text.

A sentence ends at ``。;!?`` or a line break; a clause at ``,`` or ``:`` as well.
All work is on the folded text (same length as the original), so a span is
valid for both.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

# Bounds on how far back a rule looks from a figure, so that a sentence of thousands of
# figures costs linear time: an indicator's name is never longer than NAME_WINDOW characters,
# a binding verb, year or open title stands within CONTEXT_WINDOW of its figure.
NAME_WINDOW = 80
CONTEXT_WINDOW = 300

_SENTENCE_END = re.compile(r"[。;!?\n]")
_CLAUSE_END = re.compile(r"[。;!?\n,:]")


def sentences(folded: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _SENTENCE_END.finditer(folded, start, end):
        if m.start() > pos:
            yield from _trimmed(folded, pos, m.start())
        pos = m.end()
    if pos < end:
        yield from _trimmed(folded, pos, end)


def _trimmed(folded: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while a < b and folded[a] in " \t\r\u3000":
        a += 1
    while b > a and folded[b - 1] in " \t\r\u3000":
        b -= 1
    if b > a:
        yield a, b


def clause_bounds(folded: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around ``pos`` within [lo, hi): a bisection into the span's clause ends, found
    once per span, so that a sentence of many figures costs linear time, not quadratic."""
    ends = _clause_ends(folded, lo, hi)
    i = bisect_left(ends, pos)  # first end at or after pos
    b = ends[i] if i < len(ends) else hi
    a = ends[i - 1] + 1 if i > 0 else lo
    return a, b


@lru_cache(maxsize=16)
def _clause_ends(folded: str, lo: int, hi: int) -> list[int]:
    return [m.start() for m in _CLAUSE_END.finditer(folded, lo, hi)]


def previous_clause_start(folded: str, clause_start: int, lo: int) -> int:
    """Start of the clause before the one starting at ``clause_start`` (or ``lo``)."""
    if clause_start <= lo:
        return lo
    a = clause_start - 1
    while a > lo and not _CLAUSE_END.match(folded[a - 1]):
        a -= 1
    return a
