"""Link each commitment of year N to the outcomes reported for year N, and judge it.

Numeric commitments: candidates are outcomes of the review year with a
compatible unit (万/亿 scales convert; % and 个百分点 differ) and measure
(增长 vs 占比 differ), found through an inverted index on indicator tokens so
linking stays near-linear. A candidate links when its indicator agrees — the
same head word on one side found on the other (城镇登记失业率 is not answered by
调查失业率; 减税 is not answered by the broader 减税降费) and a token overlap of
at least ``link_min_similarity``. Increments answer 新增 targets, stocks
(累计) only stock targets. Several outcomes may add up (国家级小巨人 6家 +
省级专精特新 10家 → 省级以上 16家), and a share may be derived from two amounts.

Qualitative and milestone commitments: the most related review sentences by
BM25; ``met`` only on an explicit delivery verb (建成/出台/上线 …) with most of
the commitment's words, else ``no_evidence``. Report-wide statements
(完成全年主要目标任务) are never evidence. Commitments for later years are
``not_due``.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from .clauses import sentences
from .comparators import Comparator
from .indicators import content_tokens, head
from .lexicon import (
    ATTRIBUTIVE,
    BARE_SCALE_UNITS,
    COMPARATOR_AFTER,
    COMPLETED_LIST_PATTERN,
    COMPLETED_MONTH_PATTERN,
    DECREASE_WORDS,
    DELIVERY_VERBS,
    INCREMENT_WORDS,
    LEVEL_SUFFIX,
    LIST_COUNT_PREFIX_PATTERN,
    MONTH_CHAR,
    PER_UNIT,
    PERFECTIVE,
    REPORT_WIDE,
    SCALE_VALUES,
    SCALES,
    SCOPE_ABOVE,
    SCOPE_AT_LEAST_PATTERN,
    SCOPE_LEVELS,
    SHARE_PART_UNIT,
    SHARE_PARTS_PATTERN,
    STOCK_TARGET_WORDS,
    TARGETS_AND_TASKS,
    THING_CLASSIFIERS,
)
from .measures import Code, Family, family_of
from .messages import JUDGMENT_TEXTS
from .model import Commitment, Evidence, Extraction, Judgment, Outcome, Section
from .numerals import fold
from .outcomes import LEVEL, review_ranges
from .retrieval import BM25, Passage
from .scoring import Thresholds, fmt, score
from .statuses import ASSESSED, Status

_SCOPE_AT_LEAST = re.compile(SCOPE_AT_LEAST_PATTERN)
_STOCK_TARGET = re.compile("|".join(STOCK_TARGET_WORDS))
_INCREMENT_TARGET = re.compile("|".join(INCREMENT_WORDS))
_FALL = "(?:" + "|".join(sorted(DECREASE_WORDS, key=len, reverse=True)) + f"){PERFECTIVE}?"
# compiled once: the words that, right before a figure, make it a fall or a level reached
_FALL_BEFORE = re.compile(_FALL + r"\s*\Z")
_LEVEL_BEFORE = re.compile(rf"(?:{LEVEL.pattern})\s*\Z")


FLOOR_RANK_PENALTY = 0.1
# An actual this many times its target counts other things (a whole population, a five-year total).
IMPLAUSIBLE_RATIO = 10
_FLOOR_AFTER = tuple(w for w, c in COMPARATOR_AFTER if c == Comparator.AT_LEAST)


def _floor(o: Outcome) -> bool:
    """The review gives only a lower bound: 保持1万亿元以上."""
    if o.value is None:
        return False
    text = fold(o.text)
    written = f"{abs(o.value):g}" + (o.unit or "")
    at = text.find(written)
    return at != -1 and text.startswith(_FLOOR_AFTER, at + len(written))


def _falls(text: str, value: float | None) -> bool:
    """The figure is the size of a fall: 固定资产投资下降3.3%, 能耗降低3%."""
    return value is not None and _follows(_FALL_BEFORE, fold(text), f"{abs(value):g}")


def _follows(words_before: re.Pattern, text: str, number: str) -> bool:
    """``number`` is written somewhere in ``text`` right after what ``words_before`` (anchored at its end)
    matches."""
    at = text.find(number)
    while at != -1:
        if words_before.search(text, 0, at):
            return True
        at = text.find(number, at + 1)
    return False

# A figure named for several subjects (交通、能源、水利完成投资) is broader than one of them (P6).
_LIST_NAME = re.compile(r"、")
_SHARE_PARTS = re.compile(SHARE_PARTS_PATTERN)


@lru_cache(maxsize=4096)
def split_unit(unit: str | None) -> tuple[float, str]:
    """``万人`` → (1e4, 人); ``亿元`` → (1e8, 元); ``%`` → (1, %)."""
    unit = unit or ""
    for scale in SCALES:
        if unit.startswith(scale) and scale in SCALE_VALUES:
            return SCALE_VALUES[scale], unit[len(scale):]
    return 1.0, unit


def convert(value: float, from_unit: str | None, to_unit: str | None) -> float | None:
    """``convert(1.3, "万亿元", "亿元")`` → 13000; ``convert(869, "台", "部")`` → 869; None when
    the units do not agree."""
    fs, fb = split_unit(from_unit)
    ts, tb = split_unit(to_unit)
    if fb in THING_CLASSIFIERS and tb in THING_CLASSIFIERS:
        fb = tb
    if fb != tb and not (fb == "" and tb in BARE_SCALE_UNITS) and not (tb == "" and fb):
        return None
    return value * fs / ts


# How far back in its paragraph a commitment looks for the named list it belongs to.
LIST_CONTEXT = 600

# A part of a 省级以上 sum needs less overlap than a link on its own: it names one level of it.
AGGREGATE_MIN_SIMILARITY = 0.3



@dataclass(frozen=True)
class _Wanted:
    """What a numeric commitment asks of a figure, read once per commitment."""

    commitment: Commitment
    tokens: frozenset[str]
    head: str | None
    profile: _Profile
    family: Family | None
    stock_target: bool
    increment_target: bool
    members: int
    falls: bool

    @classmethod
    def of(cls, c: Commitment) -> _Wanted:
        tokens = frozenset(content_tokens(c.indicator))
        increments = bool(_INCREMENT_TARGET.search(c.indicator))
        # a level to reach (通车里程突破9300公里, 总数达到45家) is answered by the level reached
        stock_target = bool(_STOCK_TARGET.search(c.indicator + c.text)) or (
            not increments and bool(LEVEL.search(c.text)))
        family = family_of(c.measure)
        return cls(c, tokens, head(c.indicator), _profile(tokens), family, stock_target,
                   increments and not stock_target, len(_LIST_NAME.split(c.indicator)),
                   family is Family.GROWTH and _falls(c.text, c.target))


class Linker:
    """Outcomes of one review year, grouped by wording (indicator tokens and head word) and indexed
    by token and by head word.

    A link needs the head words to agree (see ``similarity``), so a commitment only looks at
    wordings whose head is one of its tokens, or that contain its head, or whose head ends with
    it; each wording is compared once, and at most ``PER_WORDING`` of its figures (the earliest
    that pass) are taken: the work per judgment stays flat as the review grows."""

    PER_WORDING = 3
    SCAN_PER_WORDING = 12

    def __init__(self, outcomes: list[Outcome], thresholds: Thresholds) -> None:
        self.outcomes = outcomes
        self.t = thresholds
        groups: dict[tuple[frozenset[str], str | None], dict[tuple[Family | None, str], list[int]]] = {}
        for i, o in enumerate(outcomes):
            if o.value is None:
                continue
            wording = groups.setdefault((frozenset(content_tokens(o.indicator)), head(o.indicator)), {})
            wording.setdefault((family_of(o.measure), o.unit or ""), []).append(i)
        self.wordings = list(groups)
        self.members = list(groups.values())  # per wording: (family, unit) → its figures, in text order
        self.profiles = [_profile(toks) for toks, _ in self.wordings]
        self.index: dict[str, list[int]] = defaultdict(list)
        self.by_head: dict[str | None, list[int]] = defaultdict(list)
        for g, (toks, h) in enumerate(self.wordings):
            for tok in toks:
                self.index[tok].append(g)
            self.by_head[h].append(g)
        # the wordings by each token of their scopeless tokens and by how many those are: a commitment
        # reads the wordings of its rarest tokens first, and only those of a size that can still come first
        # (and by the family of their figures: a figure of another family never answers)
        self.units: list[dict[Family | None, list[str]]] = []
        for members in self.members:
            units: dict[Family | None, list[str]] = {}
            for family, unit in members:
                units.setdefault(family, []).append(unit)
            self.units.append(units)
        self.by_bare: dict[str, dict[tuple[int, Family | None], set[int]]] = defaultdict(dict)
        for g, profile in enumerate(self.profiles):
            for tok in profile.bare:
                for family in self.units[g]:
                    self.by_bare[tok].setdefault((len(profile.bare), family), set()).add(g)
        self.bare_count = {tok: sum(map(len, sizes.values())) for tok, sizes in self.by_bare.items()}
        self._suffix: dict[str, list[int]] = {}
        # facts of each outcome's own wording, read once, not per commitment that looks at it
        self.falls = [_falls(o.text, o.value) for o in outcomes]
        self.floors = [_floor(o) for o in outcomes]
        self.parts = [len(_LIST_NAME.split(o.indicator)) for o in outcomes]
        self._reached: dict[int, bool] = {}

    def _head_candidates(self, ctoks: frozenset[str], chead: str | None) -> set[int]:
        """The wordings (group ids) a commitment's head and tokens can agree with."""
        found: set[int] = set()
        for tok in ctoks:
            found.update(self.by_head.get(tok, ()))
        if chead:
            found.update(self.index.get(chead, ()))
            if chead not in self._suffix:
                self._suffix[chead] = [g for h, ids in self.by_head.items() if h and h.endswith(chead) for g in ids]
            found.update(self._suffix[chead])
        return found

    def reached(self, i: int) -> bool:
        if i not in self._reached:
            self._reached[i] = _reached(self.outcomes[i])
        return self._reached[i]

    def candidates(self, c: Commitment, complete: bool = True) -> list[tuple[float, int, float]]:
        """(similarity, outcome index, value in the commitment's unit), best first. Unless
        ``complete``, only the first and the first of at least ``link_min_similarity`` are sure to
        be listed: the wordings too unlike the commitment to be either are not read."""
        wanted = _Wanted.of(c)
        found: list[tuple[tuple[float, int, int, int], tuple[float, int, float]]] = []
        best = best_linked = -math.inf

        def read(position: int, g: int) -> None:
            nonlocal best, best_linked
            sim = self._similarity(wanted, g)
            if sim <= 0:
                return
            for k, (taken_sim, i, value) in enumerate(self._figures(wanted, g, sim)):
                # between figures about as alike, the one stated exactly beats a floor (保持1万亿元以上,
                # 连续13年稳定在430亿斤以上 against 完成投资1.22万亿元, 粮食总产达446.1亿斤)
                rank = taken_sim - FLOOR_RANK_PENALTY * self.floors[i]
                found.append(((-rank, self.outcomes[i].start, position, k), (taken_sim, i, value)))
                best = max(best, rank)
                if taken_sim >= self.t.link_min_similarity:
                    best_linked = max(best_linked, rank)

        def can_come_first(most: float) -> bool:
            """A wording whose figures rank at most ``most`` can still be the first or the first linked."""
            return not (most < best and (most < self.t.link_min_similarity or most < best_linked))

        if complete:
            for _, position, g in self._bounded(wanted):
                read(position, g)
        else:
            self._read_first(wanted, read, can_come_first)
        found.sort(key=lambda x: x[0])  # ties: the order the wordings and their figures were met
        return [candidate for _, candidate in found]

    def _read_first(self, wanted: _Wanted, read, can_come_first) -> None:
        """Read (``read(position, wording)``) every wording that ``can_come_first``, the most alike
        first, without bounding the others one by one. The wordings that share a token of the
        commitment are grouped by the rarest of its tokens they share and by their size: one that
        shares none of the ``r`` rarest shares at most ``n - r`` of the commitment's ``n``, so each
        group has a bound of its own, and a group is bounded wording by wording only when it comes
        first. A wording that shares no token is bounded at 0.5 (one name inside the other), so those
        are read only while 0.5 can come first. Positions are the ones ``_bounded`` gives, so the
        ranking of what is read is unchanged."""
        heads = self._head_candidates(wanted.tokens, wanted.head)
        positions = dict(zip(heads, range(len(heads)), strict=True))
        bare = wanted.profile.bare
        n = len(bare)
        # (minus the bound, order met, wording or None, its token's wordings of one size or None)
        queue: list[tuple[float, int, int | None, set[int] | None]] = []
        for r, tok in enumerate(sorted(bare, key=lambda t: (self.bare_count.get(t, 0), t))):
            for (size, family), wordings in self.by_bare.get(tok, {}).items():
                if family != wanted.family:
                    continue  # none of these wordings' figures can answer
                shared = min(n - r, size)
                queue.append((-(0.5 + 0.5 * (2 * shared / (n + size))), len(queue), None, wordings))
        queue.append((-0.5, len(queue), None, None))  # the wordings that share no token
        heapq.heapify(queue)
        bounded: set[int] = set()
        met = len(queue)
        while queue:
            most, _, g, ids = heapq.heappop(queue)
            if not can_come_first(-most):
                return  # nor can anything left in the queue: each is bounded at most ``most``
            if g is not None:
                read(positions[g], g)
                continue
            group = (heads - bounded) if ids is None else (ids & heads) - bounded
            bounded |= group
            unit = wanted.commitment.unit
            for g in group:
                if not any(convert(1.0, u, unit) is not None for u in self.units[g].get(wanted.family, ())):
                    continue  # no figure of its can answer: of another family, or a unit that does not convert
                obare = self.profiles[g].bare
                bound = 0.5 + 0.5 * (2 * len(bare & obare) / (n + len(obare) or 1))
                heapq.heappush(queue, (-bound, met, g, None))
                met += 1

    def _bounded(self, wanted: _Wanted) -> list[tuple[float, int, int]]:
        """(the most similarity it can have, position, wording) of the wordings whose head agrees with
        the commitment's, the most alike first. The bound is the overlap of their tokens, as if one
        name held the other; it is far cheaper than ``similarity``."""
        bare = wanted.profile.bare
        bounds = []
        for position, g in enumerate(self._head_candidates(wanted.tokens, wanted.head)):
            obare = self.profiles[g].bare
            dice = 2 * len(bare & obare) / (len(bare) + len(obare) or 1)
            bounds.append((0.5 + 0.5 * dice, position, g))
        bounds.sort(key=lambda b: -b[0])  # stable: equal bounds keep the order they were met
        return bounds

    def _similarity(self, wanted: _Wanted, g: int) -> float:
        """``similarity`` of the commitment and wording ``g``; 0 where a growth is only a part's."""
        if wanted.family is Family.GROWTH and wanted.profile.bare < self.profiles[g].bare:
            return 0.0  # 对非洲市场出口增长20% says nothing of 出口 as a whole (P6: a part's rate)
        otoks, ohead = self.wordings[g]
        return self.similarity(wanted.tokens, wanted.head, otoks, ohead, wanted.profile, self.profiles[g])

    def _figures(self, wanted: _Wanted, g: int, sim: float) -> list[tuple[float, int, float]]:
        """(similarity, outcome index, value) of the wording's figures that can answer: at most
        ``PER_WORDING`` of them, the earliest."""
        out: list[tuple[float, int, float]] = []
        family, c = wanted.family, wanted.commitment
        for (ofamily, unit), ids in self.members[g].items():
            if ofamily != family or convert(1.0, unit, c.unit) is None:
                continue
            for i in ids[:self.SCAN_PER_WORDING]:
                if len(out) >= self.PER_WORDING:
                    break
                o = self.outcomes[i]
                value = convert(float(o.value or 0), o.unit, c.unit)
                if value is None:
                    continue
                if family is Family.GROWTH and wanted.falls != self.falls[i]:
                    value = -value  # 下降3.3% against 增长5%: a growth of -3.3%; 增长1% against 下降3%: -1
                if family is Family.LEVEL and c.target and value > IMPLAUSIBLE_RATIO * float(c.target) > 0:
                    continue  # 企业14万家 against 新增百亿企业10家: another population, not this target's
                if o.cumulative and not wanted.stock_target:
                    continue  # a stock does not answer an increment target
                if wanted.increment_target and family is Family.LEVEL and self.reached(i):
                    continue  # 5G基站增至18.8万个 does not say how many were built this year
                if self.parts[i] > wanted.members:
                    continue  # 交通、能源、水利完成投资 is broader than 交通 alone
                # 总数达到45家 is best answered by a stock (累计…家)
                out.append((sim * 0.9 if wanted.stock_target and not o.cumulative else sim, i, value))
        return out

    @staticmethod
    def similarity(ctoks: frozenset[str], chead: str | None, otoks: frozenset[str], ohead: str | None,
                   cprofile: _Profile | None = None, oprofile: _Profile | None = None) -> float:
        if not ctoks or not otoks:
            return 0.0
        if not (ohead in ctoks or chead in otoks or (ohead and chead and ohead.endswith(chead))):
            return 0.0
        cprofile = cprofile or _profile(ctoks)
        oprofile = oprofile or _profile(otoks)
        if cprofile.per_unit != oprofile.per_unit:
            return 0.0  # 亩均增加值 is not 增加值; 人均收入 is not 收入
        common = len(cprofile.bare & oprofile.bare)
        dice = 2 * common / (len(cprofile.bare) + len(oprofile.bare) or 1)
        # every token of one name inside a token of the other: jieba keeps 粮食产量 whole, 产量 alone
        if ctoks <= oprofile.pieces or otoks <= cprofile.pieces:
            dice = 0.5 + 0.5 * dice  # one name is the other with qualifiers (粮食产量 is 产量 of 粮食)
        return dice


