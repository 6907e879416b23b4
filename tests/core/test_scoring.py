"""Scoring one commitment against the figure that answers it (tracker/core/scoring.py)."""

import pytest

from tracker.core.model import Commitment
from tracker.core.scoring import Thresholds, score


def c(**kw) -> Commitment:
    base = dict(text="x", start=0, end=1, section="", year=2023, indicator="x", measure="growth",
                comparator=">=", target=5, unit="%", polarity="higher")
    base.update(kw)
    return Commitment(**base)


T = Thresholds()


@pytest.mark.parametrize("commitment,actual,status,value", [
    (c(comparator="~", target=5), 5.0, "met", 1.0),
    (c(comparator="~", target=5), 4.5, "partly_met", 0.9),
    (c(comparator="~", target=3, polarity="lower"), 2.1, "met", 1.0),  # 居民消费价格涨幅3%左右
    (c(comparator="<=", target=5.5, polarity="lower", measure="rate"), 6.0, "partly_met", 0.9167),
    (c(polarity="lower", target=1, measure="duration", unit="个月"), 0.0, "met", 1.0),
    (c(target=8), -9.2, "not_met", 0.0),
    (c(target=10), 4.0, "not_met", 0.4),
    (c(measure="rank", target=3, unit="名", comparator="<="), 1, "met", 1.0),
    (c(measure="rank", target=3, unit="名", comparator="<="), 4, "not_met", 0.0),
])
def test_score_rules(commitment, actual, status, value):
    got_status, got_score, rationale = score(commitment, actual, T)
    assert (got_status, got_score) == (status, pytest.approx(value, abs=1e-4))
    assert rationale


def test_thresholds_are_settings():
    strict = Thresholds(met_approx=0.99)
    assert score(c(comparator="~", target=5), 4.9, strict)[0] == "partly_met"
    assert score(c(comparator="~", target=5), 4.9, T)[0] == "met"
