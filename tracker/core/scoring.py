"""Scoring one commitment against the figure that answers it (DOMAIN.md).

Score is the achievement ratio capped at 1: actual/target for ``higher``,
target/actual for ``lower`` (an actual of 0 scores 1), 1 or 0 for ranks and
milestones, 0 for a negative actual against a positive growth target.
``met`` at ratio ≥ ``met`` (≥ ``met_approx`` for a ``~`` target), ``partly_met``
from ``partly``, ``not_met`` below. A ``~`` target is a floor for ``higher``
indicators and a ceiling for ``lower`` ones: 居民消费价格涨幅3%左右 is met by 2.1%.
"""

from __future__ import annotations

from dataclasses import dataclass

from .comparators import Comparator
from .measures import Scorer, scorer_of
from .messages import SCORE_TEXTS
from .model import Commitment
from .statuses import Status


@dataclass(frozen=True)
class Thresholds:
    met: float = 1.0
    met_approx: float = 0.95
    partly: float = 0.5
    link_min_similarity: float = 0.5
    low_confidence: float = 0.6


def fmt(x: float) -> str:
    return format(round(x, 4), "g")


def score(c: Commitment, actual: float, t: Thresholds) -> tuple[Status, float, str]:
    """(status, score, the arithmetic as a sentence a person can check)."""
    target = float(c.target or 0)
    comparator = c.comparator or Comparator.EQUAL
    if scorer_of(c.measure) is Scorer.RANK:
        ok = actual <= target
        return (Status.MET if ok else Status.NOT_MET, 1.0 if ok else 0.0,
                SCORE_TEXTS["rank"].format(actual=fmt(actual), compare="≤" if ok else ">", target=fmt(target)))
    if comparator == Comparator.RANGE and c.target_high is not None:
        lo, hi = target, float(c.target_high)
        if lo <= actual <= hi:
            return Status.MET, 1.0, f"{fmt(lo)} ≤ {fmt(actual)} ≤ {fmt(hi)}"
    polarity = c.polarity or "higher"
    if polarity == "lower":
        ratio = 1.0 if actual <= 0 else min(1.0, target / actual)
        arithmetic = f"{fmt(target)} / {fmt(actual)} = {fmt(target / actual) if actual > 0 else '∞'}"
        compare = "≤" if actual <= target else ">"
        text = SCORE_TEXTS["lower"].format(actual=fmt(actual), compare=compare, target=fmt(target),
                                           arithmetic=arithmetic)
    else:
        if target <= 0:
            ratio = 1.0 if actual >= target else 0.0
            text = f"{fmt(actual)} {'≥' if ratio else '<'} {fmt(target)}"
        elif actual < 0:
            ratio = 0.0
            text = SCORE_TEXTS["negative"].format(actual=fmt(actual), target=fmt(target))
        else:
            ratio = min(1.0, actual / target)
            compare = "≥" if actual >= target else "<"
            text = SCORE_TEXTS["higher"].format(actual=fmt(actual), compare=compare, target=fmt(target),
                                               ratio=fmt(actual / target))
    bar = t.met_approx if comparator == Comparator.ABOUT else t.met
    if ratio >= bar:
        status = Status.MET
        if comparator == Comparator.ABOUT and ratio < t.met:
            text += SCORE_TEXTS["approx"].format(bar=fmt(t.met_approx))
    elif ratio >= t.partly:
        status = Status.PARTLY_MET
    else:
        status = Status.NOT_MET
    return status, round(ratio, 4), text
