"""Honest scorecards on a real pair (黑龙江 2025 plan, 2026 review): one effective judgment
everywhere, one denominator for 达成率 and 平均得分, 待评估 apart from 无证据, the league,
empty states, the xlsx export and the email."""

from __future__ import annotations

import io
import itertools
import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from outcomes import mail
from outcomes.admin import AssessmentOverrideForm
from outcomes.judgment import JUDGED, score_of
from outcomes.models import Assessment
from outcomes.selectors import judged, scorecard
from targets.corrections import CorrectionError, correction_record
from targets.models import Commitment
from tests.factories import ADMIN, READER, SEEDS, ingest_file, user
from tracker.formatting import number, percent, score_text, zh_punct
from tracker.models import Correction

PROVINCES = SEEDS / "provinces"


@pytest.fixture
def hlj(db):
    plan = ingest_file(PROVINCES / "heilongjiang-2025-gwr.docx")
    review = ingest_file(PROVINCES / "heilongjiang-2026-gwr.txt", plan.issuer)
    assert review.review_year == 2025 and plan.plan_year == 2025
    return plan.issuer, plan, review


def _is_number(v) -> bool:
    """A numeric cell (openpyxl reads 189.0 back as 189)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _judged_assessments(plan):
    return [a for a in Assessment.objects.filter(commitment__document=plan, commitment__rejected=False)
            if a.effective_status in JUDGED]


# --- the rule, in Python and in SQL ------------------------------------------------------------

def test_score_of_follows_the_status():
    assert score_of("not_met", 0.43, "met", None) == 1.0          # 达成 by hand: the status's score
    assert score_of("met", 0.96, "met", None) == 0.96             # the engine's status kept: its score
    assert score_of("not_met", 0.43, "partly_met", None) == 0.5
    assert score_of("met", 1.0, "not_met", None) == 0.0
    assert score_of("not_met", 0.43, "met", 0.8) == 0.8           # a score given with the status
    assert score_of("met", 1.0, "no_evidence", None) is None
    assert score_of("no_evidence", None, "", None) is None
    assert score_of("not_due", 0.3, "", None) is None


def test_python_and_sql_give_the_same_effective_judgment(hlj):
    issuer, plan, _ = hlj
    c = Commitment.objects.filter(document=plan, assessment__isnull=False).first()
    statuses = ("met", "partly_met", "not_met", "no_evidence", "not_due")
    for status, score, override, override_score in itertools.product(
            statuses, (None, 0.43), ("", *statuses), (None, 0.7)):
        Assessment.objects.filter(commitment=c).update(status=status, score=score, override_status=override,
                                                       override_score=override_score)
        a = Assessment.objects.get(commitment=c)
        row = judged(Commitment.objects.filter(pk=c.pk)).get()
        case = (status, score, override, override_score)
        assert row.status == a.effective_status, case
        assert row.effective_score == pytest.approx(a.effective_score) if a.effective_score is not None \
            else row.effective_score is None, case


# --- one effective judgment everywhere ---------------------------------------------------------

def test_a_status_override_without_a_score_is_the_same_on_every_surface(hlj, client):
    issuer, plan, _ = hlj
    c = Commitment.objects.filter(document=plan, assessment__status="not_met").order_by("pk").first()
    correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                      changes={"status": "met"}, reason="省统计公报已达标")
    a = Assessment.objects.get(commitment=c)
    assert (a.status, a.effective_status, a.effective_score) == ("not_met", "met", 1.0)
    reader = user("reader", READER, [issuer])
    client.force_login(reader)

    page = _text(client.get(reverse("commitment", args=[c.pk])).content.decode())
    assert "得分 1.00" in page and "人工判定" in page

    api = client.get(reverse("api-assessments") + f"?issuer={issuer.pk}").json()
    row = next(r for r in api["results"] if r["commitment"]["id"] == c.pk)
    assert (row["status"], row["engine_status"], row["score"]) == ("met", "not_met", 1.0)

    card = scorecard(reader, issuer=issuer, year=2025)
    scores = [x.effective_score for x in _judged_assessments(plan)]
    assert card.mean_score == pytest.approx(sum(scores) / len(scores))
    assert card.count("met") == sum(1 for x in _judged_assessments(plan) if x.effective_status == "met")

    url = reverse("scorecard", args=[issuer.pk, 2025])
    table = client.get(url + "?status=met").content.decode()
    cell = re.search(rf'href="/commitments/{c.pk}/".*?</tr>', table, re.S).group(0)
    assert "达成" in cell and "1.00" in cell

    sheet = load_workbook(io.BytesIO(client.get(url + "?export=xlsx").content))["承诺"]
    header = [x.value for x in sheet[1]]
    xrow = next(r for r in sheet.iter_rows(min_row=2, values_only=True)
                if str(r[header.index("链接")]).endswith(f"/commitments/{c.pk}/"))
    assert xrow[header.index("状态")] == "达成" and xrow[header.index("得分")] == 1.0
    assert xrow[header.index("人工判定")] == "是"

    league = _text(client.get(reverse("league", args=[2025])).content.decode())
    assert f"{issuer.name} {card.total} {card.judged} {card.count('met')} {percent(card.fulfilment)} " \
           f"{score_text(card.mean_score)}" in league


def test_a_score_alone_is_refused(hlj):
    issuer, plan, _ = hlj
    c = Commitment.objects.filter(document=plan, assessment__status="not_met").first()
    with pytest.raises(CorrectionError, match="同时选择人工状态"):
        correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                          changes={"score": 0.9}, reason="只改分")
    with pytest.raises(CorrectionError, match="没有得分"):
        correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                          changes={"status": "no_evidence", "score": 0.5}, reason="无证据给分")
    assert not Correction.objects.filter(kind=Correction.Kind.OVERRIDE).exists()
    assert Assessment.objects.get(commitment=c).effective_status == "not_met"
    # the status alone, or with a score, is accepted
    correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                      changes={"status": "partly_met", "score": 0.6}, reason="部分完成")
    assert Assessment.objects.get(commitment=c).effective_score == 0.6

    a = Assessment.objects.get(commitment=c)
    form = AssessmentOverrideForm(data={"override_status": "", "override_score": "0.9", "reason": "只改分"},
                                  instance=a)
    assert not form.is_valid() and "同时选择人工状态" in str(form.errors["override_score"])
    form = AssessmentOverrideForm(data={"override_status": "met", "override_score": "", "reason": "达成"},
                                  instance=a)
    assert form.is_valid(), form.errors


def test_admin_refuses_a_score_alone(hlj, client):
    issuer, plan, _ = hlj
    a = Assessment.objects.filter(commitment__document=plan, status="not_met").first()
    client.force_login(user("boss", ADMIN, [issuer], is_superuser=True))
    url = reverse("admin:outcomes_assessment_change", args=[a.pk])
    response = client.post(url, {"override_status": "", "override_score": "0.9", "reason": "只改分"})
    assert response.status_code == 200 and "同时选择人工状态" in response.content.decode()
    assert not Correction.objects.exists()


# --- honest numbers ----------------------------------------------------------------------------

def test_rate_and_mean_have_one_denominator_shown_on_the_page(hlj, client):
    issuer, plan, _ = hlj
    reader = user("reader", READER, [issuer])
    card = scorecard(reader, issuer=issuer, year=2025)
    rows = _judged_assessments(plan)
    assert card.judged == len(rows) > 0 and card.count("no_evidence") > 0 and card.count("not_met") > 0
    met = sum(1 for a in rows if a.effective_status == "met")
    assert card.fulfilment == pytest.approx(met / len(rows))
    assert card.mean_score == pytest.approx(sum(a.effective_score for a in rows) / len(rows))
    client.force_login(reader)
    page = _text(client.get(reverse("scorecard", args=[issuer.pk, 2025])).content.decode())
    assert f"达成率 {percent(card.fulfilment)} （达成 {met} / 可判定 {len(rows)} 项）" in page
    assert f"平均得分 {score_text(card.mean_score)} （同 {len(rows)} 项可判定承诺的平均）" in page
    assert f"无证据 {card.count('no_evidence')} 项" in page


def test_pending_is_not_no_evidence(hlj, client):
    issuer, plan, _ = hlj
    lonely = ingest_file(PROVINCES / "hubei-2025-gwr.docx")  # a plan whose review is not uploaded
    client.force_login(user("reader", READER, [issuer, lonely.issuer]))
    page = _text(client.get(reverse("scorecard", args=[lonely.issuer.pk, 2025])).content.decode())
    assert "缺少2026年的总结，上传后自动评估" in page
    pending = Commitment.objects.filter(document=lonely, rejected=False).first()
    page = _text(client.get(reverse("commitment", args=[pending.pk])).content.decode())
    assert "待评估" in page and "缺少2026年的总结，上传后自动评估" in page and "没有找到" not in page

    silent = Commitment.objects.filter(document=plan, assessment__status="no_evidence").first()
    page = _text(client.get(reverse("commitment", args=[silent.pk])).content.decode())
    assert "无证据" in page and "2026年的总结中没有找到这项承诺的证据" in page and "缺少" not in page

    home = _text(client.get(reverse("home")).content.decode())
    assert f"{lonely.issuer.name} 2025" in home and "缺少2026年的总结，上传后自动评估" in home


def test_league_ranks_only_issuers_with_judged_commitments(hlj, client):
    issuer, _, _ = hlj
    lonely = ingest_file(PROVINCES / "hubei-2025-gwr.docx")
    client.force_login(user("reader", READER, [issuer, lonely.issuer]))
    html = client.get(reverse("league", args=[2025])).content.decode()
    ranked = re.search(r'<table class="table" id="league">.*?</table>', html, re.S).group(0)
    unranked = re.search(r'<table class="table" id="unranked">.*?</table>', html, re.S).group(0)
    assert issuer.name in ranked and lonely.issuer.name not in ranked
    assert lonely.issuer.name in unranked and "缺少2026年的总结" in unranked


def test_empty_states_say_what_to_do(hlj, client):
    issuer, _, _ = hlj
    lonely = ingest_file(PROVINCES / "hubei-2025-gwr.docx")
    client.force_login(user("reader", READER, [issuer, lonely.issuer]))
    page = client.get(reverse("scorecard", args=[issuer.pk, 2025]) + "?status=pending").content.decode()
    assert "没有符合筛选条件的承诺。请放宽或清除上面的筛选条件。" in page and "清除筛选" in page
    trend = client.get(reverse("trend", args=[lonely.issuer.pk])).content.decode()
    assert 'id="trend-empty"' in trend and "<polyline" not in trend
    league = client.get(reverse("league", args=[1999])).content.decode()
    assert "1999 年还没有可排名的单位：上传各单位 2000 年的总结后" in league


# --- exports -----------------------------------------------------------------------------------

def test_xlsx_has_typed_numbers_units_evidence_links_and_a_summary(hlj, client):
    issuer, plan, _ = hlj
    reader = user("reader", READER, [issuer])
    client.force_login(reader)
    response = client.get(reverse("scorecard", args=[issuer.pk, 2025]) + "?export=xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    sheet = wb["承诺"]
    header = [x.value for x in sheet[1]]
    for name in ("发布单位", "年度", "章节", "目标值", "目标单位", "实际值", "实际单位", "状态", "得分", "证据原文",
                 "链接"):
        assert name in header
    col = {name: header.index(name) for name in header}
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=len(header)).column_letter}{sheet.max_row}"
    assert sheet.column_dimensions["D"].width == 60
    c = Commitment.objects.filter(document=plan, assessment__status="not_met", target__isnull=False).first()
    row = next(r for r in sheet.iter_rows(min_row=2) if str(r[col["链接"]].value).endswith(f"/commitments/{c.pk}/"))
    values = [x.value for x in row]
    assert _is_number(values[col["目标值"]]) and values[col["目标值"]] == c.target
    assert values[col["目标单位"]] == c.unit
    assert _is_number(values[col["实际值"]]) and values[col["实际值"]] == c.assessment.actual
    assert values[col["实际单位"]] == c.assessment.actual_unit
    assert _is_number(values[col["得分"]]) and values[col["得分"]] == pytest.approx(c.assessment.score)
    assert values[col["状态"]] == "未达成" and values[col["发布单位"]] == issuer.name and values[col["年度"]] == 2025
    assert values[col["证据原文"]] and values[col["证据原文"]] in c.assessment.review_document.plain_text
    assert values[col["链接"]].startswith("http://") and row[col["链接"]].hyperlink is not None
    assert sheet.max_row - 1 == Commitment.objects.filter(document=plan, rejected=False).count()

    card = scorecard(reader, issuer=issuer, year=2025)
    summary = wb["汇总"]
    head = [x.value for x in summary[1]]
    first = [x.value for x in summary[2]]
    assert first[:3] == [issuer.name, 2025, card.total]
    assert first[head.index("未达成")] == card.count("not_met")
    assert first[head.index("可判定(达成率与平均得分的分母)")] == card.judged
    assert first[head.index("达成率")] == pytest.approx(card.fulfilment)
    assert first[head.index("平均得分")] == pytest.approx(card.mean_score, abs=1e-4)


# --- the email ---------------------------------------------------------------------------------

def test_email_names_issuer_and_year_and_lists_shortfalls_with_target_actual_reason(hlj, monkeypatch):
    issuer, plan, _ = hlj
    monkeypatch.setattr(mail, "SHORTFALL_LIMIT", 2)
    message = mail.preview_email(address="boss@example.org", issuer=issuer, period="2026-05")
    assert f"{issuer.name} 2025 年" in message.subject
    html = message.alternatives[0][0]
    assert f"{issuer.name} 2025 年承诺评估" in message.body and f"{issuer.name} 2025 年承诺评估" in html
    short = list(Commitment.objects.filter(document=plan, assessment__status__in=("not_met", "partly_met")))
    assert len(short) > 2
    listed = [c for c in short if f"/commitments/{c.pk}/" in message.body]
    assert len(listed) == 2 and all(c.assessment.status == "not_met" for c in listed)  # the unmet first
    for c in listed:
        a = c.assessment
        line = f"目标 {c.target_display}，实际 {number(a.actual)} {a.actual_unit}".strip()
        assert line in message.body
        assert f"理由：{zh_punct(a.rationale)}" in message.body
        assert escape(c.target_display) in html and escape(zh_punct(a.rationale)) in html
        assert escape(f"{number(a.actual)} {a.actual_unit}".strip()) in html
    assert f"还有 {len(short) - 2} 项" in message.body and f"还有 {len(short) - 2} 项" in html
    assert f"/issuers/{issuer.pk}/2025/?status=not_met" in message.body
    assert f"/issuers/{issuer.pk}/2025/?status=not_met" in html


# --- typography --------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,shown", [
    ("2.6 + 3 = 5.6;2.6 < 6,比值 2.6 / 6 = 0.4333(证据经人工指定)",
     "2.6 + 3 = 5.6；2.6 < 6，比值 2.6 / 6 = 0.4333（证据经人工指定）"),
    ("达成 1,000 家: 6:30 开始", "达成 1,000 家：6:30 开始"),
    ("承诺 3 项,已到期 2 项", "承诺 3 项，已到期 2 项"),
    ("plain (text), no change", "plain (text), no change"),
])
def test_generated_sentences_get_full_width_punctuation(raw, shown):
    assert zh_punct(raw) == shown


def test_one_number_format():
    assert [number(v) for v in (6.6, 6.6000001, 1.2e6, 3.0, -0.00001, None)] == \
           ["6.6", "6.6", "1200000", "3", "0", "—"]
    assert (percent(0.8384), percent(1.0), score_text(1), score_text(None)) == ("83.8%", "100%", "1.00", "—")
    c = Commitment(target=6.6, comparator=">=", unit="%")
    assert c.target_display == "≥ 6.6 %"
    c = Commitment(target=1.2e6, comparator="", unit="吨")
    assert c.target_display == "1200000 吨"
