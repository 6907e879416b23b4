"""Linking across wording (issue: review sentences worded differently from the plan)."""

from tracker.core.assessment import assess
from tracker.core.extraction import extract_text

FILLER = "要推动、要加快、要深化、要强化、要着力、要抓好、要坚持，确保落实，力争突破，今年将全面推进。"
PLAN = f"""2025年某市政府工作报告
现在，我代表市人民政府向大会报告工作。
一、2024年工作回顾
过去一年，我们取得了新成效。
二、2025年重点工作
主要预期目标是：经济增长5.5%左右。治理背街小巷1100条，提供不少于10万个高校毕业生就业岗位，老楼加装电梯完工600部。{FILLER}
"""
REVIEW = """2026年某市政府工作报告
现在，我代表市人民政府向大会报告工作。
一、2025年工作回顾
一年来，我们取得了新成效。生产总值增长5.6%。精细化治理1411条背街小巷，提供11.2万个高校毕业生就业岗位。老楼加装电梯869台。
"""


def test_the_same_indicator_in_other_words_is_found():
    got = {j.commitment.target: (j.status, j.actual) for j in assess(extract_text(PLAN), extract_text(REVIEW))}
    assert got[5.5] == ("met", 5.6)  # 经济增长 is the GDP's growth; 5.6 ≥ 0.95 × 5.5
    assert got[1100] == ("met", 1411)  # the counted noun follows the figure: 治理1411条背街小巷
    assert got[10] == ("met", 11.2)  # 不少于 is the comparator, not the indicator
    assert got[600] == ("met", 869)  # 台 and 部 count the same lifts


def test_a_list_delivered_is_a_target_a_list_under_way_is_not():
    lists = "建成第一医院、第二医院等5家医院，加快推进甲、乙等9个重点项目建设"
    plan = extract_text(PLAN.replace("治理背街小巷1100条", lists))
    targets = {c.target for c in plan.commitments}
    assert 5 in targets and 9 not in targets


def test_verbs_at_the_end_of_a_name_are_not_what_is_counted():
    from tracker.core.indicators import head

    assert head("启动城镇老旧小区改造") == head("城镇老旧小区")
    assert head("口袋公园等建成开放") == head("新建提升口袋公园")


def test_units_of_ports_air_and_computing():
    from tracker.core.quantities import find_quantities

    units = [q.unit for q in find_quantities("集装箱吞吐量突破2400万标准箱，PM2.5年均浓度降至38微克/立方米以下")]
    assert units == ["万标准箱", "微克/立方米"]


def test_a_floor_is_more_is_better_and_a_ceiling_less_is_better():
    text = PLAN.replace("治理背街小巷1100条", "优良天数比率达到72%以上，PM2.5年均浓度降至38微克/立方米以下")
    by_target = {c.target: c for c in extract_text(text).commitments}
    assert (by_target[72].comparator, by_target[72].polarity) == (">=", "higher")
    assert (by_target[38].comparator, by_target[38].polarity) == ("<=", "lower")


def test_a_figure_after_a_joiner_counts_what_follows():
    review = extract_text(REVIEW.replace("精细化治理1411条背街小巷", "五大道公园、设计公园和85个口袋公园等建成开放"))
    parks = next(o for o in review.outcomes if o.value == 85)
    assert "口袋公园" in parks.indicator


def test_each_item_of_a_count_before_noun_list_counts_its_own_noun():
    review = extract_text(REVIEW.replace("精细化治理1411条背街小巷", "启动改造19个城中村、180个城镇老旧小区"))
    names = {o.value: o.indicator for o in review.outcomes if o.value in (19, 180)}
    assert "城中村" in names[19] and "老旧小区" not in names[19]
    assert "城镇老旧小区" in names[180] and "城中村" not in names[180]


def test_a_name_jieba_keeps_whole_still_contains_its_part():
    from tracker.core.assessment import Linker
    from tracker.core.indicators import content_tokens, head
    from tracker.core.scoring import Thresholds

    c, o = frozenset(content_tokens("产量")), frozenset(content_tokens("粮食产量"))
    # no token in common (dice 0), but 产量 is inside 粮食产量: 0.5 + 0.5 × 0, just enough to link
    sim = Linker.similarity(c, head("产量"), o, head("粮食产量"))
    assert sim == 0.5 and sim >= Thresholds().link_min_similarity


