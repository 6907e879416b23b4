"""督办 essentials: the responsible unit (read from the text or set by an editor as a correction that
survives re-parse; shown, filtered, exported, in the API), deadlines with overdue and due-soon flags,
三色预警 (one definition in outcomes/lights.py: Python and SQL agree), and the emails' section on what
changed since the recipient's previous send."""

from __future__ import annotations

import io
from datetime import date, datetime
from itertools import product
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from outcomes.exports import HEADER
from outcomes.lights import STATUS_COLOURS, warning
from outcomes.mail import schedule, scorecard_send, subscriptions_claim_due
from outcomes.models import Assessment
from outcomes.selectors import judged
from targets.corrections import correction_record
from targets.models import Commitment
from tests.factories import EDITOR, READER, user, xihu_pair
from tracker.models import Correction, ScorecardSend, Subscription
from tracker.services import document_parse

SH = ZoneInfo("Asia/Shanghai")
D = date(2026, 12, 2)


# -- the rule, in plain Python ------------------------------------------------------------------------

@pytest.mark.parametrize("status,deadline,year,light,reason,overdue,soon", [
    ("met", date(2026, 3, 31), 2026, "green", "达成", False, False),           # met is never overdue
    ("not_met", None, 2025, "red", "未达成", True, False),
    ("partly_met", None, 2025, "yellow", "部分达成", True, False),             # the judgment decides its light
    ("pending", date(2026, 3, 31), 2026, "red", "逾期", True, False),          # a milestone passed, no review
    ("no_evidence", None, 2025, "red", "逾期", True, False),
    ("pending", None, 2026, "yellow", "临期", False, True),                    # 29 days to 31 December
    ("pending", date(2027, 1, 1), 2027, "yellow", "临期", False, True),        # exactly 30 days
    ("pending", date(2027, 1, 2), 2027, "none", "", False, False),             # 31 days
    ("pending", D, 2026, "yellow", "临期", False, True),                       # due today: not yet overdue
    ("not_due", None, 2025, "none", "", False, False),                        # 到2027年: never overdue
    ("pending", None, None, "none", "", False, False),
])
def test_warning(status, deadline, year, light, reason, overdue, soon):
    w = warning(status, deadline, year, on=D)
    assert (w.light, w.reason, w.overdue, w.soon) == (light, reason, overdue, soon)


