"""三色预警 in a real browser (Debian's chromium through Playwright, as tests/browser/test_ui.py): the
badges on the scorecard and the commitment page are drawn in their light's colour, the chart has its
legend, an editor sets a responsible unit on the commitment page and the scorecard filters by it.
Screenshots go to test-output/screenshots/ (lights-*.png)."""

from __future__ import annotations

import pytest

from outcomes.lights import LIGHTS
from targets.models import Commitment
from tests.browser.test_ui import browser, cast, login, page, shot  # noqa: F401 - fixtures and helpers
from tests.factories import EDITOR, user

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


def background(page, selector: str) -> str:  # noqa: F811
    return page.evaluate("(sel) => getComputedStyle(document.querySelector(sel)).backgroundColor", selector)


def test_traffic_light_badges_render(page, cast):  # noqa: F811
    user("lights_editor", EDITOR, [cast["issuer"]])
    login(page, "lights_editor")
    page.goto(f"{page.base}/issuers/{cast['issuer'].pk}/2023/")
    page.wait_for_selector("#commitments span.light")
    assert page.locator("#lights a.light").count() == 4
    assert "三色预警" in page.locator("#light-legend").inner_text()
    assert background(page, "#commitments span.light-green") == rgb(LIGHTS["green"][1])
    if page.locator("#commitments span.light-red").count():
        assert background(page, "#commitments span.light-red") == rgb(LIGHTS["red"][1])
    if page.locator("#commitments span.light-yellow").count():
        assert background(page, "#commitments span.light-yellow") == rgb(LIGHTS["yellow"][1])
    shot(page, "lights-01-scorecard")

    c = Commitment.objects.filter(document=cast["plan"], assessment__status="met").order_by("start").first()
    page.goto(f"{page.base}/commitments/{c.pk}/")
    assert "绿灯·达成" in page.locator("#light").inner_text()
    assert background(page, "#light span.light") == rgb(LIGHTS["green"][1])
    page.click("#responsible-unit summary")
    page.fill("#unit-form input[name=responsible_unit]", "区发改经信局产业科")
    page.fill("#unit-form input[name=reason]", "督办会议明确")
    page.click("#unit-form button[type=submit]")
    page.wait_for_selector(".messages li.success")
    assert "区发改经信局产业科" in page.locator("#responsible-unit").inner_text()
    shot(page, "lights-02-commitment")

    page.goto(f"{page.base}/issuers/{cast['issuer'].pk}/2023/")
    page.select_option("select[name=unit]", "区发改经信局产业科")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#commitments")
    assert page.locator("#commitments tbody tr").count() == 1
    shot(page, "lights-03-scorecard-unit")