def _reached(o: Outcome) -> bool:
    """The outcome's own figure follows a level word: ``集群达到6个``, not ``就业1361万人,失业率稳定在5%``."""
    if _INCREMENT_TARGET.search(o.indicator):
        return False  # 城镇新增就业每年超过90万人: 超过 compares an increment, it reaches no level
    return o.value is not None and _follows(_LEVEL_BEFORE, fold(o.text), f"{o.value:g}")


class _Profile(NamedTuple):
    """What ``Linker.similarity`` reads of an indicator's tokens, computed once."""

    per_unit: frozenset[str]  # the per-unit qualifiers: 亩均, 人均
    bare: frozenset[str]  # the tokens without scope words
    pieces: frozenset[str]  # every part of every token: 产量 is a part of 粮食产量


def _profile(toks: frozenset[str]) -> _Profile:
    return _Profile(_per_unit(toks), _scopeless(toks), _pieces(toks))


def _pieces(toks: frozenset[str]) -> frozenset[str]:
    return frozenset(t[i:j] for t in toks for i in range(len(t)) for j in range(i + 1, len(t) + 1))


def _per_unit(toks: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in toks for q in PER_UNIT if q in t)


def _scopeless(toks: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in toks if t not in SCOPE_LEVELS and t != SCOPE_ABOVE) or toks


