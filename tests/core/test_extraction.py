"""The extraction pipeline itself (tracker/core/extraction.py): how document fields, sections,
commitments and outcomes come together on one text. A rule of one stage is tested in that stage's
file (test_sections, test_metadata, test_figures, test_commitments, test_outcomes …).

Expected values were read off the texts by hand (see the quoted clauses)."""

from tracker.core.extraction import extract_text


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
