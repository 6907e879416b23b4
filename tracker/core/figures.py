"""Figures in a sentence: each quantity with the indicator it counts.

Shared by commitments (plan parts) and outcomes (review parts). A figure's
name is the text before it in its clause (``工业投资增长10%`` → 工业投资), the
text after the previous figure in a 、 list (``…企业15家、数字经济企业20家``),
the name paired in order in a 分别 list (``工业投资、制造业投资、技术改造投资
分别达到970亿元、900亿元和540亿元以上``), or, for a clause with no subject
(``制造业投资70.1亿元,增长35.0%``), the previous figure's name.

Baselines (``从平均2-3个月压缩至1个月以内``, ``从6月份72.68%提升至90.6%``) are
marked so that only the figure reached counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import CONTEXT_WINDOW, NAME_WINDOW, clause_bounds, sentences
from .indicators import content_tokens, name_before
from .lexicon import (
    ACTION_VERBS,
    AMONG_THEM,
    ATTRIBUTIVE,
    BASELINE_BY,
    BASELINE_FROM,
    ETC,
    GENERIC_NAMES,
    HEADING_NUMERALS,
    LIST_COMMA,
    LIST_JOINERS,
    MEASURE_TAIL_WORDS,
    NAME_AFTER_LEADS,
    RESPECTIVELY,
    SHARED_TAIL_WORDS,
)
from .model import Quantity
from .quantities import find_quantities

_LIST_JOINER = re.compile("^[" + LIST_COMMA + LIST_JOINERS + ",]+$")
# Where a 分别 list's shared tail starts (lexicon.SHARED_TAIL_WORDS).
_SHARED_TAIL = re.compile("(" + "|".join(SHARED_TAIL_WORDS) + ")")
_FENBIE = RESPECTIVELY


# A coordinated name this short is a modifier of the last one's noun (城镇、农村居民…).
SHORT_MODIFIER = 3

# A sentence with more figures than this is a table or a list pasted as one line; the rest of
# its figures are left out and the document says so (``overfull``).
MAX_FIGURES = 200
_DIGITS = re.compile(r"\d+")


def overfull(folded: str, ranges: list[tuple[int, int]]) -> int:
    """How many sentences in ``ranges`` hold more than MAX_FIGURES figures."""
    return sum(1 for lo, hi in ranges for s, e in sentences(folded, lo, hi)
               if len(_DIGITS.findall(folded, s, e)) > MAX_FIGURES
               and len(find_quantities(folded[s:e], folded=True)) > MAX_FIGURES)


@dataclass(frozen=True)
class Figure:
    q: Quantity
    name: str
    before: str  # the clause's text before the figure (folded)
    clause: tuple[int, int]
    baseline: bool
    in_list: bool  # shares its verb with other figures (、 or 分别 lists)


def figures(folded: str, start: int, end: int) -> list[Figure]:
    """Figures of the sentence folded[start:end] (absolute offsets): at most MAX_FIGURES of them
    (``overfull`` tells the document), each with a clause of at most CONTEXT_WINDOW characters
    before it, so that no sentence costs more than linear time."""
    qs = find_quantities(folded[start:end], offset=start, folded=True)[:MAX_FIGURES]
    out: list[Figure] = []
    paired = _fenbie_names(folded, start, end, qs)
    last_name = ""
    for i, q in enumerate(qs):
        c0, c1 = clause_bounds(folded, q.start, start, end)
        c0 = max(c0, q.start - CONTEXT_WINDOW)
        prev = qs[i - 1] if i else None
        lo = max(c0, prev.end) if prev and prev.end > c0 else c0
        between = folded[lo:q.start]
        joined = prev is not None and prev.end >= c0 and bool(_LIST_JOINER.match(between.strip() or "、"))
        if prev and prev.end > c0:
            # a second figure in the same clause: 140处7.8万平方米, 15家、数字经济企业20家
            fragment = between
        else:
            fragment = folded[c0:q.start]
        name = paired.get(i) or subject_of(fragment)
        if out and prev and prev.end > c0 and not paired.get(i) and _bare_measure_item(fragment):
            name = out[-1].name  # 生产总值达到5.53万亿元、稳居全国前十强、增长4.8%: the same subject grew
        if prev is not None and out and out[-1].baseline and out[-1].q is prev:
            name = out[-1].name  # 用时从平均2-3个月压缩至1个月以内: the same indicator as its baseline
        if not name and prev is not None and joined:
            name = out[-1].name
        named_after = False
        if not name:
            name = _name_after(folded, q.end, c1)  # 近1400万农业转移人口在城镇落户
            named_after = bool(name)
        if not name:
            name = last_name
        elif name in GENERIC_NAMES and last_name:
            name = last_name + name  # 新增上市企业5家,总数达到42家 → 新增上市企业总数
        elif last_name and fragment.lstrip().startswith(AMONG_THEM) and len(content_tokens(name)) <= 1:
            name = name + last_name  # 淘汰整治…企业1340家,其中关停670家: a part of the same things
        toks = content_tokens(name)
        follows = _counts_what_follows(folded, fragment, q)
        if named_after:
            pass  # the name already is what follows the count (7家国家区域医疗中心基本建成)
        elif follows == "list" and _name_after(folded, q.end, c1):
            name = _name_after(folded, q.end, c1)  # 启动改造19个城中村、180个城镇老旧小区: 180 counts the latter
        elif follows and not (prev and prev.end > c0):
            name = name + _name_after(folded, q.end, c1)  # 改善宛平城等12个重点区域, 97%的门诊量
        elif (len(toks) < 2 or toks[-1] in ACTION_VERBS) and not (prev and prev.end > c0):
            after = _name_after(folded, q.end, c1)
            if content_tokens(after):
                name = name + after  # 力争形成10个省市可示范推广的西湖标志性成果: the object follows the count
            elif c0 > start and folded[c0 - 1] != ":" and (not toks or toks[-1] in ACTION_VERBS):
                # not after a label (主要预期目标是:经济增长6%), nor for a name of its own (粮食总产)
                # 启动新的三年棚改攻坚计划,今年开工580万套: the subject is in the clause before
                p0, _ = clause_bounds(folded, c0 - 1, start, end)
                if not find_quantities(folded[p0:c0], folded=True):
                    name = name_before(folded[p0:c0 - 1]) + name
        baseline = _is_baseline(folded, q, qs[i + 1:], c0, end)
        out.append(Figure(q, name, folded[c0:q.start], (c0, c1), baseline, joined or i in paired))
        if name:
            last_name = name
    return out


def _counts_what_follows(folded: str, fragment: str, q: Quantity) -> str:
    """Whether the words after the figure say what it counts: after a joiner the figure opens a
    list item of its own (``…和85个口袋公园``, ``19个城中村、180个城镇老旧小区``: "list"); after
    ``等`` it counts the list's things (``建成临沂至滕州等15个项目``), and a share counts what
    follows its 的 (``覆盖二级以上医疗机构97%的门诊量``)."""
    tail = fragment.rstrip()
    if tail.endswith((*LIST_JOINERS, LIST_COMMA)):
        return "list"
    if tail.endswith(ETC) or (q.unit in ("%", "‰") and folded[q.end:q.end + 1] == ATTRIBUTIVE):
        return "tail"
    return ""


def _name_after(folded: str, a: int, b: int) -> str:
    """The thing counted when it follows the count; a long modifier ends at its last 的:
    ``15项左右具有前瞻性…、总投资10亿元以上的重大制造业项目`` → 重大制造业项目."""
    after = re.sub("^(" + "|".join(NAME_AFTER_LEADS) + ")", "", folded[a:b])
    if not re.match(r"^[\u4e00-\u9fa5“\"]", after):
        return ""
    if ATTRIBUTIVE in after:
        after = after[after.rfind(ATTRIBUTIVE) + 1:]
    else:  # up to the next list item: 19个城中村、180个城镇老旧小区; 800个经济薄弱村扶持和100个…
        next_item = "[" + LIST_COMMA + r"\d]|[" + LIST_JOINERS + r"](?=[\d" + HEADING_NUMERALS + "])"
        after = re.split(next_item, after, maxsplit=1)[0]
    return name_before(after[:30])


def subject_of(fragment: str) -> str:
    """The indicator words of a clause before its figure: ``工业投资增长`` → 工业投资; ``力争达到`` → ""."""
    return name_before(_strip_tail(fragment[-NAME_WINDOW:]))


def _bare_measure_item(fragment: str) -> bool:
    """The last 、 item before the figure is only a measure word (``、增长``): it has no subject."""
    items = re.split(r"[、,]", fragment)
    return len(items) > 1 and not _strip_tail(items[-1].strip())


def _strip_tail(fragment: str) -> str:
    return re.sub("(" + "|".join(MEASURE_TAIL_WORDS) + ")+$", "", fragment)


def _fenbie_names(folded: str, start: int, end: int, qs: list[Quantity]) -> dict[int, str]:
    """``A、B、C分别达到x、y和z`` → names for x, y, z in order, for every 分别 of the sentence."""
    out: dict[int, str] = {}
    idx = folded.find(_FENBIE, start, end)
    while idx != -1:
        out.update(_one_fenbie(folded, start, end, qs, idx))
        idx = folded.find(_FENBIE, idx + len(_FENBIE), end)
    return out


def _one_fenbie(folded: str, start: int, end: int, qs: list[Quantity], idx: int) -> dict[int, str]:
    c0, _ = clause_bounds(folded, idx, start, end)
    head = folded[c0:idx]
    names = [n for n in re.split("[" + LIST_COMMA + LIST_JOINERS + "]", head) if n.strip()]
    after = [i for i, q in enumerate(qs) if q.start > idx]
    # take the figures of one list: consecutive and joined by 、/和
    group: list[int] = []
    for i in after:
        if group and not _LIST_JOINER.match(folded[qs[group[-1]].end:qs[i].start].strip() or "x"):
            break
        group.append(i)
    if len(names) < 2 or len(names) != len(group):
        return {}
    tail = _SHARED_TAIL.search(names[-1])
    if tail:  # the last name's measure words belong to every name of the list
        shared = names[-1][tail.start():]
        names = [n if _SHARED_TAIL.search(n) else n + shared for n in names]
    last = content_tokens(names[-1])
    if len(last) >= 2:  # 城镇、农村居民人均可支配收入: 城镇 is a 居民人均可支配收入 too
        rest = names[-1][names[-1].find(last[1]):]
        names = [n + rest if len(n) <= SHORT_MODIFIER and n != names[-1] else n for n in names]
    return {i: name_before(n) for i, n in zip(group, names, strict=True)}


def _is_baseline(folded: str, q: Quantity, later: list[Quantity], c0: int, end: int) -> bool:
    """A figure after 从 with a later figure of the same unit in its sentence is a starting point."""
    if BASELINE_FROM not in folded[c0:q.start] and not folded[max(c0, q.start - 8):q.start].endswith((BASELINE_BY,)):
        return False
    return any(_same_family(q.unit, other.unit) for other in later)


def _same_family(a: str, b: str) -> bool:
    return a == b or a[-1:] == b[-1:]
