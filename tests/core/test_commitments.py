"""Commitments of plan parts (tracker/core/commitments.py): shared verbs, comparators, strength,
years, milestones and their deadlines, qualitative items, and context figures that are no targets.

Expected values were read off the texts by hand (see the quoted clauses)."""

import pytest

from tests.core.helpers import find
from tracker.core.extraction import extract_text


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


def test_expected_targets_list_has_no_strength(jiaxing):
    c = find(jiaxing.commitments, "规上工业增加值增长8%以上")
    assert (c.measure, c.comparator, c.target, c.strength) == ("growth", ">=", 8, None)


def test_qualitative_items(xihu):
    qual = [c for c in xihu.commitments if c.measure == "qualitative"]
    # 三/(一) has three items: 一是 and 三是 hold no figure, 二是 has 力争形成10个…成果 (a numeric target)
    assert [c.text for c in qual if c.section.startswith("三/(一)/")] == [
        "一是推进试点成果走深走实", "三是营造奋勇争先的“共富”氛围"]
    assert not any("探索具有辨识度的西湖品牌" in c.text for c in qual)  # its item has a figure


def test_facts_and_differences_in_a_plan_are_not_targets():
    x = extract_text("二、2019年政府工作任务\n我国60岁以上人口已达2.5亿。今年拟安排地方政府专项债券2.15万亿元,"
                     "比去年增加8000亿元。国内生产总值增长6%-6.5%。\n")
    assert [(c.target, c.target_high, c.unit, c.comparator) for c in x.commitments if c.target is not None] == [
        (2.15, None, "万亿元", "="), (6, 6.5, "%", "range")]


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
