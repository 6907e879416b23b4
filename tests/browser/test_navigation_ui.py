"""Navigation in a real browser (Debian's chromium through Playwright, as tests/browser/test_ui.py):
breadcrumbs and the year switcher, the source text with the clause and evidence marked and scrolled
to, and every page on a 390 px phone screen. Screenshots go to /tmp/ui-shots/ (UI_SHOTS)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from outcomes.models import Assessment
from targets.models import Commitment
from tests.browser.test_ui import browser, cast, login  # noqa: F401 - fixtures and the login helper

SHOTS = Path(os.environ.get("UI_SHOTS", "/tmp/ui-shots"))

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _page(browser, live_server, width: int, height: int = 900):  # noqa: F811
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.base = live_server.url
    return context, pg


@pytest.fixture
def page(browser, live_server):  # noqa: F811
    context, pg = _page(browser, live_server, 1300)
    yield pg
    context.close()


@pytest.fixture
def phone(browser, live_server):  # noqa: F811
    context, pg = _page(browser, live_server, 390, 844)
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def in_viewport(page, selector: str) -> bool:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


def met_commitment(cast):  # noqa: F811
    return Commitment.objects.filter(document=cast["plan"], assessment__status="met",
                                     text__contains="省级以上专精特新").first()


def test_breadcrumbs_and_year_switcher(page, cast):  # noqa: F811
    login(page, "official")
    c = met_commitment(cast)
    page.goto(f"{page.base}/commitments/{c.pk}/")
    trail = page.locator("nav.breadcrumbs li").all_inner_texts()
    assert trail[:3] == ["首页", "西湖区发改经信局", "2023年"] and len(trail) == 5
    shot(page, "nav-01-commitment-breadcrumbs")
    page.click("nav.breadcrumbs li:nth-child(4) a")  # the section: the scorecard filtered to it
    page.wait_for_selector("#commitments")
    assert page.locator("select[name=section]").input_value() == c.section.path
    assert page.locator("nav.breadcrumbs li").count() == 4
    shot(page, "nav-02-scorecard-section")
    page.click("nav.breadcrumbs li:nth-child(3) a")  # the year: the whole scorecard
    page.wait_for_url(f"**/issuers/{c.issuer_id}/2023/")
    years = page.locator("#years")
    assert years.locator("[aria-current=page]").inner_text() == "2023"
    assert "2024" in years.locator("a").all_inner_texts()
    shot(page, "nav-03-scorecard-years")
    years.locator("a", has_text="2024").click()
    page.wait_for_url(f"**/issuers/{c.issuer_id}/2024/")
    assert page.locator("#years [aria-current=page]").inner_text() == "2024"
    page.click("nav.breadcrumbs li:nth-child(2) a")  # the issuer: its years
    page.wait_for_url(f"**/issuers/{c.issuer_id}/trend/")


def test_source_text_marks_clause_and_evidence_in_place(page, cast):  # noqa: F811
    login(page, "official")
    c = met_commitment(cast)
    page.goto(f"{page.base}/commitments/{c.pk}/")
    page.click("#clause-source")
    page.wait_for_selector("#document-text")
    assert page.url.endswith("#clause")
    assert page.locator("mark#clause").inner_text() == c.text
    assert in_viewport(page, "mark#clause")  # scrolled to it
    assert page.locator("#document-text h2").count() >= 3  # sections as headings
    page.screenshot(path=str(SHOTS / "nav-04-source-clause.png"))  # the viewport: what the reader sees
    page.go_back()
    page.locator(".evidence-source").first.click()
    page.wait_for_selector("#document-text")
    a = Assessment.objects.get(commitment=c)
    assert page.url.endswith("#evidence-1") and f"/documents/{a.review_document_id}/text/" in page.url
    marks = page.locator("mark.evidence").all_inner_texts()
    assert any("小巨人”企业6家" in m for m in marks)
    assert in_viewport(page, "mark#evidence-1")
    page.screenshot(path=str(SHOTS / "nav-05-source-evidence.png"))


PHONE_CHECK = """() => {
    const tables = [...document.querySelectorAll('main table')];
    return {width: window.innerWidth, page: document.documentElement.scrollWidth, body: document.body.scrollWidth,
            loose: tables.filter(t => !t.closest('.table-container')).map(t => t.id || t.className),
            containers: [...document.querySelectorAll('.table-container')].map(
                c => getComputedStyle(c).overflowX)};
}"""


def test_pages_read_on_a_390px_phone(phone, cast):  # noqa: F811
    from tests.factories import EDITOR, user

    user("phone_editor", EDITOR, [cast["issuer"]])
    login(phone, "phone_editor")
    c = met_commitment(cast)
    a = Assessment.objects.get(commitment=c)
    i = cast["issuer"].pk
    pages = {
        "home": "/", "documents": "/documents/", "scorecard": f"/issuers/{i}/2023/",
        "scorecard-empty": f"/issuers/{i}/2023/?status=not_due", "commitment": f"/commitments/{c.pk}/",
        "source": f"/documents/{c.document_id}/text/?commitment={c.pk}",
        "source-evidence": f"/documents/{a.review_document_id}/text/?commitment={c.pk}",
        "trend": f"/issuers/{i}/trend/", "league": "/league/2023/", "queue": "/queue/",
        "subscriptions": "/subscriptions/", "not-found": f"/issuers/{i}/1999/",
        "indicator": f"/indicators/?name={c.indicator}&issuer={i}&year=2023", "indicators": "/indicators/",
    }
    wide = []
    for n, (name, url) in enumerate(pages.items(), 1):
        phone.goto(phone.base + url)
        shot(phone, f"phone-{n:02d}-{name}")
        m = phone.evaluate(PHONE_CHECK)
        assert m["width"] == 390
        assert m["page"] <= 390 and m["body"] <= 390, f"{name}: the page scrolls sideways ({m})"
        assert not m["loose"], f"{name}: tables outside a scroll container {m['loose']}"
        assert set(m["containers"]) <= {"auto"}, name
        wide += [name for w in phone.evaluate(
            "() => [...document.querySelectorAll('.table-container')].map(c => c.scrollWidth > c.clientWidth)") if w]
    assert "scorecard" in wide  # the commitments table is wider than a phone: it scrolls in its container
    assert phone.locator("#filter-empty").count() == 0
    phone.goto(phone.base + pages["scorecard-empty"])
    assert "清除筛选" in phone.locator("#filter-empty").inner_text()


def test_history_reads_in_chinese(page, cast):  # noqa: F811
    from targets.corrections import correction_record
    from tests.factories import ADMIN, user
    from tracker.models import Correction
    from tracker.services import document_parse

    boss = user("boss", ADMIN)
    c = met_commitment(cast)
    correction_record(document=cast["plan"], kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                      reason="原文单位为个", user=boss, changes={"unit": "个"})
    document_parse(document=cast["plan"])
    c = Commitment.objects.get(document=cast["plan"], natural_key=c.natural_key)
    login(page, "boss")
    page.goto(f"{page.base}/commitments/{c.pk}/#history")
    history = page.locator("#history").inner_text()
    assert "解析引擎" in history and "boss" in history and "单位：家 → 个" in history and "原文单位为个" in history
    assert "None" not in history and "unit" not in history
    page.locator("#history").screenshot(path=str(SHOTS / "hist-01-commitment.png"))
    page.goto(f"{page.base}/admin/targets/commitment/{c.pk}/history/")
    text = page.locator("#change-history").inner_text()
    assert "修改人" in text and "单位：家 → 个" in text and "解析引擎" in text and "Changed by" not in text
    assert "单位：个 → 家" not in text  # the re-parse's reset and re-application are no change
    shot(page, "hist-02-admin")


def test_indicator_page_across_years_and_issuers(page, cast):  # noqa: F811
    from tests.test_indicator import INDICATOR, _issuer
    from tracker.models import Grant

    for issuer in (_issuer("甲市经信局", "甲市", 20, 25, 30), _issuer("乙市经信局", "乙市", 10, 8, 12)):
        Grant.objects.create(user=cast["reader"], issuer=issuer)
    c = Commitment.objects.get(issuer__name="甲市经信局", year=2023, indicator=INDICATOR)
    login(page, "official")
    page.goto(f"{page.base}/commitments/{c.pk}/")
    page.click("#indicator-link")
    page.wait_for_selector("#across-years")
    assert page.locator("h1").inner_text() == f"指标：{INDICATOR}"
    assert page.locator("#indicator-years-table tbody tr").count() == 2
    assert page.locator("#indicator-issuers-table tbody tr").count() == 2
    assert page.locator("#across-years svg rect").count() == 4
    assert page.locator("#indicator-years [aria-current=page]").inner_text() == "2023"
    shot(page, "ind-01-indicator")
    page.goto(f"{page.base}/indicators/")
    assert page.locator("#indicators tbody tr").count() >= 1
    shot(page, "ind-02-index")
