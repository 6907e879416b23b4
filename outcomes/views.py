"""Scorecards, trends, the league table and the review queue."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from outcomes.charts import status_bars, trend_line
from outcomes.exports import csv_response, xlsx_response
from outcomes.selectors import (
    commitments_for,
    issuer_years,
    review_queue,
    scorecard,
    scorecards_by_issuer_year,
    section_rollup,
)
from outcomes.tables import CommitmentFilter, CommitmentTable
from tracker.access import can_edit, scope, visible_issuers
from tracker.models import Correction, Section
from tracker.navigation import issuer_crumbs, last_plain
from tracker.params import int_param


def _issuer(request: HttpRequest, issuer_id: int):
    return get_object_or_404(visible_issuers(request.user), pk=issuer_id)


@login_required
def scorecard_view(request: HttpRequest, issuer_id: int, year: int) -> HttpResponse:
    issuer = _issuer(request, issuer_id)
    qs = commitments_for(request.user, issuer=issuer, year=year)
    if not qs.exists():
        raise Http404("该单位该年度没有承诺")
    filtered = CommitmentFilter(request.GET, queryset=qs)
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        name = f"{issuer.name}-{year}-承诺评估"
        rows = filtered.qs.select_related("issuer", "assessment")
        base = request.build_absolute_uri("/").rstrip("/")
        return xlsx_response(rows, name, base) if export == "xlsx" else csv_response(rows, name, base)
    table = CommitmentTable(filtered.qs)
    per_page = int_param(request, "per_page", default=50, lo=1, hi=1000)
    RequestConfig(request, paginate={"per_page": per_page}).configure(table)
    card = scorecard(request.user, issuer=issuer, year=year)
    section = None
    if filtered.is_bound and filtered.form.is_valid() and filtered.form.cleaned_data.get("section"):
        path = filtered.form.cleaned_data["section"]
        section = (Section.objects.filter(document__in=qs.values("document_id"), path=path).order_by("start").first()
                   or Section(path=path))
    return render(request, "outcomes/scorecard.html", {
        "issuer": issuer, "year": year, "card": card, "table": table, "filter": filtered,
        "years": issuer_years(request.user, issuer), "crumbs": last_plain(issuer_crumbs(issuer, year, section)),
        "chart": status_bars(card.rows()), "rollup": section_rollup(qs),
        "query": _without(request, "export"), "filtered": any(v for k, v in request.GET.items()
                                                              if k in filtered.form.fields),
        "active_filters": filtered.active(), "nothing_found": not filtered.qs.exists(),
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
