"""Sections, document fields, commitments and outcomes, on real text from seeds/.

Expected values were read off the seed documents by hand (see the quoted clauses)."""

import pytest

from tests.conftest import seed_text
from tracker.core.extraction import extract_text


@pytest.fixture(scope="module")
def xihu():
    return extract_text(seed_text("001_"))


@pytest.fixture(scope="module")
def jiaxing():
    return extract_text(seed_text("004_"))


def find(items, fragment, number=None, attr="target"):
    hits = [i for i in items if fragment in i.text and (number is None or getattr(i, attr) == number)]
    assert hits, f"nothing with {fragment!r} {number}"
    return hits[0]


def test_text_matches_offsets(xihu, jiaxing):
    for x in (xihu, jiaxing):
        for item in (*x.commitments, *x.outcomes):
            assert x.text[item.start:item.end] == item.text


def test_document_fields_from_portal_header(xihu):
    d = xihu.document
    assert (d.title, d.published, d.review_year, d.plan_year, d.kind) == (
        "区发改经信局2022年总结及2023年思路", "2023-03-10", 2022, 2023, "summary_plan")


def test_section_roles(xihu):
    roles = {s.path: s.role for s in xihu.sections}
    assert roles["一"] == "review" and roles["二"] == "problems" and roles["三"] == "plan"
    assert roles["三/(二)"] == "plan"


def test_sections_without_top_level_and_closing_plan_paragraph():
    x = extract_text(seed_text("002_"))
    assert x.document.review_year == 2023 and x.document.plan_year == 2024
    assert [s.role for s in x.sections if s.path.startswith("(")] == ["review"] * 7
    assert x.sections[-1].role == "plan" and x.sections[-1].heading.startswith("2024年")
    assert len([c for c in x.commitments if c.measure == "qualitative"]) == 3


def test_shared_verb_gives_two_commitments(xihu):
    a = find(xihu.commitments, "“小升规”制造业企业15家", 15)
    b = find(xihu.commitments, "数字经济企业20家", 20)
    assert (a.unit, a.strength, a.year) == ("家", "力争", 2023)
    assert (b.unit, b.strength) == ("家", "力争")
    assert "数字经济企业" in b.indicator


def test_baseline_is_not_a_target(xihu):
    c = find(xihu.commitments, "压缩至1个月以内")
    assert (c.target, c.unit, c.comparator, c.polarity, c.measure) == (1, "个月", "<=", "lower", "duration")
    assert not [x for x in xihu.commitments if x.target in (2, 3) and x.unit == "个月"]


def test_rank_and_milestone(xihu):
    rank = find(xihu.commitments, "力争全省前3")
    assert (rank.target, rank.unit, rank.comparator, rank.measure) == (3, "名", "<=", "rank")
    milestone = find(xihu.commitments, "一季度完成")
    assert (milestone.measure, milestone.deadline) == ("milestone", "2023-03-31")


def test_share_target_and_about(xihu):
    share = find(xihu.commitments, "力争达到7%以上")
    assert (share.measure, share.comparator, share.target) == ("share", ">=", 7)
    about = find(xihu.commitments, "30家左右")
    assert (about.comparator, about.strength) == ("~", None)


def test_context_numbers_are_not_targets(jiaxing, xihu):
    targets = {(c.target, c.unit) for c in jiaxing.commitments}
    assert (89, "亿元") not in targets and (8, "吉瓦") not in targets and (10, "亿元") not in targets
    assert (9, "个") not in targets  # 等9个省级重大应用试点
    assert (70, "家") not in {(c.target, c.unit) for c in xihu.commitments}  # 区内70余家持证企业


def test_fenbie_pairs_in_order(jiaxing):
    found = [c for c in jiaxing.commitments if "分别达到" in c.text]
    assert [(c.target, c.comparator) for c in found] == [(970, ">="), (900, ">="), (540, ">=")]
    assert [c.indicator for c in found] == ["工业投资", "制造业投资", "技术改造投资"]
    assert {c.strength for c in found} == {"确保"}


def test_expected_targets_list_has_no_strength(jiaxing):
    c = find(jiaxing.commitments, "规上工业增加值增长8%以上")
    assert (c.measure, c.comparator, c.target, c.strength) == ("growth", ">=", 8, None)


def test_qualitative_items(xihu):
    qual = [c for c in xihu.commitments if c.measure == "qualitative"]
    assert any("推进试点成果走深走实" in c.text for c in qual)
    assert not any("探索具有辨识度的西湖品牌" in c.text for c in qual)  # its item has a figure


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


def test_words_of_rank_in_review():
    x = extract_text(seed_text("000_"))
    o = find(x.outcomes, "位列全省首位", 1, attr="value")
    assert (o.unit, o.measure) == ("名", "rank")


def test_document_with_no_headings_and_no_plan():
    x = extract_text("今年全区新增规上企业12家,完成工业投资30亿元,增长8%。")
    assert x.commitments == ()
    assert [(o.value, o.unit) for o in x.outcomes] == [(12, "家"), (30, "亿元"), (8, "%")]


