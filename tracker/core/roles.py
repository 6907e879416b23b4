"""What a section of a document is, as one table: each role's code and label.

The engine decides it (sections.py: from heading words, the years a heading names, the tense
of its sentences, or the enclosing part; the lexicon's ``ROLE_WORDS`` are keyed by these
codes); an editor may change it (a correction); commitments are read from ``PLAN`` parts and
outcomes from ``REVIEW`` parts. ``Role`` is a ``StrEnum``: its members equal the strings
stored in the database and written in the JSON of INTERFACE.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    REVIEW = "review"  # what was done: outcomes are read here
    PLAN = "plan"  # what will be done: commitments are read here
    PROBLEMS = "problems"  # 存在的问题: neither
    OTHER = "other"


@dataclass(frozen=True)
class RoleInfo:
    code: Role
    label: str  # shown to users


TABLE: tuple[RoleInfo, ...] = (
    RoleInfo(Role.REVIEW, "回顾"),
    RoleInfo(Role.PLAN, "计划"),
    RoleInfo(Role.PROBLEMS, "问题"),
    RoleInfo(Role.OTHER, "其他"),
)
BY_CODE: dict[str, RoleInfo] = {r.code.value: r for r in TABLE}
CHOICES: list[tuple[str, str]] = [(r.code.value, r.label) for r in TABLE]
