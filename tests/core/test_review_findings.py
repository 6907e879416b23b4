"""Regressions a hostile review found in this round's rules, each as the smallest input that showed it."""

from tracker.core.assessment import assess, convert
from tracker.core.extraction import extract_text
from tracker.core.quantities import find_quantities


def dept(title: str, review: str, plan: str = "") -> str:
    text = f"{title}\n一、2023年主要工作完成情况\n{review}\n"
    return text + (f"二、2024年工作思路\n{plan}\n" if plan else "")


def test_a_completed_list_answers_its_items_not_the_whole_paragraph():
    plan = dept("区经信局2023年总结及2024年思路", "完成了工作。",
                "坚持民生优先，扎实办好十件民生实事，力争城镇新增就业1.2万人，新增省级专精特新企业15家。")
    review = dept("区经信局2024年总结及2025年思路", "十件民生实事全面完成。")
    statuses = {j.commitment.target: j.status for j in assess(extract_text(plan), extract_text(review))}
    assert statuses[1.2] == statuses[15] == "no_evidence"


def test_a_review_with_no_readable_year_still_answers():
    plan = dept("区经信局2023年总结及2024年思路", "完成了工作。", "力争规上工业总产值达到500亿元。")
    review = "区经信局工作总结\n一、主要工作完成情况\n规上工业总产值达到520亿元。\n"
    j = [j for j in assess(extract_text(plan), extract_text(review)) if j.commitment.target == 500]
    assert j and (j[0].status, j[0].actual) == ("met", 520)


def test_a_department_report_quoting_the_work_report_is_not_one():
    x = extract_text(dept("嘉兴市经信局2021年总结和2022年思路", "全面落实市政府工作报告部署，完成了工作。",
                          "力争新增企业15家。"))
    assert (x.document.kind, x.document.review_year, x.document.plan_year) == ("summary_plan", 2021, 2022)


def test_output_value_is_not_physical_output():
    plan = dept("区经信局2023年总结及2024年思路", "完成了工作。", "力争农业总产值增长5%。")
    review = dept("区经信局2024年总结及2025年思路", "全年农业产量增长1%。")
    j = [j for j in assess(extract_text(plan), extract_text(review)) if j.commitment.target == 5]
    assert j and j[0].status == "no_evidence"


def test_a_size_class_over_a_bare_scale_is_no_target():
    assert [(q.value, q.unit) for q in find_quantities("力争新开工超亿元项目10个")] == [(10, "个")]
    assert convert(1, "百亿元", "亿元") == 100


def test_only_a_work_reports_reporting_body_is_its_issuer():
    x = extract_text("区经信局2023年工作总结\n一、主要工作完成情况\n我局组织企业代表团参观了市政府，完成了工作。\n")
    assert x.document.issuer is None or "参观" not in x.document.issuer


def test_a_review_titled_document_never_plans_by_tense():
    body = "坚持推动产业升级，加快数字化改造，深化改革，强化服务，着力抓好项目。" * 5 + "新开工项目52个。"
    x = extract_text(f"区经信局2023年工作总结\n一、聚焦产业发展\n{body}\n")
    assert x.document.kind != "plan" and any(o.value == 52 for o in x.outcomes)
