"""The responsible unit read from a commitment's clause or sentence (tracker/core/responsibility.py)."""

import pytest

from tracker.core.responsibility import responsible_unit, unit_in


@pytest.mark.parametrize("text,unit", [
    ("全年新增规上企业100家（牵头单位：市经信局；责任单位：各区县政府）", "市经信局"),
    ("全年新增规上企业100家（责任单位：各区县政府）", "各区县政府"),
    ("全年新增规上企业100家。责任单位：市发展改革委、市经信局", "市发展改革委、市经信局"),
    ("由市商务局牵头，各相关部门配合，力争外贸进出口增长5%", "市商务局"),
    ("由各区县政府负责，完成老旧小区改造200个", "各区县政府"),
    ("市发改委牵头推进重大项目建设", "市发改委"),
    ("市发改委、市经信局牵头推进重大项目建设", "市发改委、市经信局"),
    ("加快推进全域数字化市场化改革试点工作市商务局牵头", "市商务局"),
    ("由县政府统筹，县住建局牵头实施", "县住建局"),
    ("区经信局负责全年新增小升规企业15家", "区经信局"),
    ("由市发改委负责，市财政局牵头", "市财政局"),  # a lead verb beats a duty one
])
def test_units_named_in_the_text(text, unit):
    assert unit_in(text) == unit


@pytest.mark.parametrize("text", [
    "2023年力争新增省级以上专精特新企业15家",
    "落实项目负责人制度，明确责任单位和责任人",       # no colon: no label value
    "龙头企业牵头组建产业联盟",                        # 企业 is no body
    "产业类科创项目原则上由企业牵头",
    "全部负责到底",
    "",
])
def test_nothing_named(text):
    assert unit_in(text) is None


def test_the_clause_first_then_its_sentence_and_its_parenthesis():
    text = ("一是培育企业梯队。力争新增专精特新企业15家、小升规企业20家。（牵头单位：区经信局）"
            "二是由区发改局牵头，排定重点项目100个。")
    first = text.index("力争新增")
    assert responsible_unit(text, first, first + len("力争新增专精特新企业15家")) == "区经信局"
    item = text.index("排定")
    assert responsible_unit(text, item, item + len("排定重点项目100个")) == "区发改局"
    own = "新增企业5家（牵头单位：甲局），新增项目3个"
    assert responsible_unit(own, 0, len("新增企业5家（牵头单位：甲局）")) == "甲局"


def test_bad_offsets_read_nothing():
    assert responsible_unit("市发改委牵头", 5, 2) is None and responsible_unit("", 0, 1) is None
