"""The admin as the editors' work surface: corrections through forms, uploads, actions."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from outcomes.models import Assessment
from targets.models import Commitment
from tests.factories import EDITOR, SEEDS, user, xihu_pair
from tracker.models import Correction, Document, ParseJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    issuer, plan, review = xihu_pair()
    editor = user("editor", EDITOR, [issuer])
    client.force_login(editor)
    return client, editor, plan, review


def change_form(client, url: str) -> dict:
    """The admin form's current values, as a browser would post them back."""
    response = client.get(url)
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    return data


def test_commitment_edit_in_admin_becomes_a_correction(editor_client):
    client, editor, plan, _ = editor_client
    c = Commitment.objects.get(document=plan, text__contains="数字经济企业20家", target=20)
    url = reverse("admin:targets_commitment_change", args=[c.pk])
    data = change_form(client, url)
    data.update(target="10", reason="")
    assert client.post(url, data).status_code == 200  # the reason is required: the form comes back
    assert not Correction.objects.exists()
    data["reason"] = "原文为10家"
    assert client.post(url, data).status_code == 302
    corr = Correction.objects.get()
    assert (corr.kind, corr.changes, corr.created_by) == ("commitment_edit", {"target": 10.0}, editor)
    c.refresh_from_db()
    assert c.target == 10 and Assessment.objects.get(commitment=c).status == "met"


def test_override_status_in_admin(editor_client):
    client, editor, plan, _ = editor_client
    a = Assessment.objects.get(commitment__document=plan, commitment__text__contains="全省前3")
    url = reverse("admin:outcomes_assessment_change", args=[a.pk])
    data = change_form(client, url)
    data.update(override_status="met", override_score="1", reason="排名以省通报为准")
    assert client.post(url, data).status_code == 302
    a.refresh_from_db()
    assert (a.status, a.override_status, a.overridden_by) == ("not_met", "met", editor)


def test_upload_and_reparse_in_admin(editor_client, django_capture_on_commit_callbacks):
    client, editor, plan, _ = editor_client
    data = next(SEEDS.glob("004_*")).read_bytes()
    upload = io.BytesIO(data)
    upload.name = "jiaxing.txt"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:tracker_document_add"),
                               {"issuer": plan.issuer_id, "original": upload})
    assert response.status_code == 302
    doc = Document.objects.get(original_name="jiaxing.txt")
    assert doc.status == "parsed" and doc.uploaded_by == editor
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:tracker_document_changelist"),
                    {"action": "reparse", "_selected_action": [doc.pk, plan.pk]})
    job = ParseJob.objects.get()
    assert (job.total, job.done, job.failed) == (2, 2, 0) and job.finished_at


def test_add_a_missed_commitment_by_pasting_its_clause(editor_client):
    client, editor, plan, _ = editor_client
    clause = "组织云谷小镇开展特色小镇创建工作"
    data = {"document": plan.pk, "kind": "add_commitment", "clause": clause, "target_key": "", "changes": "{}",
            "reason": "漏识别的任务"}
    assert client.post(reverse("admin:tracker_correction_add"), data).status_code == 302
    added = Commitment.objects.get(document=plan, manual=True)
    assert added.text == clause and plan.plain_text[added.start:added.end] == clause
    data["clause"] = "正文里没有的一句话"
    response = client.post(reverse("admin:tracker_correction_add"), data)
    assert response.status_code == 200 and "找不到" in response.content.decode()
