"""What a figure measures, as one table: its code, its label, the family it is compared
within, the units it is written in, which way is better, and how it is scored.

Every other module asks this table: extraction (``indicators.measure_of`` returns a code,
``polarity_of`` reads the default polarity), linking (only figures of one family answer each
other: 增长8% never answers 占比8%), scoring (``scorer``) and the database's choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .lexicon import AMOUNT_UNITS, COUNT_UNITS, DURATION_UNITS, PERCENT_UNITS, RANK_UNIT


class Code(StrEnum):
    COUNT = "count"
    AMOUNT = "amount"
    GROWTH = "growth"
    SHARE = "share"
    RATE = "rate"
    RANK = "rank"
    DURATION = "duration"
    MILESTONE = "milestone"
    QUALITATIVE = "qualitative"


class Family(StrEnum):
    LEVEL = "level"  # how many, how much: 新增企业15家, 投资1.2万亿元
    GROWTH = "growth"  # a change: 增长5%, 下降3%, 翻番
    RATIO = "ratio"  # a part of a whole or a rate: 占比60%, 覆盖率95%
    RANK = "rank"
    DURATION = "duration"
    NONE = ""  # milestones and qualitative commitments: judged by delivery, not by a figure


class Scorer(StrEnum):
    RATIO = "ratio"  # actual / target (or target / actual when lower is better), DOMAIN.md
    RANK = "rank"  # met when the place reached is at or above the target place
    MILESTONE = "milestone"  # delivered by the deadline
    EVIDENCE = "evidence"  # a qualitative commitment: a delivery stated in the review


@dataclass(frozen=True)
class Measure:
    code: Code
    label: str  # shown to users
    family: Family
    units: tuple[str, ...]
    lower_is_better: bool
    scorer: Scorer


TABLE: tuple[Measure, ...] = (
    Measure(Code.COUNT, "数量", Family.LEVEL, COUNT_UNITS, False, Scorer.RATIO),
    Measure(Code.AMOUNT, "金额/规模", Family.LEVEL, AMOUNT_UNITS, False, Scorer.RATIO),
    Measure(Code.GROWTH, "增长", Family.GROWTH, PERCENT_UNITS, False, Scorer.RATIO),
    Measure(Code.SHARE, "占比", Family.RATIO, ("%", "‰"), False, Scorer.RATIO),
    Measure(Code.RATE, "比率", Family.RATIO, ("%", "‰"), False, Scorer.RATIO),
    Measure(Code.RANK, "排名", Family.RANK, (RANK_UNIT,), True, Scorer.RANK),
    Measure(Code.DURATION, "用时", Family.DURATION, DURATION_UNITS, True, Scorer.RATIO),
    Measure(Code.MILESTONE, "节点任务", Family.NONE, (), False, Scorer.MILESTONE),
    Measure(Code.QUALITATIVE, "定性", Family.NONE, (), False, Scorer.EVIDENCE),
)
BY_CODE: dict[str, Measure] = {m.code.value: m for m in TABLE}
CHOICES: list[tuple[str, str]] = [(m.code.value, m.label) for m in TABLE]


def family_of(code: str | None) -> Family | None:
    """The family a measure is compared within; None for a code the table does not know."""
    m = BY_CODE.get(code or "")
    return m.family if m else None


def lower_is_better(code: str | None) -> bool:
    m = BY_CODE.get(code or "")
    return bool(m and m.lower_is_better)


def scorer_of(code: str | None) -> Scorer | None:
    m = BY_CODE.get(code or "")
    return m.scorer if m else None
