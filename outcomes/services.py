"""Assessment services: judge every plan year of an issuer that has a review."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from outcomes.models import Assessment, Outcome
from targets.models import Commitment
from tracker.core import ENGINE_VERSION
from tracker.core import model as core
from tracker.core.assessment import assess_items, review_passages
from tracker.corrections import corrections_apply_assessment
from tracker.engine import thresholds
from tracker.models import Document, Issuer


def core_commitment(c: Commitment) -> core.Commitment:
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


def issuer_assess(*, issuer: Issuer, years: set[int] | None = None) -> int:
    """(Re)assess the issuer's plans (of ``years``, or all) that have a review; returns how many
    commitments. Editors' overrides are kept; the engine's own fields are updated in place."""
    count = 0
    plan_docs = Document.objects.filter(issuer=issuer, status=Document.Status.PARSED, plan_year__isnull=False)
    if years is not None:
        plan_docs = plan_docs.filter(plan_year__in=years)
    for plan in plan_docs:
        review = review_document_for(issuer=issuer, year=plan.plan_year)
        if review is None or review.pk == plan.pk:
            continue
        count += plan_assess(plan=plan, review=review)
    return count


def _replace_evidence(assessments: list[Assessment], links: dict[int, set[int]]) -> None:
    """Set every assessment's evidence in two queries instead of one ``set()`` per row."""
    through = Assessment.evidence.through
    wanted = {(a.pk, o) for a in assessments for o in links.get(a.commitment_id, ())}
    have = set(through.objects.filter(assessment__in=assessments).values_list("assessment_id", "outcome_id"))
    gone = have - wanted
    if gone:
        for a_id, o_id in gone:
            through.objects.filter(assessment_id=a_id, outcome_id=o_id).delete()
    through.objects.bulk_create([through(assessment_id=a, outcome_id=o) for a, o in wanted - have])


def plan_assess(*, plan: Document, review: Document) -> int:
    commitments = list(Commitment.objects.filter(document=plan, rejected=False))
    outcomes = list(Outcome.objects.filter(document=review))
    sections = [core.Section(s.path, s.heading, s.role, s.start, s.end) for s in review.sections.all()]
    headings = dict(plan.sections.values_list("path", "heading"))
    judgments = assess_items([core_commitment(c) for c in commitments], [_core_outcome(o) for o in outcomes],
                             review_passages(review.plain_text, sections), review.review_year, thresholds(),
                             headings, plan.plain_text)
    by_span = {(o.start, o.end, o.value): o for o in outcomes}
    by_clause = {}
    for o in outcomes:
        by_clause.setdefault((o.start, o.end), o)
    now = timezone.now()
    existing = {a.commitment_id: a for a in Assessment.objects.filter(commitment__in=commitments)}
    new, changed, changed_fields, links = [], [], {"assessed_at"}, {}
    for row, j in zip(commitments, judgments, strict=True):
        evidence_rows = [by_span.get((e.start, e.end, e.value)) or by_clause.get((e.start, e.end))
                         for e in j.evidence]
        values = dict(
            review_document_id=review.pk, status=j.status, score=j.score, actual=j.actual,
            actual_unit=j.actual_unit or "", confidence=j.confidence, rationale=j.rationale,
            evidence_quotes=[{"text": e.text, "start": e.start, "end": e.end, "value": e.value}
                             for e in j.evidence],
            engine_version=ENGINE_VERSION,
        )
        assessment = existing.get(row.pk)
        if assessment is None:
            assessment = Assessment(commitment=row, assessed_at=now, **values)
            new.append(assessment)
        else:
            fields = [f for f, v in values.items() if getattr(assessment, f) != v]
            for f in fields:
                setattr(assessment, f, values[f])
            assessment.assessed_at = now
            changed.append(assessment)
            changed_fields.update(fields)
        links[row.pk] = {o.pk for o in evidence_rows if o is not None}
    with transaction.atomic():
        if new:
            bulk_create_with_history(new, Assessment, batch_size=500)
        if changed:
            bulk_update_with_history(changed, Assessment, sorted(changed_fields), batch_size=500)
        _replace_evidence([*new, *changed], links)
        corrections_apply_assessment(plan=plan, review=review)
    return len(commitments)
