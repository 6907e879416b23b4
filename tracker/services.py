"""Services: every write the tracker makes goes through here.

Views, the admin, management commands and Celery tasks all call these
functions; they take keyword arguments and ids or model instances, and are
safe to run twice (rows are upserted on their natural keys, never deleted and
recreated while they still exist).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from outcomes.models import Outcome
from outcomes.services import document_assess
from targets.models import Commitment, natural_keys
from targets.reapply import corrections_apply_parse, corrections_fold_parse, corrections_follow_text, decided
from tracker.access import writable_issuer_ids
from tracker.bulk import bulk_set, bulk_set_with_history
from tracker.celery import task
from tracker.core import ENGINE_VERSION
from tracker.core.extraction import extract_text
from tracker.core.fingerprint import fingerprint, same_document, similarity
from tracker.core.limits import MB
from tracker.core.metadata import find_issuer
from tracker.core.model import Extraction
from tracker.core.reading import UnreadableDocument, read_bytes
from tracker.core.responsibility import responsible_unit
from tracker.engine import engine_limits
from tracker.jobs import job_record, job_start
from tracker.models import Document, Issuer, ParseJob, Section
from tracker.parsing import ParseInterrupted, connection_lost, failure_reason, parse_queue, parse_started

log = logging.getLogger(__name__)


# pages of a PDF read during an upload or a replacement (to tell its issuer); the parse reads them all
UPLOAD_PREVIEW_PAGES = 10
# characters of text fingerprinted inside the request (a few hundred pages of a report, ~0.2 s); a
# longer text is fingerprinted by the parse, which also tells a stored twin (``_twin_warning``)
UPLOAD_PREVIEW_CHARS = 200_000


class IngestError(ValueError):
    """An upload that cannot be taken; the message is for users, in Chinese."""


class SameDocument(IngestError):
    """An upload whose text is a document already stored for the issuer (another file of the same
    report): nothing is stored; the caller asks whether to replace the stored version."""

    def __init__(self, filename: str, existing: Document):
        self.existing = existing
        super().__init__(f"{filename}:与已上传的文档 #{existing.pk}《{existing}》内容相同。")


@dataclass(frozen=True)
class Ingested:
    document: Document
    created: bool
    requeued: bool = False  # the same file again while it still waited for a parse: sent again
    # filled by the on-commit send (``queued``); a caller inside a transaction (the admin) reads it after
    sent: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def queued(self) -> bool | None:
        """Whether the parse went to the broker: None until the surrounding transaction commits (it is
        sent then); False when the broker was down, the document kept and sent when it answers
        (tracker.parsing)."""
        return self.sent.get("queued")

    def send_on_commit(self) -> Ingested:
        sent, pk = self.sent, self.document.pk
        transaction.on_commit(lambda: sent.setdefault("queued", parse_queue(pk)))
        return self


def issuer_resolve(*, name: str, create: bool = True) -> Issuer | None:
    """An issuer by its name or one of its aliases (区发改经信局 → 杭州市西湖区发改经信局)."""
    name = name.strip()
    found = Issuer.objects.filter(name=name).first()
    if found:
        return found
    for issuer in Issuer.objects.exclude(aliases=[]):
        if name in (issuer.aliases or []):
            return issuer
    if not create:
        return None
    issuer, _ = Issuer.objects.get_or_create(name=name)
    return issuer


def document_ingest(*, data: bytes, filename: str, issuer: Issuer | None = None,
                    issuer_name: str | None = None, user=None, parse: bool = True,
                    same_text: bool = False) -> Ingested:
    """Store an upload unchanged and queue its parse. The same bytes for the same
    issuer are recognised and return the existing document; the same text in another
    file (.txt/.docx/.pdf of one report) raises ``SameDocument`` unless ``same_text``
    says to store it anyway (``document_replace`` replaces the stored version instead)."""
    # a person uploads only into issuers they may write (tracker.access); the command line into any
    writable = writable_issuer_ids(user) if getattr(user, "is_authenticated", False) else None
    if issuer is not None and writable is not None and issuer.pk not in writable:
        raise IngestError(f"{filename}:您没有向所选发布单位上传文档的权限。")
    read = _upload_read(data, filename)
    if issuer is None:
        detected = issuer_name or read.hints.get("issuer") or find_issuer(read.text, read.hints.get("title"))
        if not detected:
            raise IngestError(f"{filename}:无法从文件中识别发布单位,请选择发布单位后重新上传。")
        issuer = issuer_resolve(name=detected, create=writable is None)
        if issuer is None or (writable is not None and issuer.pk not in writable):
            # the same words whether the named issuer exists or not: nothing is told about others
            raise IngestError(f"{filename}:文件中的发布单位“{detected[:60]}”不在您可上传的范围内,"
                              "请在“发布单位”中选择您负责的单位后重新上传。")
    digest = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(issuer=issuer, sha256=digest).first()
    if existing:
        return _ingested_again(existing, parse)
    signature = _upload_signature(read)
    if not same_text:
        twin = same_text_document(issuer=issuer, signature=signature)
        if twin is not None and twin.sha256 == digest:  # the same bytes, stored meanwhile by a concurrent upload
            return _ingested_again(twin, parse)
        if twin is not None:
            raise SameDocument(filename, twin)
    doc = Document(issuer=issuer, original_name=filename[:255], sha256=digest, format=read.format,
                   fingerprint=signature,
                   uploaded_by=user if getattr(user, "is_authenticated", False) else None)
    try:
        with transaction.atomic():
            doc.original.save(f"{digest[:16]}-{_safe_name(filename)}", ContentFile(data), save=False)
            doc.save()
    except BaseException as exc:
        # a concurrent upload of the same bytes won (or the row failed): its file is the one kept
        if doc.original.name:
            doc.original.storage.delete(doc.original.name)
        if isinstance(exc, IntegrityError):
            return _ingested_again(Document.objects.get(issuer=issuer, sha256=digest), parse)
        raise
    if not parse:
        return Ingested(doc, True)
    return Ingested(doc, True).send_on_commit()


def _ingested_again(existing: Document, parse: bool) -> Ingested:
    """The same bytes again: nothing stored twice; a document still waiting for its parse (the
    broker was down) or whose parse failed is sent again instead of being reported as done."""
    waiting = existing.status == Document.Status.FAILED or (
        existing.status == Document.Status.PENDING and existing.queued_at is None)
    if not (parse and waiting):
        return Ingested(existing, False)
    return Ingested(existing, False, requeued=True).send_on_commit()


def upload_size_check(*, filename: str, size: int) -> None:
    """An upload over the size limit is refused before it is read (the upload form asks too)."""
    limits = engine_limits()
    if limits.too_big(size):
        raise IngestError(f"{filename}:文件过大,上限 {limits.max_bytes // MB} MB。")


def _upload_read(data: bytes, filename: str):
    """An upload's text as far as a web request reads it: checked whole (size, format, page and
    character caps) but a long PDF only previewed; the full read is the worker's."""
    limits = engine_limits()
    upload_size_check(filename=filename, size=len(data))
    try:
        return read_bytes(data, limits, preview_pages=UPLOAD_PREVIEW_PAGES)
    except UnreadableDocument as exc:
        raise IngestError(f"{filename}:{exc}") from exc


