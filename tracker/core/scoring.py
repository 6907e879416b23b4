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

from .measures import Scorer, scorer_of
from .model import Commitment


@dataclass(frozen=True)
class Thresholds:
    met: float = 1.0
    met_approx: float = 0.95
    partly: float = 0.5
    link_min_similarity: float = 0.5
    low_confidence: float = 0.6


def fmt(x: float) -> str:
    return format(round(x, 4), "g")


def score(c: Commitment, actual: float, t: Thresholds) -> tuple[str, float, str]:
    """(status, score, the arithmetic as a sentence a person can check)."""
    target = float(c.target or 0)
    comparator = c.comparator or "="
    if scorer_of(c.measure) is Scorer.RANK:
        ok = actual <= target
        return ("met" if ok else "not_met", 1.0 if ok else 0.0,
                f"排名 {fmt(actual)} {'≤' if ok else '>'} {fmt(target)}")
    if comparator == "range" and c.target_high is not None:
        lo, hi = target, float(c.target_high)
        if lo <= actual <= hi:
            return "met", 1.0, f"{fmt(lo)} ≤ {fmt(actual)} ≤ {fmt(hi)}"
    polarity = c.polarity or "higher"
    if polarity == "lower":
        ratio = 1.0 if actual <= 0 else min(1.0, target / actual)
        arithmetic = f"{fmt(target)} / {fmt(actual)} = {fmt(target / actual) if actual > 0 else '∞'}"
        compare = "≤" if actual <= target else ">"
        text = f"越低越好：{fmt(actual)} {compare} {fmt(target)}，比值 {arithmetic}"
    else:
        if target <= 0:
            ratio = 1.0 if actual >= target else 0.0
            text = f"{fmt(actual)} {'≥' if ratio else '<'} {fmt(target)}"
        elif actual < 0:
            ratio = 0.0
            text = f"实际 {fmt(actual)} 为负，目标 {fmt(target)} 为正：得分 0"
        else:
            ratio = min(1.0, actual / target)
            compare = "≥" if actual >= target else "<"
            text = f"{fmt(actual)} {compare} {fmt(target)}，比值 {fmt(actual)} / {fmt(target)} = {fmt(actual / target)}"
    bar = t.met_approx if comparator == "~" else t.met
    if ratio >= bar:
        status = "met"
        if comparator == "~" and ratio < t.met:
            text += f"（“左右”容差：≥ {fmt(t.met_approx)} × 目标）"
    elif ratio >= t.partly:
        status = "partly_met"
    else:
        status = "not_met"
    return status, round(ratio, 4), text
