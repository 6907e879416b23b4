"""A document's own fields and its sections' roles: warnings stored and shown, corrections of
issuer/years/kind/roles given to the engine on every parse, 未识别的数字句 in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from outcomes.models import Outcome
from targets.corrections import CorrectionError, correction_record, section_key
from targets.models import Commitment
from tests.factories import ADMIN, EDITOR, READER, SEEDS, ingest_file, user, xihu_pair
from tracker.core.lexicon import WARNINGS
from tracker.models import Correction, Document, Issuer
from tracker.services import document_ingest, document_parse

pytestmark = pytest.mark.django_db

# no issuer named anywhere in the text: the engine says so
NO_ISSUER = ("2024年工作总结及2025年工作思路\n一、2024年工作总结\n全年新增规上企业12家。\n"
             "二、2025年工作思路\n力争新增规上企业15家,完成工业投资30亿元。\n").encode()


@pytest.fixture
def plan():
    return xihu_pair()[1]


def _plan_section(doc: Document):
    return doc.sections.get(path="三")


def _deactivate_and_reparse(corr: Correction, doc: Document) -> Document:
    Correction.objects.filter(pk=corr.pk).update(active=False)
    return document_parse(document=doc)


# 1. warnings


def test_warnings_are_stored_by_the_parse_and_shown_on_the_documents_page(client):
    issuer = Issuer.objects.create(name="某区经信局")
    doc = document_parse(document=document_ingest(data=NO_ISSUER, filename="a.txt", issuer=issuer,
                                                  parse=False).document)
    assert WARNINGS["no_issuer"] in doc.warnings
    clean = xihu_pair()[1]
    assert clean.warnings == []
    client.force_login(user("reader", READER, [issuer]))
    page = client.get(reverse("documents")).content.decode()
    assert WARNINGS["no_issuer"] in page
    rows = {r["id"]: r for r in client.get(reverse("api-documents")).json()["results"]}
    assert WARNINGS["no_issuer"] in rows[doc.pk]["warnings"]
    assert clean.pk not in rows  # another issuer's document: not shown to this reader


def test_a_correction_clears_the_warning_it_answers():
    issuer = Issuer.objects.create(name="某区经信局")
    doc = document_parse(document=document_ingest(data=NO_ISSUER, filename="a.txt", issuer=issuer,
                                                  parse=False).document)
    correction_record(document=doc, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                      changes={"issuer": issuer.pk}, reason="原文未写单位,为本局报告")
    doc.refresh_from_db()
    assert WARNINGS["no_issuer"] not in doc.warnings


def test_admin_change_page_shows_warnings_read_only(client):
    issuer = Issuer.objects.create(name="某区经信局")
    doc = document_parse(document=document_ingest(data=NO_ISSUER, filename="a.txt", issuer=issuer,
                                                  parse=False).document)
    client.force_login(user("editor", EDITOR, [issuer]))
    response = client.get(reverse("admin:tracker_document_change", args=[doc.pk]))
    assert response.status_code == 200
    assert WARNINGS["no_issuer"] in response.content.decode()
    assert "warnings" not in response.context["adminform"].form.fields  # shown, never edited


# 2. corrections of the document's fields and of section roles


def test_year_correction_survives_reparse_and_deactivation_restores_the_engine(plan):
    assert (plan.review_year, plan.plan_year) == (2022, 2023)
    corr = correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                             changes={"plan_year": 2024}, reason="实为2024年思路")
    plan.refresh_from_db()
    assert (plan.review_year, plan.plan_year) == (2023, 2024)
    assert Commitment.objects.filter(document=plan, year=2024).exists()
    plan = document_parse(document=plan)
    assert (plan.review_year, plan.plan_year) == (2023, 2024)
    plan = _deactivate_and_reparse(corr, plan)
    assert (plan.review_year, plan.plan_year) == (2022, 2023)
    assert not Commitment.objects.filter(document=plan, year=2024).exists()


def test_kind_correction_is_kept(plan):
    correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                      changes={"kind": "work_report"}, reason="按工作报告处理")
    assert document_parse(document=plan).kind == "work_report"


def test_bad_document_changes_are_refused(plan):
    with pytest.raises(CorrectionError):
        correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                          changes={"kind": "novel"}, reason="x")
    with pytest.raises(CorrectionError):
        correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                          changes={"title": "x"}, reason="x")
    with pytest.raises(CorrectionError):
        correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                          changes={"plan_year": 2024}, reason=" ")
    assert not plan.corrections.exists()


def test_section_role_correction_survives_reparse_and_can_be_undone(plan):
    section = _plan_section(plan)
    before = Commitment.objects.filter(document=plan, section_path__startswith="三").count()
    assert before > 0
    corr = correction_record(document=plan, kind=Correction.Kind.SECTION_ROLE,
                             target_key=section_key(section.path, section.start), changes={"role": "review"},
                             reason="这一部分其实是回顾")
    assert not Commitment.objects.filter(document=plan, section_path__startswith="三").exists()
    plan.refresh_from_db()
    assert WARNINGS["no_plan_part"] in plan.warnings
    assert set(plan.sections.filter(path__startswith="三").values_list("role", flat=True)) == {"review"}
    plan = document_parse(document=plan)
    assert not Commitment.objects.filter(document=plan, section_path__startswith="三").exists()
    corr.refresh_from_db()
    assert not corr.orphaned
    plan = _deactivate_and_reparse(corr, plan)
    assert Commitment.objects.filter(document=plan, section_path__startswith="三").count() == before
    assert WARNINGS["no_plan_part"] not in plan.warnings


def test_a_role_for_an_unknown_section_is_refused(plan):
    with pytest.raises(CorrectionError):
        correction_record(document=plan, kind=Correction.Kind.SECTION_ROLE, target_key="section:九@1",
                          changes={"role": "plan"}, reason="x")


def test_issuer_change_moves_the_document_and_its_rows_only_into_writable_issuers(plan):
    home, away, other = plan.issuer, Issuer.objects.create(name="西湖区经信局"), Issuer.objects.create(name="别处")
    editor = user("editor", EDITOR, [home, away])
    with pytest.raises(CorrectionError) as refused:
        correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                          changes={"issuer": other.pk}, reason="x", user=editor)
    with pytest.raises(CorrectionError) as missing:
        correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                          changes={"issuer": 10**6}, reason="x", user=editor)
    assert str(refused.value) == str(missing.value)  # nothing told about issuers one may not write
    plan.refresh_from_db()
    assert plan.issuer == home
    correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                      changes={"issuer": away.pk}, reason="发文单位为经信局", user=editor)
    plan.refresh_from_db()
    assert plan.issuer == away
    assert set(Commitment.objects.filter(document=plan).values_list("issuer_id", flat=True)) == {away.pk}
    assert not Outcome.objects.filter(document=plan).exclude(issuer=away).exists()
    assert document_parse(document=plan).issuer == away


def test_document_edit_in_admin_is_a_correction_with_a_reason(client, plan):
    editor = user("editor", EDITOR, [plan.issuer])
    client.force_login(editor)
    url = reverse("admin:tracker_document_change", args=[plan.pk])
    data = {"issuer": plan.issuer_id, "review_year": 2022, "plan_year": 2024, "kind": plan.kind, "reason": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and "请填写修改原因" in response.content.decode()
    assert not plan.corrections.exists()
    response = client.post(url, {**data, "reason": "标题年份有误"})
    assert response.status_code == 302
    corr = plan.corrections.get()
    assert corr.kind == Correction.Kind.DOCUMENT_EDIT and corr.changes == {"plan_year": 2024}
    assert corr.created_by == editor
    plan.refresh_from_db()
    assert plan.plan_year == 2024


def test_reader_cannot_edit_document_fields_in_admin(client, plan):
    reader = user("looker", READER, [plan.issuer], is_staff=True)
    client.force_login(reader)
    url = reverse("admin:tracker_document_change", args=[plan.pk])
    response = client.post(url, {"issuer": plan.issuer_id, "review_year": 2022, "plan_year": 2030,
                                 "kind": plan.kind, "reason": "x"})
    assert response.status_code in (302, 403)
    plan.refresh_from_db()
    assert plan.plan_year == 2023 and not plan.corrections.exists()


def test_section_role_through_the_correction_form_and_toggle_reparses(client, plan,
                                                                     django_capture_on_commit_callbacks):
    editor = user("editor", EDITOR, [plan.issuer])
    client.force_login(editor)
    section = _plan_section(plan)
    page = client.get(reverse("admin:tracker_document_change", args=[plan.pk])).content.decode()
    assert urlencode({"target_key": section_key(section.path, section.start)}) in page  # 修改角色, prefilled
    response = client.post(reverse("admin:tracker_correction_add"), {
        "document": plan.pk, "kind": Correction.Kind.SECTION_ROLE,
        "target_key": section_key(section.path, section.start), "role": "review", "changes": "",
        "reason": "这一部分其实是回顾"})
    assert response.status_code == 302
    corr = plan.corrections.get(kind=Correction.Kind.SECTION_ROLE)
    assert corr.changes == {"role": "review"}
    assert not Commitment.objects.filter(document=plan, section_path__startswith="三").exists()
    # switching it off in the admin parses the document again, with the engine's own reading
    url = reverse("admin:tracker_correction_change", args=[corr.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {}).status_code == 302  # "active" unticked
    corr.refresh_from_db()
    assert not corr.active
    assert Commitment.objects.filter(document=plan, section_path__startswith="三").exists()


# 3. 未识别的数字句


def test_admin_document_page_lists_untaken_figures_with_their_rule(client, plan):
    client.force_login(user("boss", ADMIN))
    page = client.get(reverse("admin:tracker_document_change", args=[plan.pk])).content.decode()
    assert "未识别的数字句" in page
    table = page[page.index('id="untaken"'):]
    assert "70余家" in table and "约数存量" in table  # 70余家持证企业: a stock, not a target
    assert "数字经济企业20家" not in table  # taken as a commitment


def test_untaken_follows_the_section_role_correction(client, plan):
    section = _plan_section(plan)
    correction_record(document=plan, kind=Correction.Kind.SECTION_ROLE,
                      target_key=section_key(section.path, section.start), changes={"role": "review"},
                      reason="回顾")
    client.force_login(user("boss", ADMIN))
    page = client.get(reverse("admin:tracker_document_change", args=[plan.pk])).content.decode()
    assert "70余家" not in page[page.index("未识别的数字句"):]  # no plan part left to explain


def test_other_documents_are_untouched(plan):
    other = ingest_file(next(SEEDS.glob("002_*")))
    section = _plan_section(plan)
    correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                      changes={"plan_year": 2030}, reason="x")
    correction_record(document=plan, kind=Correction.Kind.SECTION_ROLE,
                      target_key=section_key(section.path, section.start), changes={"role": "review"}, reason="x")
    before = (other.plan_year, Commitment.objects.filter(document=other).count())
    other = document_parse(document=other)
    assert (other.plan_year, Commitment.objects.filter(document=other).count()) == before