def _upload_signature(read) -> list[int]:
    """The fingerprint a request may compute: of the whole text when it is short and all read;
    else none, and the parse computes it from the full text (a preview's would match nothing)."""
    if not read.complete or len(read.text) > UPLOAD_PREVIEW_CHARS:
        return []
    return fingerprint(read.text)


def same_text_document(*, issuer: Issuer, signature: list[int], exclude: int | None = None) -> Document | None:
    """The issuer's stored document with the same text (``tracker.core.fingerprint``), the most alike
    first; only this issuer's documents are compared, so nothing is told about others."""
    if not signature:
        return None
    best, best_pk = 0.0, None
    rows = Document.objects.filter(issuer=issuer).exclude(fingerprint=[]).exclude(pk=exclude)
    for pk, other in rows.values_list("pk", "fingerprint"):
        if same_document(signature, other):
            sim = similarity(signature, other)
            if sim > best:
                best, best_pk = sim, pk
    if best_pk is None:
        return None
    return Document.objects.select_related("issuer").defer("plain_text", "fingerprint").get(pk=best_pk)


def document_replace(*, document: Document, data: bytes, filename: str, user=None, parse: bool = True) -> Document:
    """Replace a stored document's file (another file of the same report): the document keeps its id,
    its corrections and its history; its text and rows come from the new file on the next parse,
    with the corrections re-applied. Identical bytes change nothing."""
    writable = writable_issuer_ids(user) if getattr(user, "is_authenticated", False) else None
    if writable is not None and document.issuer_id not in writable:
        raise IngestError(f"{filename}:您没有修改该文档的权限。")
    read = _upload_read(data, filename)  # a preview, as for an upload: the parse reads the whole file
    digest = hashlib.sha256(data).hexdigest()
    if digest == document.sha256:
        return document
    if Document.objects.filter(issuer_id=document.issuer_id, sha256=digest).exclude(pk=document.pk).exists():
        raise IngestError(f"{filename}:同一文件已作为另一份文档上传过,未替换。")
    with transaction.atomic():
        # the stored text stays until the parse: there the corrections follow their clauses into the
        # new text (``_text_follow``), from the whole file, which only the worker reads
        doc = Document.objects.select_for_update().defer("plain_text").get(pk=document.pk)
        old_name = doc.original.name
        doc.original.save(f"{digest[:16]}-{_safe_name(filename)}", ContentFile(data), save=False)
        doc.original_name, doc.sha256, doc.format = filename[:255], digest, read.format
        doc.fingerprint, doc.status, doc.error = _upload_signature(read), Document.Status.PENDING, ""
        doc.save(update_fields=["original", "original_name", "sha256", "format", "fingerprint", "status", "error"])
        storage = doc.original.storage
        if old_name and old_name != doc.original.name:
            transaction.on_commit(lambda: storage.delete(old_name))
        if parse:
            transaction.on_commit(lambda: parse_queue(doc.pk))
    return doc