def test_a_bare_scale_counts_people_not_projects():
    from tracker.core.assessment import convert

    assert convert(3000, "万", "人") == 3000 * 10_000
    assert convert(3000, "万", "个") is None


def test_a_scale_with_no_number_is_one_of_it():
    from tracker.core.quantities import find_quantities

    got = [(q.value, q.unit) for q in find_quantities("进出口总额突破万亿元，5大支柱产业迈入万亿级规模")]
    assert (1, "万亿元") in got and got.count((1, "万亿元")) == 2


def test_items_of_a_list_opened_in_their_paragraph_are_met_when_the_list_is():
    plan = PLAN.replace("治理背街小巷1100条", "办好20项民生实事：建设24个群众滑冰场、改造公交化线路120条")
    review = REVIEW.replace("精细化治理1411条背街小巷", "20项民生实事全面完成")
    got = {j.commitment.target: j.status for j in assess(extract_text(plan), extract_text(review))}
    assert got[24] == got[120] == "met"


def test_coordinated_subjects_share_the_last_ones_noun():
    review = extract_text(REVIEW.replace("精细化治理1411条背街小巷", "城镇、农村居民人均可支配收入分别增长4.3%、5.7%"))
    names = {o.value: o.indicator for o in review.outcomes if o.value in (4.3, 5.7)}
    assert names[4.3].startswith("城镇") and "人均可支配收入" in names[4.3]
    assert names[5.7].startswith("农村")


def test_items_after_a_short_sentence_that_opens_the_list_are_met_with_it():
    # the opener ends its sentence, the items follow (办好15件民生实事。一是…); the review names the
    # list after a modifier (承诺的15件民生实事) and with another classifier (件/项)
    items = "今年再办好15件民生实事。一是新建改造50个社区养老工程；二是配置自动体外除颤器1000台"
    plan = PLAN.replace("治理背街小巷1100条", items)
    review = REVIEW.replace("精细化治理1411条背街小巷", "省政府承诺的15项民生实事全部兑现")
    got = {j.commitment.target: j.status for j in assess(extract_text(plan), extract_text(review))}
    assert got[15] == got[50] == got[1000] == "met"
    # a list named only in passing (a comma, not the end of an opening sentence) opens nothing
    plan = PLAN.replace("治理背街小巷1100条", "统筹推进养老服务和民生实事等各项工作，新建改造50个社区养老工程")
    got = {j.commitment.target: j.status for j in assess(extract_text(plan), extract_text(review))}
    assert got[50] == "no_evidence"


def test_a_count_before_its_noun_and_verb_names_the_noun_once():
    from tracker.core.indicators import head

    review = extract_text(REVIEW.replace("精细化治理1411条背街小巷", "7家国家区域医疗中心基本建成"))
    centres = next(o for o in review.outcomes if o.value == 7)
    assert centres.indicator.count("医疗中心") == 1
    assert head(centres.indicator) == head("建成国家区域医疗中心") == "中心"  # 基本 is how, not what
    plan = PLAN.replace("治理背街小巷1100条", "基本建成7个国家区域医疗中心")
    got = {j.commitment.target: j.status for j in assess(extract_text(plan), review)}
    assert got[7] == "met"  # 家 and 个 count the same centres


def test_a_growth_after_another_predicate_is_the_same_subjects():
    gdp = "全省地区生产总值达到5.53万亿元、稳居全国前十强、增长5.6%"
    review = extract_text(REVIEW.replace("生产总值增长5.6%", gdp))
    growth = next(o for o in review.outcomes if o.value == 5.6)
    assert "生产总值" in growth.indicator and "前十强" not in growth.indicator


