"""Linking and judging (tracker/core/assessment.py), on the seeds' plans against synthetic next-year
reviews (tests/fixtures/reviews/, written in the style of the real documents) and on short texts.
The score of one figure is in test_scoring.py.
Each expected status and figure below was worked out by hand from those texts."""

from pathlib import Path

import pytest

from tests.conftest import seed_text
from tests.core.helpers import dept
from tracker.core.assessment import assess, convert, summary
from tracker.core.extraction import extract_text

REVIEWS = Path(__file__).resolve().parents[1] / "fixtures" / "reviews"


def judgments(plan_seed: str, review_file: str):
    plan = extract_text(seed_text(plan_seed))
    review = extract_text((REVIEWS / review_file).read_text(encoding="utf-8"))
    return assess(plan, review)


def judged(js, fragment, target=None):
    hits = [j for j in js if fragment in j.commitment.text and (target is None or j.commitment.target == target)]
    assert hits, fragment
    return hits[0]


@pytest.fixture(scope="module")
def xihu():
    return judgments("001_", "xihu-2023.txt")


@pytest.fixture(scope="module")
def jiaxing():
    return judgments("004_", "jiaxing-2022.txt")


def test_met_and_partly_met_counts(xihu):
    j = judged(xihu, "小升规", 15)
    assert (j.status, j.actual, j.score) == ("met", 18, 1.0)
    j = judged(xihu, "数字经济企业20家", 20)
    assert (j.status, j.actual, j.score) == ("partly_met", 12, 0.6)


def test_about_tolerance(xihu):
    j = judged(xihu, "30家左右")
    assert (j.status, j.actual) == ("met", 29)  # 29 / 30 = 0.967 ≥ 0.95


def test_scope_aggregation(xihu):
    j = judged(xihu, "省级以上专精特新")
    assert (j.status, j.actual) == ("met", 16)
    assert j.rationale.startswith("6 + 10 = 16")
    assert len(j.evidence) == 2


def test_stock_does_not_answer_increment(xihu):
    j = judged(xihu, "省级以上专精特新")
    assert 120 not in [e.value for e in j.evidence]  # 累计培育专精特新企业120家


def test_derived_share(xihu):
    j = judged(xihu, "力争达到7%以上")
    assert j.status == "partly_met" and j.actual == pytest.approx(4.51, abs=0.01)  # 94.13 / 2087.4
    assert "94.13 / 2087.4" in j.rationale


def test_rank_duration_and_milestone(xihu):
    assert (judged(xihu, "全省前3").status, judged(xihu, "全省前3").actual) == ("not_met", 5)
    j = judged(xihu, "压缩至1个月以内")
    assert (j.status, j.actual) == ("partly_met", 1.5)  # lower is better: 1 / 1.5
    assert judged(xihu, "一季度完成").status == "met"  # 2月建成投用, before 03-31


def test_qualitative_needs_delivery(xihu):
    assert judged(xihu, "推进社会信用体系建设").status == "met"  # 出台…实施方案
    assert judged(xihu, "营造奋勇争先").status == "no_evidence"


def test_review_plan_part_and_report_wide_statements_are_not_evidence(xihu):
    j = judged(xihu, "力争形成10个")
    assert j.status == "no_evidence"  # the 2024 plan's 12个 is not an outcome
    assert not any("主要目标任务" in e.text for jj in xihu for e in jj.evidence)


def test_growth_amount_and_fenbie(jiaxing):
    assert judged(jiaxing, "规上工业增加值增长8%以上").status == "partly_met"  # 4.2 / 8 = 0.525
    j = judged(jiaxing, "工业投资增长10%")
    assert (j.status, j.score, j.actual) == ("not_met", 0.0, -3.5)
    assert judged(jiaxing, "分别达到", 970).status == "met"
    j = judged(jiaxing, "分别达到", 900)
    assert (j.status, j.actual) == ("partly_met", 880)  # ≥ target, not "左右": 0.978 is short
    assert judged(jiaxing, "分别达到", 540).actual == 560
    j = judged(jiaxing, "工业用地出让1.3万亩")
    assert (j.status, j.actual) == ("partly_met", 1.1)


