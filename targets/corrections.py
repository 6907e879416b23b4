"""Editors' corrections: recorded once with who and why, then the document parsed or judged again.

How a recorded correction is applied to every later parse and assessment: ``targets.reapply``.
"""

from __future__ import annotations

import math
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from outcomes.models import Assessment, Outcome
from outcomes.services import document_assess
from targets.models import Commitment
from targets.reapply import corrections_apply_parse
from tracker.access import may_write, may_write_issuer
from tracker.core.statuses import JUDGED
from tracker.models import Correction, Document, Issuer, Section
from tracker.models.corrections import (
    COMMITMENT_FIELDS,
    DOCUMENT_FIELDS,
    DOCUMENT_KEY,
    DOCUMENT_KINDS,
    OUTCOME_FIELDS,
    manual_key,
    section_key,
    section_of,
)
from tracker.services import document_parse

__all__ = ["COMMITMENT_FIELDS", "OUTCOME_FIELDS", "CorrectionError", "changes_clean", "commitment_add",
           "correction_record", "section_key"]


class CorrectionError(ValueError):
    """A correction that cannot be recorded; the message is for editors."""


def correction_record(*, document: Document, kind: str, target_key: str, reason: str, user=None,
                      changes: dict | None = None, evidence=None) -> Correction:
    """Record a correction and apply it at once (re-assessing what it can change: its document as a
    plan and as a review)."""
    if not (reason or "").strip():
        raise CorrectionError("请填写修改原因。")
    changes = {k: _jsonable(v) for k, v in changes_clean(kind=kind, changes=changes).items()}
    if kind in DOCUMENT_KINDS:
        return _document_correction_record(document=document, kind=kind, target_key=target_key, reason=reason,
                                           user=user, changes=changes)
    with transaction.atomic():
        correction = Correction.objects.create(
            document=document, kind=kind, target_key=target_key, changes=changes, reason=reason.strip(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
            evidence_document=evidence.document if evidence is not None else None,
            evidence_key=evidence.natural_key if evidence is not None else "",
        )
        corrections_apply_parse(document=document)
    document_assess(document=document)  # the document as a plan and as a review, nothing else
    correction.refresh_from_db()
    return correction


def _document_correction_record(*, document: Document, kind: str, target_key: str, reason: str, user,
                                changes: dict) -> Correction:
    """A correction of the document's own fields or of a section's role: recorded, then the document is
    parsed again with every active decision (``decided``). An issuer change moves the document, only
    into an issuer the user may write."""
    person = user if getattr(user, "is_authenticated", False) else None
    if person is not None and not may_write(person, document):
        raise CorrectionError("您没有修改该文档的权限。")
    if not changes:
        raise CorrectionError("请填写要修改的内容。")
    moved_from = None
    if kind == Correction.Kind.SECTION_ROLE:
        key = section_of(target_key)
        if key is None or not document.sections.filter(path=key[0], start=key[1]).exists():
            raise CorrectionError("在该文档中找不到这个章节(对象标识应为 section:路径@起点)。")
        target_key = section_key(*key)
    else:
        target_key = DOCUMENT_KEY
        new_issuer = changes.get("issuer")
        if new_issuer is not None and new_issuer != document.issuer_id:
            # the same words whether the issuer exists or not: nothing is told about others
            if (person is not None and not may_write_issuer(person, new_issuer)) or \
                    not Issuer.objects.filter(pk=new_issuer).exists():
                raise CorrectionError("不能把文档移到该发布单位:该单位不存在或不在您可修改的范围内。")
            if Document.objects.filter(issuer_id=new_issuer, sha256=document.sha256).exists():
                raise CorrectionError("该发布单位已有同一文件,不能重复移入。")
            moved_from = document.issuer
    with transaction.atomic():
        correction = Correction.objects.create(document=document, kind=kind, target_key=target_key, changes=changes,
                                               reason=reason.strip(), created_by=person)
        if moved_from is not None:
            Document.objects.filter(pk=document.pk).update(issuer_id=changes["issuer"])
            for model in (Commitment, Outcome):
                model.objects.filter(document=document).update(issuer_id=changes["issuer"])
    document.refresh_from_db()
    # the parse judges the document as a plan and as a review, including the plans it judged before
    # (of its old years, or of the issuer it left): outcomes.services.document_assess
    document_parse(document=document)
    correction.refresh_from_db()
    return correction


# the fields each kind of correction may carry, and the model field that checks each value
_CHANGE_FIELDS = {
    Correction.Kind.COMMITMENT_EDIT: {f: (Commitment, f) for f in COMMITMENT_FIELDS},
    Correction.Kind.ADD_COMMITMENT: {f: (Commitment, f) for f in (*COMMITMENT_FIELDS, "start", "end", "text")},
    Correction.Kind.OUTCOME_EDIT: {f: (Outcome, f) for f in OUTCOME_FIELDS},
    Correction.Kind.OVERRIDE: {"status": (Assessment, "override_status"), "score": (Assessment, "override_score")},
    Correction.Kind.DOCUMENT_EDIT: {f: (Document, f) for f in DOCUMENT_FIELDS},
    Correction.Kind.SECTION_ROLE: {"role": (Section, "role")},
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
        if field.is_relation:  # an issuer by its id; whether it exists and may be written: correction_record
            if isinstance(value, Issuer):
                value = value.pk
            if isinstance(value, bool) or not str(value).isdigit():
                raise CorrectionError(f"字段 {name} 的值无效:应为发布单位的编号。")
            cleaned[name] = int(value)
            continue
        try:
            value = field.clean(value, None)
        except ValidationError as exc:
            raise CorrectionError(f"字段 {name} 的值无效:{' '.join(exc.messages)}") from exc
        if isinstance(value, float) and not math.isfinite(value):
            raise CorrectionError(f"字段 {name} 的值无效:应为有限的数。")
        if kind == Correction.Kind.OVERRIDE and name == "score" and value is not None and not 0 <= value <= 1:
            raise CorrectionError("人工得分应在 0 到 1 之间。")
        cleaned[name] = value
    if kind == Correction.Kind.OVERRIDE and cleaned.get("score") is not None:
        # an override is a status, optionally with a score (outcomes/judgment.py)
        if not cleaned.get("status"):
            raise CorrectionError("只改得分不能生效：请同时选择人工状态（得分可不填，按状态取分）。")
        if cleaned["status"] not in JUDGED:
            raise CorrectionError("无证据和未到期没有得分：请清空人工得分。")
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
                             target_key=manual_key(start, end), reason=reason, user=user, changes=changes)


def _jsonable(v):
    return v.isoformat() if isinstance(v, date) else v

