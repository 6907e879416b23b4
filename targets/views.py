"""A commitment's page: the clause in its section, the evidence in the review, the arithmetic, the history."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from outcomes.lights import warning
from outcomes.models import Assessment
from outcomes.progress import multi_year, progress_of
from outcomes.selectors import STATUS_LABELS, assessment_of
from targets.corrections import CorrectionError, correction_record
from targets.models import Commitment
from tracker.access import can_edit, may_write, scope
from tracker.highlight import highlighted, paragraph_bounds, unique_quotes
from tracker.history_display import merged
from tracker.models import Correction
from tracker.navigation import commitment_crumbs, last_plain


class UnitForm(forms.Form):
    """An editor sets (or clears) the responsible unit: recorded as a correction, kept across re-parses."""

    responsible_unit = forms.CharField(label="责任单位", max_length=100, required=False,
                                       help_text="留空表示未明确")
    reason = forms.CharField(label="修改原因", max_length=500)


def _unit_set(request: HttpRequest, c: Commitment) -> HttpResponse | UnitForm:
    if not (can_edit(request.user) and may_write(request.user, c)):
        raise PermissionDenied("只有该单位的编辑可以设置责任单位。")
    form = UnitForm(request.POST)
    if not form.is_valid():
        return form
    unit = " ".join(form.cleaned_data["responsible_unit"].split())
    if unit == c.responsible_unit:
        form.add_error("responsible_unit", "责任单位没有变化。")
        return form
    try:
        correction_record(document=c.document, kind=Correction.Kind.COMMITMENT_EDIT, target_key=c.natural_key,
                          changes={"responsible_unit": unit}, reason=form.cleaned_data["reason"], user=request.user)
    except CorrectionError as exc:
        form.add_error(None, str(exc))
        return form
    messages.success(request, f"责任单位已设为“{unit}”。" if unit else "已清除责任单位。")
    return redirect("commitment", pk=c.pk)


@login_required
def commitment_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(scope(Commitment.objects.select_related("document", "issuer", "section"),
                                request.user), pk=pk)
    unit_form = None
    if request.method == "POST":
        done = _unit_set(request, c)
        if isinstance(done, HttpResponse):
            return done
        unit_form = done
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
    by_editor = any(corr.active and "responsible_unit" in (corr.changes or {}) for corr in corrections)
    if can_edit(request.user) and may_write(request.user, c):
        unit_form = unit_form or UnitForm(initial={"responsible_unit": c.responsible_unit})
    return render(request, "targets/commitment.html", {
        "c": c, "a": a, "light": warning(a.effective_status if a else "pending", c.deadline, c.year),
        "unit_by_editor": by_editor, "unit_form": unit_form,
        "multi_year": multi_year(c), "progress": progress_of(c, request.user),
        "clause_html": highlighted(plan_text, [(c.start, c.end)], lo, hi),
        "evidence": evidence, "corrections": corrections, "history": history,
        "crumbs": last_plain(commitment_crumbs(c)),
        "status_label": STATUS_LABELS.get(a.effective_status if a else "pending"),
        "engine_label": STATUS_LABELS.get(a.status) if a else None,
        # the report that reviews year N is published in N + 1 (a 2025 plan, the 2026 report)
        "review_year": (a.review_document.review_year + 1 if a and a.review_document_id
                        and a.review_document.review_year else (c.year + 1 if c.year else "下一")),
    })
