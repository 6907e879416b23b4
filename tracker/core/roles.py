"""What a section of a document is: each role's code and label.

The engine decides it (sections.py: from heading words, the years a heading names, the tense
of its sentences, or the enclosing part; the lexicon's ``ROLE_WORDS`` are keyed by these
codes); an editor may change it (a correction); commitments are read from ``PLAN`` parts and
outcomes from ``REVIEW`` parts. ``Role`` is a ``StrEnum``: its members equal the strings
stored in the database and written in the JSON of INTERFACE.md.
"""

from __future__ import annotations

from .labelled import Labelled


class Role(Labelled):
    REVIEW = "review", "回顾"  # what was done: outcomes are read here
    PLAN = "plan", "计划"  # what will be done: commitments are read here
    PROBLEMS = "problems", "问题"  # 存在的问题: neither
    OTHER = "other", "其他"


CHOICES: list[tuple[str, str]] = Role.choices()