def test_today_is_shanghais():
    # 2026-12-01 17:00 UTC is already 12-02 01:00 in Shanghai: a 12-01 milestone is overdue there
    with time_machine.travel(datetime(2026, 12, 1, 17, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        assert warning("pending", date(2026, 12, 1), 2026).overdue


def test_status_colours_are_the_lights():
    assert STATUS_COLOURS["met"] == "#2e7d32" and STATUS_COLOURS["not_met"] == "#c62828"
    from outcomes.charts import COLOURS
    from outcomes.charts_png import COLOURS as PNG_COLOURS

    assert COLOURS is STATUS_COLOURS and PNG_COLOURS is STATUS_COLOURS


# -- on the database ---------------------------------------------------------------------------------

@pytest.fixture
def cast():
    issuer, plan, review = xihu_pair()
    return {"issuer": issuer, "plan": plan, "review": review,
            "reader": user("reader", READER, [issuer], email="reader@example.org"),
            "editor": user("editor", EDITOR, [issuer])}


@pytest.mark.postgres
@pytest.mark.django_db
def test_sql_light_agrees_with_python(cast):
    plan = cast["plan"]
    statuses = ("met", "partly_met", "not_met", "no_evidence", "not_due", "pending")
    deadlines = (None, date(2026, 3, 31), D, date(2026, 12, 20), date(2027, 1, 1), date(2027, 1, 2))
    years = (2025, 2026, 2027)
    rows = []
    for n, (status, deadline, year) in enumerate(product(statuses, deadlines, years)):
        c = Commitment.objects.create(document=plan, issuer=cast["issuer"], year=year, text=f"条款{n}", start=n,
                                      end=n + 1, natural_key=f"grid:{n}", indicator="x", measure="count",
                                      deadline=deadline)
        if status != "pending":
            Assessment.objects.create(commitment=c, status=status)
        rows.append((c.pk, warning(status, deadline, year, on=D).light))
    got = dict(judged(Commitment.objects.filter(natural_key__startswith="grid:"), on=D).values_list("pk", "light"))
    assert {pk: got[pk] for pk, _ in rows} == dict(rows)


@pytest.mark.postgres
@pytest.mark.django_db
def test_editor_sets_the_unit_it_survives_reparse_and_is_filtered_exported_and_in_the_api(client, cast):
    c = Commitment.objects.filter(document=cast["plan"], rejected=False).order_by("start").first()
    url = reverse("commitment", args=[c.pk])
    client.force_login(cast["reader"])
    assert "设置责任单位" not in client.get(url).content.decode()
    assert client.post(url, {"responsible_unit": "区经信局", "reason": "查阅不能改"}).status_code == 403
    assert not Correction.objects.filter(target_key=c.natural_key).exists()

    client.force_login(cast["editor"])
    assert "设置责任单位" in client.get(url).content.decode()
    assert "修改原因" in client.post(url, {"responsible_unit": "区经信局"}).content.decode()  # no reason: kept
    response = client.post(url, {"responsible_unit": " 区经信局 ", "reason": "会议明确由经信局牵头"}, follow=True)
    assert response.status_code == 200 and "责任单位已设为“区经信局”" in response.content.decode()
    corr = Correction.objects.get(target_key=c.natural_key)
    assert corr.kind == Correction.Kind.COMMITMENT_EDIT and corr.changes == {"responsible_unit": "区经信局"}
    c.refresh_from_db()
    assert c.responsible_unit == "区经信局"

    document_parse(document=cast["plan"])  # a re-parse: the correction is applied again
    c.refresh_from_db()
    assert c.responsible_unit == "区经信局"
    page = client.get(url).content.decode()
    assert "区经信局" in page and "编辑设置" in page

    client.force_login(cast["reader"])
    card = reverse("scorecard", args=[cast["issuer"].pk, 2023])
    html = client.get(card + "?unit=区经信局").content.decode()
    assert html.count('href="/commitments/') == 1 and f'href="/commitments/{c.pk}/"' in html
    assert "区经信局（1）" in client.get(card).content.decode()  # the filter's choice
    sheet = load_workbook(io.BytesIO(client.get(card + "?unit=区经信局&export=xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == HEADER and "责任单位" in header and "截止日期" in header and "预警" in header
    (row,) = list(sheet.iter_rows(min_row=2, values_only=True))
    assert row[header.index("责任单位")] == "区经信局"
    assert row[header.index("截止日期")].date() == c.due_date
    data = client.get(reverse("api-commitments") + "?responsible_unit=区经信局").json()
    assert [r["id"] for r in data["results"]] == [c.pk]
    assert data["results"][0]["responsible_unit"] == "区经信局" and data["results"][0]["due_date"] == "2023-12-31"
    api = client.get(reverse("api-assessments") + "?year=2023").json()["results"]
    assert {"light", "overdue", "due_soon", "responsible_unit"} <= set(api[0]["commitment"])


@pytest.mark.postgres
@pytest.mark.django_db
def test_badges_on_the_scorecard_and_the_commitment_page(client, cast):
    client.force_login(cast["reader"])
    html = client.get(reverse("scorecard", args=[cast["issuer"].pk, 2023])).content.decode()
    assert 'id="lights"' in html and 'id="light-legend"' in html and "--light-red:#c62828" in html
    met = Commitment.objects.filter(document=cast["plan"], assessment__status="met").first()
    not_met = Commitment.objects.filter(document=cast["plan"], assessment__status="not_met").first()
    assert html.count('<span class="light light-green"') == Assessment.objects.filter(
        commitment__document=cast["plan"], status="met", override_status="").count()
    red = client.get(reverse("scorecard", args=[cast["issuer"].pk, 2023]) + "?light=red").content.decode()
    if not_met is not None:
        assert f'href="/commitments/{not_met.pk}/"' in red
    assert f'href="/commitments/{met.pk}/"' not in red
    page = client.get(reverse("commitment", args=[met.pk])).content.decode()
    assert "绿灯·达成" in page and "2023-12-31" in page


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_passed_milestone_without_review_is_overdue_and_red(client, cast):
    c = Commitment.objects.filter(document=cast["plan"], assessment__status="met").first()
    Assessment.objects.filter(commitment=c).delete()  # no review for it: 待评估
    Commitment.objects.filter(pk=c.pk).update(deadline=date(2023, 3, 31))
    client.force_login(cast["reader"])
    page = client.get(reverse("commitment", args=[c.pk])).content.decode()
    assert "红灯·逾期" in page and "已逾期" in page and "2023-03-31" in page


# -- what changed since the last send -----------------------------------------------------------------

def at(*args) -> datetime:
    return datetime(*args, tzinfo=SH)


@pytest.mark.postgres
@pytest.mark.django_db
def test_email_lists_the_commitments_whose_status_changed_since_the_previous_send(cast, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://tracker.example.org"
    with time_machine.travel(at(2026, 11, 20, 12), tick=False):
        sub = Subscription(user=cast["reader"], frequency="weekly", weekday=0, hour=8)
        schedule(sub)
        sub.save()
    with time_machine.travel(at(2026, 11, 23, 8, 1), tick=False):
        (first,) = subscriptions_claim_due()
        scorecard_send(send_id=first)
    body = mail.outbox[-1].body
    assert "自上次发送以来" not in body  # nothing to compare with yet
    assert "三色预警：红灯" in body
    assert ScorecardSend.objects.get(pk=first).summary["statuses"][str(cast["issuer"].pk)]

    c = Commitment.objects.filter(document=cast["plan"], assessment__status="met").first()
    correction_record(document=cast["plan"], kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                      changes={"status": "not_met"}, reason="复核：未完成")
    with time_machine.travel(at(2026, 11, 30, 8, 1), tick=False):
        (second,) = subscriptions_claim_due()
        scorecard_send(send_id=second)
    message = mail.outbox[-1]
    assert "自上次发送以来状态有变化的承诺" in message.body
    section = message.body.split("自上次发送以来状态有变化的承诺：")[1].split("详情：")[0]
    assert f"{c.indicator}：达成 → 未达成" in section and section.count("\n- ") == 1
    html = message.alternatives[0][0]
    assert f"/commitments/{c.pk}/" in html.split("自上次发送以来状态有变化的承诺")[1]

    with time_machine.travel(at(2026, 12, 7, 8, 1), tick=False):
        (third,) = subscriptions_claim_due()
        scorecard_send(send_id=third)
    assert "没有承诺的状态发生变化" in mail.outbox[-1].body


PLAN_WITH_UNITS = """丙市经信局2023年总结及2024年思路
公布日期: 2024-03-10
一、2023年工作总结
2023年,全市新增规上工业企业80家。
二、2024年工作思路
(一)培育企业梯队。全年新增规上工业企业100家（牵头单位：市经信局；责任单位：各县区政府）。
(二)扩大有效投资。由市发改委牵头，完成重点项目投资300亿元。
(三)优化营商环境。力争企业开办时间压缩至1个工作日以内。
"""


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_parse_reads_the_unit_from_the_text_and_an_editors_correction_wins_across_reparses():
    from tracker.models import Issuer
    from tracker.services import document_ingest

    issuer = Issuer.objects.create(name="丙市经信局")
    doc = document_ingest(data=PLAN_WITH_UNITS.encode(), filename="bing.txt", issuer=issuer, parse=False).document
    doc = document_parse(document=doc)
    units = dict(Commitment.objects.filter(document=doc).values_list("indicator", "responsible_unit"))
    by_text = {c.text: c.responsible_unit for c in Commitment.objects.filter(document=doc)}
    assert [u for t, u in by_text.items() if "规上工业企业100家" in t] == ["市经信局"], units  # 牵头 beats 责任
    assert [u for t, u in by_text.items() if "300亿元" in t] == ["市发改委"], units
    plain = next(c for c in Commitment.objects.filter(document=doc) if "开办时间" in c.text)
    assert plain.responsible_unit == ""
    history = plain.history.count()

    correction_record(document=doc, kind=Correction.Kind.COMMITMENT_EDIT, target_key=plain.natural_key,
                      changes={"responsible_unit": "市市场监管局"}, reason="督办分工方案")
    lead = next(c for c in Commitment.objects.filter(document=doc) if "300亿元" in c.text)
    correction_record(document=doc, kind=Correction.Kind.COMMITMENT_EDIT, target_key=lead.natural_key,
                      changes={"responsible_unit": ""}, reason="原文所列牵头单位已调整，待定")
    for _ in range(2):
        document_parse(document=doc)
    plain.refresh_from_db()
    lead.refresh_from_db()
    assert plain.responsible_unit == "市市场监管局" and lead.responsible_unit == ""
    assert plain.history.count() == history + 1  # the editor's change once; re-parses write nothing


MULTI_PLAN = """丁区经信局2023年总结及2024年思路
公布日期: 2024-03-10
一、2023年工作总结
2023年,全区新增专精特新企业20家。
二、2024年工作思路
全年新增专精特新企业25家。到2026年,全区专精特新企业达到100家。
"""
MULTI_REVIEWS = {
    2024: "丁区经信局2024年总结及2025年思路\n公布日期: 2025-03-10\n一、2024年工作总结\n"
          "2024年,全区专精特新企业达到60家。\n二、2025年工作思路\n全年新增专精特新企业20家。\n",
    2025: "丁区经信局2025年总结及2026年思路\n公布日期: 2026-03-10\n一、2025年工作总结\n"
          "2025年,全区专精特新企业达到80家。\n二、2026年工作思路\n全年新增专精特新企业20家。\n",
}


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_multi_year_commitment_shows_the_progress_each_later_review_reports(client):
    from tracker.models import Issuer
    from tracker.services import document_ingest

    issuer = Issuer.objects.create(name="丁区经信局")
    docs = [document_parse(document=document_ingest(data=text.encode(), filename=name, issuer=issuer,
                                                    parse=False).document)
            for name, text in [("plan.txt", MULTI_PLAN), *((f"r{y}.txt", t) for y, t in MULTI_REVIEWS.items())]]
    c = Commitment.objects.get(document=docs[0], year=2026)
    assert c.assessment.status == "not_due"
    client.force_login(user("ding", READER, [issuer]))
    html = client.get(reverse("commitment", args=[c.pk])).content.decode()
    assert "多年目标进展" in html and 'id="progress"' in html
    table = html.split('id="progress"')[1].split("</table>")[0]
    assert "2024 年" in table and "60 家" in table and "2025 年" in table and "80 家" in table and "80%" in table
    assert "目标年度" not in table  # no 2026 review yet
    final = ("丁区经信局2026年总结及2027年思路\n公布日期: 2027-03-10\n一、2026年工作总结\n"
             "2026年,全区专精特新企业达到105家。\n二、2027年工作思路\n全年新增专精特新企业20家。\n")
    document_parse(document=document_ingest(data=final.encode(), filename="r2026.txt", issuer=issuer,
                                            parse=False).document)
    table = client.get(reverse("commitment", args=[c.pk])).content.decode().split('id="progress"')[1]
    assert "2026 年（目标年度）" in table and "<td>达成</td>" in table and "105 家" in table
    yearly = Commitment.objects.get(document=docs[0], year=2024)
    assert "多年目标进展" not in client.get(reverse("commitment", args=[yearly.pk])).content.decode()
