"""How numbers and generated Chinese sentences are shown: one format for every page, table,
export and email.

``number``: at most four decimals, trailing zeros dropped, no exponent (6.6, not 6.6000 or
6.6e+00; 1200000, not 1.2e+06). ``zh_punct``: half-width , ; : ? ! ( ) beside Chinese text made
full-width, so sentences assembled by code (rationales, corrections) read as Chinese; figures
(1,000, 2.6 / 6 = 0.4333, 6:30) are left alone.
"""

from __future__ import annotations

import math
import re

_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# in a Chinese sentence every mark is Chinese, except , and : between digits (1,000 and 6:30)
_MARK = re.compile(r"(?<!\d)\s*([,:])\s*|([,:])\s*(?!\d)|\s*([;?!])\s*")
_PARENS = re.compile(r"\(([^()]*)\)")
_HAS_CJK = re.compile(_CJK)


def number(value, places: int = 4) -> str:
    """6.6 → '6.6', 6.60004 → '6.6', 1200000.0 → '1200000', None → '—'."""
    if value is None or value == "":
        return "—"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return "—"
    text = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(ratio: float | None, places: int = 1) -> str:
    """0.8384 → '83.8%', 1.0 → '100%'."""
    return "—" if ratio is None else number(100 * ratio, places) + "%"


def with_unit(value, unit: str | None) -> str:
    return "—" if value is None else f"{number(value)} {unit or ''}".strip()


def zh_punct(text: str | None) -> str:
    """Full-width punctuation wherever a half-width mark touches Chinese text."""
    if not text:
        return text or ""

    if not _HAS_CJK.search(text):
        return text

    def mark(m: re.Match) -> str:
        return _FULL[m.group(1) or m.group(2) or m.group(3)]

    out = _MARK.sub(mark, text)

    def parens(m: re.Match) -> str:
        inner = m.group(1)
        before = out[m.start() - 1] if m.start() else ""
        if _HAS_CJK.search(inner) or (before and _HAS_CJK.match(before)):
            return f"（{inner.strip()}）"
        return m.group(0)

    out = _PARENS.sub(parens, out)
    return out


def score_text(value) -> str:
    """Scores and confidences: always two decimals (1.00, 0.43), so a column lines up."""
    if value is None or value == "":
        return "—"
    return f"{float(value):.2f}"
