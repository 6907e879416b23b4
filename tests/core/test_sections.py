"""Parts of a document and their roles (tracker/core/sections.py), on seeds/ and on short texts.

Expected values were read off the texts by hand (see the quoted clauses)."""

from tests.conftest import seed_text
from tests.core.helpers import PLAN_BODY, REVIEW_BODY, report
from tracker.core.extraction import extract_text
from tracker.core.numerals import fold
from tracker.core.sections import role_by_tense, role_by_year


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


def test_a_long_line_that_mentions_the_source_is_text_not_portal_chrome():
    from tracker.core.sections import header_end, lines_of

    chrome = "来源：某市政府网站 字号：大 中 小 打印"
    body = "一年来，全市地区生产总值增长5.6%，新增就业12万人。" * 20
    assert header_end(lines_of(chrome + "\n" + body)) == len(chrome)  # a chrome line is header
    assert header_end(lines_of(chrome + " " + body)) == 0  # all on one line: it is the text
    outcomes = extract_text(chrome + " " + body).outcomes
    assert [(o.value, o.unit) for o in outcomes] == [(5.6, "%"), (12, "万人")] * 20  # each of the 20 sentences


def test_role_by_year_names_the_plan_year():
    assert role_by_year("三、2025年重点工作", 2024, 2025) == "plan"
    assert role_by_year("二、关于2025年工作", 2024, 2025) == "plan"
    assert role_by_year("一、2024 年工作回顾", 2024, 2025) == "review"
    assert role_by_year("三、全面加强政府自身建设", 2024, 2025) is None


def test_role_by_tense_needs_enough_sentences():
    assert role_by_tense(fold(PLAN_BODY)) == "plan"
    assert role_by_tense(fold(REVIEW_BODY)) == "review"
    assert role_by_tense("要加强管理。") is None  # too few markers to tell
    # 重要/主要/要求 hold 要 without promising anything
    assert role_by_tense("重要主要要求" * 30) is None


def test_headings_without_role_words_take_their_role_from_years_and_tense():
    text = report("2025年某省政府工作报告", "某省日报", "我代表省人民政府向大会报告工作。",
                  [("\u2003\u2003一、牢记嘱托，在接续奋斗中取得新成效", REVIEW_BODY),
                   ("\u2003\u2003二、牢记使命，在现代化建设中奋勇争先", PLAN_BODY)])
    x = extract_text(text)
    roles = [s.role for s in x.sections if s.level == 1]
    assert roles == ["review", "plan"]
    assert x.document.warnings == ()
    # PLAN_BODY is one sentence four times: 增长5%左右 and 新增就业60万人以上
    assert [(c.target, c.unit, c.comparator) for c in x.commitments] == [(5, "%", "~"), (60, "万人", ">=")] * 4
