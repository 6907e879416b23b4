"""Corrections re-applied: what an editor decided, folded into the engine's values before a parse or
an assessment stores them, so a re-parse keeps every edit.

A correction points at the natural key (clause offsets + figure) of what it corrects. After a
re-parse the row with that key gets the correction again; if the engine no longer finds that
clause, the correction is flagged orphaned and kept, for an editor to look at in the review queue.
Recording a correction (``targets.corrections``) calls the parse and the assessment; the parse calls
this module, the assessment ``outcomes.overrides``: neither imports back.
"""

from __future__ import annotations

from datetime import date

from outcomes.models import Outcome
from targets.models import Commitment
from tracker.core.extraction import Decided
from tracker.models import Correction, Document, Issuer
from tracker.models.corrections import (
    COMMITMENT_FIELDS,
    DOCUMENT_FIELDS,
    DOCUMENT_KINDS,
    PARSE_KINDS,
    SPAN_KEY,
    section_key,
    section_of,
)


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
    m = SPAN_KEY.fullmatch(key or "")
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


def corrections_apply_parse(*, document: Document) -> None:
    """Re-apply edits, rejections and additions of ``document`` to its rows. (Its own fields and its
    sections' roles were the engine's input, ``decided``; a role whose section is gone is orphaned.)"""
    for corr in document.corrections.filter(active=True, kind__in=(Correction.Kind.SECTION_ROLE, *PARSE_KINDS)):
        if corr.kind == Correction.Kind.SECTION_ROLE:
            key = section_of(corr.target_key)
            corr.orphaned_set(key is None or not document.sections.filter(path=key[0], start=key[1]).exists())
            continue
        if corr.kind == Correction.Kind.ADD_COMMITMENT:
            c = corr.changes
            still_there = document.plain_text[c["start"]:c["end"]] == c["text"]
            corr.orphaned_set(not still_there)
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
        corr.orphaned_set(row is None)
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
        corr.sign(row)
        row.save(update_fields=changed)


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


