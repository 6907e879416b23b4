"""The indicator each figure of a sentence counts (tracker/core/figures.py): 分别 lists, a clause
without a subject of its own, a part (其中…) and a long modified object.

Expected values were read off the texts by hand (see the quoted clauses)."""

from tests.core.helpers import PLAN_BODY, REVIEW_BODY, find, report
from tracker.core.extraction import extract_text
from tracker.core.lexicon import WARNINGS


def test_fenbie_pairs_in_order(jiaxing):
    found = [c for c in jiaxing.commitments if "分别达到" in c.text]
    assert [(c.target, c.comparator) for c in found] == [(970, ">="), (900, ">="), (540, ">=")]
    assert [c.indicator for c in found] == ["工业投资", "制造业投资", "技术改造投资"]
    assert {c.strength for c in found} == {"确保"}


def test_growth_after_an_amount_keeps_the_subject():
    x = extract_text("一、2023年工作总结\n"
                     "全年实现规上工业总产值1256.3亿元,同比增长8.2%;规上工业增加值312.5亿元,增长7.9%。\n")
    assert [(o.value, o.indicator) for o in x.outcomes] == [
        (1256.3, "规上工业总产值"), (8.2, "规上工业总产值"), (312.5, "规上工业增加值"), (7.9, "规上工业增加值")]


def test_names_of_a_part_and_of_a_long_modified_object(jiaxing):
    part = find(jiaxing.commitments, "其中关停670家", 670)
    assert part.indicator.startswith("关停") and "高耗低效" in part.indicator
    projects = find(jiaxing.commitments, "推进建设15项左右", 15)
    assert projects.indicator == "推进建设重大制造业项目"  # the noun after the last 的


def test_a_sentence_of_too_many_figures_is_capped_and_said():
    from tracker.core.figures import MAX_FIGURES

    text = report("2025年某省政府工作报告", "某省日报", "我代表省人民政府向大会报告工作。",
                  [("一、2024年工作回顾", REVIEW_BODY),
                   ("二、2025年重点工作", PLAN_BODY + "力争" + "、".join(f"新增企业{i}家" for i in range(1, 400)))])
    x = extract_text(text)
    listed = [c for c in x.commitments if c.unit == "家" and "新增企业" in c.text]
    assert len(listed) == MAX_FIGURES
    # one sentence (the 力争 list) is over the cap; the issuer comes from 我代表省人民政府, so nothing else is said
    assert x.document.warnings == (WARNINGS["overfull"].format(n=1, cap=MAX_FIGURES),)
