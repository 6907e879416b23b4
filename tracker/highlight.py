"""Untrusted document text with marked spans, escaped before it reaches a template."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlighted(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> SafeString:
    """text[lo:hi] with each (start, end) span inside <mark>; everything else escaped."""
    out, pos = [], lo
    for start, end in sorted(s for s in spans if s[1] > lo and s[0] < hi):
        start, end = max(start, pos), min(end, hi)
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:hi]))
    return mark_safe("".join(out).replace("\n", "<br>"))


def paragraph_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    return max(lo, start - limit), min(hi, end + limit)