def _safe_name(filename: str) -> str:
    keep = "".join(ch for ch in filename if ch.isalnum() or ch in "._-")
    return keep[-80:] or "upload"


def document_parse(*, document: Document, job: ParseJob | None = None) -> Document:
    """Run the engine over a stored document and upsert what it finds.

    A failure records a plain-language reason and leaves the rows of the
    previous parse as they were."""
    parse_started(document)
    try:
        with document.original.open("rb") as fh:
            data = fh.read()
        read = read_bytes(data, engine_limits())
        text_changed = _text_follow(document, read.text)
        # a person's decisions (corrected years, kind, issuer, section roles) are the engine's inputs
        extraction = extract_text(read.text, read.format, read.hints, decided=decided(document=document))
        with transaction.atomic():
            # two workers on one document take turns here, so its rows are written once; the stored
            # text is not read again (``_text_follow`` did)
            document = (Document.objects.select_for_update().select_related("issuer").defer("plain_text")
                        .get(pk=document.pk))
            _text_store(document, extraction.text, changed=text_changed)
            _store_extraction(document, extraction)
            corrections_apply_parse(document=document)
    except UnreadableDocument as exc:
        return _parse_failed(document, str(exc), job)
    except Exception as exc:  # soft time limit, database errors: never left stuck in "parsing"
        if connection_lost(exc):
            raise ParseInterrupted(str(exc)) from exc
        log.exception("parse of document %s failed", document.pk)
        return _parse_failed(document, failure_reason(exc), job)
    # the document as a plan (its own commitments) and as a review (the plans it reviews), no more
    try:
        document_assess(document=document)
    except Exception as exc:  # the parse stands; the assessment runs again as its own task
        if connection_lost(exc):
            raise ParseInterrupted(str(exc)) from exc
        log.exception("assessment after the parse of document %s failed; queued again", document.pk)
        transaction.on_commit(lambda: _assess_later(document.issuer_id))
    # counted done once its re-assessment is over, so a job (and the benchmark's clock) ends after it
    job_record(job_id=job.pk if job else None, current=str(document))
    document.refresh_from_db(fields=_SMALL_FIELDS)  # its text and fingerprint are the ones just stored
    return document