def _scope_level(text: str) -> int | None:
    for word, level in sorted(SCOPE_LEVELS.items(), key=lambda kv: -len(kv[0])):
        if word in text:
            return level
    return None


def assess(plan: Extraction, review: Extraction, thresholds: Thresholds | None = None) -> list[Judgment]:
    """Judge a plan against the review it was paired with. The pair says which year is
    reviewed: the plan's year, even where the review's own year was read differently."""
    year = plan.document.plan_year or review.document.review_year
    # a multi-year figure (year None: a five-year total) stays out of every year, unless the review's
    # own year is unknown, when no figure has one
    known = review.document.review_year is not None
    outcomes = [o if o.year == year or (o.year is None and known) else replace(o, year=year)
                for o in review.outcomes]
    headings = {s.path: s.heading for s in plan.sections}
    return assess_items(list(plan.commitments), outcomes,
                        review_passages(review.text, list(review.sections)), year, thresholds, headings, plan.text)


def assess_items(commitments: list[Commitment], outcomes: list[Outcome], passages: list[Passage],
                 year: int | None, thresholds: Thresholds | None = None,
                 plan_headings: dict[str, str] | None = None, plan_text: str = "") -> list[Judgment]:
    """Judge ``commitments`` against the ``outcomes`` and review ``passages`` of ``year``.
    ``plan_headings`` (section path → heading) and the plan's text (the paragraph that opens a
    list: 办好20项民生实事：…) let a completed named list answer its items."""
    t = thresholds or Thresholds()
    linker = Linker([o for o in outcomes if o.year == year], t)
    bm25 = BM25(passages)
    completed = CompletedLists(passages)
    judgments = []
    for c in commitments:
        if year is not None and c.year is not None and c.year > year:
            judgments.append(Judgment(c, Status.NOT_DUE, None, None, None, (), 1.0,
                                      JUDGMENT_TEXTS[Status.NOT_DUE].format(year=c.year, review_year=year)))
            continue
        j = _judge_numeric(c, linker, t) if c.target is not None else _judge_qualitative(c, bm25, t)
        if j.status == Status.NO_EVIDENCE and completed:
            j = _by_completed_list(c, plan_headings or {}, completed, _paragraph_before(plan_text, c)) or j
        judgments.append(j)
    return judgments


