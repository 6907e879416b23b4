"""Outcomes: the figures a review part reports.

Every figure in a review part is an outcome, except baselines (``从6月份72.68%
提升至90.6%`` → 90.6 only), plan figures quoted in a review (``当年计划投资48亿元``),
subsidy ceilings a policy promises (``最高奖励500万元``), size classes
(``10亿元以上项目``) and imprecise spans (``两位数增长``). ``累计/截至/共有/总量``
mark a stock (cumulative), except a year's own total (``全年累计``, ``1-12月累计``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .clauses import CONTEXT_WINDOW, sentences
from .figures import Figure, figures
from .indicators import measure_of
from .lexicon import (
    ACTION_VERBS,
    DELIVERY_VERBS,
    DOUBLE_DIGITS,
    EVERY_YEAR,
    FIVE_YEAR_PLAN,
    FRAMING_ADVERBS,
    FRAMING_VERBS,
    INCREMENT_WORDS,
    JUST_PAST,
    LEVEL_WORDS,
    MULTI_YEAR_MARKERS,
    OUTCOME_PLAN_WORDS,
    SIZE_CLASS_ATTRIBUTIVE,
    SIZE_CLASS_WORDS,
    STOCK_WORDS,
    SUBSIDY_WORDS,
    YEAR_CHAR,
    YEAR_MARKERS,
    YEAR_TOTAL_PATTERN,
)
from .measures import Code, Family, family_of
from .model import Outcome, Section
from .numerals import fold
from .sections import SectionIndex, role_ranges

_PLAN_WORDS = re.compile("(" + "|".join(OUTCOME_PLAN_WORDS) + ")[^,;。]{0,12}$"
                         "|(" + "|".join(SUBSIDY_WORDS) + ")[^,;。]{0,2}$")
# A clause that frames the work (聚焦数字社会8条跑道, 围绕…2项关键指标, 全力打造4个世界级先进产业群)
# reports no result; "成功打造3个…" does.
_FRAMING = re.compile("^(" + "|".join(FRAMING_ADVERBS) + ")?(" + "|".join(FRAMING_VERBS) + ")")
_STOCK = re.compile("|".join(STOCK_WORDS))
_INCREMENT = re.compile("|".join(INCREMENT_WORDS))
LEVEL = re.compile("|".join(LEVEL_WORDS))
_DONE = re.compile("|".join(INCREMENT_WORDS + ACTION_VERBS + DELIVERY_VERBS))
_MULTI_YEAR = re.compile("|".join(MULTI_YEAR_MARKERS) + "|" + FIVE_YEAR_PLAN)
_YEAR_MARK = "|".join(YEAR_MARKERS)
_YEAR_TOTAL = re.compile(YEAR_TOTAL_PATTERN)


def review_ranges(sections: list[Section]) -> list[tuple[int, int]]:
    return role_ranges(sections, "review", exclude=("plan", "problems"))


def find_outcomes(text: str, sections: list[Section], review_year: int | None) -> list[Outcome]:
    folded = fold(text)
    out: list[Outcome] = []
    year_mark = re.compile(rf"^(?:{review_year}{YEAR_CHAR}|{JUST_PAST}{review_year}{YEAR_CHAR})|{_YEAR_MARK}"
                           if review_year else _YEAR_MARK)
    index = SectionIndex(sections)
    for lo, hi in review_ranges(sections):
        multi = False
        for s, e in sentences(folded, lo, hi):
            multi = period_of(folded[s:e], multi, year_mark)
            for f in figures(folded, s, e):
                if _skipped(folded, f, s):
                    continue
                o = _outcome(text, folded, index, f, s, e, review_year)
                if multi:
                    o = in_period(o, folded[f.clause[0]:f.q.start])
                out.append(o)
    return out


def in_period(o: Outcome, before: str) -> Outcome:
    """A figure of a five-year summary (P5): a level reached (达到2.68%, 增至18.8万个) or a bare count
    (国家高新技术企业1.28万家, a stock) is the year's level; what was done over the period
    (新建改造高标准农田3167万亩) or 年均 growth is no single year's figure; what was done 每年
    (城镇新增就业每年超过90万人) was done in the year too."""
    if o.cumulative or family_of(o.measure) is Family.RATIO or LEVEL.search(before) or EVERY_YEAR in before:
        return o
    if o.measure == Code.AMOUNT and not _DONE.search(before):
        return o  # 粮食产量838.6亿斤: the last year's level of a yearly flow
    if o.measure == Code.COUNT and not _DONE.search(before):
        return replace(o, cumulative=True)  # 国家高新技术企业1.28万家: how many there are
    return replace(o, year=None)


def period_of(sentence: str, multi: bool, year_mark: re.Pattern) -> bool:
    """Whether this sentence (and those after it, until the next marker) reports a
    multi-year period: the last marker in the sentence wins."""
    last_multi = max((m.end() for m in _MULTI_YEAR.finditer(sentence)), default=-1)
    last_year = max((m.end() for m in year_mark.finditer(sentence.lstrip("—- "))), default=-1)
    if last_multi == last_year == -1:
        return multi
    return last_multi > last_year


def _skipped(folded: str, f: Figure, s: int) -> bool:
    q = f.q
    if f.baseline or q.high is not None:
        return True  # a range in a review is a size class: 营收10-300亿元“腰部企业”
    if _FRAMING.match(folded[f.clause[0]:q.start]):
        return True
    before = folded[f.clause[0]:q.start]
    if _PLAN_WORDS.search(before):
        return True
    after = folded[q.end:q.end + 4]
    share = q.unit in ("%", "‰")  # 投放50%以上号源 is a share of things, not a size class
    if not share and after.startswith(SIZE_CLASS_WORDS) and re.match(r"[\u4e00-\u9fa5]", after[2:3] or ",") \
            and not after.startswith(SIZE_CLASS_ATTRIBUTIVE):
        return True  # 10亿元以上项目: a size class
    if q.comparator == ">=" and folded[q.start:q.end] == DOUBLE_DIGITS:
        return True
    return bool(re.search(r"《[^》]*$", folded[max(s, q.start - CONTEXT_WINDOW):q.start]))


def _outcome(text: str, folded: str, index: SectionIndex, f: Figure, s: int, e: int,
             year: int | None) -> Outcome:
    q = f.q
    c0, c1 = f.clause
    # the text reaches back a little so that a reader sees what the figure is about
    start = c0
    if q.start - c0 < 6 and c0 > s:
        start = max(s, folded.rfind(",", s, c0 - 1) + 1)
    clause = folded[start:c1]
    window = folded[max(s, q.start - CONTEXT_WINDOW):q.start]
    stock = bool(_STOCK.search(folded[c0:q.start])) and not _YEAR_TOTAL.search(window) \
        and not _INCREMENT.search(folded[c0:q.start])
    sec = index.at(q.start)
    measure = measure_of(q, f.name, f.before, folded[q.start:q.end])
    return Outcome(
        text=text[start:c1], start=start, end=c1, section=sec.path if sec else "",
        year=year, indicator=f.name or clause[: q.start - start], measure=measure,
        value=q.number, unit=q.unit, cumulative=stock, comparator=q.comparator,
    )
