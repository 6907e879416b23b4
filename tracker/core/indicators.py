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
    DECREASE_WORDS,
    DELIVERY_VERBS,
    DOMAIN_WORDS,
    DURATION_UNITS,
    FLAT,
    GROWTH_WORDS,
    LOWER_IS_BETTER,
    MANNER_ADVERBS,
    MILESTONE_VERBS,
    SCALES,
    STRENGTH_WORDS,
    SYNONYMS,
    TRAILING_VERBS,
    WHOLE_NAME_SYNONYMS,
)
from .measures import Code, Family, family_of, lower_is_better
from .model import Quantity

_lock = threading.Lock()
_jieba = None

_LEADING = re.compile(
    r"^(?:(?:\d{4}年度?|今年|全年|年内|当年|每年|同时|此外|其中|另外|并|且|而|以及|和|及|、|与|或|以上|以下|左右|以内|"
    r"同比|环比|比上年|较上年|"
    + "|".join(STRENGTH_WORDS)
    + r"|要|将|拟|再|进一步|全力|加快|积极|持续|不断|共|累计|预计|实现|达到|分别)\s*)+"
)
_TRAILING = re.compile(
    r"(?:为|达到|达|超过|超|突破|约|近|至|到|实现|完成|分别|共计|合计|共|在|是|了|的|从|平均|:|\s"
    r"|力争|确保|争取|努力|全省|全市|全国|全区|排名第|位列|位居|居|接近|由|保持|稳定在|高于|低于|快于|慢于|比|继续"
    r"|不少于|不低于|不超过|至少|控制在|保持在|每年|与上年|同比|比上年|较上年|基本|连续|预计)+$")
_QUOTES = str.maketrans("", "", "“”\"'‘’《》")
_STOP_TOKENS = frozenset(
    "的 了 和 与 及 等 在 为 将 要 对 把 以 个 家 项 年 全年 今年 全市 全省 全区 全国 我市 我区 我省 "
    "实现 完成 达到 新增 累计 同比 分别 其中 进一步 力争 确保 争取 努力 推进 推动 加快 开展 工作 "
    "全面 持续 不断 积极 深入 扎实 重点 有效 提升 加强 建设 实施 , 、 ( ) : ; 。 % 以上 左右 以内".split()
)


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
    name = re.sub(r"\d{4}年度?", "", name)
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
    if base == "倍" or written.startswith("翻") or written == FLAT:
        return Code.GROWTH  # 营收增长1.5倍, 产量实现翻番
    if base in ("%", "个百分点", "百分点", "‰"):
        tail = (name + before[-4:])
        if re.search(r"占|比重|占比|份额", tail) or q.unit == "%" and before.endswith(("的", "超过全市")):
            return Code.SHARE
        if re.search(r"(增长|增速|增幅|涨幅|上涨|下降|降低|减少|回正|回升)[为了达到至]*$", before) or base != "%":
            return Code.GROWTH  # 增长8%, 增速为0.1%, 劳动生产率增长8%
        level = re.search(r"(提高到|提升到|增加到|达到|达|为|接近|保持在|稳定在)$", before)
        if level or re.search(r"(率|强度)$", re.sub(r"(提高|提升|达到|达|为|接近|保持|稳定在|到|至)+$", "", name)):
            return Code.RATE  # 科技进步贡献率提高到58.5%, 研发投入强度提高到3.5%: a level, not a change
        if any(w in tail for w in GROWTH_WORDS) or base != "%":
            return Code.GROWTH
        if name.endswith("率") or "率" in before[-6:]:
            return Code.RATE
        return Code.GROWTH if re.search(r"增|降|涨", name) else Code.RATE
    if base in DURATION_UNITS:
        return Code.DURATION
    if base in AMOUNT_UNITS:
        return Code.AMOUNT
    if base in SCALES:
        return Code.COUNT if re.search(r"人|户|口", name) else Code.AMOUNT
    return Code.COUNT


def polarity_of(measure: str, name: str, before: str) -> str:
    """Less is better for prices' 涨幅, 失业率, 用时, 排名; a reduction's size is more-is-better."""
    if lower_is_better(measure):
        return "lower"
    tail = before[-6:]
    if any(w in tail for w in DECREASE_WORDS) and family_of(measure) in (Family.GROWTH, Family.RATIO, Family.LEVEL):
        if not any(w in name for w in ("价格", "失业率")):
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
_MEASURE_TOKENS = frozenset("增长 降低 涨幅 提高 提升 稳定 保持 控制 回正 回升 上升 比重 占比 占 增加 "
                            "启动 计划 攻坚 行动 约 近 多 余 超过 达 万 亿 平均 压缩".split())


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
