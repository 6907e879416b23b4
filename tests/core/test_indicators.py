"""The measure of a figure (tracker/core/indicators.py ``measure_of``) on percent targets."""

import pytest

from tracker.core.extraction import extract_text


@pytest.mark.parametrize("clause,measure", [
    ("研发投入强度提高到3.5%", "rate"), ("工业投资增长10%", "growth"), ("全区规上工业增加值增速为0.1%", "growth"),
    ("规上制造业全员劳动生产率增长8%", "growth"), ("数字经济核心产业增加值占GDP比重达到15%", "share"),
    ("城镇调查失业率5.5%以内", "rate"),
])
def test_measure_of_percent_targets(clause, measure):
    x = extract_text(f"二、2024年工作思路\n{clause}。\n")
    assert [c.measure for c in x.commitments] == [measure]
