"""What an assessment concludes about a commitment, as one table: each status's code, label,
colour, group, 三色预警 light and the orders it is shown and sorted in.

Every other module asks this table: the engine (assessment.py and scoring.py return ``Status``
members), the database's choices (outcomes/models.py), counts and rates (outcomes/selectors.py,
outcomes/judgment.py), lights (outcomes/lights.py), charts (SVG and PNG), the stylesheet (its
``--status-*`` variables, from ``COLOURS``), exports and emails. ``Status`` is a ``StrEnum``, so
its members equal the strings stored in the database and written in the JSON of INTERFACE.md.
``tests/test_enums.py`` fails on a status spelled as a bare string anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NO_EVIDENCE = "no_evidence"
    NOT_DUE = "not_due"
    PENDING = "pending"  # no assessment yet (never written by the engine)


class Group(StrEnum):
    JUDGED = "judged"  # scored against its target: the denominator of 达成率 and 平均得分
    UNSCORED = "unscored"  # no verdict: nothing found, not yet due, or not assessed


class Light(StrEnum):
    """The lights of 督办 (三色预警); ``NONE`` is the grey of no warning."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    NONE = "none"


@dataclass(frozen=True)
class Lamp:
    code: Light
    label: str
    colour: str  # background
    ink: str  # text on it


LIGHT_TABLE: tuple[Lamp, ...] = (  # in the order a legend shows them
    Lamp(Light.RED, "红", "#c62828", "#ffffff"),
    Lamp(Light.YELLOW, "黄", "#f9a825", "#222222"),
    Lamp(Light.GREEN, "绿", "#2e7d32", "#ffffff"),
    Lamp(Light.NONE, "无", "#90a4ae", "#ffffff"),
)
LAMPS: dict[Light, Lamp] = {lamp.code: lamp for lamp in LIGHT_TABLE}


@dataclass(frozen=True)
class StatusInfo:
    code: Status
    label: str  # shown to users
    group: Group
    light: Light | None  # the judged statuses' own light; the others leave it to the deadline
    colour: str  # charts, badges and the stylesheet: a judged status takes its light's
    never_overdue: bool  # 达成 and 未到期 are never 逾期
    urgency: int  # emails list the most urgent first: 未达成 before 部分达成 … 达成 last
    progress: str | None  # a later review's word for a multi-year commitment (outcomes/progress.py)


TABLE: tuple[StatusInfo, ...] = (  # in display order
    StatusInfo(Status.MET, "达成", Group.JUDGED, Light.GREEN, LAMPS[Light.GREEN].colour, True, 5, "已达到目标"),
    StatusInfo(Status.PARTLY_MET, "部分达成", Group.JUDGED, Light.YELLOW, LAMPS[Light.YELLOW].colour, False, 1,
               "推进中"),
    StatusInfo(Status.NOT_MET, "未达成", Group.JUDGED, Light.RED, LAMPS[Light.RED].colour, False, 0, "推进中"),
    StatusInfo(Status.NO_EVIDENCE, "无证据", Group.UNSCORED, None, "#757575", False, 2, "总结未提及"),
    StatusInfo(Status.NOT_DUE, "未到期", Group.UNSCORED, None, "#90a4ae", True, 4, None),
    StatusInfo(Status.PENDING, "待评估", Group.UNSCORED, None, "#b0bec5", False, 3, None),
)
BY_CODE: dict[str, StatusInfo] = {s.code.value: s for s in TABLE}

ORDER: tuple[Status, ...] = tuple(s.code for s in TABLE)
LABELS: dict[Status, str] = {s.code: s.label for s in TABLE}
COLOURS: dict[Status, str] = {s.code: s.colour for s in TABLE}
LIGHTS: dict[Status, Light] = {s.code: s.light for s in TABLE if s.light is not None}
JUDGED: tuple[Status, ...] = tuple(s.code for s in TABLE if s.group is Group.JUDGED)
UNSCORED: tuple[Status, ...] = tuple(s.code for s in TABLE if s.group is Group.UNSCORED)
NEVER_OVERDUE: tuple[Status, ...] = tuple(s.code for s in TABLE if s.never_overdue)
BY_URGENCY: tuple[Status, ...] = tuple(s.code for s in sorted(TABLE, key=lambda s: s.urgency))
PROGRESS_WORDS: dict[Status, str] = {s.code: s.progress for s in TABLE if s.progress is not None}
# the engine's verdicts: every status but PENDING, which only the database knows (no assessment)
ASSESSED: tuple[Status, ...] = tuple(s for s in ORDER if s is not Status.PENDING)
# Django choices of an assessment's status (the engine's verdicts and an editor's overrides)
CHOICES: list[tuple[str, str]] = [(s.value, LABELS[s]) for s in ASSESSED]


def label_of(code: str | None) -> str | None:
    """The label of a status code; None for a code the table does not know."""
    s = BY_CODE.get(code or "")
    return s.label if s else None
