"""Navigation: breadcrumbs, the year switcher, the section filter and the source document read in
the browser with the clause and its evidence marked in place (escaped, scoped)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from outcomes.models import Assessment
from targets.models import Commitment
from tests.factories import READER, SEEDS, ingest_file, user, xihu_pair
from tracker.highlight import document_html
from tracker.models import Issuer

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    issuer, plan, review = xihu_pair()
    other = Issuer.objects.create(name="嘉兴市经信局")
    other_plan = ingest_file(next(SEEDS.glob("004_*")), other)
    c = Commitment.objects.filter(document=plan, assessment__status="met", section__isnull=False).first()
    return {"issuer": issuer, "plan": plan, "review": review, "other": other, "other_plan": other_plan,
            "commitment": c, "reader": user("reader", READER, [issuer])}


def crumbs(html: str) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", nav, re.S)]


def test_commitment_page_has_breadcrumbs_issuer_year_section(client, cast):
    c = cast["commitment"]
    client.force_login(cast["reader"])
    html = client.get(reverse("commitment", args=[c.pk])).content.decode()
    trail = crumbs(html)
    assert trail[:3] == ["首页", "西湖区发改经信局", "2023年"]
    assert trail[3].startswith(c.section.heading[:10]) and len(trail) == 5
    assert f'href="{reverse("trend", args=[c.issuer_id])}"' in html
    section_url = reverse("scorecard", args=[c.issuer_id, 2023]) + "?section="
    assert section_url in html
    # the section link filters the scorecard to that section (and its sub-sections)
    link = re.search(r'href="(' + re.escape(section_url) + r'[^"]+)"', html).group(1).replace("&amp;", "&")
    page = client.get(link)
    rows = list(page.context["table"].rows)
    assert rows and all(r.record.section.path.startswith(c.section.path) for r in rows)
    assert len(rows) < Commitment.objects.filter(document=cast["plan"], rejected=False).count()
    assert crumbs(page.content.decode())[-1].startswith(c.section.heading[:10])


def test_scorecard_year_switcher_lists_the_issuers_years(client, cast):
    issuer = cast["issuer"]
    client.force_login(cast["reader"])
    html = client.get(reverse("scorecard", args=[issuer.pk, 2023])).content.decode()
    years = re.search(r'<nav class="years".*?</nav>', html, re.S).group(0)
    assert '<strong aria-current="page">2023</strong>' in years
    assert f'href="{reverse("scorecard", args=[issuer.pk, 2024])}"' in years  # the review's own plan year
    assert crumbs(html) == ["首页", "西湖区发改经信局", "2023年"]


def test_source_page_marks_the_clause_and_evidence(client, cast):
    c = cast["commitment"]
    a = Assessment.objects.get(commitment=c)
    client.force_login(cast["reader"])
    page = client.get(reverse("commitment", args=[c.pk])).content.decode()
    clause_link = f'{reverse("document-text", args=[c.document_id])}?commitment={c.pk}#clause'
    assert clause_link in page and "查看原文" in page
    assert f'{reverse("document-text", args=[a.review_document_id])}?commitment={c.pk}#evidence-1' in page

    html = client.get(clause_link.split("#")[0]).content.decode()
    mark = re.search(r'<mark class="clause" id="clause">(.*?)</mark>', html, re.S).group(1)
    assert mark == c.text
    heading = c.section.heading
    assert re.search(rf'<h3 id="s-{c.section_id}">{re.escape(heading)}</h3>', html)
    assert "<script" not in html.split("<article", 1)[1].split("</article>")[0]

    html = client.get(reverse("document-text", args=[a.review_document_id]) + f"?commitment={c.pk}").content.decode()
    marks = re.findall(r'<mark class="evidence" id="evidence-(\d+)">', html)
    assert marks and marks[0] == "1"


def test_source_page_is_scoped_and_escaped(client, cast):
    client.force_login(cast["reader"])
    assert client.get(reverse("document-text", args=[cast["other_plan"].pk])).status_code == 404
    other_c = Commitment.objects.filter(document=cast["other_plan"]).first()
    # a commitment of an issuer the user may not see marks nothing and shows nothing of it
    html = client.get(reverse("document-text", args=[cast["plan"].pk]) + f"?commitment={other_c.pk}").content.decode()
    assert "<mark" not in html and other_c.text[:12] not in html and "嘉兴市经信局" not in html
    assert client.get(reverse("document-text", args=[cast["plan"].pk]) + "?commitment=abc").status_code == 400
    assert client.get(reverse("document-text", args=[cast["plan"].pk]) + "?commitment=" + "9" * 18).status_code == 200
    anonymous = client.__class__()
    assert anonymous.get(reverse("document-text", args=[cast["plan"].pk])).status_code == 302


def test_document_html_escapes_and_anchors():
    text = "一、标题<b>\n正文<script>alert(1)</script>说明\n\n第二段跨\n两行"
    html = document_html(text, [(0, "一、标题<b>", 1, "s-1")],
                         [(text.index("alert"), text.index("</script>"), "clause", "clause"),
                          (text.index("跨"), len(text), "evidence-1", "evidence")])
    assert '<h2 id="s-1">一、标题&lt;b&gt;</h2>' in html
    assert "<script>" not in html and '<mark class="clause" id="clause">alert(1)</mark>' in html
    assert html.count('id="evidence-1"') == 1 and html.count('class="evidence"') == 2
