"""Switching a correction off undoes it at the next application (a re-parse, a re-assessment);
switching it on again applies it again. Each kind, on PostgreSQL."""

from __future__ import annotations

import pytest

from outcomes.models import Assessment
from outcomes.services import issuer_assess
from targets.corrections import commitment_add, correction_record
from targets.models import Commitment
from tests.factories import xihu_pair
from tracker.models import Correction
from tracker.services import document_parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return xihu_pair()


def switch(corr: Correction, active: bool) -> None:
    Correction.objects.filter(pk=corr.pk).update(active=active)


def test_switched_off_edit_is_undone_by_the_next_parse(pair):
    _, plan, _ = pair
    c = Commitment.objects.get(document=plan, text__contains="数字经济企业20家", target=20)
    corr = correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                             changes={"target": 10}, reason="原文为10家")
    switch(corr, False)
    document_parse(document=plan)
    c.refresh_from_db()
    assert c.target == 20
    switch(corr, True)
    document_parse(document=plan)
    c.refresh_from_db()
    assert c.target == 10


def test_switched_off_override_is_cleared_by_the_next_assessment(pair):
    issuer, plan, _ = pair
    c = Commitment.objects.get(document=plan, text__contains="全省前3")
    corr = correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                             changes={"status": "met", "score": 1.0}, reason="省里通报排名第2")
    assert Assessment.objects.get(commitment=c).effective_status == "met"
    switch(corr, False)
    document_parse(document=plan)  # parse + re-assessment
    a = Assessment.objects.get(commitment=c)
    assert (a.override_status, a.override_score, a.override_reason) == ("", None, "")
    assert a.effective_status == a.status == "not_met"
    assert a.history.first().history_change_reason == "人工判定已停用"
    switch(corr, True)
    issuer_assess(issuer=issuer)
    assert Assessment.objects.get(commitment=c).effective_status == "met"


def test_switched_off_rejection_and_addition_are_undone(pair):
    _, plan, _ = pair
    c = Commitment.objects.get(document=plan, text__contains="力争形成10个")
    rejection = correction_record(document=plan, kind=Correction.Kind.NOT_A_COMMITMENT, target_key=c.natural_key,
                                  reason="描述性表述")
    start = plan.plain_text.index("组织云谷小镇开展特色小镇创建工作")
    addition = commitment_add(document=plan, start=start, end=start + len("组织云谷小镇开展特色小镇创建工作"),
                              reason="漏识别的任务")
    assert Commitment.objects.filter(document=plan, manual=True).count() == 1
    switch(rejection, False)
    switch(addition, False)
    document_parse(document=plan)
    c.refresh_from_db()
    assert not c.rejected and hasattr(c, "assessment")
    assert not Commitment.objects.filter(document=plan, manual=True).exists()
    switch(addition, True)
    document_parse(document=plan)
    assert Commitment.objects.filter(document=plan, manual=True).count() == 1


def test_switched_off_evidence_link_is_undone(pair):
    _, plan, review = pair
    c = Commitment.objects.get(document=plan, text__contains="力争形成10个")
    before = Assessment.objects.get(commitment=c)
    engine = (before.status, sorted(before.evidence.values_list("pk", flat=True)))
    outcome = review.outcomes.get(value=105)
    corr = correction_record(document=plan, kind=Correction.Kind.LINK_EVIDENCE, target_key=c.natural_key,
                             reason="示例", evidence=outcome)
    assert list(Assessment.objects.get(commitment=c).evidence.all()) == [outcome]
    switch(corr, False)
    document_parse(document=plan)
    a = Assessment.objects.get(commitment=c)
    assert (a.status, sorted(a.evidence.values_list("pk", flat=True))) == engine


def test_switching_off_in_the_admin_reparses_and_undoes(pair, client, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    _, plan, _ = pair
    c = Commitment.objects.get(document=plan, text__contains="全省前3")
    corr = correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                             changes={"status": "met", "score": 1.0}, reason="省里通报排名第2")
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))
    with django_capture_on_commit_callbacks(execute=True):  # the re-parse is queued on commit
        page = client.post(f"/admin/tracker/correction/{corr.pk}/change/", {"_save": "保存"})  # active unticked
    assert page.status_code == 302, page.content.decode()[:2000]
    corr.refresh_from_db()
    assert not corr.active
    assert Assessment.objects.get(commitment=c).effective_status == "not_met"
