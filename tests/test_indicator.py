"""One indicator across years for an issuer and across issuers for a year: scoped, linked from the
commitment page, with a target-against-actual chart and table."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from targets.models import Commitment
from tests.factories import READER, user
from tracker.models import Issuer
from tracker.services import document_ingest, document_parse

pytestmark = pytest.mark.django_db

PLAN = """{name}2022年总结及2023年思路
公布日期: 2023-03-10
一、2022年工作总结
2022年,{short}新增规上工业企业6家。
二、2023年工作思路
(一)培育市场主体。2023年新增规上工业企业{target}家。
"""
REVIEW = """{name}2023年总结及2024年思路
公布日期: 2024-03-08
一、2023年工作总结
2023年,{short}新增规上工业企业{actual}家。
二、2024年工作思路
(一)培育市场主体。2024年新增规上工业企业{next}家。
"""
INDICATOR = "新增规上工业企业"


def _issuer(name: str, short: str, target: int, actual: int, nxt: int) -> Issuer:
    issuer = Issuer.objects.create(name=name)
    for n, text in enumerate((PLAN, REVIEW)):
        data = text.format(name=name, short=short, target=target, actual=actual, next=nxt).encode()
        result = document_ingest(data=data, filename=f"{short}-{n}.txt", issuer=issuer, parse=False)
        document_parse(document=result.document)
    return issuer


@pytest.fixture
def cast():
    a = _issuer("甲市经信局", "甲市", 20, 25, 30)
    b = _issuer("乙市经信局", "乙市", 10, 8, 12)
    hidden = _issuer("丙市保密局", "丙市", 40, 41, 50)
    return {"a": a, "b": b, "hidden": hidden, "reader": user("reader", READER, [a, b])}


def url(**params) -> str:
    from urllib.parse import urlencode

    return reverse("indicator") + "?" + urlencode(params)


def table(html: str, table_id: str) -> list[list[str]]:
    t = re.search(rf'<table class="table" id="{table_id}">.*?</table>', html, re.S).group(0)
    return [[" ".join(re.sub(r"<[^>]+>", " ", td).split()) for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tbody>(.*?)</tbody>", t, re.S)[0].split("</tr>") if "<td" in row]


def test_one_indicator_across_years_and_issuers(client, cast):
    client.force_login(cast["reader"])
    c = Commitment.objects.get(issuer=cast["a"], year=2023, indicator=INDICATOR)
    page = client.get(reverse("commitment", args=[c.pk])).content.decode()
    link = re.search(r'href="([^"]+)" id="indicator-link"', page).group(1).replace("&amp;", "&")
    html = client.get(link).content.decode()
    assert "<h1>指标：新增规上工业企业</h1>" in html
    years = table(html, "indicator-years-table")
    assert [r[0] for r in years] == ["2023年", "2024年"]
    assert years[0][2:5] == ["20 家", "25 家", "达成"] and years[1][4] == "待评估"
    issuers = table(html, "indicator-issuers-table")
    by_name = {r[0]: r for r in issuers}
    assert set(by_name) == {"甲市经信局", "乙市经信局"}
    assert by_name["乙市经信局"][2:4] == ["10 家", "8 家"] and by_name["乙市经信局"][4] in ("部分达成", "未达成")
    assert html.count("<rect") == 4 * 2  # target and actual bars, two rows in each chart
    assert "丙市" not in html  # an issuer the reader may not see


def test_one_year_of_one_issuer_is_said_in_words(client, cast):
    client.force_login(cast["reader"])
    page = url(name=INDICATOR, issuer=cast["a"].pk)
    assert 'id="indicator-one-year"' not in client.get(page).content.decode()  # 2023 and 2024
    Commitment.objects.filter(issuer=cast["a"], year=2024).delete()
    html = client.get(page).content.decode()
    assert "只有 2023 年一个年度的数据：甲市经信局 再有一年这项承诺，这里就会画出历年对比。" in html


def test_indicator_page_is_scoped_and_has_empty_states(client, cast):
    client.force_login(cast["reader"])
    assert client.get(url(name=INDICATOR, issuer=cast["hidden"].pk)).status_code == 404
    assert client.get(url(name=INDICATOR, issuer="abc")).status_code == 400
    html = client.get(url(name="没有这个指标")).content.decode()
    assert 'id="indicator-empty"' in html and "指标列表" in html
    html = client.get(url(name=INDICATOR, year=2030)).content.decode()
    assert "2030 年没有这个指标的承诺。请在上方选择其他年度。" in html
    index = client.get(reverse("indicator")).content.decode()
    from urllib.parse import quote

    assert f'?name={quote(INDICATOR)}"' in index and "丙市" not in index
    outsider = user("outsider", READER, [cast["hidden"]])
    client.force_login(outsider)
    html = client.get(url(name=INDICATOR, year=2023)).content.decode()
    assert "丙市保密局" in html and "甲市" not in html and "乙市" not in html


def test_total_years_and_issuers_are_counted_in_the_database_not_from_the_rows_shown(client, cast, monkeypatch):
    monkeypatch.setattr("outcomes.views.INDICATOR_PAGE", 2)  # fewer rows on a page than the indicator has
    client.force_login(cast["reader"])
    html = client.get(url(name=INDICATOR, issuer=cast["a"].pk)).content.decode()
    assert "共 4 条承诺，2 个单位，2 个年度。" in html
    assert '<strong aria-current="page">2024</strong>' in html  # the issuer's latest year, past the first rows
    assert {r[0] for r in table(html, "indicator-issuers-table")} == {"甲市经信局", "乙市经信局"}


def test_indicator_page_queries_do_not_grow_with_rows(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tracker.models import Document

    client.force_login(cast["reader"])
    page = url(name=INDICATOR, issuer=cast["a"].pk)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for issuer in (cast["a"], cast["b"]):
        doc = Document.objects.filter(issuer=issuer).first()
        Commitment.objects.bulk_create([
            Commitment(document=doc, issuer=issuer, year=2015 + n % 8, text=f"新增规上工业企业{n}家", start=1000 + n,
                       end=1001 + n, natural_key=f"bulk:{n}", indicator=INDICATOR, measure="count", target=n,
                       unit="家") for n in range(30)])
    assert queries() == before


def test_a_long_list_is_shown_a_page_at_a_time(client, cast, monkeypatch):
    monkeypatch.setattr("outcomes.views.INDICATOR_PAGE", 1)
    client.force_login(cast["reader"])
    html = client.get(url(name=INDICATOR, issuer=cast["a"].pk, year=2023)).content.decode()
    first = table(html, "indicator-issuers-table")
    assert len(first) == 1 and html.count("<rect") == 2 * 2  # one row in each chart: its target and its actual
    assert "第 1 / 2 页（共 2 条，图表与表格为本页）" in html
    link = re.search(r'<p class="pages" id="issuers_page">.*?<a href="([^"]+)">下一页</a>', html).group(1)
    html = client.get(reverse("indicator") + link.replace("&amp;", "&")).content.decode()
    second = table(html, "indicator-issuers-table")
    assert {first[0][0], second[0][0]} == {"甲市经信局", "乙市经信局"}
    assert [r[0] for r in table(html, "indicator-years-table")] == ["2023年"]  # the other list keeps its page
