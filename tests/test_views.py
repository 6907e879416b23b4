"""The officials' UI and API: access on every URL, scoping, exports, escaping, query counts."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from outcomes.models import Assessment
from targets.models import Commitment
from tests.factories import EDITOR, READER, SEEDS, ingest_file, user, xihu_pair
from tracker.api import token_create
from tracker.models import Document, Issuer

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    issuer, plan, review = xihu_pair()
    other = Issuer.objects.create(name="嘉兴市经信局")
    ingest_file(next(SEEDS.glob("004_*")), other)
    c = Commitment.objects.filter(document=plan, assessment__status="met").first()
    return {
        "issuer": issuer, "plan": plan, "review": review, "other": other, "commitment": c,
        "reader": user("reader", READER, [issuer]),
        "outsider": user("outsider", READER, [other]),
        "editor": user("editor", EDITOR, [issuer]),
    }


def urls(cast):
    i, c = cast["issuer"], cast["commitment"]
    return [reverse("home"), reverse("documents"), reverse("scorecard", args=[i.pk, 2023]),
            reverse("scorecard", args=[i.pk, 2023]) + "?export=xlsx", reverse("trend", args=[i.pk]),
            reverse("league", args=[2023]), reverse("queue"), reverse("commitment", args=[c.pk]),
            reverse("subscriptions")]


def test_anonymous_is_sent_to_login_everywhere(client, cast):
    for url in urls(cast):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    for name in ("api-issuers", "api-documents", "api-commitments", "api-assessments"):
        assert client.get(reverse(name)).status_code == 401
    assert client.get("/admin/").status_code == 302


def test_user_of_another_issuer_sees_nothing_of_it(client, cast):
    client.force_login(cast["outsider"])
    i, c = cast["issuer"], cast["commitment"]
    for url in (reverse("scorecard", args=[i.pk, 2023]), reverse("scorecard", args=[i.pk, 2023]) + "?export=csv",
                reverse("trend", args=[i.pk]), reverse("commitment", args=[c.pk])):
        assert client.get(url).status_code == 404, url
    assert i.name not in client.get(reverse("home")).content.decode()
    assert i.name not in client.get(reverse("league", args=[2023])).content.decode()
    assert cast["plan"].title not in client.get(reverse("documents")).content.decode()
    data = client.get(reverse("api-commitments")).json()
    assert data["count"] == Commitment.objects.filter(issuer=cast["other"], rejected=False).count() > 0
    assert {r["issuer"] for r in data["results"]} == {cast["other"].pk}
    assert client.get(reverse("api-issuers")).json()["results"][0]["name"] == "嘉兴市经信局"


def test_reader_cannot_write(client, cast):
    client.force_login(cast["reader"])
    assert reverse("queue") not in client.get(reverse("home")).content.decode()  # no link that would refuse
    response = client.post(reverse("documents"), {"files": io.BytesIO(b"x")})
    assert response.status_code == 403
    assert client.get(reverse("queue")).status_code == 403
    assert client.get("/admin/targets/commitment/").status_code in (302, 403)
    assert client.post(reverse("api-commitments")).status_code == 405


def test_editor_admin_is_scoped(client, cast):
    client.force_login(cast["editor"])
    page = client.get("/admin/targets/commitment/?q=%E4%BC%81%E4%B8%9A")
    assert page.status_code == 200
    other = Commitment.objects.filter(issuer=cast["other"]).first()
    assert client.get(f"/admin/targets/commitment/{other.pk}/change/").status_code == 302  # not found → index
    mine = cast["commitment"]
    assert client.get(f"/admin/targets/commitment/{mine.pk}/change/").status_code == 200


def test_editor_uploads_and_sees_refusals(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast["editor"])
    good = io.BytesIO("一、2023年工作总结\n全年新增规上企业12家。\n".encode())
    good.name = "review.txt"
    bad = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    bad.name = "scan.png"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents"), {"files": [good, bad], "issuer": cast["issuer"].pk},
                               follow=True)
    text = response.content.decode()
    assert "review.txt:已上传" in text and "scan.png:无法识别的文件格式" in text
    assert Document.objects.filter(original_name="review.txt", status="parsed").exists()


def test_scorecard_filters_sorts_and_exports(client, cast):
    client.force_login(cast["reader"])
    url = reverse("scorecard", args=[cast["issuer"].pk, 2023])
    page = client.get(url + "?status=met&sort=-target").content.decode()
    met = Assessment.objects.filter(commitment__document=cast["plan"], status="met").count()
    assert page.count('class="status status-met"') == met
    response = client.get(url + "?export=xlsx&status=met")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row - 1 == met and sheet["D1"].value == "条款"
    assert {row[13] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"达成"}
    raw = client.get(url + "?export=csv").content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) - 1 == Commitment.objects.filter(document=cast["plan"], rejected=False).count()


def test_commitment_page_shows_clause_evidence_and_arithmetic(client, cast):
    client.force_login(cast["reader"])
    c = Commitment.objects.get(document=cast["plan"], text__contains="省级以上专精特新")
    html = client.get(reverse("commitment", args=[c.pk])).content.decode()
    assert "<mark>2023年力争新增省级以上专精特新(含小巨人)企业15家</mark>" in html
    assert "6 + 10 = 16" in html and html.count("<mark>") == 2  # the clause, and the one evidence sentence


def test_document_text_is_escaped(client, cast):
    c = cast["commitment"]
    Commitment.objects.filter(pk=c.pk).update(indicator="<script>alert(1)</script>")
    client.force_login(cast["reader"])
    html = client.get(reverse("commitment", args=[c.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "default-src 'self'" in client.get(reverse("home"))["Content-Security-Policy"]


def test_api_token(client, cast):
    key = token_create(user=cast["reader"])
    data = client.get(reverse("api-assessments") + "?year=2023", HTTP_AUTHORIZATION=f"Token {key}").json()
    assert data["count"] == Assessment.objects.filter(commitment__year=2023, commitment__issuer=cast["issuer"]).count()
    assert client.get(reverse("api-assessments"), HTTP_AUTHORIZATION="Token wrong").status_code == 401


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_scorecard_queries_do_not_grow_with_rows(client, cast):
    client.force_login(cast["reader"])
    url = reverse("scorecard", args=[cast["issuer"].pk, 2023])
    before = _queries(client, url)
    Commitment.objects.bulk_create([
        Commitment(document=cast["plan"], issuer=cast["issuer"], year=2023, text=f"新增条款{n}", start=n, end=n + 1,
                   natural_key=f"bulk:{n}", indicator="x", measure="count", target=n, unit="家")
        for n in range(40)])
    assert _queries(client, url) == before
    assert _queries(client, reverse("home")) <= 12


def test_a_readers_roles_are_read_once_per_request(client, cast):
    """The view, the context processor and the table's template (rendered with the request, so the
    context processors run again) all ask can_edit: one query of the groups between them."""
    client.force_login(cast["reader"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("scorecard", args=[cast["issuer"].pk, 2023])).status_code == 200
    assert sum('"auth_group"' in q["sql"] for q in ctx.captured_queries) == 1


def test_login_locks_out_after_repeated_failures(client, cast, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    from axes.utils import reset

    reset()
    client.post(reverse("login"), {"username": "reader", "password": "pw-reader"})
    assert "_auth_user_id" in client.session  # the right password works while not locked
    client.post(reverse("logout"))
    for _ in range(3):
        client.post(reverse("login"), {"username": "reader", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "reader", "password": "pw-reader"})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    reset()
