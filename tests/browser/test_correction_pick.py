"""A missed commitment added in the admin by selecting its clause with the mouse, in a real browser
(Debian's chromium through Playwright, as tests/browser/test_ui.py): the page's script turns the
selection into the clause and its offsets in characters, which Python's offsets must equal even
after a character outside the Basic Multilingual Plane (two UTF-16 units in the browser)."""

from __future__ import annotations

import pytest

from targets.models import Commitment
from tests.browser.test_ui import browser, page, shot  # noqa: F401 - fixtures
from tests.factories import EDITOR, ingest_file, user
from tracker.models import Correction, Issuer

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PLAN = """𠮷溪县经信局2024年工作总结和2025年工作思路

一、2024年工作总结
全年规上工业增加值增长6%。

二、2025年工作思路
（一）推进𠮷溪工业园建设。力争规上工业增加值增长6.5%。
（二）组织云谷小镇开展特色小镇创建工作，打造数字经济示范点。
"""
CLAUSE = "组织云谷小镇开展特色小镇创建工作"


def drag_over(pg, text: str) -> None:
    """Press the mouse inside the first character of ``text`` in the shown document text and
    release it inside its last, as a person selects a clause."""
    box = pg.evaluate("""(needle) => {
        const pre = document.querySelector("pre.clause-source"), node = pre.firstChild;
        const at = node.data.indexOf(needle), range = document.createRange();
        const rect = (i) => {
            range.setStart(node, i); range.setEnd(node, i + 1); return range.getBoundingClientRect(); };
        pre.scrollTop = 0; const a = rect(at), b = rect(at + needle.length - 1);
        return {x0: a.left + a.width * 0.2, y0: a.top + a.height / 2,
                x1: b.right - b.width * 0.2, y1: b.top + b.height / 2};
    }""", text)
    pg.mouse.move(box["x0"], box["y0"])
    pg.mouse.down()
    pg.mouse.move(box["x1"], box["y1"], steps=5)
    pg.mouse.up()


def test_a_clause_selected_with_the_mouse_becomes_a_commitment(page, tmp_path):  # noqa: F811
    issuer = Issuer.objects.create(name="𠮷溪县经信局")
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "other.txt").write_text(PLAN.replace("数字经济", "智能制造"), encoding="utf-8")
    plan, other = ingest_file(tmp_path / "plan.txt", issuer), ingest_file(tmp_path / "other.txt", issuer)
    user("editor", EDITOR, [issuer])
    page.goto(page.base + "/admin/login/?next=/admin/tracker/correction/add/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "pw-editor")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_document")
    assert page.locator("pre.clause-source").count() == 0  # no document yet: nothing to select in
    page.select_option("#id_document", str(other.pk))  # choosing a document reloads the form with its text
    page.wait_for_url(f"**document={other.pk}**")
    page.select_option("#id_document", str(plan.pk))
    page.wait_for_url(f"**document={plan.pk}**")
    page.wait_for_selector("pre.clause-source")
    drag_over(page, CLAUSE)
    assert page.input_value("#id_clause") == CLAUSE
    start = plan.plain_text.index(CLAUSE)
    assert (page.input_value("#id_start"), page.input_value("#id_end")) == (str(start), str(start + len(CLAUSE)))
    assert page.input_value("#id_kind") == "add_commitment"
    assert "已选择" in page.inner_text(".clause-picked")
    page.fill("#id_reason", "漏识别的任务")
    shot(page, "correction-pick")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/tracker/correction/")
    added = Commitment.objects.get(document=plan, manual=True)
    assert (added.start, added.end, added.text) == (start, start + len(CLAUSE), CLAUSE)
    assert Correction.objects.get(kind="add_commitment").created_by.username == "editor"
