"""Scorecards, trends, the league table and the review queue."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django_tables2 import RequestConfig

from outcomes.charts import COLOURS, status_bars, trend_line
from outcomes.exports import csv_response, xlsx_response
from outcomes.selectors import (
    commitments_for,
    indicator_index,
    indicator_rows,
    indicator_summary,
    issuer_years,
    review_queue,
    scorecard,
    scorecard_rows,
    scorecards_by_issuer_year,
    similar_indicators,
)
from outcomes.tables import CommitmentFilter, CommitmentTable
from tracker.access import can_edit, scope, visible_issuers
from tracker.formatting import number
from tracker.models import Correction, Section
from tracker.navigation import issuer_crumbs, last_plain
from tracker.params import int_param


def _issuer(request: HttpRequest, issuer_id: int):
    return get_object_or_404(visible_issuers(request.user), pk=issuer_id)


@login_required
def scorecard_view(request: HttpRequest, issuer_id: int, year: int) -> HttpResponse:
    issuer = _issuer(request, issuer_id)
    card = scorecard(request.user, issuer=issuer, year=year, sections=True)
    if not card.total:
        raise Http404("该单位该年度没有承诺")
    qs = commitments_for(request.user, issuer=issuer, year=year)
    filtered = CommitmentFilter(request.GET, queryset=qs)
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        name = f"{issuer.name}-{year}-承诺评估"
        rows = filtered.qs.select_related("issuer", "assessment")
        base = request.build_absolute_uri("/").rstrip("/")
        return xlsx_response(rows, name, base) if export == "xlsx" else csv_response(rows, name, base)
    table = CommitmentTable(scorecard_rows(filtered.qs))
    per_page = int_param(request, "per_page", default=50, lo=1, hi=1000)
    RequestConfig(request, paginate={"per_page": per_page}).configure(table)
    section = None
    if filtered.is_bound and filtered.form.is_valid() and filtered.form.cleaned_data.get("section"):
        path = filtered.form.cleaned_data["section"]
        section = (Section.objects.filter(document__in=qs.values("document_id"), path=path).order_by("start").first()
                   or Section(path=path))
    return render(request, "outcomes/scorecard.html", {
        "issuer": issuer, "year": year, "card": card, "table": table, "filter": filtered,
        "years": issuer_years(request.user, issuer), "crumbs": last_plain(issuer_crumbs(issuer, year, section)),
        "chart": status_bars(card.rows()), "rollup": card.sections,
        "query": _without(request, "export"), "filtered": any(v for k, v in request.GET.items()
                                                              if k in filtered.form.fields),
        "active_filters": filtered.active(), "nothing_found": not table.paginator.count,
    })


def _without(request: HttpRequest, *names: str) -> str:
    q = request.GET.copy()
    for name in names:
        q.pop(name, None)
    return q.urlencode()


@login_required
def trend_view(request: HttpRequest, issuer_id: int) -> HttpResponse:
    issuer = _issuer(request, issuer_id)
    cards = sorted((c for c in scorecards_by_issuer_year(request.user) if c.issuer.pk == issuer.pk),
                   key=lambda c: c.year)
    return render(request, "outcomes/trend.html", {"issuer": issuer, "cards": cards,
                                                   "crumbs": last_plain(issuer_crumbs(issuer)),
                                                   "chart": trend_line([(c.year, c.fulfilment) for c in cards])})


@login_required
def league_view(request: HttpRequest, year: int) -> HttpResponse:
    every = scorecards_by_issuer_year(request.user)
    of_year = [c for c in every if c.year == year]
    # only issuers with judged commitments are ranked; the others are listed with the reason
    cards = sorted((c for c in of_year if c.judged),
                   key=lambda c: (-(c.fulfilment or 0), -(c.mean_score or 0), c.issuer.name))
    unranked = sorted((c for c in of_year if not c.judged), key=lambda c: c.issuer.name)
    years = sorted({c.year for c in every}, reverse=True)
    return render(request, "outcomes/league.html", {"year": year, "cards": cards, "unranked": unranked,
                                                    "years": years})


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    if not can_edit(request.user):
        raise PermissionDenied("只有编辑可以处理复核队列。")
    threshold = settings.SCORING["low_confidence"]
    page = Paginator(review_queue(request.user, low_confidence=threshold), 50).get_page(request.GET.get("page"))
    orphaned = scope(Correction.objects.filter(orphaned=True, active=True), request.user, "document__issuer_id")
    orphaned = orphaned.select_related("document", "created_by")
    return render(request, "outcomes/queue.html", {"page": page, "threshold": threshold, "orphaned": orphaned})


INDICATOR_PAGE = 100  # rows (and chart bars) of each list of one indicator on a page: across years, across issuers


def _target_actual_chart(rows, label, width: int = 560, bar: int = 12) -> dict:
    """Target against actual per row (a year, or an issuer) as SVG data: the rows that have a figure, in the
    unit most of them share; the others are left to the table."""
    figures = [r for r in rows if r.target is not None or r.actual is not None]
    units = [r.unit for r in figures]
    unit = max(set(units), key=units.count) if units else ""
    figures = [r for r in figures if r.unit == unit]
    top = max([v for r in figures for v in (r.target, r.target_high, r.actual) if v is not None] or [0])
    if not figures or top <= 0:
        return {"items": [], "unit": unit}
    left, step, scale = 150, 2 * bar + 14, (width - 150 - 70) / top
    items = []
    for i, r in enumerate(figures):
        y = i * step
        items.append({"label": label(r), "y": y, "text_y": y + bar + 4,
                      "target_w": round(scale * (r.target_high or r.target or 0)), "target": r.target_display,
                      "actual_y": y + bar + 2, "actual_w": round(scale * (r.actual or 0)),
                      "actual": "—" if r.actual is None else f"{number(r.actual)} {r.actual_unit or ''}".strip(),
                      "colour": COLOURS.get(r.status, "#90a4ae")})
    return {"items": items, "unit": unit, "width": width, "height": len(items) * step, "left": left, "bar": bar}


@login_required
def indicator_view(request: HttpRequest) -> HttpResponse:
    """One indicator: target against actual in every year of one issuer, and in every issuer in one year."""
    name = " ".join((request.GET.get("name") or "").split())[:300]
    issuer_id = int_param(request, "issuer")
    year = int_param(request, "year", lo=1900, hi=2200)
    crumbs = [("首页", reverse("home")), ("指标", reverse("indicator"))]
    if not name:
        return render(request, "outcomes/indicator_index.html", {"index": indicator_index(request.user),
                                                                 "crumbs": last_plain(crumbs)})
    issuer = _issuer(request, issuer_id) if issuer_id is not None else None
    summary = indicator_summary(request.user, name, issuer=issuer)
    year = summary.year if year is None else year
    rows = indicator_rows(request.user, name)
    years_page = Paginator(rows.filter(issuer=issuer) if issuer is not None else rows.none(),
                           INDICATOR_PAGE).get_page(request.GET.get("years_page"))
    issuers_page = Paginator(rows.filter(year=year) if summary.total else rows.none(),
                             INDICATOR_PAGE).get_page(request.GET.get("issuers_page"))
    across_years, across_issuers = list(years_page), list(issuers_page)
    return render(request, "outcomes/indicator.html", {
        "name": name, "issuer": issuer, "year": year, "years": summary.years, "issuers": summary.issuers,
        "total": summary.total,
        "across_years": across_years, "across_issuers": across_issuers, "years_page": years_page,
        "issuers_page": issuers_page, "years_query": _without(request, "years_page"),
        "issuers_query": _without(request, "issuers_page"),
        "years_chart": _target_actual_chart(across_years, lambda r: f"{r.year}年"),
        # one year of one issuer: one pair of bars, said in words rather than left to look like a trend
        "one_year": issuer is not None and years_page.paginator.num_pages == 1
        and len({r.year for r in across_years}) == 1,
        "issuers_chart": _target_actual_chart(across_issuers, lambda r: r.issuer.name),
        "similar": similar_indicators(request.user, name), "crumbs": last_plain([*crumbs, (name, None)]),
    })
