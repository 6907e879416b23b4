"""The extraction pipeline itself (tracker/core/extraction.py): how document fields, sections,
commitments and outcomes come together on one text. A rule of one stage is tested in that stage's
file (test_sections, test_metadata, test_figures, test_commitments, test_outcomes …).

Expected values were read off the texts by hand (see the quoted clauses)."""

from tests.core.helpers import REVIEW_BODY, report
from tracker.core.extraction import extract_text
from tracker.core.lexicon import WARNINGS


def test_text_matches_offsets(xihu, jiaxing):
    for x in (xihu, jiaxing):
        for item in (*x.commitments, *x.outcomes):
            assert x.text[item.start:item.end] == item.text


def test_document_with_no_headings_and_no_plan():
    x = extract_text("今年全区新增规上企业12家,完成工业投资30亿元,增长8%。")
    assert x.commitments == ()
    assert [(o.value, o.unit) for o in x.outcomes] == [(12, "家"), (30, "亿元"), (8, "%")]


def test_provincial_work_report_fields():
    x = extract_text("政府工作报告\n——2023年1月15日在浙江省第十四届人民代表大会第一次会议上\n各位代表：\n"
                     "现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2022年工作回顾\n"
                     "全省生产总值增长3.1%，城镇新增就业112万人。\n二、2023年目标任务\n"
                     "主要预期目标是：全省生产总值增长5%以上；城镇新增就业100万人。\n（一）全力扩大有效投资\n"
                     "（1）实施重大项目。全年完成投资2万亿元以上。\n")
    d = x.document
    assert (d.title, d.issuer, d.published, d.review_year, d.plan_year, d.kind) == (
        "政府工作报告", "浙江省人民政府", "2023-01-15", 2022, 2023, "work_report")
    assert [(c.target, c.unit) for c in x.commitments if c.target] == [(5, "%"), (100, "万人"), (2, "万亿元")]
    assert x.commitments[-1].section.endswith("(一)/(1)")
    assert [(o.value, o.unit) for o in x.outcomes] == [(3.1, "%"), (112, "万人")]


def test_plan_only_document_without_role_words_in_headings():
    x = extract_text("某市经信局2024年工作要点\n一、强化产业培育\n1.力争新增规上工业企业50家。\n2.推进数字化改造。\n"
                     "二、优化服务\n全年为企业减负20亿元。\n")
    assert (x.document.kind, x.document.plan_year) == ("plan", 2024)
    assert {s.role for s in x.sections} == {"plan"}
    assert [(c.target, c.unit) for c in x.commitments if c.target] == [(50, "家"), (20, "亿元")]
    assert x.outcomes == ()


def test_document_without_plan_part_says_so():
    text = report("2025年某省政府工作报告", "某省日报", "我代表省人民政府向大会报告工作。",
                  [("一、2024年工作回顾", REVIEW_BODY)])
    assert WARNINGS["no_plan_part"] in extract_text(text).document.warnings


def test_plan_part_without_targets_says_so():
    text = "某区经信局2024年总结及2025年思路\n一、2024年工作总结\n" + REVIEW_BODY + "\n二、2025年工作思路\n抓好服务。\n"
    warnings = extract_text(text).document.warnings
    assert WARNINGS["no_commitment"] in warnings


def test_what_a_person_decided_is_read_instead_of_the_engines_guess():
    from tracker.core.extraction import Decided

    text = "某局工作材料\n一、有关情况\n完成了很多工作。\n二、其他事项\n力争新增企业15家，(一)另一件事\n"
    plain = extract_text(text)
    assert not any(c.target == 15 for c in plain.commitments)
    second = next(s for s in plain.sections if s.heading.startswith("二"))
    fixed = extract_text(text, decided=Decided(plan_year=2026, issuer="某市经信局", kind="summary_plan",
                                               roles={(second.path, second.start): "plan"}))
    d = fixed.document
    assert (d.review_year, d.plan_year, d.kind, d.issuer) == (2025, 2026, "summary_plan", "某市经信局")
    c = next(c for c in fixed.commitments if c.target == 15)
    assert c.year == 2026
