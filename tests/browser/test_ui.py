"""The officials' UI in a real browser: Debian's chromium driven by Playwright against the
live server (no browser download). Screenshots of every page go to test-output/screenshots/."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from outcomes.models import Assessment
from tests.conftest import IN_CI
from tests.factories import READER, SEEDS, ingest_file, user, xihu_pair
from tracker.models import Issuer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"chromium not found at {CHROMIUM}")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the live server runs beside Playwright's loop
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", accept_downloads=True, viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.base = live_server.url
    yield pg
    context.close()


@pytest.fixture
def cast():
    issuer, plan, review = xihu_pair()
    other = Issuer.objects.create(name="嘉兴市经信局")
    ingest_file(next(SEEDS.glob("004_*")), other)
    reader = user("official", READER, [issuer])
    return {"issuer": issuer, "plan": plan, "other": other, "reader": reader}


def login(page, username: str) -> None:
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/")


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def chinese_renders(page) -> bool:
    """Draw a Chinese character and a private-use one (always a missing-glyph box): with a
    CJK font installed the two differ; without one both are the same box."""
    return page.evaluate("""() => {
        const draw = (ch) => { const c = document.createElement('canvas'); c.width = 40; c.height = 40;
            const x = c.getContext('2d'); x.font = '32px sans-serif'; x.fillText(ch, 2, 32);
            return c.toDataURL(); };
        return draw('达') !== draw('\\uE000') && draw('达') !== draw('成');
    }""")


def test_official_reviews_a_scorecard(page, cast):
    login(page, "official")
    shot(page, "01-home")
    assert "西湖区发改经信局" in page.content() and chinese_renders(page)
    page.click("text=评估表")
    page.wait_for_selector("#commitments")
    shot(page, "02-scorecard")
    assert page.locator("svg.chart rect").count() >= 4

    # sort by target, descending
    page.click("#commitments th a:has-text('目标')")
    page.wait_for_url("**sort=target*")
    page.click("#commitments th a:has-text('目标')")
    page.wait_for_url("**sort=-target*")
    targets = page.locator("#commitments tbody tr td:nth-child(5)").all_inner_texts()
    figures = [float(t.split()[-2]) for t in targets if t != "—"]
    assert targets[0] != "—" and figures == sorted(figures, reverse=True)

    # filter: only met
    page.select_option("select[name=status]", "met")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    shot(page, "03-scorecard-met")
    statuses = set(page.locator("#commitments tbody .status").all_inner_texts())
    assert statuses == {"达成"}
    met = Assessment.objects.filter(commitment__document=cast["plan"], status="met").count()
    assert page.locator("#commitments tbody tr").count() == met

    # export the filtered table to Excel and read it back
    with page.expect_download() as info:
        page.click("text=导出 Excel")
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    assert sheet.max_row - 1 == met
    status_col = [c.value for c in sheet[1]].index("状态")
    assert {row[status_col] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"达成"}


def test_commitment_page_highlights_evidence(page, cast):
    login(page, "official")
    c = cast["plan"].commitments.get(text__contains="省级以上专精特新")
    page.goto(f"{page.base}/commitments/{c.pk}/")
    shot(page, "04-commitment")
    assert page.locator("#clause mark").inner_text() == c.text
    marks = page.locator(".evidence mark").all_inner_texts()
    assert len(marks) == 1 and "小巨人”企业6家" in marks[0] and "中小企业10家" in marks[0]
    assert "6 + 10 = 16" in page.locator(".rationale").inner_text()


def test_forbidden_issuer_is_not_found(page, cast):
    login(page, "official")
    response = page.goto(f"{page.base}/issuers/{cast['other'].pk}/2022/")
    shot(page, "05-forbidden")
    assert response.status == 404
    assert "嘉兴市经信局" not in page.goto(page.base + "/").text()
