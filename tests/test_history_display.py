"""History a person can read, on the commitment page and in the admin: Chinese labels and values,
Asia/Shanghai times, engine writes attributed to 解析引擎, no entry where nothing changed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from outcomes.models import Assessment
from targets.corrections import correction_record
from targets.models import Commitment
from tests.factories import ADMIN, EDITOR, READER, user, xihu_pair
from tracker.history_display import ENGINE, entries
from tracker.models import Correction
from tracker.services import document_parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    issuer, plan, review = xihu_pair()
    c = Commitment.objects.filter(document=plan, assessment__status="met", unit="家").order_by("pk").first()
    editor = user("editor", EDITOR, [issuer])
    return {"issuer": issuer, "plan": plan, "review": review, "c": c, "editor": editor,
            "reader": user("reader", READER, [issuer]), "boss": user("boss", ADMIN)}


def history_rows(client, c) -> list[list[str]]:
    html = client.get(reverse("commitment", args=[c.pk])).content.decode()
    table = re.search(r'<table class="table" id="history">.*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr class=\"(?:engine|person)\">(.*?)</tr>", table, re.S)
    return [[re.sub(r"<[^>]+>", " ", td).split() for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in rows]


def test_a_correction_reads_in_chinese_with_its_author_and_reason(client, cast):
    c = cast["c"]
    correction_record(document=cast["plan"], kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                      reason="单位应为个", user=cast["editor"], changes={"unit": "个"})
    client.force_login(cast["reader"])
    rows = history_rows(client, c)
    person = [r for r in rows if r[1] == ["editor"]]
    assert len(person) == 1
    assert person[0][2] == ["承诺修改"] and person[0][3] == ["单位：家", "→", "个"] and person[0][4] == ["单位应为个"]
    created = [r for r in rows if r[2] == ["承诺新建"]]
    assert created and created[0][1] == [ENGINE] and "目标值：15" in " ".join(created[0][3])
    html = client.get(reverse("commitment", args=[c.pk])).content.decode()
    for raw in ("partly_met", "not_met", "no_evidence", ">met<", "comparator", "None"):
        assert raw not in html.split('id="history"')[1], raw


def test_reparsing_adds_no_entry_and_the_engine_is_not_the_logged_in_user(client, cast):
    c = cast["c"]
    correction_record(document=cast["plan"], kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                      reason="单位应为个", user=cast["editor"], changes={"unit": "个"})
    client.force_login(cast["reader"])
    before = history_rows(client, c)
    for _ in range(3):
        document_parse(document=cast["plan"])
    c = Commitment.objects.get(document=cast["plan"], natural_key=c.natural_key)
    after = history_rows(client, c)
    assert after == before  # re-parses that changed nothing (or reset and re-applied the same) are not listed
    # an engine write made during a person's request is still the engine's
    a = Assessment.objects.get(commitment=c)
    rec = a.history.latest("history_date")
    rec.history_user = cast["editor"]
    rec.history_change_reason = None
    rec.save()
    assert all(e.who == ENGINE for e in entries(Assessment, a.history.all()) if not e.reason)


def test_times_are_asia_shanghai(client, cast):
    c = cast["c"]
    rec = c.history.earliest("history_date")
    rec.history_date = dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.UTC)
    rec.save()
    client.force_login(cast["reader"])
    whens = [r[0] for r in history_rows(client, c)]
    assert ["2024-03-02", "07:30"] in whens


def test_admin_history_is_chinese_without_unchanged_rows(client, cast):
    c = cast["c"]
    correction_record(document=cast["plan"], kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                      reason="单位应为个", user=cast["editor"], changes={"unit": "个"})
    document_parse(document=cast["plan"])
    c = Commitment.objects.get(document=cast["plan"], natural_key=c.natural_key)
    client.force_login(cast["boss"])
    html = client.get(reverse("admin:targets_commitment_history", args=[c.pk])).content.decode()
    assert "<th scope=\"col\">修改人</th>" in html and "Changed by" not in html and "Date/time" not in html
    assert "<strong>单位：</strong>家 → 个" in html and ENGINE in html
    assert "history_user" not in html and "unit:" not in html
    a = Assessment.objects.get(commitment=c)
    html = client.get(reverse("admin:outcomes_assessment_history", args=[a.pk])).content.decode()
    assert "评估新建" in html and "<strong>状态：</strong>达成" in html
    assert re.search(r"<strong>状态：</strong>(met|partly_met|not_met)", html) is None
