"""Editors' corrections: recorded once, re-applied after every parse and assessment.

A correction points at the natural key (clause offsets + figure) of what it
corrects. After a re-parse the row with that key gets the correction again;
if the engine no longer finds that clause, the correction is flagged orphaned
and kept, for an editor to look at in the review queue.
"""

from __future__ import annotations

import math
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from outcomes.models import Assessment, Outcome
from targets.models import Commitment
from tracker.core.assessment import convert
from tracker.core.scoring import fmt, score
from tracker.engine import thresholds
from tracker.models import Correction, Document

COMMITMENT_FIELDS = ("target", "target_high", "unit", "comparator", "year", "indicator", "polarity", "measure",
                     "deadline", "strength")
OUTCOME_FIELDS = ("value", "unit", "year", "indicator", "measure", "cumulative")
PARSE_KINDS = (Correction.Kind.COMMITMENT_EDIT, Correction.Kind.NOT_A_COMMITMENT, Correction.Kind.ADD_COMMITMENT,
               Correction.Kind.OUTCOME_EDIT)
ASSESSMENT_KINDS = (Correction.Kind.LINK_EVIDENCE, Correction.Kind.UNLINK_EVIDENCE, Correction.Kind.OVERRIDE)


class CorrectionError(ValueError):
    """A correction that cannot be recorded; the message is for editors."""