_COMPLETED_LIST = re.compile(COMPLETED_LIST_PATTERN)
_NUMERAL_PREFIX = re.compile(LIST_COUNT_PREFIX_PATTERN)


def completed_lists(passages: list[Passage]) -> dict[str, Passage]:
    """Named lists the review says were completed: ``十件民生实事全面完成`` → {"民生实事": sentence}."""
    found = {}
    for p in passages:
        for m in _COMPLETED_LIST.finditer(fold(p.text)):
            words = m.group(1)
            words = words[words.rfind(ATTRIBUTIVE) + 1:]  # 省政府承诺的15件民生实事 → 15件民生实事
            name = _NUMERAL_PREFIX.sub("", words.strip("“”\"")).strip("“”\"")
            if len(name) >= 2 and not any(w in name for w in REPORT_WIDE) and TARGETS_AND_TASKS not in name:
                found[name] = p
    return found


def _paragraph_before(plan_text: str, c: Commitment) -> str:
    """The commitment's paragraph up to its end (at most LIST_CONTEXT characters back)."""
    if not plan_text or c.end > len(plan_text):
        return c.text
    start = max(plan_text.rfind("\n", 0, c.start) + 1, c.start - LIST_CONTEXT)
    return plan_text[start:c.end]


class CompletedLists:
    """The named lists a review says were completed (see ``completed_lists``), with the patterns
    that find one in a plan, compiled once per review."""

    def __init__(self, passages: list[Passage]) -> None:
        self.found = completed_lists(passages)
        self.order = {name: k for k, name in enumerate(self.found)}
        self.by_opening: dict[str, list[str]] = defaultdict(list)  # first two characters → names
        for name in self.found:
            self.by_opening[name[:2]].append(name)
        # an item after the list's opener (办好20项民生实事:…), or after a short sentence that opens
        # the list (办好20件民生实事。为…; “十大重点民生实事”。①…)
        self.openers = {name: (re.compile(re.escape(name) + r"[^,;。]{0,6}:"),
                               re.compile(r"(?:^|[。;!?,])[^。;:!?,]{0,12}" + re.escape(name) + r"[^,;。:]{0,6}。"))
                        for name in self.found}

    def __bool__(self) -> bool:
        return bool(self.found)

    def named_in(self, text: str) -> list[str]:
        """The names found in ``text``, in the review's order."""
        names = {name for i in range(len(text) - 1) for name in self.by_opening.get(text[i:i + 2], ())
                 if text.startswith(name, i)}
        return sorted(names, key=self.order.__getitem__)


