"""The SVG charts' data (outcomes/charts.py) and how the trend page draws a series of one year."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from outcomes.charts import trend_line
from tests.factories import READER, user, xihu_pair


def test_a_trend_of_several_years_is_a_line_through_a_dot_per_year():
    chart = trend_line([(2022, 0.5), (2023, None), (2024, 1.0)])
    assert [d["year"] for d in chart["dots"]] == [2022, 2024] and chart["single"] is None
    assert chart["points"] == "40,100 440,30"


def test_a_single_year_is_one_bar_with_its_value_not_a_lone_dot():
    chart = trend_line([(2023, 0.75), (2024, None)])
    assert chart["dots"] == [] and chart["points"] == ""
    single = chart["single"]
    assert (single["year"], single["rate"]) == (2023, 0.75)
    assert single["x"] + single["w"] / 2 == chart["width"] / 2  # in the middle, not at the left edge
    assert single["h"] == round(0.75 * (chart["height"] - 60)) and single["y"] + single["h"] == chart["height"] - 30
    assert trend_line([(2023, 0.0)])["single"]["h"] == 0  # 0% is still a year with a value


@pytest.mark.django_db
def test_the_trend_page_of_an_issuer_with_one_judged_year_says_so(client):
    issuer, _, _ = xihu_pair()  # the 2023 plan is judged by its review; the review's own plan is not yet
    client.force_login(user("reader", READER, [issuer]))
    html = client.get(reverse("trend", args=[issuer.pk])).content.decode()
    svg = re.search(r'<svg class="chart".*?</svg>', html, re.S).group(0)
    assert "<polyline" not in svg and "<circle" not in svg and svg.count("<rect") == 1
    rate = re.search(r'<text [^>]*font-size="14"[^>]*>([\d.]+%)</text>', svg).group(1)
    assert f"只有一年的数据：2023 年达成率 {rate}。" in html and 'id="trend-single"' in html
    assert f"<td>{rate}</td>" in html  # the same figure as the table's 达成率
