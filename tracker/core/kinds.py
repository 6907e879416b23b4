"""What kind of document a file is, as one table: each kind's code and label.

How a kind is recognised and dated is its profile in genres.py (``work_report``,
``proposal_reply``); the others are told apart by the parts found (metadata.find_kind).
``Kind`` is a ``StrEnum``: its members equal the strings stored in the database and written
in the JSON of INTERFACE.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    SUMMARY_PLAN = "summary_plan"  # 2022年总结及2023年思路
    SUMMARY = "summary"
    PLAN = "plan"
    WORK_REPORT = "work_report"  # 政府工作报告
    PROPOSAL_REPLY = "proposal_reply"  # 提案/建议答复
    OTHER = "other"


@dataclass(frozen=True)
class KindInfo:
    code: Kind
    label: str  # shown to users


TABLE: tuple[KindInfo, ...] = (
    KindInfo(Kind.SUMMARY_PLAN, "总结及思路"),
    KindInfo(Kind.SUMMARY, "总结"),
    KindInfo(Kind.PLAN, "思路/计划"),
    KindInfo(Kind.WORK_REPORT, "政府工作报告"),
    KindInfo(Kind.PROPOSAL_REPLY, "提案/建议答复"),
    KindInfo(Kind.OTHER, "其他"),
)
BY_CODE: dict[str, KindInfo] = {k.code.value: k for k in TABLE}
CHOICES: list[tuple[str, str]] = [(k.code.value, k.label) for k in TABLE]