def test_per_unit_indicator_is_not_answered_by_total(jiaxing):
    assert judged(jiaxing, "亩均增加值").status == "no_evidence"
    assert judged(jiaxing, "全员劳动生产率").status == "no_evidence"


def test_summary_counts(xihu):
    s = summary(xihu)
    assert s["total"] == sum(s[k] for k in ("met", "partly_met", "not_met", "no_evidence"))
    assert s["met"] >= 6 and s["not_met"] >= 1


def test_unit_conversion():
    assert convert(1.3, "万亿元", "亿元") == pytest.approx(13000)
    assert convert(1400, "万", "万人") == 1400
    assert convert(5, "%", "个百分点") is None


def test_not_due_and_late_milestone():
    plan = extract_text("二、2023年工作思路\n一是推进园区建设。到2025年,力争建成智能工厂50家。"
                        "力争2023年一季度完成产业大脑上线运行。\n")
    review = extract_text("一、2023年工作总结\n全年建成智能工厂20家。产业大脑于6月完成上线运行。\n")
    js = assess(plan, review)
    assert judged(js, "智能工厂50家").status == "not_due"  # 到2025年
    late = judged(js, "一季度完成")
    assert (late.status, late.score) == ("not_met", 0.0)


def test_completed_named_list_answers_its_items():
    plan = extract_text("二、2023年工作思路\n(一)办好十件民生实事\n一是新建养老服务中心5家。二是改造老旧小区。\n"
                        "(二)推进产业升级\n一是建设产业大脑。\n")
    review = extract_text("一、2023年工作总结\n十件民生实事全面完成,群众满意度明显提升。全市主要目标任务全面完成。\n")
    js = assess(plan, review)
    assert judged(js, "养老服务中心").status == "met" and judged(js, "老旧小区").status == "met"
    assert "民生实事" in judged(js, "老旧小区").rationale
    assert judged(js, "产业大脑").status == "no_evidence"  # a report-wide statement answers nothing


def test_stock_target_prefers_the_stock():
    plan = extract_text("二、2024年工作思路\n新增上市企业3家,总数达到45家。\n")
    review = extract_text("一、2024年工作总结\n新增上市企业4家,累计达到46家。\n")
    js = assess(plan, review)
    assert judged(js, "新增上市企业3家").actual == 4
    assert judged(js, "总数达到45家").actual == 46


def test_a_completed_list_answers_its_items_not_the_whole_paragraph():
    plan = dept("区经信局2023年总结及2024年思路", "完成了工作。",
                "坚持民生优先，扎实办好十件民生实事，力争城镇新增就业1.2万人，新增省级专精特新企业15家。")
    review = dept("区经信局2024年总结及2025年思路", "十件民生实事全面完成。")
    statuses = {j.commitment.target: j.status for j in assess(extract_text(plan), extract_text(review))}
    assert statuses[1.2] == statuses[15] == "no_evidence"


def test_a_review_with_no_readable_year_still_answers():
    plan = dept("区经信局2023年总结及2024年思路", "完成了工作。", "力争规上工业总产值达到500亿元。")
    review = "区经信局工作总结\n一、主要工作完成情况\n规上工业总产值达到520亿元。\n"
    j = [j for j in assess(extract_text(plan), extract_text(review)) if j.commitment.target == 500]
    assert j and (j[0].status, j[0].actual) == ("met", 520)


def test_output_value_is_not_physical_output():
    plan = dept("区经信局2023年总结及2024年思路", "完成了工作。", "力争农业总产值增长5%。")
    review = dept("区经信局2024年总结及2025年思路", "全年农业产量增长1%。")
    j = [j for j in assess(extract_text(plan), extract_text(review)) if j.commitment.target == 5]
    assert j and j[0].status == "no_evidence"
