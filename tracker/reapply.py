"""Corrections re-applied: what an editor decided, folded into the engine's values before a parse or
an assessment stores them, so a re-parse keeps every edit.

A correction points at the natural key (clause offsets + figure) of what it corrects. After a
re-parse the row with that key gets the correction again; if the engine no longer finds that
clause, the correction is flagged orphaned and kept, for an editor to look at in the review queue.
Recording a correction (``tracker.corrections``) calls the parse and the assessment, which call
this module: it imports neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from outcomes.models import Outcome
from targets.models import Commitment
from tracker.bridge import core_commitment, evidence_quotes
from tracker.core.assessment import convert
from tracker.core.extraction import Decided
from tracker.core.scoring import fmt, score
from tracker.core.statuses import Status
from tracker.engine import thresholds
from tracker.models import Correction, Document, Issuer

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


def section_key(path: str, start: int) -> str:
    """The target of a section-role correction: the section's natural key (path, start)."""
    return f"{SECTION_PREFIX}{path}@{start}"


def section_of(target_key: str) -> tuple[str, int] | None:
    if not (target_key or "").startswith(SECTION_PREFIX) or "@" not in target_key:
        return None
    path, _, start = target_key[len(SECTION_PREFIX):].rpartition("@")
    return (path, int(start)) if start.isdigit() else None


_SPAN_KEY = re.compile(r"(?P<prefix>manual:)?(?P<start>\d+):(?P<end>\d+)(?P<rest>(:[^:]*)?)")


def manual_key(start: int, end: int) -> str:
    """The natural key of a commitment added by hand on the clause ``text[start:end]``."""
    return f"manual:{start}:{end}"


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
            key = section_of(corr.target_key)
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
            key = section_of(corr.target_key)
            if key is not None and corr.changes.get("role"):
                roles[key] = corr.changes["role"]
            continue
        fields.update({k: v for k, v in corr.changes.items() if k in DOCUMENT_FIELDS and v not in (None, "")})
    issuer = None
    if "issuer" in fields:
        issuer = Issuer.objects.filter(pk=fields["issuer"]).values_list("name", flat=True).first()
    return Decided(review_year=fields.get("review_year"), plan_year=fields.get("plan_year"),
                   kind=fields.get("kind"), issuer=issuer, roles=roles)


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
    for corr in document.corrections.filter(active=True, kind__in=(Correction.Kind.SECTION_ROLE, *PARSE_KINDS)):
        if corr.kind == Correction.Kind.SECTION_ROLE:
            key = section_of(corr.target_key)
            _set_orphaned(corr, key is None or not document.sections.filter(path=key[0], start=key[1]).exists())
            continue
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
