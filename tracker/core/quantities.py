"""Find the quantities in a clause: a number with its unit as written.

``find_quantities("新增国家级专精特新“小巨人”22家、省级专精特新中小企业325家")``
gives ``22 家`` and ``325 家`` with their offsets. Years (2023年), dates
(1-12月, 6月1日), ordinals (第一批), programme names (“985”, 415X, 8+4),
versions (3.0版) and bare numbers without a unit are not quantities.

Ranks and fractions written in words are: ``位列全省首位`` → 1 名,
``全省前3`` → 3 名 (≤), ``三分之一`` → 33.33 %, ``9成`` → 90 %,
``两位数`` → 10 % (≥), ``翻一番`` → 100 %.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lexicon import (
    AMOUNT_UNITS,
    ANNUAL_SUFFIX,
    APPROX_CHARS,
    BARE_SCALE_TAILS,
    BARE_SCALE_VERBS,
    BARE_SCALES,
    COUNT_UNITS,
    DATE_TAILS,
    DAY_UNITS,
    DOUBLE_DIGITS,
    DURATION_UNITS,
    FIVE_YEAR_PLAN_NAMES,
    FLAT,
    FRACTION_PATTERN,
    NAME_LIST_TAIL,
    NUMERAL_BIG_SCALES,
    NUMERAL_SCALE_HEADS,
    NUMERAL_SMALL_SCALES,
    NUMERAL_WORD_PREFIXES,
    ORDINAL_PREFIX,
    PERCENT_UNITS,
    RANGE_WORDS,
    RANK_CHAIN_PATTERN,
    RANK_CONTEXT_WORDS,
    RANK_FIRST_WORDS,
    RANK_TOP,
    RANK_UNIT,
    RANK_WORD_PATTERN,
    SCALES,
    SPECIAL_QUANTITIES,
    STANDALONE_SCALES,
    TENTHS_PATTERN,
    TOP_CONTEXT_WORDS,
    UNSCALED_DURATIONS,
    WEEK_UNIT,
    YEAR_CHAR,
)
from .model import Quantity
from .numerals import NUMERAL_CHARS, cn_to_number, fold

_BASE_UNITS = sorted(PERCENT_UNITS + AMOUNT_UNITS + DURATION_UNITS + COUNT_UNITS, key=len, reverse=True)
_UNIT_RE = re.compile(
    "(?P<approx1>[" + APPROX_CHARS + "])?(?P<scale>" + "|".join(SCALES) + ")?(?P<approx2>[" + APPROX_CHARS + "])?"
    r"(?P<base>" + "|".join(map(re.escape, _BASE_UNITS)) + r")?"
)
_NUMBER_RE = re.compile(
    r"(?P<neg>-)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?:(?P<sep>-|~|—{1,2}|" + "|".join(RANGE_WORDS) + r")(?P<num2>\d+(?:\.\d+)?))?"
    r"|(?P<cn>[" + NUMERAL_CHARS + r"]{1,8})"
)
_RANK_CONTEXT = re.compile("(" + "|".join(RANK_CONTEXT_WORDS) + ")[^,;。]{0,8}$")
_FRACTION_RE = re.compile(FRACTION_PATTERN)
_TENTHS_RE = re.compile(TENTHS_PATTERN)
_RANK_WORD_RE = re.compile(RANK_WORD_PATTERN)
_TOP_CONTEXT = re.compile("(" + "|".join(TOP_CONTEXT_WORDS) + ")[^,;。]{0,6}$")
_RANK_CHAIN = re.compile(RANK_CHAIN_PATTERN)
# 进出口总额突破万亿元, 支柱产业迈入万亿级规模: a scale with no number is one of it
_BARE_SCALE_RE = re.compile("(?:{})({})({})".format(*("|".join(w) for w in (BARE_SCALE_VERBS, BARE_SCALES,
                                                                               BARE_SCALE_TAILS))))
_SPECIAL_RE = re.compile("|".join(w for w, _ in SPECIAL_QUANTITIES) + "|" + FLAT)
_SPECIAL_VALUES = dict(SPECIAL_QUANTITIES)
_DATE_RE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_NAME_NEIGHBOURS = set("+×*Xx/#")
_RANGE_TAIL = re.compile(r"(?:-|~|—{1,2}|" + "|".join(RANGE_WORDS) + r")(\d+(?:\.\d+)?)")
_NO_APPROX = str.maketrans("", "", APPROX_CHARS)


def find_quantities(text: str, offset: int = 0, *, folded: bool = False) -> list[Quantity]:
    """All quantities in ``text``, in order; offsets are shifted by ``offset``. ``folded`` says the
    text is already width-folded (``numerals.fold``), as the engine's callers hold it: a document
    is folded once, not once per sentence."""
    folded_text = text if folded else fold(text)
    found: list[Quantity] = []
    taken = Claimed()
    for m in _DATE_RE.finditer(folded_text):
        taken.claim(*m.span())
    free = taken.free

    def add(q: Quantity) -> None:
        taken.claim(q.start - offset, q.end - offset)
        found.append(q)

    for m in _FRACTION_RE.finditer(folded_text):
        den, num = _to_number(m.group(1)), _to_number(m.group(2))
        if den and num is not None and free(*m.span()):
            add(Quantity(round(100 * num / den, 2), "%", m.start() + offset, m.end() + offset))
    for m in _TENTHS_RE.finditer(folded_text):
        tenths = _to_number(m.group(1))
        if tenths is not None and free(*m.span()):
            add(Quantity(10 * tenths, "%", m.start() + offset, m.end() + offset))
    for m in _SPECIAL_RE.finditer(folded_text):
        if not free(*m.span()):
            continue
        word = m.group()
        value = _SPECIAL_VALUES.get(word, 0)  # 持平: 0
        comparator = ">=" if word == DOUBLE_DIGITS else None
        add(Quantity(value, "%", m.start() + offset, m.end() + offset, comparator=comparator))
    for m in _RANK_WORD_RE.finditer(folded_text):
        if not free(*m.span()):
            continue
        before = folded_text[max(0, m.start() - 40): m.start()]  # the contexts look a few characters back
        word = m.group()
        if word.startswith(RANK_TOP) and not _TOP_CONTEXT.search(before):
            continue
        if word.startswith(ORDINAL_PREFIX) or word == RANK_FIRST_WORDS[0]:
            if not _RANK_CONTEXT.search(_RANK_CHAIN.sub("", before)):
                continue
        rank: float | None = 1 if word in RANK_FIRST_WORDS else _to_number(m.group(1))
        if not rank:
            continue
        comparator = "<=" if word.startswith(RANK_TOP) else None
        add(Quantity(rank, RANK_UNIT, m.start() + offset, m.end() + offset, comparator=comparator, rank=True))

    for m in _BARE_SCALE_RE.finditer(folded_text):
        if free(m.start(1), m.end()):
            add(Quantity(1, m.group(1) + BARE_SCALE_TAILS[0], m.start(1) + offset, m.end() + offset))
    for m in _NUMBER_RE.finditer(folded_text):
        if not free(*m.span()) or _inside_quoted_name(folded_text, m.start()):
            continue
        q = _number_at(folded_text, m, offset)
        if q is not None and free(q.start - offset, q.end - offset):
            add(q)
    found.sort(key=lambda q: q.start)
    return found


class Claimed:
    """Disjoint spans already claimed by a figure, kept sorted: a new span is free when it
    overlaps none (two bisections, whatever the number of figures in the text)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, a)
        if i and self.ends[i - 1] > a:
            return False  # the span starting before a reaches into [a, b)
        return not (i < len(self.starts) and self.starts[i] < b)

    def claim(self, a: int, b: int) -> None:
        i = bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def _inside_quoted_name(folded: str, pos: int) -> bool:
    """A figure inside a short quoted name is part of the name: “工业经济十二条”, “17条”."""
    open_at = folded.rfind("“", max(0, pos - 12), pos)
    if open_at == -1 or "”" in folded[open_at:pos]:
        return False
    close_at = folded.find("”", pos, pos + 12)
    return close_at != -1


