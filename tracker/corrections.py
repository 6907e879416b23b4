"""Editors' corrections: recorded once, re-applied after every parse and assessment.

A correction points at the natural key (clause offsets + figure) of what it
corrects. After a re-parse the row with that key gets the correction again;
if the engine no longer finds that clause, the correction is flagged orphaned
and kept, for an editor to look at in the review queue.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from outcomes.models import Assessment, Outcome
from targets.models import Commitment
from tracker.access import may_write, may_write_issuer
from tracker.core.assessment import convert
from tracker.core.extraction import Decided
from tracker.core.scoring import fmt, score
from tracker.engine import thresholds
from tracker.models import Correction, Document, Issuer, Section

COMMITMENT_FIELDS = ("target", "target_high", "unit", "comparator", "year", "indicator", "polarity", "measure",
                     "deadline", "strength", "responsible_unit")
OUTCOME_FIELDS = ("value", "unit", "year", "indicator", "measure", "cumulative")
PARSE_KINDS = (Correction.Kind.COMMITMENT_EDIT, Correction.Kind.NOT_A_COMMITMENT, Correction.Kind.ADD_COMMITMENT,
               Correction.Kind.OUTCOME_EDIT)
ASSESSMENT_KINDS = (Correction.Kind.LINK_EVIDENCE, Correction.Kind.UNLINK_EVIDENCE, Correction.Kind.OVERRIDE)
# a person's decisions about the document itself: given to the engine as inputs on every parse (``decided``)
DOCUMENT_KINDS = (Correction.Kind.DOCUMENT_EDIT, Correction.Kind.SECTION_ROLE)
DOCUMENT_FIELDS = ("issuer", "review_year", "plan_year", "kind")
DOCUMENT_KEY = "document"
SECTION_PREFIX = "section:"


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
    from outcomes.services import document_assess  # outcomes.services applies corrections too: import late

    document_assess(document=document)  # the document as a plan and as a review, nothing else
    correction.refresh_from_db()
    return correction


def section_key(path: str, start: int) -> str:
    """The target of a section-role correction: the section's natural key (path, start)."""
    return f"{SECTION_PREFIX}{path}@{start}"


def _section_of(target_key: str) -> tuple[str, int] | None:
    if not (target_key or "").startswith(SECTION_PREFIX) or "@" not in target_key:
        return None
    path, _, start = target_key[len(SECTION_PREFIX):].rpartition("@")
    return (path, int(start)) if start.isdigit() else None


def _document_correction_record(*, document: Document, kind: str, target_key: str, reason: str, user,
                                changes: dict) -> Correction:
    """A correction of the document's own fields or of a section's role: recorded, then the document is
    parsed again with every active decision (``decided``). An issuer change moves the document, only
    into an issuer the user may write."""
    from tracker.services import document_parse  # services applies corrections after a parse: import late

    person = user if getattr(user, "is_authenticated", False) else None
    if person is not None and not may_write(person, document):
        raise CorrectionError("您没有修改该文档的权限。")
    if not changes:
        raise CorrectionError("请填写要修改的内容。")
    moved_from = None
    if kind == Correction.Kind.SECTION_ROLE:
        key = _section_of(target_key)
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


_SPAN_KEY = re.compile(r"(?P<prefix>manual:)?(?P<start>\d+):(?P<end>\d+)(?P<rest>(:[^:]*)?)")


