"""The JSON shapes of INTERFACE.md."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Protocol

from .model import Commitment, Extraction, Judgment, Outcome


class Quoted(Protocol):
    """A quoted piece of evidence: the engine's ``Outcome`` or a stored outcome row."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def value(self) -> float | None: ...


def evidence_dict(e: Quoted) -> dict[str, Any]:
    """One piece of evidence as quoted: an assessment's stored quote, and (numbers tidied,
    ``judgment_dict``) the JSON of INTERFACE.md."""
    return {"text": e.text, "start": e.start, "end": e.end, "value": e.value}


def _num(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(v, 4)


def commitment_dict(c: Commitment) -> dict[str, Any]:
    d = asdict(c)
    d["target"], d["target_high"] = _num(c.target), _num(c.target_high)
    return d


def outcome_dict(o: Outcome) -> dict[str, Any]:
    d = asdict(o)
    d["value"] = _num(o.value)
    d.pop("comparator")
    return d


def extraction_dict(x: Extraction, source: str) -> dict[str, Any]:
    return {
        "source": source,
        "document": asdict(x.document),
        "sections": [{"path": s.path, "heading": s.heading, "role": s.role, "start": s.start, "end": s.end}
                     for s in x.sections],
        "commitments": [commitment_dict(c) for c in x.commitments],
        "outcomes": [outcome_dict(o) for o in x.outcomes],
    }


def judgment_dict(j: Judgment) -> dict[str, Any]:
    return {
        "commitment": commitment_dict(j.commitment),
        "status": j.status,
        "score": None if j.score is None else round(j.score, 4),
        "actual": _num(j.actual),
        "actual_unit": j.actual_unit,
        "evidence": [evidence_dict(e) | {"value": _num(e.value)} for e in j.evidence],
        "confidence": round(j.confidence, 3),
        "rationale": j.rationale,
    }
