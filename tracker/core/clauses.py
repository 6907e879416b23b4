"""Sentences and clauses as offset spans of the plain text.

A sentence ends at ``。;!?`` or a line break; a clause at ``,`` or ``:`` as well.
All work is on the folded text (same length as the original), so a span is
valid for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
    """The clause around ``pos`` within [lo, hi)."""
    a = pos
    while a > lo and not _CLAUSE_END.match(folded[a - 1]):
        a -= 1
    b = pos
    while b < hi and not _CLAUSE_END.match(folded[b]):
        b += 1
    return a, b


def previous_clause_start(folded: str, clause_start: int, lo: int) -> int:
    """Start of the clause before the one starting at ``clause_start`` (or ``lo``)."""
    if clause_start <= lo:
        return lo
    a = clause_start - 1
    while a > lo and not _CLAUSE_END.match(folded[a - 1]):
        a -= 1
    return a
