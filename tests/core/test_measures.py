"""Measures are one table (tracker/core/measures.py): the engine and the database read it."""

from tracker.core import measures
from tracker.core.indicators import measure_of, polarity_of
from tracker.core.quantities import find_quantities


def test_every_code_the_engine_writes_is_in_the_table():
    written = {measure_of(q, name, before) for q, name, before in [
        (find_quantities("增长8%")[0], "工业投资", "增长"),
        (find_quantities("占比60%")[0], "民营经济", "占比"),
        (find_quantities("覆盖率95%")[0], "覆盖率", "达到"),
        (find_quantities("15家")[0], "企业", "新增"),
        (find_quantities("3亿元")[0], "投资", "完成"),
        (find_quantities("5个工作日")[0], "办理时限", "压缩至"),
    ]}
    assert written <= set(measures.BY_CODE)
    assert len(written) == 6


def test_families_decide_what_can_answer_what():
    assert measures.family_of("share") is measures.family_of("rate")  # 占比 and 比率 are both ratios
    assert measures.family_of("growth") is not measures.family_of("share")  # 增长8% never answers 占比8%
    assert measures.family_of("count") is measures.family_of("amount")
    assert measures.family_of("nonsense") is None


def test_lower_is_better_comes_from_the_table():
    assert polarity_of("duration", "办理时限", "压缩至") == "lower"
    assert polarity_of("rank", "排名", "进入全国前") == "lower"
    assert polarity_of("count", "企业", "新增") == "higher"

