"""The admin's correction form (targets/correction_form.py): objects are chosen by their wording,
a clause by its offsets in the text (as the page's selection gives them) or by pasting it; a
commitment's figure and unit are fields of their own, not JSON."""

from __future__ import annotations

import pytest
from django.urls import reverse

from targets.models import Commitment
from tests.factories import EDITOR, user, xihu_pair
from tracker.models import Correction

pytestmark = pytest.mark.django_db
ADD = "admin:tracker_correction_add"


@pytest.fixture
def editor(client):
    issuer, plan, _ = xihu_pair()
    client.force_login(user("editor", EDITOR, [issuer]))
    return client, plan


def post(client, plan, **fields):
    data = {"document": plan.pk, "kind": "add_commitment", "reason": "漏识别", "changes": "", **fields}
    return client.post(reverse(ADD), data)


def test_with_a_document_the_form_lists_its_objects_by_wording_and_shows_its_text(editor):
    client, plan = editor
    page = client.get(reverse(ADD), {"document": plan.pk, "kind": "add_commitment"}).content.decode()
    c = Commitment.objects.filter(document=plan, target__isnull=False).first()
    assert f'<option value="{c.natural_key}">{c.text[:20]}' in page  # the key is the value, the wording the label
    assert 'class="clause-source"' in page and plan.plain_text[:30].split("\n")[0] in page
    assert "select_clause.js" in page
    bare = client.get(reverse(ADD)).content.decode()
    assert 'class="clause-source"' not in bare and "先选择文档" in bare


def test_selected_offsets_add_the_clause_even_where_its_words_occur_twice(editor):
    client, plan = editor
    text = plan.plain_text
    clause = next(s for s in ("企业", "工作", "推进") if text.count(s) > 1)  # a pasted one would be ambiguous
    second = text.find(clause, text.find(clause) + 1)
    assert "出现了多次" in post(client, plan, clause=clause).content.decode()
    assert post(client, plan, clause=clause, start=second, end=second + len(clause)).status_code == 302
    added = Commitment.objects.get(document=plan, manual=True)
    assert (added.start, added.end) == (second, second + len(clause))


def test_offsets_that_disagree_with_the_clause_are_refused_and_white_space_is_left_out(editor):
    client, plan = editor
    text = plan.plain_text
    at = text.find("\n") + 1  # a line's start: the selection takes the newline before it
    line_end = text.find("\n", at)
    response = post(client, plan, clause="另一句话", start=at, end=line_end)
    assert "不一致" in response.content.decode() and not Correction.objects.exists()
    assert post(client, plan, clause="\n" + text[at:line_end] + "\n", start=at - 1, end=line_end + 1).status_code == 302
    added = Commitment.objects.get(document=plan, manual=True)
    assert (added.start, added.end) == (at, line_end)


def test_a_commitment_figure_and_unit_are_fields_not_json(editor):
    client, plan = editor
    clause = "组织云谷小镇开展特色小镇创建工作"
    assert post(client, plan, clause=clause, target="3", unit="个", measure="count").status_code == 302
    correction = Correction.objects.get(kind="add_commitment")
    assert correction.changes["target"] == 3 and correction.changes["unit"] == "个"
    added = Commitment.objects.get(document=plan, manual=True)
    assert added.target == 3 and added.unit == "个" and added.measure == "count"


def test_an_edit_is_made_by_choosing_the_commitment(editor):
    client, plan = editor
    c = Commitment.objects.filter(document=plan, target__isnull=False).first()
    response = post(client, plan, kind="commitment_edit", target_key=c.natural_key, target="99")
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.target == 99
    assert "请选择要修正的对象" in post(client, plan, kind="commitment_edit", target="98").content.decode()
    assert "不在可用的选项中" in post(client, plan, kind="commitment_edit", target_key="1:2:3").content.decode()
