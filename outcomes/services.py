"""Assessment services: judge every plan year of an issuer that has a review."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from outcomes.models import Assessment, Outcome
from targets.models import Commitment
from tracker.core import ENGINE_VERSION
from tracker.core import model as core
from tracker.core.assessment import assess_items, review_passages
from tracker.models import Document, Issuer


def _core_commitment(c: Commitment) -> core.Commitment:
    return core.Commitment(
        text=c.text, start=c.start, end=c.end, section=c.section_path, year=c.year, indicator=c.indicator,
        measure=c.measure, comparator=c.comparator or None, target=c.target, target_high=c.target_high,
        unit=c.unit or None, polarity=c.polarity or None, strength=c.strength or None,
        deadline=c.deadline.isoformat() if c.deadline else None,
    )


def _core_outcome(o: Outcome) -> core.Outcome:
    return core.Outcome(text=o.text, start=o.start, end=o.end, section=o.section_path, year=o.year,
                        indicator=o.indicator, measure=o.measure, value=o.value, unit=o.unit or None,
                        cumulative=o.cumulative)


def review_document_for(*, issuer: Issuer, year: int) -> Document | None:
    """The issuer's latest parsed document that reviews ``year``."""
    return (Document.objects.filter(issuer=issuer, review_year=year, status=Document.Status.PARSED)
            .order_by("-published", "-uploaded_at").first())


def issuer_assess(*, issuer: Issuer) -> int:
    """(Re)assess every commitment of the issuer whose year has a review; returns how many.
    Editors' overrides are kept; the engine's own fields are updated in place."""
    count = 0
    plan_docs = Document.objects.filter(issuer=issuer, status=Document.Status.PARSED, plan_year__isnull=False)
    for plan in plan_docs:
        review = review_document_for(issuer=issuer, year=plan.plan_year)
        if review is None or review.pk == plan.pk:
            continue
        count += plan_assess(plan=plan, review=review)
    return count


def plan_assess(*, plan: Document, review: Document) -> int:
    from tracker.corrections import corrections_apply_assessment
    from tracker.services import thresholds

    commitments = list(Commitment.objects.filter(document=plan, rejected=False))
    outcomes = list(Outcome.objects.filter(document=review))
    sections = [core.Section(s.path, s.heading, s.role, s.start, s.end) for s in review.sections.all()]
    judgments = assess_items([_core_commitment(c) for c in commitments], [_core_outcome(o) for o in outcomes],
                             review_passages(review.plain_text, sections), review.review_year, thresholds())
    by_span = {(o.start, o.end, o.value): o for o in outcomes}
    by_clause = {}
    for o in outcomes:
        by_clause.setdefault((o.start, o.end), o)
    now = timezone.now()
    with transaction.atomic():
        for row, j in zip(commitments, judgments, strict=True):
            evidence_rows = [by_span.get((e.start, e.end, e.value)) or by_clause.get((e.start, e.end))
                             for e in j.evidence]
            values = dict(
                review_document=review, status=j.status, score=j.score, actual=j.actual,
                actual_unit=j.actual_unit or "", confidence=j.confidence, rationale=j.rationale,
                evidence_quotes=[{"text": e.text, "start": e.start, "end": e.end, "value": e.value}
                                 for e in j.evidence],
                engine_version=ENGINE_VERSION, assessed_at=now,
            )
            assessment, created = Assessment.objects.get_or_create(commitment=row, defaults=values)
            if not created:
                changed = [f for f, v in values.items() if f != "assessed_at" and getattr(assessment, f) != v]
                for f in changed:
                    setattr(assessment, f, values[f])
                assessment.assessed_at = now
                assessment.save(update_fields=changed + ["assessed_at"])
            assessment.evidence.set([o for o in evidence_rows if o is not None])
        corrections_apply_assessment(plan=plan, review=review)
    return len(commitments)
