"""Document fields (tracker/core/metadata.py): title, date, years, kind, the issuer and whether a
name is a newspaper's."""

from tests.core.helpers import PLAN_BODY, REVIEW_BODY, report
from tracker.core.extraction import extract_text
from tracker.core.metadata import is_media


def test_document_fields_from_portal_header(xihu):
    d = xihu.document
    assert (d.title, d.published, d.review_year, d.plan_year, d.kind) == (
        "区发改经信局2022年总结及2023年思路", "2023-03-10", 2022, 2023, "summary_plan")


def test_media_names_are_not_issuers():
    for name in ("湖北日报", "大众新闻客户端", "吉林省政府网", "黑龙江新闻网"):
        assert is_media(name), name
    for name in ("嘉兴市经信局", "西湖区发改经信局", "湖北省人民政府"):
        assert not is_media(name), name


def test_issuer_is_the_reporting_body_not_the_newspaper():
    text = report("2026年湖北省政府工作报告", "湖北日报", "现在，我代表省政府，向大会报告工作，请予审议。",
                  [("一、2025年工作回顾", REVIEW_BODY), ("二、2026年重点工作", PLAN_BODY)])
    d = extract_text(text).document
    assert d.issuer == "湖北省人民政府"
    assert (d.review_year, d.plan_year, d.kind) == (2025, 2026, "work_report")


def test_autonomous_region_keeps_its_full_name():
    text = report("2025年内蒙古自治区政府工作报告", "内蒙古日报", "现在，我代表自治区人民政府向大会报告工作。",
                  [("一、2024年工作回顾", REVIEW_BODY), ("二、2025年工作安排", PLAN_BODY)])
    assert extract_text(text).document.issuer == "内蒙古自治区人民政府"


def test_only_a_work_reports_reporting_body_is_its_issuer():
    x = extract_text("区经信局2023年工作总结\n一、主要工作完成情况\n我局组织企业代表团参观了市政府，完成了工作。\n")
    assert x.document.issuer is None or "参观" not in x.document.issuer


def test_a_review_titled_document_never_plans_by_tense():
    body = "坚持推动产业升级，加快数字化改造，深化改革，强化服务，着力抓好项目。" * 5 + "新开工项目52个。"
    x = extract_text(f"区经信局2023年工作总结\n一、聚焦产业发展\n{body}\n")
    assert x.document.kind != "plan" and any(o.value == 52 for o in x.outcomes)
