"""The scorecard's table, cell by cell: the rows are rendered by ``CommitmentTable.page_rows`` from the
annotations of ``selectors.scorecard_rows``, not by django-tables2 per cell, and must show what it showed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from outcomes.models import Assessment
from targets.models import Commitment
from tests.factories import READER, user
from tracker.models import Document, Issuer

pytestmark = pytest.mark.django_db

HEADER = ["条款", "指标", "类型", "约束力", "目标", "实际", "状态", "预警", "得分", "责任单位", "截止", "置信度"]


def _rows(html: str) -> list[list[str]]:
    table = re.search(r'<table class="table" id="commitments">.*?</table>', html, re.S).group(0)
    head = [" ".join(re.sub(r"<[^>]+>", " ", th).split()) for th in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
    assert head == HEADER
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table, re.S).group(1)
    return [[td for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)] for tr in body.split("</tr>") if "<td" in tr]


def _text(cell: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", cell).split())


@pytest.fixture
def card():
    issuer = Issuer.objects.create(name="测试区经信局")
    doc = Document.objects.create(issuer=issuer, original_name="t.txt", sha256="1" * 64, status="parsed",
                                  plan_year=2023, plain_text="x")

    def commitment(start: int, text: str, **fields) -> Commitment:
        fields = {"indicator": "新增企业", "measure": "count", "comparator": ">=", "unit": "家", "strength": "力争",
                  **fields}
        return Commitment.objects.create(document=doc, issuer=issuer, year=2023, text=text, start=start,
                                         end=start + 1, natural_key=str(start), **fields)

    met = commitment(0, "新增企业<b>20</b>家", target=20)
    Assessment.objects.create(commitment=met, status="met", score=1.0, actual=25, actual_unit="家", confidence=0.9)
    overridden = commitment(1, "新增企业10–12家", target=10, target_high=12)
    Assessment.objects.create(commitment=overridden, status="not_met", score=0.0, actual=6, actual_unit="家",
                              confidence=0.5, override_status="met", override_reason="统计公报已达标")
    pending = commitment(2, "6月底前建成平台", measure="milestone", comparator="", unit="", strength="",
                         indicator="", responsible_unit="区数据局", deadline=date(2023, 6, 30))
    return issuer, {"met": met, "overridden": overridden, "pending": pending}


def test_each_cell_shows_the_commitment_its_judgment_and_its_light(client, card):
    issuer, c = card
    client.force_login(user("reader", READER, [issuer]))
    rows = _rows(client.get(reverse("scorecard", args=[issuer.pk, 2023])).content.decode())
    assert len(rows) == 3
    met, overridden, pending = rows
    assert met[0] == f'<a href="/commitments/{c["met"].pk}/">新增企业&lt;b&gt;20&lt;/b&gt;家</a>'  # escaped
    assert [_text(x) for x in met[1:]] == ["新增企业", "数量", "力争", "≥ 20 家", "25 家", "达成", "绿灯·达成", "1.00",
                                           "—", "2023-12-31", "0.90"]
    assert met[6] == '<span class="status status-met">达成</span>' and 'class="light light-green"' in met[7]
    # an editor's status wins and says so; its score follows the status
    assert [_text(x) for x in overridden[4:9]] == ["≥ 10–12 家", "6 家", "达成 （人工）", "绿灯·达成", "1.00"]
    # no review yet: pending, red once its own deadline has passed, nothing from an assessment
    assert [_text(x) for x in pending[1:]] == ["—", "节点任务", "—", "—", "—", "待评估", "红灯·逾期", "—", "区数据局",
                                               "2023-06-30（逾期）", "—"]
    assert pending[10] == '<span class="overdue">2023-06-30（逾期）</span>'


def test_sorting_and_pagination_still_come_from_the_columns(client, card):
    issuer, c = card
    client.force_login(user("reader", READER, [issuer]))
    url = reverse("scorecard", args=[issuer.pk, 2023])
    rows = _rows(client.get(url + "?sort=confidence").content.decode())
    assert [_text(r[11]) for r in rows] == ["0.50", "0.90", "—"]
    html = client.get(url + "?sort=target&per_page=1&page=2").content.decode()
    assert [_text(r[4]) for r in _rows(html)] == ["≥ 20 家"] and 'class="pagination"' in html
    assert '<th class="asc orderable">' in html


def test_the_rollup_by_section_and_the_counts_come_from_one_query_and_agree_with_the_rows():
    from django.db.models import Avg, Count, Q

    from outcomes.selectors import commitments_for, scorecard
    from tests.factories import xihu_pair

    issuer, plan, _ = xihu_pair()
    reader = user("reader", READER, [issuer])
    card = scorecard(reader, issuer=issuer, year=2023, sections=True)
    qs = commitments_for(reader, issuer=issuer, year=2023)
    # the rollup as it was computed before, a query of its own
    expected = list(qs.order_by().values("section__path", "section__heading").annotate(
        total=Count("pk"), met=Count("pk", filter=Q(status="met")), partly=Count("pk", filter=Q(status="partly_met")),
        not_met=Count("pk", filter=Q(status="not_met")), no_evidence=Count("pk", filter=Q(status="no_evidence")),
        pending=Count("pk", filter=Q(status="pending")),
        mean=Avg("effective_score", filter=Q(status__in=["met", "partly_met", "not_met"])),
    ).order_by("section__start", "section__path"))
    assert len(card.sections) == len(expected) > 1
    for got, want in zip(card.sections, expected, strict=True):
        assert got == {**want, "mean": pytest.approx(want["mean"])}
    assert sum(s["total"] for s in card.sections) == card.total == qs.count() == sum(card.lights.values())
    assert card.mean_score == pytest.approx(qs.filter(status__in=["met", "partly_met", "not_met"])
                                            .aggregate(m=Avg("effective_score"))["m"])


@pytest.mark.parametrize("sort", ["text", "indicator", "-indicator", "measure", "strength", "target", "actual",
                                  "status", "light", "responsible_unit", "due", "-score", "confidence"])
def test_every_sort_ends_on_a_unique_key_so_tied_rows_keep_their_page(client, card, sort):
    """Rows that tie on the sorted column (the same status, unit, indicator …) come in one order on
    every request only if the sort ends on a unique key: else a page can repeat or skip a row."""
    issuer, c = card
    client.force_login(user("reader", READER, [issuer]))
    response = client.get(reverse("scorecard", args=[issuer.pk, 2023]), {"sort": sort, "per_page": 1})
    order = [str(key) for key in response.context["table"].data.data.query.order_by]
    assert order[-1].lstrip("-") == "pk", order