def _moved(old: str, new: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the clause ``old[start:end]`` stands in ``new``: in place, or at its one occurrence."""
    clause = old[start:end]
    if not clause:
        return None
    if new[start:end] == clause:
        return start, end
    at = new.find(clause)
    if at == -1 or new.find(clause, at + 1) != -1:
        return None
    return at, at + len(clause)


def _moved_key(old: str, new: str, key: str) -> str | None:
    m = _SPAN_KEY.fullmatch(key or "")
    if not m:
        return None
    span = _moved(old, new, int(m["start"]), int(m["end"]))
    if span is None:
        return None
    return f"{m['prefix'] or ''}{span[0]}:{span[1]}{m['rest']}"


def corrections_follow_text(*, document: Document, old_text: str, new_text: str) -> int:
    """The document's text is replaced by another file of the same report: every correction that points
    into it by offsets (its own, and evidence links of plans that quote it) is moved to where its clause
    now stands, so that the next parse applies it again. One that cannot be placed is left as it is and
    will be flagged orphaned, never dropped. Returns how many were moved."""
    if not old_text or old_text == new_text:
        return 0
    moved = 0
    for corr in Correction.objects.filter(document=document):
        fields = {}
        if corr.kind == Correction.Kind.SECTION_ROLE:
            key = _section_of(corr.target_key)
            if key is not None:
                line_end = old_text.find("\n", key[1])
                span = _moved(old_text, new_text, key[1], line_end if line_end != -1 else len(old_text))
                if span is not None and span[0] != key[1]:
                    fields["target_key"] = section_key(key[0], span[0])
        elif corr.kind != Correction.Kind.DOCUMENT_EDIT:
            key = _moved_key(old_text, new_text, corr.target_key)
            if key is not None and key != corr.target_key:
                fields["target_key"] = key
            if corr.kind == Correction.Kind.ADD_COMMITMENT and {"start", "end"} <= set(corr.changes):
                span = _moved(old_text, new_text, corr.changes["start"], corr.changes["end"])
                if span is not None and span != (corr.changes["start"], corr.changes["end"]):
                    fields["changes"] = {**corr.changes, "start": span[0], "end": span[1]}
        if fields:
            Correction.objects.filter(pk=corr.pk).update(**fields)
            moved += 1
    for corr in Correction.objects.filter(evidence_document=document).exclude(evidence_key=""):
        key = _moved_key(old_text, new_text, corr.evidence_key)
        if key is not None and key != corr.evidence_key:
            Correction.objects.filter(pk=corr.pk).update(evidence_key=key)
            moved += 1
    return moved


def decided(*, document: Document) -> Decided:
    """The document's active decisions, as the engine's input: later corrections win field by field."""
    fields: dict = {}
    roles: dict[tuple[str, int], str] = {}
    for corr in document.corrections.filter(active=True, kind__in=DOCUMENT_KINDS).order_by("created_at", "pk"):
        if corr.kind == Correction.Kind.SECTION_ROLE:
            key = _section_of(corr.target_key)
            if key is not None and corr.changes.get("role"):
                roles[key] = corr.changes["role"]
            continue
        fields.update({k: v for k, v in corr.changes.items() if k in DOCUMENT_FIELDS and v not in (None, "")})
    issuer = None
    if "issuer" in fields:
        issuer = Issuer.objects.filter(pk=fields["issuer"]).values_list("name", flat=True).first()
    return Decided(review_year=fields.get("review_year"), plan_year=fields.get("plan_year"),
                   kind=fields.get("kind"), issuer=issuer, roles=roles)


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
        if cleaned["status"] not in ("met", "partly_met", "not_met"):
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
                             target_key=f"manual:{start}:{end}", reason=reason, user=user, changes=changes)


def _jsonable(v):
    return v.isoformat() if isinstance(v, date) else v


def history_meta(row, correction: Correction) -> None:
    """The history row of a change a correction made carries its reason and its author."""
    row._change_reason = correction.reason[:100]
    if correction.created_by_id:
        row._history_user = correction.created_by


def _set_orphaned(correction: Correction, orphaned: bool) -> None:
    if correction.orphaned != orphaned:
        correction.orphaned = orphaned
        correction.save(update_fields=["orphaned"])


def corrections_apply_parse(*, document: Document) -> None:
    """Re-apply edits, rejections and additions of ``document`` to its rows. (Its own fields and its
    sections' roles were the engine's input, ``decided``; a role whose section is gone is orphaned.)"""
    for corr in document.corrections.filter(active=True, kind=Correction.Kind.SECTION_ROLE):
        key = _section_of(corr.target_key)
        _set_orphaned(corr, key is None or not document.sections.filter(path=key[0], start=key[1]).exists())
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
    # switched off, a correction is undone: the parse wrote the engine's values over edits and rejections;
    # a commitment added by hand stands only while an active addition holds it
    held = document.corrections.filter(active=True, kind=Correction.Kind.ADD_COMMITMENT).values("target_key")
    Commitment.objects.filter(document=document, manual=True).exclude(natural_key__in=held).delete()


def _apply_fields(row, values: dict, corr: Correction) -> None:
    changed = []
    for field, value in values.items():
        if field == "deadline" and isinstance(value, str):
            value = date.fromisoformat(value)
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed.append(field)
    if changed:
        history_meta(row, corr)
        row.save(update_fields=changed)


# the history reason of an override cleared because its correction was switched off
OVERRIDE_UNDONE = "人工判定已停用"


def corrections_fold_parse(*, document: Document, commitments: dict, outcomes: dict) -> None:
    """Before a parse stores its rows: the active edits and rejections of ``document`` written into
    the engine's values (``natural key → field values``), so a corrected row is compared with what it
    will hold and written, with history, only when that differs. ``corrections_apply_parse`` then
    finds them applied (and flags the orphans, and places the additions)."""
    for corr in document.corrections.filter(active=True, kind__in=PARSE_KINDS):
        if corr.kind == Correction.Kind.NOT_A_COMMITMENT and corr.target_key in commitments:
            commitments[corr.target_key]["rejected"] = True
        elif corr.kind in (Correction.Kind.COMMITMENT_EDIT, Correction.Kind.OUTCOME_EDIT):
            rows = commitments if corr.kind == Correction.Kind.COMMITMENT_EDIT else outcomes
            if corr.target_key in rows:
                rows[corr.target_key].update(
                    {f: date.fromisoformat(v) if f == "deadline" and isinstance(v, str) else v
                     for f, v in corr.changes.items()})


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
            _set_orphaned(corr, True)
            continue
        if corr.kind == Correction.Kind.OVERRIDE:
            _set_orphaned(corr, False)
            j.values.update(override_status=corr.changes.get("status", ""), override_score=corr.changes.get("score"),
                            override_reason=corr.reason, overridden_by_id=corr.created_by_id,
                            overridden_at=corr.created_at)
            j.correction = corr
            continue
        if corr.evidence_document_id in (None, review.pk):
            outcome = review_rows.get(corr.evidence_key)
        else:
            outcome = Outcome.objects.filter(document=corr.evidence_document_id, natural_key=corr.evidence_key).first()
        _set_orphaned(corr, outcome is None)
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
        status, ratio, arithmetic = score(_core_commitment(commitment), actual, thresholds())
        rationale = " + ".join(fmt(v) for v in values) + f" = {fmt(actual)};{arithmetic}(证据经人工指定)"
    elif evidence:
        actual, status, ratio, rationale = None, "met", 1.0, "证据经人工指定"
    else:
        actual, status, ratio, rationale = None, "no_evidence", None, "证据经人工取消"
    j.evidence = evidence
    j.values.update(status=status, score=ratio, actual=actual,
                    actual_unit=commitment.unit if actual is not None else "", rationale=rationale, confidence=1.0,
                    evidence_quotes=[{"text": o.text, "start": o.start, "end": o.end, "value": o.value}
                                     for o in evidence])


def _core_commitment(commitment: Commitment):
    from outcomes.services import core_commitment  # outcomes.services applies corrections too: import late

    return core_commitment(commitment)