def _by_completed_list(c: Commitment, headings: dict[str, str], completed: CompletedLists,
                       context: str = "") -> Judgment | None:
    """An item of a named list (its section heading or its paragraph names the list, or it is the
    list itself: 以办好10件民生实事为牵引) is met when the review says the whole list was completed."""
    folded, own = fold(context), fold(c.text)
    for name in completed.named_in(own + "\n" + folded):
        after_colon, after_sentence = completed.openers[name]
        # the list itself (以办好10件民生实事为牵引) or an item after its opener
        if name in own or after_colon.search(folded) or after_sentence.search(folded):
            return _list_met(c, name, completed.found[name])
    path = c.section
    while path:
        named = completed.named_in(headings.get(path, ""))
        if named:
            return _list_met(c, named[0], completed.found[named[0]])
        path = path.rsplit("/", 1)[0] if "/" in path else ""
    return None


def _list_met(c: Commitment, name: str, p: Passage) -> Judgment:
    return Judgment(c, Status.MET, 1.0, None, None, (Evidence(p.text, p.start, p.end),), 0.7,
                    JUDGMENT_TEXTS["completed_list"].format(name=name))


def review_passages(text: str, sections: list[Section]) -> list[Passage]:
    """Sentences of the review parts, without report-wide statements."""
    folded = fold(text)
    out = []
    for lo, hi in review_ranges(sections):
        for s, e in sentences(folded, lo, hi):
            sentence = text[s:e]
            if any(w in sentence for w in REPORT_WIDE):
                continue
            out.append(Passage(sentence, s, e))
    return out


