"""What a plan part holds that gave no commitment, and why (named rules shared with extraction)."""

from tracker.core.explain import untaken
from tracker.core.extraction import extract_text
from tracker.core.rejections import RULES

PLAN = """某区经信局2024年总结及2025年思路
一、2024年工作总结
过去一年，我们取得了新成效。
二、2025年工作思路
力争新增规上工业企业15家，推进总投资89亿元的智能制造项目，加快推进甲、乙等9个重点项目建设，覆盖二级以上医疗机构97%的门诊量，完成3800万平方米建筑智能化供热改造，实现20项以上互认资质资格。
"""


def test_every_figure_is_either_taken_or_explained_by_a_rule():
    x = extract_text(PLAN)
    targets = {c.target for c in x.commitments if c.target is not None}
    assert targets == {15, 97, 3800, 20}  # 二级以上 is a grade, no figure
    why = {u.figure: u.rule for u in untaken(x)}
    assert why == {"89亿元": "describes_noun", "9个": "list_under_way"}


def test_every_rule_is_named_labelled_and_has_an_example():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.label and r.example for r in RULES)
