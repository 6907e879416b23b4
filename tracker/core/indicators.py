"""Indicator names, measures and polarity, and the tokens used to compare them.

``name_before("2023年力争新增省级以上专精特新(含小巨人)企业")`` →
``新增省级以上专精特新(含小巨人)企业``. Tokens come from jieba with the domain
dictionary (loaded once per process), after synonyms are folded
(``国内生产总值`` → ``GDP``).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from .lexicon import (
    ACTION_VERBS,
    AMOUNT_UNITS,
    CHANGE_CHARS,
    CHANGE_TAIL_LINKS,
    CHANGE_TAIL_WORDS,
    DECREASE_WORDS,
    DELIVERY_VERBS,
    DOMAIN_WORDS,
    DOUBLING,
    DURATION_UNITS,
    FLAT,
    GROWTH_WORDS,
    LEVEL_NAME_VERBS,
    LEVEL_TAIL_WORDS,
    LOWER_EVEN_REDUCED,
    LOWER_IS_BETTER,
    MANNER_ADVERBS,
    MEASURE_TOKENS,
    MILESTONE_VERBS,
    MULTIPLE_UNIT,
    NAME_LEADING_VERBS,
    NAME_LEADING_WORDS,
    NAME_STOP_TOKENS,
    NAME_TRAILING_PATTERN,
    PEOPLE_CHARS,
    PERCENT_BASES,
    RATE_CHAR,
    RATE_NAME_TAILS,
    SCALES,
    SHARE_MARKERS,
    SHARE_TAILS,
    STRENGTH_WORDS,
    SYNONYMS,
    TRAILING_VERBS,
    WHOLE_NAME_SYNONYMS,
    YEAR_LABEL_PATTERN,
)
from .measures import Code, Family, family_of, lower_is_better
from .model import Quantity

_lock = threading.Lock()
_jieba = None

_LEADING = re.compile(
    "^(?:(?:" + YEAR_LABEL_PATTERN + "|" + "|".join(NAME_LEADING_WORDS) + "|"
    + "|".join(STRENGTH_WORDS)
    + "|" + "|".join(NAME_LEADING_VERBS) + r")\s*)+"
)
_TRAILING = re.compile(NAME_TRAILING_PATTERN)
_QUOTES = str.maketrans("", "", "“”\"'‘’《》")
_STOP_TOKENS = NAME_STOP_TOKENS


def _segmenter():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                for word in DOMAIN_WORDS:
                    jieba.add_word(word, freq=20000)
                for word in SYNONYMS:
                    jieba.add_word(word, freq=20000)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def segment(text: str) -> list[str]:
    return _segmenter().lcut(text)


def name_before(fragment: str) -> str:
    """Clean the words before a figure into an indicator name."""
    name = fragment.translate(_QUOTES).strip(" ,、;:")
    name = re.sub(YEAR_LABEL_PATTERN, "", name)
    prev = None
    while prev != name:
        prev = name
        name = _LEADING.sub("", name).strip()
        name = _TRAILING.sub("", name).strip()
    return name


def measure_of(q: Quantity, name: str, before: str, written: str = "") -> str:
    """``增长8%`` growth, ``占GDP比重7%`` share, ``开工率90.6%`` rate, ``前3`` rank …"""
    if q.rank:
        return Code.RANK
    base = q.unit
    for scale in SCALES:
        if base.startswith(scale) and len(base) > len(scale):
            base = base[len(scale):]
            break
    if base == MULTIPLE_UNIT or written.startswith(DOUBLING) or written == FLAT:
        return Code.GROWTH  # 营收增长1.5倍, 产量实现翻番
    if base in PERCENT_BASES:
        tail = (name + before[-4:])
        if re.search("|".join(SHARE_MARKERS), tail) or q.unit == "%" and before.endswith(SHARE_TAILS):
            return Code.SHARE
        if re.search("(" + "|".join(CHANGE_TAIL_WORDS) + ")[" + CHANGE_TAIL_LINKS + "]*$", before) or base != "%":
            return Code.GROWTH  # 增长8%, 增速为0.1%, 劳动生产率增长8%
        level = re.search("(" + "|".join(LEVEL_TAIL_WORDS) + ")$", before)
        if level or re.search("(" + "|".join(RATE_NAME_TAILS) + ")$",
                              re.sub("(" + "|".join(LEVEL_NAME_VERBS) + ")+$", "", name)):
            return Code.RATE  # 科技进步贡献率提高到58.5%, 研发投入强度提高到3.5%: a level, not a change
        if any(w in tail for w in GROWTH_WORDS) or base != "%":
            return Code.GROWTH
        if name.endswith(RATE_CHAR) or RATE_CHAR in before[-6:]:
            return Code.RATE
        return Code.GROWTH if re.search("|".join(CHANGE_CHARS), name) else Code.RATE
    if base in DURATION_UNITS:
        return Code.DURATION
    if base in AMOUNT_UNITS:
        return Code.AMOUNT
    if base in SCALES:
        return Code.COUNT if re.search("|".join(PEOPLE_CHARS), name) else Code.AMOUNT
    return Code.COUNT


def polarity_of(measure: str, name: str, before: str) -> str:
    """Less is better for prices' 涨幅, 失业率, 用时, 排名; a reduction's size is more-is-better."""
    if lower_is_better(measure):
        return "lower"
    tail = before[-6:]
    if any(w in tail for w in DECREASE_WORDS) and family_of(measure) in (Family.GROWTH, Family.RATIO, Family.LEVEL):
        if not any(w in name for w in LOWER_EVEN_REDUCED):
            return "higher"
    if any(w in name or w in tail for w in LOWER_IS_BETTER):
        return "lower"
    return "higher"


def fold_synonyms(text: str) -> str:
    if text in WHOLE_NAME_SYNONYMS:
        return WHOLE_NAME_SYNONYMS[text]
    for word, canonical in sorted(SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(word, canonical)
    return text


# Words that say how a figure moved, not what it counts: the measure compares those.
_MEASURE_TOKENS = MEASURE_TOKENS


@lru_cache(maxsize=50000)
def content_tokens(text: str) -> tuple[str, ...]:
    """Content tokens in order, synonyms folded: ``国内生产总值增长`` → (``GDP``,)."""
    folded = fold_synonyms(text.translate(_QUOTES))
    return tuple(t for t in segment(folded)
                 if t.strip() and t not in _STOP_TOKENS and t not in _MEASURE_TOKENS
                 and not t.replace(".", "").isdigit() and len(t.strip(",.、;:()")) > 0
                 and len(t) > 1)


def tokens(name: str) -> frozenset[str]:
    return frozenset(content_tokens(name))


_VERBS = frozenset(ACTION_VERBS + DELIVERY_VERBS + MILESTONE_VERBS + TRAILING_VERBS + MANNER_ADVERBS)


def head(name: str) -> str | None:
    """The last content token that is not a verb: what the indicator counts (``城镇调查失业率`` →
    调查失业率; ``启动城镇老旧小区改造`` → 老旧小区, ``口袋公园等建成开放`` → 公园)."""
    toks = content_tokens(name)
    nouns = [t for t in toks if t not in _VERBS]
    return (nouns or toks)[-1] if toks else None
