"""Judging against a review of year N that also sums up five years (ASSESS-POLICY P5, P6): PLAN and
REVIEW of tests/core/helpers.py. That a five-year total is no figure of the year is in test_outcomes.py."""

from tests.core.helpers import judged, one


def test_a_level_in_a_five_year_summary_is_the_years_level():
    j = one(judged(), "技术合同成交额")
    assert (j.status, j.actual) == ("met", 6121)


def test_a_total_reached_does_not_answer_how_many_were_built():
    assert one(judged(), "5G基站").status == "no_evidence"


def test_a_figure_for_several_subjects_does_not_answer_one_of_them():
    statuses = {j.commitment.target: j.status for j in judged() if "交通" in j.commitment.text}
    assert statuses == {2500: "no_evidence", 800: "no_evidence"}


def test_a_bare_count_in_a_five_year_summary_is_a_stock():
    j = judged()
    stock = one(j, "总量超过1.4万家")
    assert (stock.status, stock.actual) == ("partly_met", 1.28)  # 1.28 / 1.4 = 0.91 < 1
    increment = next(x for x in j if x.commitment.target == 1000)
    assert increment.status == "no_evidence"  # a stock does not say how many were added


def test_what_was_done_every_year_and_a_level_reached_answer_the_year():
    j = judged()
    assert (one(j, "城镇新增就业").status, one(j, "城镇新增就业").actual) == ("met", 90)
    assert (one(j, "通车里程").status, one(j, "通车里程").actual) == ("met", 9310)
