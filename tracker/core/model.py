"""Frozen dataclasses passed between the engine's modules."""

from __future__ import annotations

from dataclasses import dataclass, field

from .statuses import Status


@dataclass(frozen=True)
class Section:
    path: str  # "三/(二)" — heading markers joined by "/"
    heading: str
    role: str  # a roles.Role
    start: int
    end: int
    level: int = 0


@dataclass(frozen=True)
class DocumentInfo:
    title: str | None
    issuer: str | None
    published: str | None  # ISO date
    review_year: int | None
    plan_year: int | None
    kind: str  # a kinds.Kind
    warnings: tuple[str, ...] = ()  # what a reader must know before trusting the result (INTERFACE.md)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as written: ``1.3万亩`` → value 1.3, unit ``万亩``."""

    value: float
    unit: str
    start: int
    end: int
    high: float | None = None  # the upper bound of a range (2-3个月)
    comparator: str | None = None  # comparator written at the number (以上, 左右, 多 …)
    rank: bool = False

    @property
    def number(self) -> int | float:
        return int(self.value) if float(self.value).is_integer() else self.value


@dataclass(frozen=True)
class Clause:
    """What a commitment and an outcome both are: a clause of the text (``text == plain[start:end]``),
    in a section, about an indicator in a year, with a measure family."""

    text: str
    start: int
    end: int
    section: str
    year: int | None
    indicator: str
    measure: str


@dataclass(frozen=True)
class Commitment(Clause):
    comparator: str | None = None  # a comparators.Comparator
    target: float | None = None
    target_high: float | None = None
    unit: str | None = None
    polarity: str | None = None
    strength: str | None = None
    deadline: str | None = None

    @property
    def is_numeric(self) -> bool:
        return self.target is not None


@dataclass(frozen=True)
class Outcome(Clause):
    value: float | None
    unit: str | None
    cumulative: bool = False
    comparator: str | None = None  # 多/余/以上 written at the figure


@dataclass(frozen=True)
class Extraction:
    text: str
    document: DocumentInfo
    sections: tuple[Section, ...]
    commitments: tuple[Commitment, ...]
    outcomes: tuple[Outcome, ...]
    format: str = "txt"
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int
    value: float | None = None


@dataclass(frozen=True)
class Judgment:
    commitment: Commitment
    status: Status  # statuses.ASSESSED: every status but PENDING
    score: float | None
    actual: float | None
    actual_unit: str | None
    evidence: tuple[Evidence, ...]
    confidence: float
    rationale: str
