"""Outcomes of review parts (tracker/core/outcomes.py): only review parts, baselines and framing
clauses left out, stocks apart from a year's total, the phrasings of reviews, a five-year total.

Expected values were read off the texts by hand (see the quoted clauses)."""

from tests.conftest import seed_text
from tests.core.helpers import REVIEW, find, judged, one
from tracker.core.extraction import extract_text


def test_outcomes_keep_the_last_figure_of_a_series(xihu):
    values = {(o.value, o.unit) for o in xihu.outcomes if "GDP增速" in o.text}
    assert (0.1, "%") in values and (-1.3, "%") not in values
    assert (90.6, "%") in {(o.value, o.unit) for o in xihu.outcomes}
    assert (72.68, "%") not in {(o.value, o.unit) for o in xihu.outcomes}


def test_outcomes_only_from_review_parts(xihu):
    plan = [s for s in xihu.sections if s.role in ("plan", "problems")]
    for o in xihu.outcomes:
        assert not any(s.start <= o.start < s.end for s in plan if s.path)


def test_cumulative_stock():
    x = extract_text(seed_text("002_"))
    stock = find(x.outcomes, "1432家", 1432, attr="value")
    assert stock.cumulative


def test_year_total_is_not_cumulative(xihu):
    o = find(xihu.outcomes, "增速为0.1%", 0.1, attr="value")
    assert not o.cumulative and o.measure == "growth"


def test_framing_clauses_in_a_review_report_no_result():
    x = extract_text("一、2023年工作总结\n全力打造4个世界级先进产业群,成功打造3个省级示范区。聚焦数字社会8条跑道。\n")
    assert [(o.value, o.unit) for o in x.outcomes] == [(3, "个")]


def test_review_phrasings():
    x = extract_text("一、2023年工作总结\n"
                     "全市规上工业增加值1234.5亿元,同比增长6.1%,高于全省平均1.2个百分点,增速居全省第3位。"
                     "高新技术产业、装备制造业增加值占规上工业比重分别为65.3%和42.1%。数字经济核心产业营收增长1.5倍。"
                     "全年新增上市企业5家,总数达到42家。新能源汽车产量实现翻番。\n")
    got = {(o.value, o.unit): (o.measure, o.indicator) for o in x.outcomes}
    assert got[(1.2, "个百分点")] == ("growth", "全市规上工业增加值")
    assert got[(3, "名")][0] == "rank"
    assert got[(65.3, "%")] == ("share", "高新技术产业增加值占规上工业比重")
    assert got[(1.5, "倍")][0] == "growth" and got[(100, "%")][0] == "growth"
    assert got[(42, "家")][1] == "新增上市企业总数"


def test_a_five_year_total_is_no_figure_for_the_year():
    review = extract_text(REVIEW)
    farmland = [o for o in review.outcomes if o.value == 3167]
    assert farmland and farmland[0].year is None
    assert one(judged(), "高标准农田").status == "no_evidence"
