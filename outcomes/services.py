"""Assessment services: judge a plan's commitments against the review of its plan year.

Proportional to what changed: a parse or a correction of a document judges the document as a plan
and the plans it reviews (``document_assess``), nothing else of the issuer; a judgment that comes
out as stored writes nothing but its time stamp (no history row)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from outcomes.models import Assessment, Outcome
from outcomes.overrides import OVERRIDE_UNDONE, Judged, corrections_fold_assessment
from targets.models import Commitment
from tracker.bridge import core_commitment, core_outcome, evidence_quotes
from tracker.bulk import bulk_set_with_history
from tracker.core import ENGINE_VERSION
from tracker.core import model as core
from tracker.core.assessment import assess_items, review_passages
from tracker.engine import thresholds
from tracker.models import Document, Issuer


def _reviews_of(*, issuer_id: int, year: int):
    return (Document.objects.filter(issuer_id=issuer_id, review_year=year, status=Document.Status.PARSED)
            .order_by("-published", "-uploaded_at"))


def review_document_for(*, issuer: Issuer, year: int) -> Document | None:
    """The issuer's latest parsed document that reviews ``year``."""
    return _reviews_of(issuer_id=issuer.pk, year=year).first()


@dataclass(frozen=True)
class ReviewRead:
    """What a judgment reads of its review: its outcome rows, their engine form and its passages."""

    outcomes: list[Outcome]
    core_outcomes: list[core.Outcome]
    passages: list


def review_read(review: Document) -> ReviewRead:
    outcomes = list(Outcome.objects.filter(document=review))
    sections = [core.Section(s.path, s.heading, s.role, s.start, s.end) for s in review.sections.all()]
    return ReviewRead(outcomes, [core_outcome(o) for o in outcomes], review_passages(review.plain_text, sections))


def issuer_assess(*, issuer: Issuer, years: set[int] | None = None) -> int:
    """(Re)assess all the issuer's plans (of ``years``, or all) that have a review; returns how many
    commitments. For the admin's 重新评估 and a retried assessment: a parse or a correction judges
    only what it can change (``document_assess``)."""
    plan_docs = Document.objects.filter(issuer=issuer, status=Document.Status.PARSED, plan_year__isnull=False)
    if years is not None:
        plan_docs = plan_docs.filter(plan_year__in=years)
    return sum(plan_reassess(plan=plan, issuer=issuer) or 0 for plan in plan_docs)


def plan_reassess(*, plan: Document, issuer: Issuer | None = None) -> int | None:
    """Judge a parsed plan against the issuer's review of its plan year: how many commitments, or
    None when there is no such review yet (``issuer``: the plan's, when the caller has it loaded)."""
    review = review_document_for(issuer=issuer or plan.issuer, year=plan.plan_year)
    if review is None or review.pk == plan.pk:
        return None
    return plan_assess(plan=plan, review=review)


def document_assess(*, document: Document) -> int:
    """What a parse or a correction of ``document`` can change, and only that: the document as a plan
    (its own commitments, against the review of its plan year) and as a review (the plans it reviews).
    Returns how many commitments were judged."""
    count = 0
    if document.status == Document.Status.PARSED and document.plan_year:
        count = plan_reassess(plan=document) or 0
    return count + _reviewed_assess(review=document)


def _reviewed_assess(*, review: Document) -> int:
    """The plans ``review`` judges: the issuer's plans of its review year when it is the review they are
    judged against (the latest of the year), and the plans judged against it before, which another
    review (or none) judges now that its years, date or issuer were corrected."""
    before = set(Assessment.objects.filter(review_document=review).values_list("commitment__document", flat=True))
    reviewed = Q(pk__in=before)
    if review.status == Document.Status.PARSED and review.review_year:
        reviewed |= Q(issuer_id=review.issuer_id, plan_year=review.review_year)
    plans = (Document.objects.filter(reviewed, status=Document.Status.PARSED, plan_year__isnull=False)
             .exclude(pk=review.pk).select_related("issuer"))
    count, current_of = 0, {}
    reads: dict[int, ReviewRead] = {}  # each review read once for all the plans judged against it
    for plan in plans:
        key = (plan.issuer_id, plan.plan_year)
        if key not in current_of:  # the review a plan of that issuer and year is judged against, read once
            pk = _reviews_of(issuer_id=plan.issuer_id, year=plan.plan_year).values_list("pk", flat=True).first()
            current_of[key] = review if pk == review.pk else Document.objects.get(pk=pk) if pk else None
        current = current_of[key]
        if not current or current.pk == plan.pk:
            # no review of its year any more: a judgment against this one would claim what it no longer
            # says; the plan waits for a review (待评估), its corrections kept for when one comes
            Assessment.objects.filter(commitment__document=plan, review_document=review).delete()
        elif current.pk == review.pk or plan.pk in before:  # not: judged by another review, unchanged
            if current.pk not in reads:
                reads[current.pk] = review_read(current)
            count += plan_assess(plan=plan, review=current, read=reads[current.pk])
    return count


