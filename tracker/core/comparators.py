"""How a target compares with the figure that answers it, as one table: each comparator's code,
its label (the database's choices), and the sign written before a target (目标 ≥ 8%).

The lexicon maps the words that say it (以上 → ``>=``, 左右 → ``~``); extraction, scoring
(scoring.py: ``~`` is met at ``met_approx``, ``range`` between two bounds) and
targets/models.py read the codes from here. ``Comparator`` is a ``StrEnum``: its members equal
the strings stored in the database and written in the JSON of INTERFACE.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Comparator(StrEnum):
    AT_LEAST = ">="  # 以上, 不低于
    AT_MOST = "<="  # 以内, 不超过
    ABOUT = "~"  # 左右, 约
    EQUAL = "="  # a target written bare
    RANGE = "range"  # 2-3个月: between target and target_high


@dataclass(frozen=True)
class ComparatorInfo:
    code: Comparator
    label: str  # the database's choices
    sign: str  # before a target shown to users: "≥ 8%", "约 5.5%"


TABLE: tuple[ComparatorInfo, ...] = (
    ComparatorInfo(Comparator.AT_LEAST, "≥", "≥ "),
    ComparatorInfo(Comparator.AT_MOST, "≤", "≤ "),
    ComparatorInfo(Comparator.ABOUT, "左右", "约 "),
    ComparatorInfo(Comparator.EQUAL, "=", ""),
    ComparatorInfo(Comparator.RANGE, "区间", ""),
)
BY_CODE: dict[str, ComparatorInfo] = {c.code.value: c for c in TABLE}
CHOICES: list[tuple[str, str]] = [(c.code.value, c.label) for c in TABLE]


def sign_of(code: str | None) -> str:
    """The sign written before a target; "" for none or a code the table does not know."""
    c = BY_CODE.get(code or "")
    return c.sign if c else ""