def correction_record(*, document: Document, kind: str, target_key: str, reason: str, user=None,
                      changes: dict | None = None, evidence=None) -> Correction:
    """Record a correction and apply it at once (re-assessing the issuer)."""
    if not (reason or "").strip():
        raise CorrectionError("请填写修改原因。")
    changes = {k: _jsonable(v) for k, v in changes_clean(kind=kind, changes=changes).items()}
    with transaction.atomic():
        correction = Correction.objects.create(
            document=document, kind=kind, target_key=target_key, changes=changes, reason=reason.strip(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
            evidence_document=evidence.document if evidence is not None else None,
            evidence_key=evidence.natural_key if evidence is not None else "",
        )
        corrections_apply_parse(document=document)
    from outcomes.services import issuer_assess  # outcomes.services applies corrections too: import late

    issuer_assess(issuer=document.issuer)
    correction.refresh_from_db()
    return correction


# the fields each kind of correction may carry, and the model field that checks each value
_CHANGE_FIELDS = {
    Correction.Kind.COMMITMENT_EDIT: {f: (Commitment, f) for f in COMMITMENT_FIELDS},
    Correction.Kind.ADD_COMMITMENT: {f: (Commitment, f) for f in (*COMMITMENT_FIELDS, "start", "end", "text")},
    Correction.Kind.OUTCOME_EDIT: {f: (Outcome, f) for f in OUTCOME_FIELDS},
    Correction.Kind.OVERRIDE: {"status": (Assessment, "override_status"), "score": (Assessment, "override_score")},
}


def changes_clean(*, kind: str, changes) -> dict:
    """A correction's ``changes`` checked as the models would check them: a JSON object, known
    fields only, each value of its field's type, in its range and among its choices. Anything
    else is a ``CorrectionError`` in Chinese (never a database error later)."""
    if changes is None or changes == "":
        changes = {}
    if not isinstance(changes, dict):
        raise CorrectionError("“修改内容”应为 JSON 对象,例如 {\"target\": 10, \"unit\": \"家\"}。")
    fields = _CHANGE_FIELDS.get(kind, {})
    unknown = set(changes) - set(fields)
    if unknown:
        raise CorrectionError(f"不能修改这些字段:{'、'.join(sorted(map(str, unknown)))}")
    cleaned = {}
    for name, value in changes.items():
        model, field_name = fields[name]
        field = model._meta.get_field(field_name)
        if isinstance(value, (dict, list)):
            raise CorrectionError(f"字段 {name} 的值无效:应为单个值。")
        try:
            value = field.clean(value, None)
        except ValidationError as exc:
            raise CorrectionError(f"字段 {name} 的值无效:{' '.join(exc.messages)}") from exc
        if isinstance(value, float) and not math.isfinite(value):
            raise CorrectionError(f"字段 {name} 的值无效:应为有限的数。")
        if kind == Correction.Kind.OVERRIDE and name == "score" and value is not None and not 0 <= value <= 1:
            raise CorrectionError("人工得分应在 0 到 1 之间。")
        cleaned[name] = value
    return cleaned


def commitment_add(*, document: Document, start: int, end: int, reason: str, user=None,
                   fields: dict | None = None) -> Correction:
    """Add a commitment the engine missed, by selecting its clause in the plain text."""
    if not (0 <= start < end <= len(document.plain_text)):
        raise CorrectionError("所选位置超出了文档正文。")
    text = document.plain_text[start:end]
    changes = {"start": start, "end": end, "text": text, **(fields or {})}
    changes.setdefault("measure", "qualitative" if changes.get("target") is None else "count")
    return correction_record(document=document, kind=Correction.Kind.ADD_COMMITMENT,
                             target_key=f"manual:{start}:{end}", reason=reason, user=user, changes=changes)


def _jsonable(v):
    return v.isoformat() if isinstance(v, date) else v


def _history_meta(row, correction: Correction) -> None:
    row._change_reason = correction.reason[:100]
    if correction.created_by_id:
        row._history_user = correction.created_by


def _set_orphaned(correction: Correction, orphaned: bool) -> None:
    if correction.orphaned != orphaned:
        correction.orphaned = orphaned
        correction.save(update_fields=["orphaned"])


def corrections_apply_parse(*, document: Document) -> None:
    """Re-apply edits, rejections and additions of ``document`` to its rows."""
    for corr in document.corrections.filter(active=True, kind__in=PARSE_KINDS):
        if corr.kind == Correction.Kind.ADD_COMMITMENT:
            c = corr.changes
            still_there = document.plain_text[c["start"]:c["end"]] == c["text"]
            _set_orphaned(corr, not still_there)
            if not still_there:
                Commitment.objects.filter(document=document, natural_key=corr.target_key).delete()
                continue
            values = {k: c.get(k) for k in COMMITMENT_FIELDS if k in c}
            row, _ = Commitment.objects.get_or_create(
                document=document, natural_key=corr.target_key,
                defaults=dict(issuer=document.issuer, text=c["text"], start=c["start"], end=c["end"], manual=True,
                              year=c.get("year") or document.plan_year, measure=c.get("measure", "qualitative"),
                              indicator=c.get("indicator") or c["text"][:300]))
            _apply_fields(row, values, corr)
            continue
        model = Outcome if corr.kind == Correction.Kind.OUTCOME_EDIT else Commitment
        row = model.objects.filter(document=document, natural_key=corr.target_key).first()
        _set_orphaned(corr, row is None)
        if row is None:
            continue
        if corr.kind == Correction.Kind.NOT_A_COMMITMENT:
            _apply_fields(row, {"rejected": True}, corr)
        else:
            _apply_fields(row, corr.changes, corr)


def _apply_fields(row, values: dict, corr: Correction) -> None:
    changed = []
    for field, value in values.items():
        if field == "deadline" and isinstance(value, str):
            value = date.fromisoformat(value)
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed.append(field)
    if changed:
        _history_meta(row, corr)
        row.save(update_fields=changed)


def corrections_apply_assessment(*, plan: Document, review: Document) -> None:
    """Re-apply evidence links and status overrides after an assessment."""
    from outcomes.services import core_commitment  # see above: the two modules call each other

    forced: dict[int, dict] = {}
    for corr in plan.corrections.filter(active=True, kind__in=ASSESSMENT_KINDS).select_related("created_by"):
        commitment = Commitment.objects.filter(document=plan, natural_key=corr.target_key).first()
        assessment = Assessment.objects.filter(commitment=commitment).first() if commitment else None
        if assessment is None:
            _set_orphaned(corr, True)
            continue
        if corr.kind == Correction.Kind.OVERRIDE:
            _set_orphaned(corr, False)
            assessment.override_status = corr.changes.get("status", "")
            assessment.override_score = corr.changes.get("score")
            assessment.override_reason = corr.reason
            assessment.overridden_by = corr.created_by
            assessment.overridden_at = corr.created_at
            _history_meta(assessment, corr)
            assessment.save(update_fields=["override_status", "override_score", "override_reason",
                                           "overridden_by", "overridden_at"])
            continue
        outcome = Outcome.objects.filter(document=corr.evidence_document_id or review.pk,
                                         natural_key=corr.evidence_key).first()
        _set_orphaned(corr, outcome is None)
        if outcome is None:
            continue
        state = forced.setdefault(assessment.pk, {"assessment": assessment, "commitment": commitment,
                                                  "link": [], "unlink": [], "corr": corr})
        state["link" if corr.kind == Correction.Kind.LINK_EVIDENCE else "unlink"].append(outcome)
        state["corr"] = corr
    for state in forced.values():
        assessment, commitment = state["assessment"], state["commitment"]
        evidence = [o for o in assessment.evidence.all() if o not in state["unlink"]]
        if state["link"]:
            evidence = state["link"]
        values = [convert(o.value, o.unit, commitment.unit) for o in evidence if o.value is not None]
        values = [v for v in values if v is not None]
        if commitment.target is not None and values:
            actual = sum(values)
            status, ratio, arithmetic = score(core_commitment(commitment), actual, thresholds())
            rationale = " + ".join(fmt(v) for v in values) + f" = {fmt(actual)};{arithmetic}(证据经人工指定)"
        elif evidence:
            actual, status, ratio, rationale = None, "met", 1.0, "证据经人工指定"
        else:
            actual, status, ratio, rationale = None, "no_evidence", None, "证据经人工取消"
        assessment.status, assessment.score, assessment.actual = status, ratio, actual
        assessment.actual_unit = commitment.unit if actual is not None else ""
        assessment.rationale, assessment.confidence = rationale, 1.0
        assessment.evidence_quotes = [{"text": o.text, "start": o.start, "end": o.end, "value": o.value}
                                      for o in evidence]
        assessment.assessed_at = timezone.now()
        _history_meta(assessment, state["corr"])
        assessment.save()
        assessment.evidence.set(evidence)