# the document's fields but its text and fingerprint (a report's text is 50-500 KB)
_SMALL_FIELDS = [f.name for f in Document._meta.concrete_fields if f.name not in ("plain_text", "fingerprint")]


def _text_follow(document: Document, text: str) -> bool:
    """The file now reads as another text (replaced by ``document_replace``, or read differently by a
    newer reader): the corrections that point into the stored text by offsets follow their clauses
    into the new one before the engine is given the document's decisions (section roles are keyed by
    offset). The new text is stored in the same transaction, so they are never moved twice; if the
    parse then fails, the rows of the last parse stay beside the new text until the next one. Returns
    whether the text differs from the stored one (a first parse's does: none was stored)."""
    with transaction.atomic():
        stored = Document.objects.select_for_update().only("pk", "plain_text").get(pk=document.pk)
        if stored.plain_text and stored.plain_text != text:
            corrections_follow_text(document=stored, old_text=stored.plain_text, new_text=text)
            Document.objects.filter(pk=document.pk).update(plain_text=text)
    return stored.plain_text != text


def _text_store(document: Document, text: str, *, changed: bool) -> None:
    """The engine's text is the document's: written with its fingerprint only when it changed (or the
    fingerprint is missing or was computed by an older engine), not on every re-parse."""
    document.plain_text = text
    if changed or not document.fingerprint or document.parser_version != ENGINE_VERSION:
        document.fingerprint = fingerprint(text)
        document.save(update_fields=["plain_text", "fingerprint"])


def _assess_later(issuer_id: int) -> None:
    try:
        task("assess_issuer").delay(issuer_id)
    except Exception:  # the broker is down too: the next parse or assessment of the issuer does it
        log.warning("could not queue the assessment of issuer %s", issuer_id, exc_info=True)


def _parse_failed(document: Document, reason: str, job: ParseJob | None) -> Document:
    Document.objects.filter(pk=document.pk).update(status=Document.Status.FAILED, error=reason,
                                                   parsed_at=timezone.now())
    job_record(job_id=job.pk if job else None, failed=True, current=str(document))
    document.refresh_from_db()
    return document


def _store_extraction(document: Document, x: Extraction) -> None:
    """The document's fields and rows from the engine's findings (its text: ``_text_store``)."""
    info = x.document
    document.title = (info.title or document.title or document.original_name)[:300]
    document.published = info.published
    document.review_year = info.review_year
    document.plan_year = info.plan_year
    document.kind = info.kind
    document.warnings = [*info.warnings, *_twin_warning(document)]
    document.format = x.format
    document.status = Document.Status.PARSED
    document.error = ""
    document.parser_version = ENGINE_VERSION
    document.parsed_at = timezone.now()
    document.save(update_fields=_PARSED_FIELDS)

    sections = _upsert(Section, document, {
        (s.path, s.start): dict(heading=s.heading[:300], role=s.role, end=s.end) for s in x.sections
    }, key_fields=("path", "start"))
    by_path = {}
    for sec in sections.values():
        by_path.setdefault(sec.path, sec)

    def section_for(path: str) -> Section | None:
        while path:
            if path in by_path:
                return by_path[path]
            path = path.rsplit("/", 1)[0] if "/" in path else ""
        return None

    commitments = {}
    for key, c in zip(natural_keys(x.commitments, lambda c: c.target), x.commitments, strict=True):
        commitments[key] = dict(
            issuer_id=document.issuer_id, year=c.year, section_id=_pk(section_for(c.section)), section_path=c.section,
            text=c.text, start=c.start, end=c.end, indicator=c.indicator[:300], measure=c.measure,
            comparator=c.comparator or "", target=c.target, target_high=c.target_high, unit=c.unit or "",
            polarity=c.polarity or "", strength=c.strength or "", deadline=_date(c.deadline), rejected=False,
            # the unit the clause or its sentence names (牵头单位/由…负责); an editor's correction wins
            responsible_unit=(responsible_unit(x.text, c.start, c.end) or "")[:100],
        )
    outcomes = {}
    for key, o in zip(natural_keys(x.outcomes, lambda o: o.value), x.outcomes, strict=True):
        outcomes[key] = dict(
            issuer_id=document.issuer_id, year=o.year, section_id=_pk(section_for(o.section)), section_path=o.section,
            text=o.text, start=o.start, end=o.end, indicator=o.indicator[:300], measure=o.measure,
            value=o.value, unit=o.unit or "", cumulative=o.cumulative,
        )
    # the editors' edits and rejections first: a corrected row is compared with what it will hold
    corrections_fold_parse(document=document, commitments=commitments, outcomes=outcomes)
    _upsert(Commitment, document, commitments, key_fields=("natural_key",), keep=lambda row: row.manual)
    _upsert(Outcome, document, outcomes, key_fields=("natural_key",))


