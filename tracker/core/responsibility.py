"""The unit responsible for a commitment, where the plan names one.

Plans name the body that carries a task in a few ways, in the task's clause or its sentence, or in a
parenthesis right after the sentence:

- a label and a colon: 牵头单位：市发展改革委；责任单位：各区县政府 (a 牵头 label is preferred to a 责任 one);
- 由…牵头 / 由…负责: 由市经信局牵头，各相关部门配合;
- …牵头 / …负责 after a body's name: 市商务局牵头推进.

Without a label, the name must end like a body (局, 委, 厅, 政府 …): 由企业牵头 names no unit.

``responsible_unit(text, start, end)`` reads the commitment's clause ``text[start:end]`` first, then
its sentence; ``unit_in(sentence)`` reads one piece of text. The words are the lexicon's
(``RESPONSIBLE_*``). Nothing is guessed: without such words the unit is ``None`` and an editor sets it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.core import lexicon

SENTENCE_ENDS = "。；;！？!?\n"
MAX_UNIT = 60  # characters; a longer "name" is a clause, not a body
MIN_UNIT = 2


NAME_MAX = 12  # a body's name before 牵头/负责 without 由: at most this long, else cut at its level word
STOPS = "，,；;。：:（()）、 \t\n"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    labels = "|".join(map(re.escape, sorted(lexicon.RESPONSIBLE_LABELS, key=len, reverse=True)))
    lead = "|".join(map(re.escape, lexicon.RESPONSIBLE_LEAD_VERBS))
    verbs = "|".join(map(re.escape, (*lexicon.RESPONSIBLE_LEAD_VERBS, *lexicon.RESPONSIBLE_DUTY_VERBS)))
    by = re.escape(lexicon.RESPONSIBLE_BY)
    not_after = "|".join(map(re.escape, lexicon.RESPONSIBLE_NOT_AFTER_VERB))
    label = re.compile(rf"({labels})\s*[:：]\s*([^，,；;。）)\n]{{{MIN_UNIT},{MAX_UNIT}}})")
    by_unit = re.compile(rf"{by}([^，,；;。：:（()）\s{by}]{{{MIN_UNIT},{MAX_UNIT}}}?)({verbs})(?!{not_after})")
    verb = re.compile(rf"({verbs})(?!{not_after})")
    return label, by_unit, verb, re.compile(lead)


def _clean(unit: str) -> str:
    return unit.strip(" \t，,、：:（()）").strip()


def _is_body(name: str) -> bool:
    return name.endswith(tuple(lexicon.RESPONSIBLE_ORG_ENDS))


def _named_before(text: str, at: int) -> str | None:
    """The body's name right before ``text[at]`` (a 牵头/负责 without 由): from the clause's last stop,
    a name that ends like a body; a long run is cut at its first level word (省, 市, 区, 各 …)."""
    lo = max((text.rfind(ch, 0, at) for ch in STOPS if ch not in "、"), default=-1) + 1
    name = text[lo:at]
    if lexicon.RESPONSIBLE_BY in name or not _is_body(name):
        return None
    if len(name) > NAME_MAX:
        tail = name[-NAME_MAX:]
        heads = [i for i in (tail.find(h) for h in lexicon.RESPONSIBLE_LEVEL_HEADS) if i != -1]
        if not heads:
            return None
        name = tail[min(heads):]
    return name


def unit_in(text: str) -> str | None:
    """The responsible unit one piece of text names, or ``None``. Ranked: a 牵头 label, then 由…牵头 /
    …牵头, then a 责任 label, then 由…负责 / …负责; the first of the best rank."""
    if not text:
        return None
    label, by_unit, verb, lead = _patterns()
    found: list[tuple[int, int, str]] = []  # (rank, position, unit)
    taken: list[tuple[int, int]] = []  # the labels' spans: their values are read once
    for m in label.finditer(text):
        found.append((0 if lead.search(m.group(1)) else 2, m.start(), _clean(m.group(2))))
        taken.append(m.span())
    for m in by_unit.finditer(text):
        if not any(lo <= m.start() < hi for lo, hi in taken) and _is_body(m.group(1)):
            found.append((1 if lead.fullmatch(m.group(2)) else 3, m.start(), _clean(m.group(1))))
    for m in verb.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in taken):
            continue
        name = _named_before(text, m.start())
        if name:
            found.append((1 if lead.fullmatch(m.group(1)) else 3, m.start() - len(name), _clean(name)))
    found = [f for f in found if MIN_UNIT <= len(f[2]) <= MAX_UNIT and f[2] not in lexicon.RESPONSIBLE_NOT_UNITS]
    return min(found)[2] if found else None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((text.rfind(ch, 0, start) for ch in SENTENCE_ENDS), default=-1) + 1
    if text[lo:lo + 1] in ("（", "(") and lo < start:
        close = _close(text[lo:start])
        if close != -1:  # the previous sentence's parenthesis: （牵头单位：…）二是…
            lo += close + 1
    his = [i for i in (text.find(ch, end) for ch in SENTENCE_ENDS) if i != -1]
    hi = min(his) + 1 if his else len(text)
    # a parenthesis right after the sentence's end belongs to it: ……建设。（牵头单位：市经信局）
    rest = text[hi:hi + 2 + MAX_UNIT * 2]
    if rest[:1] in ("（", "("):
        close = _close(rest)
        if close != -1:
            hi += close + 1
    return lo, hi


def _close(text: str) -> int:
    return min([i for i in (text.find("）"), text.find(")")) if i != -1] or [-1])


def responsible_unit(text: str, start: int, end: int) -> str | None:
    """The unit named in the commitment's clause ``text[start:end]``, else in its sentence."""
    if not text or not 0 <= start < end <= len(text):
        return None
    unit = unit_in(text[start:end])
    if unit:
        return unit
    lo, hi = _sentence(text, start, end)
    return unit_in(text[lo:hi])
