"""A review of year N that also sums up five years (ASSESS-POLICY P5, P6), as plain strings."""

from tracker.core.assessment import assess
from tracker.core.extraction import extract_text

PLAN = """2025年某省政府工作报告
现在，我代表省人民政府向大会报告工作。
一、2024年工作回顾
过去一年，我们取得了新成效，同比提高，获评先进。
二、2025年重点工作
今年要着力扩大内需，确保新建高标准农田500万亩，力争新建5G基站2.3万个以上，力争技术合同成交额突破6000亿元，高新技术企业总量超过1.4万家，新增高新技术企业1000家，城镇新增就业70万人以上，高速公路通车里程突破9300公里，交通、水利分别完成投资2500亿元、800亿元。要推动、要加快、要深化、要强化、要着力、要抓好、要坚持，确保落实，力争突破，今年将全面推进。
"""
REVIEW = """2026年某省政府工作报告
现在，我代表省人民政府向大会报告工作。
一、“十四五”时期和2025年工作回顾
“十四五”时期是极不平凡的五年。五年来，新建改造高标准农田3167万亩，技术合同成交额达到6121亿元，国家高新技术企业1.28万家，城镇新增就业每年超过90万人，高速公路由7473公里增至9310公里。
刚刚过去的2025年，我们取得了新成效。5G基站增至18.8万个，交通、能源、水利完成投资5400多亿元。
二、2026年重点工作
今年要着力扩大内需，力争新建高标准农田600万亩。要推动、要加快、要深化、要强化、要着力、要抓好、要坚持，确保落实，力争突破，今年将全面推进。
"""


def judged():
    return assess(extract_text(PLAN), extract_text(REVIEW))


def one(judgments, fragment):
    hits = [j for j in judgments if fragment in j.commitment.text]
    assert len(hits) == 1, (fragment, [j.commitment.text for j in judgments])
    return hits[0]


def test_a_five_year_total_is_no_figure_for_the_year():
    review = extract_text(REVIEW)
    farmland = [o for o in review.outcomes if o.value == 3167]
    assert farmland and farmland[0].year is None
    assert one(judged(), "高标准农田").status == "no_evidence"


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