def _to_number(s: str) -> float | None:
    if s.isdigit():
        return float(s)
    v = cn_to_number(s)
    return float(v) if v is not None else None


def _number_at(folded: str, m: re.Match[str], offset: int) -> Quantity | None:
    start, end = m.span()
    prev = folded[start - 1] if start else ""
    if m.group("cn"):
        raw = m.group("cn")
        cn_value = cn_to_number(raw)
        # Single numerals (一批, 三大, 两个毫不动摇) are words, not figures — unless scaled (一万家).
        if cn_value is None or len(raw) == 1 or raw[0] in NUMERAL_SCALE_HEADS or (
                len(raw) == 2 and raw[-1] in NUMERAL_BIG_SCALES and raw[0] in NUMERAL_SMALL_SCALES):
            return None
        if prev in NUMERAL_WORD_PREFIXES or raw in FIVE_YEAR_PLAN_NAMES:
            return None
        unit_m = _UNIT_RE.match(folded, end)
        if not unit_m or not unit_m.group("base") or unit_m.group("scale"):
            return None
        unit = unit_m.group("base")
        if unit in UNSCALED_DURATIONS and raw[-1] in NUMERAL_BIG_SCALES:
            return None
        return Quantity(float(cn_value), unit, start + offset, unit_m.end() + offset,
                        comparator=">=" if (unit_m.group("approx1") or unit_m.group("approx2")) else None)

    if prev and (prev.isascii() and (prev.isalpha() or prev in _NAME_NEIGHBOURS or prev == ".")):
        return None  # PM2.5, C919, 1+6+N
    if prev == ORDINAL_PREFIX:
        return None  # 第二批, 第五届: ordinals
    num_text = m.group("num").replace(",", "")
    value = float(num_text)
    high = float(m.group("num2")) if m.group("num2") else None
    neg = bool(m.group("neg"))
    if neg and prev and (prev.isdigit() or prev.isascii() and prev.isalnum() or prev in "%‰"):
        neg = False
        start += 1  # 6%-6.5%: a range's second end, not a negative figure
    unit_m = _UNIT_RE.match(folded, end)
    after_unit = unit_m.end() if unit_m else end
    nxt = folded[after_unit] if after_unit < len(folded) else ""
    unit_text = folded[end:after_unit] if unit_m else ""
    base = unit_m.group("base") if unit_m else None
    scale = unit_m.group("scale") if unit_m else None
    following = folded[end:end + 2]
    if not base and not scale:
        return None
    if following[:1].isascii() and following[:1].isalpha():
        return None  # 5G, 415X
    if following[:1] in _NAME_NEIGHBOURS or following[:1] == "." and following[1:2].isdigit():
        return None
    if base == YEAR_CHAR and (len(num_text) == 4 or scale):
        return None  # 2023年
    if base == YEAR_CHAR and folded.startswith(ANNUAL_SUFFIX, after_unit):
        return None
    if base == WEEK_UNIT and folded.startswith(YEAR_CHAR, after_unit):
        return None  # 100周年
    if base in DAY_UNITS or folded.startswith(DATE_TAILS, end):
        return None  # dates and times
    if base == YEAR_CHAR and value > 100:
        return None
    if base is None and scale not in STANDALONE_SCALES:
        return None  # "3百" alone is not a figure
    if base == RANK_UNIT and nxt == NAME_LIST_TAIL:
        return None  # 名单
    approx = unit_m.group("approx1") or unit_m.group("approx2") if unit_m else None
    unit = unit_text.translate(_NO_APPROX)
    comparator = ">=" if approx else None
    if high is not None and m.group("sep") in RANGE_WORDS and base is None:
        return None
    if neg:
        value = -value
    # 6%-6.5%, 2万-3万元: a range written with the unit on both ends
    m2 = _RANGE_TAIL.match(folded, after_unit)
    if high is None and m2 and not neg:
        unit2 = _UNIT_RE.match(folded, m2.end())
        if unit2 and folded[m2.end():unit2.end()].translate(_NO_APPROX) == unit:
            return Quantity(value, unit, start + offset, unit2.end() + offset, high=float(m2.group(1)),
                            comparator=comparator)
    return Quantity(value, unit, start + offset, after_unit + offset, high=high, comparator=comparator)