_PARSED_FIELDS = ["title", "published", "review_year", "plan_year", "kind", "warnings", "format", "status", "error",
                  "parser_version", "parsed_at"]


def _date(value: str | None):
    """The engine's ISO date as the model holds it (a string would differ from the stored date on
    every comparison, and write a history row on every parse)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return value


def _twin_warning(document: Document) -> list[str]:
    """A long upload is fingerprinted only here (``UPLOAD_PREVIEW_CHARS``), so its request could not
    tell a stored document with the same text: the later of the two says so in its warnings."""
    twin = same_text_document(issuer=document.issuer, signature=document.fingerprint, exclude=document.pk)
    if twin is None or twin.pk > document.pk:
        return []
    return [f"与已上传的文档 #{twin.pk}《{twin}》内容相同(同一报告的另一份文件):"
            "如无需保留两份,请删除本文档,或在原文档上传替换文件。"]


def _pk(row) -> int | None:
    return row.pk if row is not None else None


# Rows are written in batches: a document has a few hundred; memory stays small.
UPSERT_BATCH = 500


def _upsert(model, document: Document, rows: dict, key_fields: tuple[str, ...], keep=None) -> dict:
    """Update rows whose natural key is still found, create the new ones, delete the ones the
    engine no longer finds (corrections live in their own rows). Writes go in bulk, with
    history rows where the model keeps history."""
    existing = {}
    for row in model.objects.filter(document=document):
        key = tuple(getattr(row, f) for f in key_fields)
        existing[key if len(key) > 1 else key[0]] = row
    out, new, changed, changed_fields = {}, [], [], set()
    for key, values in rows.items():
        row = existing.pop(key, None)
        if row is None:
            ident = dict(zip(key_fields, key if isinstance(key, tuple) else (key,), strict=True))
            row = model(document=document, **ident, **values)
            new.append(row)
        else:
            fields = [f for f, v in values.items() if getattr(row, f) != v]
            for f in fields:
                setattr(row, f, values[f])
            if fields:
                changed.append(row)
                changed_fields.update(fields)
        out[key] = row
    stale = [row.pk for row in existing.values() if not (keep and keep(row))]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    history = hasattr(model, "history")
    if new:
        if history:
            bulk_create_with_history(new, model, batch_size=UPSERT_BATCH)
        else:
            model.objects.bulk_create(new, batch_size=UPSERT_BATCH)
    if changed:
        (bulk_set_with_history if history else bulk_set)(model, changed, sorted(changed_fields))
    return out


def documents_reparse(*, documents, label: str = "重新解析") -> ParseJob:
    """Queue one parse job per document (ids only, after commit); with the broker down they wait
    as 待解析 and are sent when it answers (tracker.parsing)."""
    ids = list(documents.values_list("pk", flat=True))
    job = job_start(label=label, document_ids=ids)
    for pk in ids:
        transaction.on_commit(lambda pk=pk: parse_queue(pk, job.pk))
    return job
