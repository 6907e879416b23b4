"""Why a figure in a plan part is not a target: named rules, each with the clause it exists for.

Extraction asks ``rejection_of`` for every figure of a plan sentence; ``explain`` asks the
same rules afterwards, so the report of what was not taken (``manage.py extract --explain``,
the admin's 未识别的数字句) can never disagree with what extraction did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .clauses import CONTEXT_WINDOW
from .figures import Figure
from .lexicon import (
    ACTION_VERBS,
    AMOUNT_FOLLOWERS,
    AMOUNT_UNITS,
    APPROXIMATE_MORE,
    ATTRIBUTIVE,
    BARE_SCALE_HEADS,
    DIFFERENCE_PATTERN,
    DOCUMENT_CONTENTS_PATTERN,
    EFFORT_VERBS,
    ETC,
    EXISTING_FACT_PATTERN,
    LEADING_TIME_WORDS,
    LIST_COMMA,
    LIST_DELIVERY_VERBS,
    NAME_UNIT_TAILS,
    NOUN_MODIFIER_LEADS,
    SCALES,
    SIZE_CLASS_WORDS,
    STRENGTH_WORDS,
    TARGET_VERBS,
    THING_CLASSIFIERS,
)
from .messages import REJECTIONS

_DOING = tuple(set(ACTION_VERBS + LIST_DELIVERY_VERBS + TARGET_VERBS))
_AMOUNT_FOLLOWERS = set(AMOUNT_FOLLOWERS)
_LEADING_STRENGTH = re.compile("^(?:" + "|".join(STRENGTH_WORDS) + "|" + "|".join(LEADING_TIME_WORDS) + ")+")


@dataclass(frozen=True)
class Rejection:
    name: str
    label: str  # shown to users, in Chinese
    example: str  # a clause the rule exists for
    test: Callable[[str, Figure, int, int], bool]  # (folded text, figure, sentence start, sentence end)


def _before(folded: str, f: Figure) -> str:
    return folded[f.clause[0]:f.q.start]


def _after(folded: str, f: Figure, e: int) -> str:
    return folded[f.q.end:e]


def _describes_noun(folded: str, f: Figure, s: int, e: int) -> bool:
    if f.q.unit in ("%", "‰"):
        return False  # 覆盖二级以上医疗机构97%的门诊量: a share of the things, the target itself
    return re.sub("^(" + "|".join(NOUN_MODIFIER_LEADS) + ")", "", _after(folded, f, e)).startswith(ATTRIBUTIVE)


def _size_class(folded: str, f: Figure, s: int, e: int) -> bool:
    if f.q.unit not in AMOUNT_UNITS and _before(folded, f).endswith(_DOING):
        return False  # 实现20项以上互认资质资格: how many, not how big
    if f.q.unit in ("%", "‰") or _unscaled(f.q.unit) in THING_CLASSIFIERS:
        return False  # 90%以上的村配备…, 2500个以上提档升级村: a share or a count of the things named
    after = _after(folded, f, e)
    return after.startswith(SIZE_CLASS_WORDS) and bool(re.match(r"^[\u4e00-\u9fa5]", after[2:3] or ","))


def _unscaled(unit: str) -> str:
    return next((unit[len(x):] for x in SCALES if unit.startswith(x) and len(unit) > len(x)), unit)


def _part_of_name(folded: str, f: Figure, s: int, e: int) -> bool:
    q = f.q
    if folded[q.start:q.start + 1] in BARE_SCALE_HEADS:
        return False  # 突破万亿级规模: a bare scale names a size, not a thing
    if _before(folded, f).endswith(_DOING + (LIST_COMMA,)):
        return False  # 完成3800万平方米建筑智能化供热改造, …管道清淤、175公里河道疏浚: the size of the work
    if q.unit in AMOUNT_UNITS or any(q.unit.endswith(u) for u in NAME_UNIT_TAILS):
        nxt = _after(folded, f, e)[:1]
        return bool(nxt) and nxt not in _AMOUNT_FOLLOWERS
    return False


def _existing_fact(folded: str, f: Figure, s: int, e: int) -> bool:
    return bool(re.search(EXISTING_FACT_PATTERN, _before(folded, f)))


def _difference(folded: str, f: Figure, s: int, e: int) -> bool:
    return f.q.unit not in ("%", "‰") and bool(re.search(DIFFERENCE_PATTERN, _before(folded, f)))


def _approximate_stock(folded: str, f: Figure, s: int, e: int) -> bool:
    written = folded[f.q.start:f.q.end]
    return APPROXIMATE_MORE in written and not any(w in folded[max(s, f.q.start - CONTEXT_WINDOW):f.q.start]
                                       for w in STRENGTH_WORDS)


def _list_under_way(folded: str, f: Figure, s: int, e: int) -> bool:
    before = _before(folded, f)
    if not before.endswith(ETC):
        return False
    head = _LEADING_STRENGTH.sub("", before.strip())
    return not (head.startswith(LIST_DELIVERY_VERBS) and not head.startswith(EFFORT_VERBS))


def _document_contents(folded: str, f: Figure, s: int, e: int) -> bool:
    return bool(re.search(DOCUMENT_CONTENTS_PATTERN, folded[f.clause[0]:f.q.start + 1]))


def _in_title(folded: str, f: Figure, s: int, e: int) -> bool:
    return bool(re.search(r"《[^》]*$", folded[max(s, f.q.start - CONTEXT_WINDOW):f.q.start]))


RULES: tuple[Rejection, ...] = (
    Rejection("baseline", *REJECTIONS["baseline"], lambda folded, f, s, e: f.baseline),
    Rejection("describes_noun", *REJECTIONS["describes_noun"], _describes_noun),
    Rejection("size_class", *REJECTIONS["size_class"], _size_class),
    Rejection("part_of_name", *REJECTIONS["part_of_name"], _part_of_name),
    Rejection("existing_fact", *REJECTIONS["existing_fact"], _existing_fact),
    Rejection("difference", *REJECTIONS["difference"], _difference),
    Rejection("approximate_stock", *REJECTIONS["approximate_stock"], _approximate_stock),
    Rejection("list_under_way", *REJECTIONS["list_under_way"], _list_under_way),
    Rejection("document_contents", *REJECTIONS["document_contents"], _document_contents),
    Rejection("in_title", *REJECTIONS["in_title"], _in_title),
)


def rejection_of(folded: str, f: Figure, s: int, e: int) -> Rejection | None:
    """The first rule that says ``f`` (in the sentence folded[s:e]) is not a target."""
    return next((r for r in RULES if r.test(folded, f, s, e)), None)