def _evidence(o: Outcome, value: float | None = None) -> Evidence:
    return Evidence(o.text, o.start, o.end, o.value if value is None else value)


def _no_evidence(c: Commitment, why: str, confidence: float = 0.5) -> Judgment:
    return Judgment(c, Status.NO_EVIDENCE, None, None, None, (), confidence, why)


def _judge_numeric(c: Commitment, linker: Linker, t: Thresholds) -> Judgment:
    # a 省级以上 sum reads every candidate; a single link, only the best
    cands = linker.candidates(c, complete=_SCOPE_AT_LEAST.search(c.indicator) is not None)
    good = [x for x in cands if x[0] >= t.link_min_similarity]
    if good:
        sim, i, value = good[0]
        o = linker.outcomes[i]
        aggregated = _aggregate(c, linker, good[0], cands)
        if aggregated:
            return aggregated
        status, ratio, arithmetic = score(c, value, t)
        return Judgment(c, status, ratio, value, c.unit, (_evidence(o, value),), round(min(1.0, sim), 3),
                        f"{o.indicator} {fmt(value)}{c.unit or ''}：{arithmetic}")
    derived = _derived_share(c, linker, t)
    if derived:
        return derived
    near = ""
    if cands:
        near = JUDGMENT_TEXTS["nearest"].format(text=linker.outcomes[cands[0][1]].text[:30], similarity=cands[0][0])
    return _no_evidence(c, JUDGMENT_TEXTS["no_figure"].format(nearest=near), 0.6 if not cands else 0.4)


