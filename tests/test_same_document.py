"""One report, several files: an upload with the text of a stored document of the same issuer is
not doubled; the user is told and may replace the stored version (corrections kept) or cancel."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from targets.corrections import correction_record
from targets.models import Commitment
from tests.factories import EDITOR, SEEDS, user, xihu_pair
from tracker.core.fingerprint import fingerprint
from tracker.models import Correction, Document, Issuer
from tracker.services import IngestError, SameDocument, document_ingest, document_parse, document_replace

pytestmark = pytest.mark.django_db


def as_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def stored():
    issuer, plan, _ = xihu_pair()
    return issuer, plan, plan.plain_text


def test_fingerprint_is_stored_at_ingest_and_parse(stored):
    _, plan, text = stored
    assert plan.fingerprint == fingerprint(text) and len(plan.fingerprint) == 64
    raw = document_ingest(data=(SEEDS / "national-2018-gwr.txt").read_bytes(), filename="n.txt",
                          issuer=plan.issuer, parse=False).document
    assert raw.fingerprint and raw.status == Document.Status.PENDING  # known before any parse


def test_same_text_in_another_file_is_refused_with_the_stored_document_named(stored):
    issuer, plan, text = stored
    n = Document.objects.count()
    with pytest.raises(SameDocument) as same:
        document_ingest(data=as_docx(text), filename="思路.docx", issuer=issuer, parse=False)
    assert same.value.existing == plan
    assert f"与已上传的文档 #{plan.pk}《{plan}》内容相同" in str(same.value)
    with pytest.raises(SameDocument):  # GB18030 bytes, same text
        document_ingest(data=text.encode("gb18030"), filename="思路-gbk.txt", issuer=issuer, parse=False)
    assert Document.objects.count() == n


def test_identical_bytes_keep_todays_behaviour(stored):
    issuer, plan, _ = stored
    with plan.original.open("rb") as fh:
        data = fh.read()
    result = document_ingest(data=data, filename="again.txt", issuer=issuer, parse=False)
    assert result.document == plan and not result.created


def test_another_issuers_twin_is_neither_matched_nor_named(stored):
    _, plan, text = stored
    other = Issuer.objects.create(name="别的单位")
    result = document_ingest(data=as_docx(text), filename="思路.docx", issuer=other, parse=False)
    assert result.created and result.document.issuer == other


def test_a_different_report_of_the_same_issuer_is_taken(stored):
    issuer, _, _ = stored
    result = document_ingest(data=next(SEEDS.glob("002_*")).read_bytes(), filename="b.txt", issuer=issuer,
                             parse=False)
    assert result.created


def test_replace_keeps_the_document_its_corrections_and_no_doubles(stored):
    issuer, plan, text = stored
    c = Commitment.objects.get(document=plan, text__contains="数字经济企业20家", target=20)
    correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                      changes={"target": 10}, reason="原文为10家")
    correction_record(document=plan, kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                      changes={"kind": "work_report"}, reason="按报告处理")
    count = Commitment.objects.filter(issuer=issuer).count()
    doc = document_replace(document=plan, data=as_docx(text), filename="思路.docx", parse=False)
    assert doc.pk == plan.pk and doc.format == "docx" and doc.original_name == "思路.docx"
    doc = document_parse(document=doc)
    assert doc.status == Document.Status.PARSED and doc.kind == "work_report"
    assert Document.objects.filter(issuer=issuer).count() == 2  # the plan and its review, no third
    assert Commitment.objects.filter(issuer=issuer).count() == count
    c.refresh_from_db()
    assert c.target == 10
    assert not plan.corrections.filter(orphaned=True).exists()
    with doc.original.open("rb") as fh:
        assert fh.read()[:2] == b"PK"  # the stored file is the new one


def test_replace_needs_write_on_the_document(stored):
    issuer, plan, text = stored
    outsider = user("outsider", EDITOR, [Issuer.objects.create(name="别处")])
    with pytest.raises(IngestError) as refused:
        document_replace(document=plan, data=as_docx(text), filename="x.docx", user=outsider, parse=False)
    assert "权限" in str(refused.value)
    plan.refresh_from_db()
    assert plan.format == "txt"


def test_upload_page_asks_then_replaces(client, stored, django_capture_on_commit_callbacks):
    issuer, plan, text = stored
    client.force_login(user("editor", EDITOR, [issuer]))
    upload = SimpleUploadedFile("思路.docx", as_docx(text))
    response = client.post(reverse("documents"), {"issuer": issuer.pk, "files": [upload]}, follow=True)
    page = response.content.decode()
    assert f"与已上传的文档 #{plan.pk}" in page and "替换原文档的文件" in page
    assert Document.objects.filter(issuer=issuer).count() == 2
    token = response.context["pending"][0].token
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("document-same", args=[token]), {"action": "replace"}, follow=True)
    assert "已替换文档" in response.content.decode()
    plan.refresh_from_db()
    assert plan.format == "docx" and plan.status == Document.Status.PARSED
    assert Document.objects.filter(issuer=issuer).count() == 2
    # the answer is used once
    again = client.post(reverse("document-same", args=[token]), {"action": "replace"}, follow=True)
    assert "已处理或已过期" in again.content.decode()


def test_upload_page_cancel_stores_nothing(client, stored):
    issuer, plan, text = stored
    client.force_login(user("editor", EDITOR, [issuer]))
    upload = SimpleUploadedFile("思路-gbk.txt", text.encode("gb18030"))
    response = client.post(reverse("documents"), {"issuer": issuer.pk, "files": [upload]}, follow=True)
    token = response.context["pending"][0].token
    response = client.post(reverse("document-same", args=[token]), {"action": "cancel"}, follow=True)
    assert "已取消上传" in response.content.decode() and not response.context["pending"]
    plan.refresh_from_db()
    assert plan.format == "txt" and Document.objects.filter(issuer=issuer).count() == 2


def test_a_token_is_not_good_in_another_session(client, stored):
    from django.test import Client

    issuer, plan, text = stored
    client.force_login(user("editor", EDITOR, [issuer]))
    response = client.post(reverse("documents"), {"issuer": issuer.pk,
                                                  "files": [SimpleUploadedFile("a.docx", as_docx(text))]}, follow=True)
    token = response.context["pending"][0].token
    other = Client()
    other.force_login(user("editor2", EDITOR, [issuer]))
    other.post(reverse("document-same", args=[token]), {"action": "replace"})
    plan.refresh_from_db()
    assert plan.format == "txt"


def test_admin_upload_asks_then_replaces(client, stored, django_capture_on_commit_callbacks):
    issuer, plan, text = stored
    client.force_login(user("editor", EDITOR, [issuer]))
    response = client.post(reverse("admin:tracker_document_add"),
                           {"issuer": issuer.pk, "original": SimpleUploadedFile("思路.docx", as_docx(text))})
    assert response.status_code == 302 and "/same/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert f"与已上传的文档 #{plan.pk}《{plan}》内容相同" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response["Location"], {"action": "replace"})
    assert response["Location"] == reverse("admin:tracker_document_change", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.format == "docx" and Document.objects.filter(issuer=issuer).count() == 2


def test_replace_with_shifted_text_moves_the_corrections_to_their_clauses(stored):
    from targets.corrections import section_key

    issuer, plan, text = stored
    c = Commitment.objects.get(document=plan, text__contains="数字经济企业20家", target=20)
    edit = correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                             changes={"target": 10}, reason="原文为10家")
    section = plan.sections.get(path="三")
    role = correction_record(document=plan, kind=Correction.Kind.SECTION_ROLE,
                             target_key=section_key(section.path, section.start), changes={"role": "plan"},
                             reason="确认为计划")
    title, rest = text.split("\n", 1)
    shifted = f"{title}\n(本文为修订稿,发布单位网站转载时有删改,以此稿为准。)\n{rest}"
    data = shifted.encode("gb18030")
    with pytest.raises(SameDocument):
        document_ingest(data=data, filename="修订稿.txt", issuer=issuer, parse=False)
    doc = document_parse(document=document_replace(document=plan, data=data, filename="修订稿.txt", parse=False))
    assert doc.plain_text == shifted
    edit.refresh_from_db()
    role.refresh_from_db()
    assert edit.target_key != c.natural_key and not edit.orphaned
    assert not role.orphaned and role.target_key != section_key(section.path, section.start)
    moved = Commitment.objects.get(document=doc, natural_key=edit.target_key)
    assert moved.target == 10 and "数字经济企业20家" in moved.text
    assert Commitment.objects.filter(document=doc, text__contains="数字经济企业20家",
                                     target__in=[10, 20]).count() == 1  # the clause once, corrected


def test_ingest_command_tells_and_replaces_on_request(stored, tmp_path, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    issuer, plan, text = stored
    path = tmp_path / "思路.docx"
    path.write_bytes(as_docx(text))
    out = io.StringIO()
    call_command("ingest", str(path), "--issuer", issuer.name, stdout=out)
    assert f"与已上传的文档 #{plan.pk}" in out.getvalue() and "未入库" in out.getvalue()
    assert Document.objects.filter(issuer=issuer).count() == 2
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(path), "--issuer", issuer.name, "--replace-same", stdout=out)
    assert f"已替换 #{plan.pk}" in out.getvalue()
    plan.refresh_from_db()
    assert plan.format == "docx" and plan.status == Document.Status.PARSED
    assert Document.objects.filter(issuer=issuer).count() == 2