def _replace_evidence(assessments: list[Assessment], links: dict[int, set[int]]) -> None:
    """Set every assessment's evidence in at most three queries instead of one ``set()`` per row."""
    through = Assessment.evidence.through
    wanted = {(a.pk, o) for a in assessments for o in links.get(a.commitment_id, ())}
    have = {(a, o): pk for pk, a, o in through.objects.filter(assessment__in=assessments).values_list(
        "pk", "assessment_id", "outcome_id")}
    gone = [pk for pair, pk in have.items() if pair not in wanted]
    if gone:
        through.objects.filter(pk__in=gone).delete()
    add = wanted - have.keys()
    if add:
        through.objects.bulk_create([through(assessment_id=a, outcome_id=o) for a, o in add])


def plan_assess(*, plan: Document, review: Document, read: ReviewRead | None = None) -> int:
    """Judge the plan's commitments against the review: the engine's judgment with the editors'
    corrections folded in (``corrections_fold_assessment``), then stored in bulk, only where it
    differs from what is stored (``_assessments_store``). ``read``: the review as already read for
    another of its plans. Returns how many commitments."""
    commitments = list(Commitment.objects.filter(document=plan, rejected=False))
    read = read or review_read(review)
    outcomes = read.outcomes
    headings = dict(plan.sections.values_list("path", "heading"))
    judgments = assess_items([core_commitment(c) for c in commitments], read.core_outcomes, read.passages,
                             review.review_year, thresholds(), headings, plan.plain_text)
    by_span = {(o.start, o.end, o.value): o for o in outcomes}
    by_clause = {}
    for o in outcomes:
        by_clause.setdefault((o.start, o.end), o)
    judged = {}
    for row, j in zip(commitments, judgments, strict=True):
        evidence_rows = [by_span.get((e.start, e.end, e.value)) or by_clause.get((e.start, e.end))
                         for e in j.evidence]
        values = dict(
            review_document_id=review.pk, status=j.status, score=j.score, actual=j.actual,
            actual_unit=j.actual_unit or "", confidence=j.confidence, rationale=j.rationale,
            evidence_quotes=evidence_quotes(j.evidence),
            engine_version=ENGINE_VERSION,
        )
        judged[row.pk] = Judged(row, values, list(dict.fromkeys(o for o in evidence_rows if o is not None)))
    with transaction.atomic():
        corrections_fold_assessment(plan=plan, review=review, judged=judged, outcomes={o.pk: o for o in outcomes})
        _assessments_store(judged)
    return len(commitments)


# model field names of the attributes a judgment sets by id
_BY_ID = {"review_document_id": "review_document", "overridden_by_id": "overridden_by"}


def _assessments_store(judged: dict[int, Judged]) -> None:
    """Create the new assessments, update only those whose values changed (a history row each, with the
    deciding correction's reason and user), stamp the unchanged ones' ``assessed_at`` without history;
    in bulk, a fixed number of queries whatever the number of rows."""
    now = timezone.now()
    existing = {a.commitment_id: a for a in Assessment.objects.filter(commitment_id__in=judged)}
    new, changed, fields, unchanged = [], [], {"assessed_at"}, []
    for pk, j in judged.items():
        assessment = existing.get(pk)
        if assessment is None:
            assessment = Assessment(commitment=j.commitment, assessed_at=now, **j.values)
            new.append(assessment)
        else:
            differ = [f for f, v in j.values.items() if getattr(assessment, f) != v]
            if not differ:
                unchanged.append(assessment.pk)
                continue
            undone = bool(assessment.override_status or assessment.override_score is not None) \
                and not (j.values["override_status"] or j.values["override_score"] is not None)
            for f in differ:
                setattr(assessment, f, j.values[f])
            assessment.assessed_at = now
            if undone:
                assessment._change_reason = OVERRIDE_UNDONE
            changed.append(assessment)
            fields.update(_BY_ID.get(f, f) for f in differ)
        if j.correction is not None:
            j.correction.sign(assessment)
    if new:
        bulk_create_with_history(new, Assessment, batch_size=500)
    if changed:
        bulk_set_with_history(Assessment, changed, sorted(fields))
    if unchanged:
        Assessment.objects.filter(pk__in=unchanged).update(assessed_at=now)
    _replace_evidence([*new, *existing.values()], {pk: {o.pk for o in j.evidence} for pk, j in judged.items()})