def test_a_year_told_as_past_de_year_ends_a_five_year_heading():
    review = REVIEW.replace("一、2025年工作回顾\n一年来", "一、2025年和“十四五”时期工作回顾\n过去的一年")
    growth = next(o for o in extract_text(review).outcomes if o.value == 5.6)
    assert growth.year == 2025


def judged_against(plan_targets: str, review_outcomes: str) -> dict:
    plan = PLAN.replace("治理背街小巷1100条", plan_targets)
    review = REVIEW.replace("精细化治理1411条背街小巷", review_outcomes)
    return {j.commitment.target: (j.status, j.actual) for j in assess(extract_text(plan), extract_text(review))}


def test_a_fall_is_a_negative_growth_and_a_fall_target_is_met_by_a_fall():
    got = judged_against("固定资产投资增长5%左右，单位地区生产总值能耗下降3%",
                         "固定资产投资下降3.3%，单位地区生产总值能耗降低3.5%")
    assert got[5] == ("not_met", -3.3)  # 下降3.3% against 增长5%
    assert got[3] == ("met", 3.5)  # a fall target answered by a larger fall


def test_level_with_last_year_is_a_change_of_zero():
    got = judged_against("居民消费价格涨幅3%左右", "居民消费价格与上年持平")
    assert got[3] == ("met", 0)  # a ceiling of 3% for prices: 0 is under it


def test_monthly_standards_keep_their_unit():
    from tracker.core.quantities import find_quantities

    units = [q.unit for q in find_quantities("城乡低保标准分别不低于740元/月和485元/月")]
    assert units == ["元/月", "元/月"]


def test_a_parts_growth_says_nothing_of_the_whole():
    got = judged_against("出口增长3%左右", "对非洲市场出口增长20%")
    assert got[3][0] == "no_evidence"  # P6: a part's rate is no evidence for the whole


def test_a_share_or_count_with_yi_shang_is_a_target_not_a_size_class():
    plan = extract_text(PLAN.replace("治理背街小巷1100条", "90%以上的村配备家庭健康指导员，建设2500个以上提档升级村，"
                                     "引进10亿元以上项目50个，设立20亿元省级母基金"))
    targets = {(c.target, c.unit) for c in plan.commitments}
    assert {(90, "%"), (2500, "个"), (50, "个"), (20, "亿元")} <= targets
    assert (10, "亿元") not in targets  # 10亿元以上项目 is the size of the projects, not a target


def test_an_exact_figure_beats_a_floor_of_the_same_indicator():
    got = judged_against("确保粮食产量达436亿斤", "粮食产量连续13年稳定在430亿斤以上，粮食总产达446.1亿斤")
    assert got[436] == ("met", 446.1)


def test_an_actual_ten_times_the_target_counts_other_things():
    got = judged_against("新增百亿企业12家，新增专精特新企业100家",
                         "净增经营主体34.6万家、企业14万家，新增专精特新企业300家")
    assert got[12][0] == "no_evidence"  # 14万家 企业 is the whole population, not the 百亿企业
    assert got[100] == ("met", 300)  # three times the target is still this target's figure


def test_a_reviews_estimate_for_the_year_is_its_outcome():
    review = extract_text(REVIEW.replace("精细化治理1411条背街小巷", "数字经济核心产业增加值预计增长10%"))
    estimate = next(o for o in review.outcomes if o.value == 10)
    assert estimate.indicator == "数字经济核心产业增加值" and estimate.year == 2025


def test_a_wording_repeated_many_times_is_compared_once_and_its_earliest_figures_taken():
    from dataclasses import replace

    from tracker.core.assessment import Linker
    from tracker.core.scoring import Thresholds

    plan, review = extract_text(PLAN), extract_text(REVIEW)
    lifts = next(o for o in review.outcomes if o.value == 869)
    copies = [replace(lifts, start=lifts.start + 1000 * k, value=869 + k) for k in range(50)]
    linker = Linker(copies, Thresholds())
    target = next(c for c in plan.commitments if c.target == 600)
    found = linker.candidates(target)
    assert len(linker.wordings) == 1  # fifty figures, one wording
    assert [v for _, _, v in found] == [869, 870, 871][:Linker.PER_WORDING]  # the earliest, in order
