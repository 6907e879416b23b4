"""Corrections survive re-parsing, orphan instead of vanishing, and carry who and why."""

from __future__ import annotations

import pytest

from outcomes.models import Assessment
from targets.corrections import CorrectionError, commitment_add, correction_record
from targets.models import Commitment
from tests.factories import ADMIN, user, xihu_pair
from tracker.models import Correction
from tracker.services import document_parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return xihu_pair()


def test_value_correction_survives_reparse(pair):
    issuer, plan, review = pair
    editor = user("editor", ADMIN)
    c = Commitment.objects.get(document=plan, text__contains="数字经济企业20家", target=20)
    correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                      changes={"target": 10}, reason="原文为10家,解析有误", user=editor)
    c.refresh_from_db()
    assert c.target == 10
    assert Assessment.objects.get(commitment=c).status == "met"  # 12 ≥ 10 after the fix
    document_parse(document=plan)
    c.refresh_from_db()
    assert c.target == 10 and Assessment.objects.get(commitment=c).status == "met"
    entry = c.history.filter(target=10).first()
    assert entry.history_user == editor and entry.history_change_reason.startswith("原文为10家")


def test_reason_is_required(pair):
    _, plan, _ = pair
    c = Commitment.objects.filter(document=plan).first()
    with pytest.raises(CorrectionError):
        correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                          changes={"target": 1}, reason="  ")


def test_removed_clause_orphans_the_correction(pair):
    issuer, plan, review = pair
    c = Commitment.objects.get(document=plan, text__contains="重点项目100个")
    corr = correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                             changes={"target": 90}, reason="以区政府文件为准")
    text = plan.original.read().decode("utf-8")
    plan.original.close()
    with plan.original.open("wb") as fh:
        fh.write(text.replace("排定2023年区级以上重点项目100个。", "").encode("utf-8"))
    document_parse(document=plan)
    corr.refresh_from_db()
    assert corr.orphaned and Correction.objects.filter(pk=corr.pk).exists()
    assert not Commitment.objects.filter(document=plan, natural_key=c.natural_key).exists()


def test_manual_override_survives_reassessment(pair):
    issuer, plan, review = pair
    c = Commitment.objects.get(document=plan, text__contains="全省前3")
    correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                      changes={"status": "met", "score": 1.0}, reason="省里通报排名第2,总结写错")
    document_parse(document=review)  # re-assesses the issuer
    a = Assessment.objects.get(commitment=c)
    assert (a.status, a.override_status, a.effective_status) == ("not_met", "met", "met")


def test_not_a_commitment_and_added_commitment(pair):
    issuer, plan, review = pair
    c = Commitment.objects.get(document=plan, text__contains="力争形成10个")
    correction_record(document=plan, kind=Correction.Kind.NOT_A_COMMITMENT, target_key=c.natural_key,
                      reason="描述性表述")
    start = plan.plain_text.index("组织云谷小镇开展特色小镇创建工作")
    commitment_add(document=plan, start=start, end=start + len("组织云谷小镇开展特色小镇创建工作"),
                   reason="漏识别的任务")
    document_parse(document=plan)
    c.refresh_from_db()
    assert c.rejected
    added = Commitment.objects.get(document=plan, manual=True)
    assert added.text == "组织云谷小镇开展特色小镇创建工作" and hasattr(added, "assessment")


def test_link_evidence_by_hand(pair):
    issuer, plan, review = pair
    c = Commitment.objects.get(document=plan, text__contains="力争形成10个")
    outcome = review.outcomes.get(value=105)
    correction_record(document=plan, kind=Correction.Kind.LINK_EVIDENCE, target_key=c.natural_key,
                      reason="示例", evidence=outcome)
    document_parse(document=plan)
    a = Assessment.objects.get(commitment=c)
    assert list(a.evidence.all()) == [outcome] and a.actual == 105 and a.status == "met"
