"""Rows and the engine's dataclasses, one into the other: a commitment or an outcome as the engine
takes it, and the evidence quotes an assessment stores."""

from __future__ import annotations

from collections.abc import Iterable

from outcomes.models import Outcome
from targets.models import Commitment
from tracker.core import model as core
from tracker.core.serialize import Quoted, evidence_dict


def core_commitment(c: Commitment) -> core.Commitment:
    return core.Commitment(
        text=c.text, start=c.start, end=c.end, section=c.section_path, year=c.year, indicator=c.indicator,
        measure=c.measure, comparator=c.comparator or None, target=c.target, target_high=c.target_high,
        unit=c.unit or None, polarity=c.polarity or None, strength=c.strength or None,
        deadline=c.deadline.isoformat() if c.deadline else None,
    )


def core_outcome(o: Outcome) -> core.Outcome:
    return core.Outcome(text=o.text, start=o.start, end=o.end, section=o.section_path, year=o.year,
                        indicator=o.indicator, measure=o.measure, value=o.value, unit=o.unit or None,
                        cumulative=o.cumulative)


def evidence_quotes(evidence: Iterable[Quoted]) -> list[dict]:
    """An assessment's ``evidence_quotes``: the engine's evidence or the outcome rows an editor chose."""
    return [evidence_dict(e) for e in evidence]