def _aggregate(c: Commitment, linker: Linker, best: tuple[float, int, float],
               cands: list[tuple[float, int, float]]) -> Judgment | None:
    """省级以上 targets add the figures of each level reported side by side: the best
    match and, in the same sentence, the figures of the other levels on the same subject."""
    m = _SCOPE_AT_LEAST.search(c.indicator)
    if not m:
        return None
    floor = _scope_level(m.group(1) + LEVEL_SUFFIX)
    parts: dict[int, tuple[float, int, float]] = {}
    first = linker.outcomes[best[1]]
    for sim, i, value in [best, *cands]:
        o = linker.outcomes[i]
        level = _scope_level(o.indicator)
        if level is None or floor is None or level < floor or level in parts:
            continue
        if o.start != first.start and (sim < AGGREGATE_MIN_SIMILARITY or abs(o.start - first.start) > 200):
            continue  # only figures on the same subject, reported together
        parts[level] = (sim, i, value)
    if len(parts) < 2:
        return None
    chosen = sorted(parts.values(), key=lambda x: linker.outcomes[x[1]].start)
    total = sum(v for _, _, v in chosen)
    status, ratio, arithmetic = score(c, total, linker.t)
    sum_text = " + ".join(fmt(v) for _, _, v in chosen) + f" = {fmt(total)}"
    conf = sum(s for s, _, _ in chosen) / len(chosen) * 0.9
    return Judgment(c, status, ratio, total, c.unit,
                    tuple(_evidence(linker.outcomes[i], v) for _, i, v in chosen), round(conf, 3),
                    f"{sum_text}；{arithmetic}")