def test_facts_and_differences_in_a_plan_are_not_targets():
    x = extract_text("二、2019年政府工作任务\n我国60岁以上人口已达2.5亿。今年拟安排地方政府专项债券2.15万亿元,"
                     "比去年增加8000亿元。国内生产总值增长6%-6.5%。\n")
    assert [(c.target, c.target_high, c.unit, c.comparator) for c in x.commitments if c.target is not None] == [
        (2.15, None, "万亿元", "="), (6, 6.5, "%", "range")]


def test_provincial_work_report_fields():
    x = extract_text("政府工作报告\n——2023年1月15日在浙江省第十四届人民代表大会第一次会议上\n各位代表：\n"
                     "现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2022年工作回顾\n"
                     "全省生产总值增长3.1%，城镇新增就业112万人。\n二、2023年目标任务\n"
                     "主要预期目标是：全省生产总值增长5%以上；城镇新增就业100万人。\n（一）全力扩大有效投资\n"
                     "（1）实施重大项目。全年完成投资2万亿元以上。\n")
    d = x.document
    assert (d.title, d.issuer, d.published, d.review_year, d.plan_year, d.kind) == (
        "政府工作报告", "浙江省人民政府", "2023-01-15", 2022, 2023, "work_report")
    assert [(c.target, c.unit) for c in x.commitments if c.target] == [(5, "%"), (100, "万人"), (2, "万亿元")]
    assert x.commitments[-1].section.endswith("(一)/(1)")
    assert [(o.value, o.unit) for o in x.outcomes] == [(3.1, "%"), (112, "万人")]


@pytest.mark.parametrize("clause,deadline", [
    ("力争2023年一季度完成平台建设", "2023-03-31"),
    ("确保6月底前完成园区改造", "2023-06-30"),
    ("力争九月前建成产业大脑", "2023-09-30"),
    ("年底前完成专项债券发行", "2023-12-31"),
])
def test_milestone_deadlines(clause, deadline):
    x = extract_text(f"二、2023年工作思路\n一是推进重点工作。{clause}。\n")
    assert [(c.measure, c.deadline) for c in x.commitments] == [("milestone", deadline)]


def test_five_year_plan_targets_are_for_its_last_year():
    x = extract_text("二、2023年工作思路\n“十四五”期间,力争建成智能工厂50家。\n")
    assert [(c.target, c.year) for c in x.commitments] == [(50, 2025)]


def test_growth_after_an_amount_keeps_the_subject():
    x = extract_text("一、2023年工作总结\n"
                     "全年实现规上工业总产值1256.3亿元,同比增长8.2%;规上工业增加值312.5亿元,增长7.9%。\n")
    assert [(o.value, o.indicator) for o in x.outcomes] == [
        (1256.3, "规上工业总产值"), (8.2, "规上工业总产值"), (312.5, "规上工业增加值"), (7.9, "规上工业增加值")]


def test_plan_only_document_without_role_words_in_headings():
    x = extract_text("某市经信局2024年工作要点\n一、强化产业培育\n1.力争新增规上工业企业50家。\n2.推进数字化改造。\n"
                     "二、优化服务\n全年为企业减负20亿元。\n")
    assert (x.document.kind, x.document.plan_year) == ("plan", 2024)
    assert {s.role for s in x.sections} == {"plan"}
    assert [(c.target, c.unit) for c in x.commitments if c.target] == [(50, "家"), (20, "亿元")]
    assert x.outcomes == ()


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


@pytest.mark.parametrize("clause,measure", [
    ("研发投入强度提高到3.5%", "rate"), ("工业投资增长10%", "growth"), ("全区规上工业增加值增速为0.1%", "growth"),
    ("规上制造业全员劳动生产率增长8%", "growth"), ("数字经济核心产业增加值占GDP比重达到15%", "share"),
    ("城镇调查失业率5.5%以内", "rate"),
])
def test_measure_of_percent_targets(clause, measure):
    x = extract_text(f"二、2024年工作思路\n{clause}。\n")
    assert [c.measure for c in x.commitments] == [measure]


def test_names_of_a_part_and_of_a_long_modified_object(jiaxing):
    part = find(jiaxing.commitments, "其中关停670家", 670)
    assert part.indicator.startswith("关停") and "高耗低效" in part.indicator
    projects = find(jiaxing.commitments, "推进建设15项左右", 15)
    assert projects.indicator == "推进建设重大制造业项目"  # the noun after the last 的


def test_a_long_line_that_mentions_the_source_is_text_not_portal_chrome():
    from tracker.core.sections import header_end, lines_of

    chrome = "来源：某市政府网站 字号：大 中 小 打印"
    body = "一年来，全市地区生产总值增长5.6%，新增就业12万人。" * 20
    assert header_end(lines_of(chrome + "\n" + body)) == len(chrome)  # a chrome line is header
    assert header_end(lines_of(chrome + " " + body)) == 0  # all on one line: it is the text
    outcomes = extract_text(chrome + " " + body).outcomes
    assert any(o.value == 5.6 for o in outcomes)
