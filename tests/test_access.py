"""The access policy, item by item: history forms, uploads, actions, jobs, hostile parameters,
the original file, the lockout. (tests/test_access_walk.py walks every URL.)"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from outcomes.models import Assessment
from targets.models import Commitment
from tests.factories import EDITOR, READER, user, xihu_pair
from tests.test_access_walk import B_PLAN, B_REVIEW, _ingest
from tracker.jobs import job_start
from tracker.models import Correction, Document, Issuer, ParseJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    a, plan, review = xihu_pair()
    b = Issuer.objects.create(name="乙县保密局")
    b_plan = _ingest(b, "b-plan.txt", B_PLAN)
    _ingest(b, "b-review.txt", B_REVIEW)
    reader = user("reader_a", READER, [a])
    reader.is_staff = True
    reader.save()
    return {"a": a, "plan": plan, "b": b, "b_plan": b_plan, "reader": reader,
            "editor": user("editor_a", EDITOR, [a])}


def _history_form(client, c: Commitment):
    h = c.history.order_by("-history_date").first()
    return reverse("admin:targets_commitment_simple_history", args=[c.pk, h.history_id])


def _post_history(client, c: Commitment, target: float):
    url = _history_form(client, c)
    fields = ("target", "target_high", "unit", "comparator", "year", "indicator", "polarity", "measure",
              "deadline", "strength")
    data = {f: getattr(c, f) for f in fields if getattr(c, f) not in (None, "")}
    data.update(target=str(target), reason="改目标", _save="保存")
    return client.post(url, data)


def test_history_form_needs_the_object_in_scope_and_the_change_permission(client, cast):
    mine = Commitment.objects.filter(document=cast["plan"], target__isnull=False).first()
    theirs = Commitment.objects.filter(document=cast["b_plan"], target__isnull=False).first()
    client.force_login(cast["reader"])
    assert client.get(_history_form(client, mine)).status_code == 200  # 查阅 may look
    assert _post_history(client, mine, 999).status_code == 403  # ... and write nothing
    assert client.get(_history_form(client, theirs)).status_code == 404
    assert client.get(reverse("admin:targets_commitment_history", args=[theirs.pk])).status_code == 404
    client.force_login(cast["editor"])
    assert _post_history(client, theirs, 999).status_code == 404
    a_of_b = Assessment.objects.filter(commitment__issuer=cast["b"]).first()
    h = a_of_b.history.first()
    assert client.get(reverse("admin:outcomes_assessment_simple_history",
                              args=[a_of_b.pk, h.history_id])).status_code == 404
    # a version of another object under my object's id is not found either
    assert client.get(reverse("admin:targets_commitment_simple_history",
                              args=[mine.pk, theirs.history.first().history_id])).status_code == 404
    assert not Correction.objects.filter(reason="改目标").exists()
    theirs.refresh_from_db()
    assert theirs.target != 999
    # the 编辑 of A reverts A's commitment: recorded as a correction with the reason
    assert _post_history(client, mine, 777).status_code == 302
    mine.refresh_from_db()
    assert mine.target == 777 and Correction.objects.get(reason="改目标").document == cast["plan"]


@pytest.mark.parametrize("path", ["/admin/targets/commitment/abc/history/",
                                  "/admin/targets/commitment/%E2%91%A0/history/",
                                  "/admin/targets/commitment/1/history/abc/", "/admin/outcomes/outcome/abc/history/1/"])
def test_hostile_history_ids_are_not_found(client, cast, path):
    client.force_login(user("boss", "管理员"))
    assert client.get(path).status_code == 404


def test_upload_of_a_text_naming_another_issuer_is_refused(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast["editor"])
    issuers_before = Issuer.objects.count()
    named = "发布单位: 乙县保密局\n" + B_PLAN
    for name, text in (("b-plan-copy.txt", named), ("new.txt", named.replace("乙县保密局", "丙县新单位"))):
        upload = io.BytesIO(text.encode())
        upload.name = name
        with django_capture_on_commit_callbacks(execute=True):
            page = client.post(reverse("documents"), {"files": [upload]}, follow=True).content.decode()
        assert f"{name}:文件中的发布单位" in page and "不在您可上传的范围内" in page
        assert f"#{cast['b_plan'].pk}" not in page
    assert not Document.objects.filter(original_name__in=("b-plan-copy.txt", "new.txt")).exists()
    assert Issuer.objects.count() == issuers_before  # no new issuer that nobody can see
    # the admin's add form offers only the issuers the user may write, and refuses another's id
    page = client.get(reverse("admin:tracker_document_add")).content.decode()
    assert cast["a"].name in page and "乙县保密局" not in page
    upload = io.BytesIO(B_PLAN.encode())
    upload.name = "b-again.txt"
    response = client.post(reverse("admin:tracker_document_add"), {"issuer": cast["b"].pk, "original": upload})
    assert response.status_code == 200 and not Document.objects.filter(original_name="b-again.txt").exists()
    # a 查阅 user uploads nothing, even where they read
    client.force_login(cast["reader"])
    assert client.get(reverse("admin:tracker_document_add")).status_code == 403


def test_reader_runs_no_action_and_jobs_are_scoped(client, cast):
    b_job = job_start(label="乙任务", document_ids=[cast["b_plan"].pk])
    changelist = reverse("admin:tracker_document_changelist")
    for who in ("reader", "editor"):
        client.force_login(cast[who])
        for action in ("reparse", "reassess"):
            client.post(changelist, {"action": action, "_selected_action": [cast["b_plan"].pk]})
    client.force_login(cast["reader"])
    client.post(changelist, {"action": "reparse", "_selected_action": [cast["plan"].pk]})
    assert list(ParseJob.objects.all()) == [b_job]  # nothing queued by 查阅, nothing on B by A's 编辑
    client.force_login(cast["editor"])
    assert "乙任务" not in client.get(reverse("documents")).content.decode()
    assert "乙任务" not in client.get(reverse("admin:tracker_parsejob_changelist")).content.decode()
    assert client.get(reverse("admin:tracker_parsejob_change", args=[b_job.pk])).status_code == 302
    client.post(changelist, {"action": "reparse", "_selected_action": [cast["plan"].pk]})
    mine = ParseJob.objects.exclude(pk=b_job.pk).get()
    assert list(mine.issuers.all()) == [cast["a"]]
    assert "重新解析" in client.get(reverse("documents")).content.decode()


@pytest.mark.parametrize("query", ["year=%C2%B2", "document=%E2%91%A0", "issuer=-1", "year=99999999999999999999"])
def test_api_refuses_hostile_numbers_with_400(client, cast, query):
    client.force_login(cast["reader"])
    for name in ("api-commitments", "api-assessments"):
        response = client.get(reverse(name) + "?" + query)
        if "document" in query and name == "api-assessments":
            assert response.status_code == 200  # not a filter of this list
            continue
        assert response.status_code == 400 and "无效" in response.json()["error"]


@pytest.mark.parametrize("per_page", ["-5", "0", "abc", "%C2%B2", "100000"])
def test_scorecard_refuses_a_hostile_page_size(client, cast, per_page):
    client.force_login(cast["reader"])
    url = reverse("scorecard", args=[cast["a"].pk, 2023])
    assert client.get(f"{url}?per_page={per_page}").status_code == 400
    assert client.get(f"{url}?per_page=10&page=-3").status_code == 200


@pytest.mark.parametrize("changes", ['[1, 2]', '"abc"', "1", '{"target": "abc"}',
                                     # out of PostgreSQL's integer range: refused by its field's check there
                                     pytest.param('{"year": 99999}', marks=pytest.mark.postgres),
                                     '{"deadline": "2023-13-45"}', '{"measure": "bogus"}', '{"target": 1e999}',
                                     '{"nonsense": 1}', '{"unit": ["x"]}', '{"target": NaN}', "{bad json"])
def test_correction_form_refuses_malformed_changes(client, cast, changes):
    client.force_login(cast["editor"])
    c = Commitment.objects.filter(document=cast["plan"], target__isnull=False).first()
    response = client.post(reverse("admin:tracker_correction_add"), {
        "document": cast["plan"].pk, "kind": "commitment_edit", "target_key": c.natural_key, "changes": changes,
        "reason": "走查"})
    assert response.status_code == 200  # the form comes back with the error
    assert not Correction.objects.exists()


def test_correction_form_offers_and_takes_only_writable_documents(client, cast):
    client.force_login(cast["editor"])
    page = client.get(reverse("admin:tracker_correction_add")).content.decode()
    assert "乙县保密局" not in page
    theirs = Commitment.objects.filter(document=cast["b_plan"]).first()
    response = client.post(reverse("admin:tracker_correction_add"), {
        "document": cast["b_plan"].pk, "kind": "commitment_edit", "target_key": theirs.natural_key,
        "changes": '{"target": 1}', "reason": "走查"})
    assert response.status_code == 200 and not Correction.objects.exists()


def test_original_file_is_downloaded_only_within_scope(client, cast):
    plan = cast["plan"]
    url = reverse("document-original", args=[plan.pk])
    assert client.get(url).status_code == 302  # login first
    client.force_login(cast["reader"])
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    with plan.original.open("rb") as fh:
        assert b"".join(response.streaming_content) == fh.read()
    assert client.get(reverse("document-original", args=[cast["b_plan"].pk])).status_code == 404
    client.force_login(cast["editor"])
    page = client.get(reverse("admin:tracker_document_change", args=[plan.pk])).content.decode()
    assert f'href="{url}"' in page  # the admin's 原始文件 link is this route, not a dead media URL


def test_lockout_is_per_user_and_address_and_in_chinese(client, cast, settings):
    from axes.utils import reset
    from django.test import Client

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    reset()
    login = reverse("login")
    here = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(3):
        here.post(login, {"username": "reader_a", "password": "wrong"})
    locked = here.post(login, {"username": "reader_a", "password": "pw-reader_a"})
    assert locked.status_code == 429 and "已暂时锁定" in locked.content.decode()
    assert "_auth_user_id" not in here.session
    # another user behind the same address is not locked out ...
    same_address = Client(REMOTE_ADDR="10.0.0.1")
    same_address.post(login, {"username": "editor_a", "password": "pw-editor_a"})
    assert "_auth_user_id" in same_address.session
    # ... nor the same user from another address
    elsewhere = Client(REMOTE_ADDR="10.0.0.2")
    elsewhere.post(login, {"username": "reader_a", "password": "pw-reader_a"})
    assert "_auth_user_id" in elsewhere.session
    reset()


def test_every_admin_of_ours_goes_through_the_policy():
    from django.contrib import admin

    from tracker.access import APPS
    from tracker.admin import ScopedAdmin

    ours = [ma for model, ma in admin.site._registry.items() if model._meta.app_label in APPS]
    assert len(ours) >= 12 and all(isinstance(ma, ScopedAdmin) for ma in ours)
