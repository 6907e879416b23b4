"""Document fields and part roles on the shapes of real work reports, as plain strings.

Each text below is written after a structure seen in several provincial reports
(``../shared/corpus/provinces``): the republishing newspaper in 来源, the body in
``我代表省政府``, a Word heading indented with em spaces, headings without role words."""

from tests.core.helpers import PLAN_BODY, REVIEW_BODY
from tracker.core.extraction import extract_text
from tracker.core.lexicon import WARNINGS


def report(title: str, source: str, body_line: str, parts: list[tuple[str, str]]) -> str:
    lines = [title, "——2026年1月20日在某省第十四届人民代表大会第四次会议上", f"来源：{source}", "各位代表：",
             body_line]
    for heading, body in parts:
        lines += [heading, body]
    return "\n".join(lines) + "\n"


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
