"""An enumeration whose members carry the label users see: ``REVIEW = "review", "回顾"``.

The pure-Python counterpart of Django's ``TextChoices`` for the engine's small enumerations
(roles.py, kinds.py): members equal their codes (a ``StrEnum``), ``choices()`` gives the
database's choices in definition order.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]
