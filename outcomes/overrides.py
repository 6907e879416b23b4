"""Corrections of judgments re-applied: an editor's overrides and chosen evidence folded into the
engine's judgment of a plan before the assessment stores it, so a re-assessment keeps every one."""

from __future__ import annotations

from dataclasses import dataclass

from outcomes.models import Outcome
from targets.models import Commitment
from tracker.bridge import core_commitment, evidence_quotes
from tracker.core.assessment import convert
from tracker.core.scoring import fmt, score
from tracker.core.statuses import Status
from tracker.engine import thresholds
from tracker.models import Correction, Document
from tracker.models.corrections import ASSESSMENT_KINDS

# the history reason of an override cleared because its correction was switched off
OVERRIDE_UNDONE = "人工判定已停用"



@dataclass
class Judged:
    """One commitment's judgment as it is about to be stored: the engine's, then the corrections'."""

    commitment: Commitment
    values: dict  # Assessment fields
    evidence: list  # Outcome rows, in the order quoted
    correction: Correction | None = None  # the last correction that decided it (history's reason and user)


def corrections_fold_assessment(*, plan: Document, review: Document, judged: dict[int, Judged],
                                outcomes: dict[int, Outcome]) -> None:
    """The plan's active overrides and evidence links written into ``judged`` (commitment pk → the
    engine's judgment), before anything is stored: an override is a status (and score) kept beside
    the engine's; a link or an unlink judges the commitment again on the evidence the editor chose.
    Overrides no active correction holds are cleared (switched off = undone). ``outcomes``: the
    review's rows by pk. Orphaned flags are set here; nothing else is written."""
    by_key = {j.commitment.natural_key: j for j in judged.values()}
    for j in judged.values():
        j.values.update(override_status="", override_score=None, override_reason="", overridden_by_id=None,
                        overridden_at=None)
    review_rows = {o.natural_key: o for o in outcomes.values()}
    forced: dict[int, dict] = {}
    for corr in plan.corrections.filter(active=True, kind__in=ASSESSMENT_KINDS).select_related("created_by"):
        j = by_key.get(corr.target_key)
        if j is None:
            corr.orphaned_set(True)
            continue
        if corr.kind == Correction.Kind.OVERRIDE:
            corr.orphaned_set(False)
            j.values.update(override_status=corr.changes.get("status", ""), override_score=corr.changes.get("score"),
                            override_reason=corr.reason, overridden_by_id=corr.created_by_id,
                            overridden_at=corr.created_at)
            j.correction = corr
            continue
        if corr.evidence_document_id in (None, review.pk):
            outcome = review_rows.get(corr.evidence_key)
        else:
            outcome = Outcome.objects.filter(document=corr.evidence_document_id, natural_key=corr.evidence_key).first()
        corr.orphaned_set(outcome is None)
        if outcome is None:
            continue
        state = forced.setdefault(j.commitment.pk, {"link": [], "unlink": []})
        state["link" if corr.kind == Correction.Kind.LINK_EVIDENCE else "unlink"].append(outcome)
        j.correction = corr
    for pk, state in forced.items():
        _judge_on_chosen_evidence(judged[pk], state["link"], state["unlink"])


def _judge_on_chosen_evidence(j: Judged, link: list[Outcome], unlink: list[Outcome]) -> None:
    commitment = j.commitment
    # the engine's evidence in the order the evidence relation lists it (document, offsets)
    kept = sorted((o for o in j.evidence if o not in unlink), key=lambda o: (o.document_id, o.start, o.natural_key))
    evidence = link or kept
    values = [convert(o.value, o.unit, commitment.unit) for o in evidence if o.value is not None]
    values = [v for v in values if v is not None]
    if commitment.target is not None and values:
        actual = sum(values)
        status, ratio, arithmetic = score(core_commitment(commitment), actual, thresholds())
        rationale = " + ".join(fmt(v) for v in values) + f" = {fmt(actual)};{arithmetic}(证据经人工指定)"
    elif evidence:
        actual, status, ratio, rationale = None, Status.MET, 1.0, "证据经人工指定"
    else:
        actual, status, ratio, rationale = None, Status.NO_EVIDENCE, None, "证据经人工取消"
    j.evidence = evidence
    j.values.update(status=status, score=ratio, actual=actual,
                    actual_unit=commitment.unit if actual is not None else "", rationale=rationale, confidence=1.0,
                    evidence_quotes=evidence_quotes(evidence))
