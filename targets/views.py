"""A commitment's page: the clause in its section, the evidence in the review, the arithmetic, the history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from outcomes.models import Assessment
from outcomes.selectors import STATUS_LABELS, assessment_of
from targets.models import Commitment
from tracker.access import scope
from tracker.highlight import highlighted, paragraph_bounds, unique_quotes
from tracker.history_display import merged
from tracker.models import Correction
from tracker.navigation import commitment_crumbs, last_plain


@login_required
def commitment_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(scope(Commitment.objects.select_related("document", "issuer", "section"),
                                request.user), pk=pk)
    plan_text = c.document.plain_text
    lo, hi = (c.section.start, c.section.end) if c.section else paragraph_bounds(plan_text, c.start, c.end)
    if hi - lo > 4000:
        lo, hi = paragraph_bounds(plan_text, c.start, c.end)
    a = assessment_of(c)
    evidence = []
    if a is not None and a.review_document_id:
        review_text = a.review_document.plain_text
        for n, quote in enumerate(unique_quotes(a.evidence_quotes), 1):  # one sentence, several figures: once
            p0, p1 = paragraph_bounds(review_text, quote["start"], quote["end"], limit=200)
            evidence.append({"html": highlighted(review_text, [(quote["start"], quote["end"])], p0, p1),
                             "value": quote.get("value"), "anchor": f"evidence-{n}"})
    corrections = Correction.objects.filter(document=c.document, target_key=c.natural_key).select_related(
        "created_by")
    histories = [(Commitment, c.history.select_related("history_user"))]
    if a is not None:
        histories.append((Assessment, a.history.select_related("history_user")))
    history = merged(*histories, limit=30)
    return render(request, "targets/commitment.html", {
        "c": c, "a": a, "clause_html": highlighted(plan_text, [(c.start, c.end)], lo, hi),
        "evidence": evidence, "corrections": corrections, "history": history,
        "crumbs": last_plain(commitment_crumbs(c)),
        "status_label": STATUS_LABELS.get(a.effective_status if a else "pending"),
        "engine_label": STATUS_LABELS.get(a.status) if a else None,
        # the report that reviews year N is published in N + 1 (a 2025 plan, the 2026 report)
        "review_year": (a.review_document.review_year + 1 if a and a.review_document_id
                        and a.review_document.review_year else (c.year + 1 if c.year else "下一")),
    })
