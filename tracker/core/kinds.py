"""What kind of document a file is: each kind's code and label.

How a kind is recognised and dated is its profile in genres.py (``work_report``,
``proposal_reply``); the others are told apart by the parts found (metadata.find_kind).
``Kind`` is a ``StrEnum``: its members equal the strings stored in the database and written
in the JSON of INTERFACE.md.
"""

from __future__ import annotations

from .labelled import Labelled


class Kind(Labelled):
    SUMMARY_PLAN = "summary_plan", "总结及思路"  # 2022年总结及2023年思路
    SUMMARY = "summary", "总结"
    PLAN = "plan", "思路/计划"
    WORK_REPORT = "work_report", "政府工作报告"
    PROPOSAL_REPLY = "proposal_reply", "提案/建议答复"
    OTHER = "other", "其他"


CHOICES: list[tuple[str, str]] = Kind.choices()
