"""Commitments: what a plan part promises.

One commitment per numeric target (several per clause where a verb is shared),
one per dated deliverable (``力争2023年一季度完成…平台建设`` → deadline
2023-03-31), and one per ``一是/二是`` item without a figure of its own
(qualitative). Context figures are not targets: ``总投资89亿元的…项目`` (a
figure that qualifies a noun), ``8吉瓦电池片`` (a name), ``等9个…试点``
(a list's size), ``规划中6项…目标`` (a document's contents) and baselines.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from calendar import monthrange

from .clauses import CONTEXT_WINDOW, clause_bounds, previous_clause_start, sentences
from .figures import Figure, figures, subject_of
from .indicators import measure_of, name_before, polarity_of
from .lexicon import (
    COMPARATOR_AFTER,
    COMPARATOR_BEFORE,
    DEADLINE_WORDS,
    FIGURE_YEAR_PATTERN,
    FIVE_YEAR_PLAN_END,
    FLOOR_WORDS,
    LATER_YEAR_PATTERN,
    MILESTONE_VERBS,
    MONTH_DEADLINE_PATTERN,
    PERIOD_LATER_PATTERN,
    PLAN_VERB,
    PLAN_VERB_OBJECTS,
    STRENGTH_WORDS,
)
from .measures import Code
from .model import Commitment, Section
from .numerals import cn_to_number, fold
from .rejections import rejection_of
from .sections import SectionIndex, items, role_ranges

_LATER_YEAR = re.compile(LATER_YEAR_PATTERN)
_PERIOD_LATER = re.compile(PERIOD_LATER_PATTERN)


def find_commitments(text: str, sections: list[Section], plan_year: int | None) -> list[Commitment]:
    folded = fold(text)
    label = _Labeller(folded, sections)
    out: list[Commitment] = []
    for lo, hi in role_ranges(sections, "plan"):
        numeric_spans: list[tuple[int, int]] = []
        for s, e in sentences(folded, lo, hi):
            found = _numeric(text, folded, label, s, e, plan_year)
            if not found:
                milestone = _milestone(text, folded, label, s, e, plan_year)
                found = [milestone] if milestone else []
            out.extend(found)
            numeric_spans.extend((c.start, c.end) for c in found)
        out.extend(_qualitative(text, folded, sections, label, lo, hi, plan_year, numeric_spans))
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _numeric(text: str, folded: str, label: _Labeller, s: int, e: int,
             plan_year: int | None) -> list[Commitment]:
    figs = figures(folded, s, e)
    kept = [f for f in figs if rejection_of(folded, f, s, e) is None]
    out = []
    for f in kept:
        q = f.q
        c0, c1 = f.clause
        # a clause without a subject of its own (力争达到7%以上) is shown with the clause before it
        start = c0 if subject_of(folded[c0:q.start]) else previous_clause_start(folded, c0, s)
        comparator = _comparator(folded, f, kept, s, e)
        measure = measure_of(q, f.name, f.before, folded[q.start:q.end])
        out.append(Commitment(
            text=text[start:c1], start=start, end=c1,
            section=label(q.start),
            year=_year(folded, s, q.start, plan_year),
            indicator=f.name or folded[c0:q.start],
            measure=measure,
            comparator=comparator,
            target=q.number,
            target_high=q.high,
            unit=q.unit,
            polarity=_polarity(comparator, measure, f),
            strength=_strength(folded, s, q.start),
        ))
    return out


def _polarity(comparator: str, measure: str, f: Figure) -> str:
    """A floor (以上, 达到, 不低于) is a target where more is better, a ceiling (以下, 控制在, 降至)
    one where less is; only ``~`` and bare targets need the indicator's own polarity:
    ``优良天数比率达到72%以上`` is higher, ``PM2.5年均浓度降至38微克/立方米以下`` lower."""
    if comparator == ">=" and measure != Code.RANK:
        return "higher"
    if comparator == "<=":
        return "lower"
    return polarity_of(measure, f.name, f.before)


def _comparator(folded: str, f: Figure, kept: list[Figure], s: int, e: int) -> str:
    q = f.q
    if q.comparator:
        return q.comparator
    if q.high is not None:
        return "range"
    group = [f]
    if f.in_list:
        group = [g for g in kept if g.clause == f.clause or g.in_list and g.q.start > f.q.start]
    for g in group:
        after = folded[g.q.end:g.q.end + 3]
        for word, comp in COMPARATOR_AFTER:
            if after.startswith(word):
                return comp
    before = folded[max(f.clause[0], q.start - 4):q.start]
    if re.search("|".join(FLOOR_WORDS), folded[f.clause[0]:q.start]):
        return ">="  # 年内至少降低30%, 完成易地扶贫搬迁280万人
    for word, comp in COMPARATOR_BEFORE:
        if before.endswith(word) or (f.in_list and word in folded[f.clause[0]:q.start]):
            return comp
    return "="


_PLAN_AS_VERB = re.compile(PLAN_VERB + r"(?=\d|" + "|".join(PLAN_VERB_OBJECTS) + ")")


def _strength(folded: str, s: int, pos: int) -> str | None:
    """The nearest binding verb before the figure in its sentence. 计划 binds only as a verb
    (计划新增…), not as a noun (年度计划)."""
    s = max(s, pos - CONTEXT_WINDOW)
    best, best_at = None, -1
    for word in STRENGTH_WORDS:
        at = folded.rfind(word, s, pos)
        while word == PLAN_VERB and at != -1 and not _PLAN_AS_VERB.match(folded, at):
            at = folded.rfind(word, s, at)
        if at > best_at:
            best, best_at = word, at
    return best


def _year(folded: str, s: int, pos: int, plan_year: int | None) -> int | None:
    s = max(s, pos - CONTEXT_WINDOW)
    sentence = folded[s:pos]
    m = _LATER_YEAR.search(sentence)
    if m:
        return int(m.group(1) or m.group(2))
    years = re.findall(FIGURE_YEAR_PATTERN, folded[s:pos])
    if years:
        y = int(years[-1])
        if plan_year is None or abs(y - plan_year) <= 5:
            return y
    m = _PERIOD_LATER.search(sentence)
    if m:
        return FIVE_YEAR_PLAN_END.get(m.group(1), plan_year)
    return plan_year


class _Labeller:
    """Section paths with the inline item: ``三/(二)/一是``. Items are found once per section."""

    def __init__(self, folded: str, sections: list[Section]) -> None:
        self.folded, self.sections = folded, SectionIndex(sections)
        self.cache: dict[tuple[int, int], list[tuple[str, int, int]]] = {}

    def __call__(self, pos: int) -> str:
        sec = self.sections.at(pos)
        if sec is None:
            return ""
        key = (sec.start, sec.end)
        if key not in self.cache:
            self.cache[key] = items(self.folded, sec.start, sec.end)
        for marker, a, b in self.cache[key]:
            if a <= pos < b:
                return f"{sec.path}/{marker}" if sec.path else marker
        return sec.path


_MONTH_DEADLINE = re.compile(MONTH_DEADLINE_PATTERN)


def _deadlines(folded: str, s: int, e: int):
    """(position, word, MM-DD) of each deadline phrase: 一季度 → 03-31, 6月底前 → 06-30."""
    for word, month_day in DEADLINE_WORDS:
        at = folded.find(word, s, e)
        if at != -1:
            yield at, word, month_day
    for m in _MONTH_DEADLINE.finditer(folded, s, e):
        month = int(m.group(1)) if m.group(1).isdigit() else cn_to_number(m.group(1))
        if month and 1 <= month <= 12:
            yield m.start(), m.group(), f"{month:02d}-{monthrange(2001, month)[1]:02d}"


def _milestone(text: str, folded: str, label: _Labeller, s: int, e: int,
               plan_year: int | None) -> Commitment | None:
    for at, word, month_day in sorted(_deadlines(folded, s, e)):
        c0, c1 = clause_bounds(folded, at, s, e)
        clause = folded[c0:c1]
        verb = next((v for v in MILESTONE_VERBS if v in clause[at - c0:]), None)
        if not verb:
            continue
        year = _year(folded, s, at + len(word), plan_year)
        obj = clause[clause.index(verb, at - c0) + len(verb):]
        return Commitment(
            text=text[c0:c1], start=c0, end=c1, section=label(at),
            year=year, indicator=name_before(obj) or clause, measure=Code.MILESTONE,
            strength=_strength(folded, s, at), deadline=f"{year}-{month_day}" if year else None,
        )
    return None


def _qualitative(text: str, folded: str, sections: list[Section], label: _Labeller, lo: int, hi: int,
                 plan_year: int | None, numeric: list[tuple[int, int]]) -> list[Commitment]:
    """One per 一是/二是 item without a figure; a deepest heading without items, the heading
    (when its section has no figure); a plan part with neither, its paragraphs cut at semicolons."""
    out = []
    starts = sorted(ns for ns, _ in numeric)

    def has_figure(a: int, b: int) -> bool:  # a numeric commitment starts in [a, b)
        i = bisect_left(starts, a)
        return i < len(starts) and starts[i] < b

    found_items = items(folded, lo, hi)
    item_starts = sorted(a for _, a, _ in found_items)
    for marker, a, b in found_items:
        if has_figure(a, b):
            continue
        end = a
        while end < b and folded[end] not in "。;\n":
            end += 1
        out.append(_qual(text, label, a, end, len(marker), plan_year))
    plan_secs = sorted((x for x in sections if x.role == "plan" and lo <= x.start < hi),
                       key=lambda x: (x.start, x.level))
    # nested sections follow their parent in this order: a leaf is one whose next section is not inside it
    leaves = [x for i, x in enumerate(plan_secs)
              if not (i + 1 < len(plan_secs) and plan_secs[i + 1].start < x.end and plan_secs[i + 1].level > x.level)]
    for sec in leaves:
        i = bisect_left(item_starts, sec.start)
        if i < len(item_starts) and item_starts[i] < sec.end:
            continue  # its items stand for it
        if found_items and (sec.path.startswith("¶") or sec.level <= 1):
            continue
        if sec.path.startswith("¶") or sec.level <= 1 and len(plan_secs) == 1:
            body = sec.start if sec.path.startswith("¶") else _after_heading_line(folded, sec.start, sec.end)
            for a, b in _semicolon_parts(folded, body, sec.end):
                if not has_figure(a, b):
                    out.append(_qual(text, label, a, b, 0, plan_year))
        elif sec.level > 1 and sec.heading:
            a = sec.start
            b = a + len(sec.heading)
            if not has_figure(sec.start, sec.end):
                head_marker = re.match(r"^\S*?[、)\.]", sec.heading)
                out.append(_qual(text, label, a, b, len(head_marker.group()) if head_marker else 0, plan_year))
    return out


def _after_heading_line(folded: str, start: int, end: int) -> int:
    """Where a section's body starts when its heading is a line of its own (二、2023年工作思路)."""
    newline = folded.find("\n", start, end)
    if newline != -1 and "。" not in folded[start:newline]:
        return newline + 1
    return start


def _semicolon_parts(folded: str, a: int, b: int) -> list[tuple[int, int]]:
    parts, pos = [], a
    for m in re.finditer(r"[;。\n]", folded[a:b]):
        end = a + m.start()
        if end - pos > 4:
            parts.append((pos, end))
        pos = a + m.end()
    if b - pos > 4:
        parts.append((pos, b))
    return parts


def _qual(text: str, label: _Labeller, a: int, b: int, marker_len: int,
          plan_year: int | None) -> Commitment:
    name = name_before(text[a + marker_len:b])
    return Commitment(text=text[a:b], start=a, end=b, section=label(a),
                      year=plan_year, indicator=name, measure=Code.QUALITATIVE)
