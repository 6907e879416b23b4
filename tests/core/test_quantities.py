"""The quantity tokenizer (tracker/core/quantities.py), on clauses from seeds/."""

import pytest

from tests.conftest import seed_text
from tests.core.helpers import find
from tracker.core.assessment import convert
from tracker.core.extraction import extract_text
from tracker.core.quantities import find_quantities


def figures(text):
    return [(q.value, q.unit) for q in find_quantities(text)]


def test_list_of_counts():
    assert figures("新增国家级专精特新“小巨人”22家、省级专精特新中小企业325家") == [(22, "家"), (325, "家")]


def test_negative_growth_and_scaled_amount():
    assert figures("全年-5.2%(增加值663.9亿元)") == [(-5.2, "%"), (663.9, "亿元")]


def test_month_range_is_not_negative_figure():
    assert figures("1-12月,全区累计实现规上工业增加值增速为0.1%") == [(0.1, "%")]


@pytest.mark.parametrize("text", ["“985”稳投资行动", "“415X”先进制造业集群", "“8+4”政策体系", "大数据平台3.0版",
                                  "“十四五”规划", "党的二十大", "十九届六中全会", "第一批", "2023年", "6月1日",
                                  "2023-06-06", "“工业经济十二条”", "庆祝中国共产党成立100周年", "三项攻坚行动"])
def test_names_dates_and_ordinals_are_not_figures(text):
    assert figures(text) == []


def test_range_keeps_both_ends():
    q = find_quantities("从平均2-3个月压缩至1个月以内")
    assert (q[0].value, q[0].high, q[0].unit) == (2, 3, "个月")
    assert (q[1].value, q[1].unit) == (1, "个月")


@pytest.mark.parametrize("text,value,unit", [
    ("总量位列全省首位", 1, "名"), ("占比超过全市三分之一", 33.33, "%"), ("突破一万家", 10000, "家"),
    ("工业增量的9成", 90, "%"), ("综合考评排名力争全省前3", 3, "名"), ("数量全省第一", 1, "名"),
    ("农村公路30多万公里", 30, "万公里"), ("捐款捐物700余万", 700, "万"), ("腾出用能空间50万吨标煤", 50, "万吨标煤"),
    ("十五家", 15, "家"),
])
def test_words_and_scales(text, value, unit):
    assert figures(text) == [(value, unit)]


def test_approximate_figures_are_lower_bounds():
    q = find_quantities("全年再为企业和个人减税8000多亿元")[0]
    assert (q.value, q.unit, q.comparator) == (8000, "亿元", ">=")


def test_rank_chain_after_fenbie():
    values = figures("分别列全省第3、第2、第2和第1")
    assert values == [(3, "名"), (2, "名"), (2, "名"), (1, "名")]


def test_rank_needs_context():
    assert figures("三是优势产业首位更突出") == []
    assert figures("开展全区前50强企业专项服务") == []


def test_range_with_unit_on_both_ends_is_not_a_negative_figure():
    q = find_quantities("国内生产总值增长6%－6.5%")
    assert [(x.value, x.high, x.unit) for x in q] == [(6, 6.5, "%")]


def test_unit_words_alone_are_not_numerals():
    assert figures("市场活力和社会创造力源于亿万人民积极性的发挥") == []


def test_words_of_rank_in_review():
    x = extract_text(seed_text("000_"))
    o = find(x.outcomes, "位列全省首位", 1, attr="value")
    assert (o.unit, o.measure) == ("名", "rank")


def test_a_size_class_over_a_bare_scale_is_no_target():
    assert [(q.value, q.unit) for q in find_quantities("力争新开工超亿元项目10个")] == [(10, "个")]
    assert convert(1, "百亿元", "亿元") == 100