def _derived_share(c: Commitment, linker: Linker, t: Thresholds) -> Judgment | None:
    """规上工业增加值占GDP比重: numerator and denominator amounts from the review."""
    if c.measure != Code.SHARE or c.unit != "%":
        return None
    m = _SHARE_PARTS.match(c.indicator)
    if not m:
        return None
    found = []
    for part in (m.group("a"), m.group("b")):
        probe = Commitment(text=part, start=0, end=0, section="", year=c.year, indicator=part, measure=Code.AMOUNT,
                           target=None, unit=SHARE_PART_UNIT)
        cands = [x for x in linker.candidates(probe, complete=False) if x[0] >= t.link_min_similarity]
        if not cands:
            return None
        found.append(cands[0])
    (s1, i1, a), (s2, i2, b) = found
    if b <= 0 or i1 == i2:
        return None
    share = 100 * a / b
    status, ratio, arithmetic = score(c, share, t)
    return Judgment(c, status, ratio, round(share, 2), "%",
                    (_evidence(linker.outcomes[i1], a), _evidence(linker.outcomes[i2], b)),
                    round(min(s1, s2) * 0.8, 3),
                    f"{fmt(a)} / {fmt(b)} × 100% = {fmt(share)}%；{arithmetic}")


def _judge_qualitative(c: Commitment, bm25: BM25, t: Thresholds) -> Judgment:
    ctoks = frozenset(content_tokens(c.indicator or c.text))
    if not ctoks:
        return _no_evidence(c, JUDGMENT_TEXTS["no_keywords"])
    best = None
    for _, i in bm25.search(ctoks, top=5):
        p = bm25.passages[i]
        coverage, verb = _delivery(ctoks, p.text, bm25.docs[i].keys())  # its tokens, read once by the index
        if best is None or (coverage, bool(verb)) > (best[0], bool(best[2])):
            best = (coverage, p, verb)
    if best is None:
        return _no_evidence(c, JUDGMENT_TEXTS["no_statement"])
    coverage, p, verb = best
    ev = (Evidence(p.text, p.start, p.end),)
    if verb and coverage >= 0.75:
        status, value = Status.MET, 1.0
    elif verb and coverage >= 0.5:
        status, value = Status.PARTLY_MET, 0.5
    else:
        return Judgment(c, Status.NO_EVIDENCE, None, None, None, ev, round(0.3 + 0.4 * (1 - coverage), 3),
                        JUDGMENT_TEXTS["weak_coverage"].format(coverage=coverage)
                        + ("" if verb else JUDGMENT_TEXTS["no_delivery"]))
    if c.measure == Code.MILESTONE and c.deadline:
        late = _completed_after(p.text, c.deadline)
        if late:
            status, value = Status.NOT_MET, 0.0
            return Judgment(c, status, value, None, None, ev, round(coverage * 0.8, 3),
                            JUDGMENT_TEXTS["late"].format(deadline=c.deadline, late=late))
        status, value = (Status.MET, 1.0) if status == Status.MET else (status, value)
    return Judgment(c, status, value, None, None, ev, round(coverage * 0.8, 3),
                    JUDGMENT_TEXTS["delivered"].format(verb=verb, coverage=coverage))


def _delivery(ctoks: frozenset[str], sentence: str,
              sentence_tokens: Set[str] | None = None) -> tuple[float, str | None]:
    """(how much of the commitment the sentence covers, the delivery verb that claims it). The verb
    must stand in a clause that itself names part of the commitment — a sentence that mentions
    the topic and, elsewhere, 建成 something else is no claim."""
    if sentence_tokens is None:
        sentence_tokens = frozenset(content_tokens(sentence))
    coverage = len(ctoks & sentence_tokens) / len(ctoks)
    for clause in re.split(r"[,;:,;:]", fold(sentence)):
        verb = next((v for v in DELIVERY_VERBS if v in clause), None)
        if verb and ctoks & frozenset(content_tokens(clause)):
            return coverage, verb
    return coverage, None


def _completed_after(text: str, deadline: str) -> str | None:
    m = re.search(COMPLETED_MONTH_PATTERN, fold(text))
    if m and int(m.group(1)) > int(deadline[5:7]):
        return m.group(1) + MONTH_CHAR
    return None


def summary(judgments: list[Judgment]) -> dict:
    due = [j for j in judgments if j.status != Status.NOT_DUE]
    counts = {s: sum(1 for j in due if j.status == s) for s in ASSESSED if s is not Status.NOT_DUE}
    scored = [j.score for j in due if j.score is not None]
    return {"total": len(due), **counts, Status.NOT_DUE: len(judgments) - len(due),
            "mean_score": round(sum(scored) / len(scored), 3) if scored else None}
