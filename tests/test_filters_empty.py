"""Filters offer 全部 and a list filtered to nothing says so and what to do; error pages in Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import READER, user, xihu_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    issuer, plan, review = xihu_pair()
    return issuer, user("reader", READER, [issuer])


def test_every_choice_filter_offers_all(client, reader):
    issuer, u = reader
    client.force_login(u)
    response = client.get(reverse("scorecard", args=[issuer.pk, 2023]))
    html = response.content.decode()
    assert "---------" not in html
    form = response.context["filter"].form
    for name in ("status", "measure", "strength", "section"):
        choices = list(form.fields[name].choices)
        assert choices[0] == ("", "全部"), name
        assert len(choices) > 1, name


def test_a_list_filtered_to_nothing_says_so_and_what_to_do(client, reader):
    issuer, u = reader
    client.force_login(u)
    url = reverse("scorecard", args=[issuer.pk, 2023])
    html = client.get(url + "?status=not_due&q=%E6%B2%A1%E6%9C%89").content.decode()
    assert 'id="filter-empty"' in html
    assert "没有符合筛选条件的承诺（状态：未到期；搜索：没有）。请放宽筛选条件，或" in html
    assert '<a href="?">清除筛选</a>查看全部 22 项承诺' in html
    assert 'id="filter-empty"' not in client.get(url + "?status=met").content.decode()
    assert 'id="filter-empty"' not in client.get(url).content.decode()


def test_not_found_and_bad_request_pages_say_what_to_do(client, reader):
    issuer, u = reader
    client.force_login(u)
    response = client.get(reverse("scorecard", args=[issuer.pk, 1999]))
    assert response.status_code == 404 and "没有找到这个页面" in response.content.decode()
    response = client.get(reverse("scorecard", args=[issuer.pk, 2023]) + "?per_page=abc")
    assert response.status_code == 400 and "参数无效" in response.content.decode()
    response = client.get(reverse("queue"))
    assert response.status_code == 403 and "只有编辑可以处理复核队列。" in response.content.decode()
