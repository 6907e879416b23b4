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


def unique_quotes(quotes: list[dict]) -> list[dict]:
    """Evidence quotes in order, each sentence once (several figures of one sentence share it):
    the numbering of ``#evidence-N`` on the commitment page and the source page."""
    seen, out = set(), []
    for quote in quotes or ():
        try:
            span = (int(quote["start"]), int(quote["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        if span in seen:
            continue
        seen.add(span)
        out.append(quote)
    return out


def _marked_line(text: str, lo: int, hi: int, spans: list[tuple[int, int, str, str]], used: set[str]) -> str:
    out, pos = [], lo
    for start, end, anchor, css in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, pos), min(end, hi)
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        ident = ""
        if anchor and anchor not in used:  # a span over several lines: the anchor on its first piece
            used.add(anchor)
            ident = f' id="{escape(anchor)}"'
        out.append(f'<mark class="{escape(css)}"{ident}>{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:hi]))
    return "".join(out)


def document_html(text: str, headings: list[tuple[int, str, int, str]],
                  spans: list[tuple[int, int, str, str]]) -> SafeString:
    """A whole document's plain text as HTML, everything escaped: each line a paragraph, a line where a
    section starts with its heading an ``<h2>``–``<h4>`` (by depth) with its anchor, and each
    (start, end, anchor, css class) span inside ``<mark>`` — the anchor (``clause``, ``evidence-1``)
    on the first piece, so a link can scroll to it. ``headings``: (start, heading, depth, anchor)."""
    heads = {start: (heading, depth, anchor) for start, heading, depth, anchor in headings if heading}
    spans = sorted(spans)
    used: set[str] = set()
    out, lo, n = [], 0, len(text)
    while lo <= n:
        hi = text.find("\n", lo)
        hi = n if hi == -1 else hi
        line = text[lo:hi]
        if line.strip():
            body = _marked_line(text, lo, hi, spans, used)
            head = heads.get(lo) or heads.get(lo + len(line) - len(line.lstrip()))
            if head and line.strip().startswith(head[0][:20].strip()):
                level = min(head[1] + 1, 4)
                out.append(f'<h{level} id="{escape(head[2])}">{body}</h{level}>')
            else:
                out.append(f"<p>{body}</p>")
        else:
            for start, _end, anchor, _css in spans:  # a span on a blank line still gets its anchor
                if lo <= start <= hi and anchor and anchor not in used:
                    used.add(anchor)
                    out.append(f'<span id="{escape(anchor)}"></span>')
        lo = hi + 1
    return mark_safe("\n".join(out))
