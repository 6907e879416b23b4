"""Uploads waiting for a person's answer: the same report as a stored document, in another file.

``document_ingest`` refuses such an upload (``SameDocument``); the page that received it keeps
the bytes here (default storage, under ``pending/``) with a token in the user's session, and
asks: replace the stored version (``document_replace``: same document, corrections kept and
re-applied) or cancel. A token is only good for the session that made it, and the stored
document is looked up again through the user's writable scope when the answer comes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest

from tracker.access import scope_writable
from tracker.models import Document
from tracker.services import IngestError, SameDocument, document_replace

SESSION_KEY = "pending_uploads"


@dataclass(frozen=True)
class Pending:
    token: str
    filename: str
    existing: Document


def pending_keep(request: HttpRequest, *, data: bytes, filename: str, same: SameDocument) -> str:
    """Keep an upload refused as the same text as ``same.existing``; returns its token."""
    token = secrets.token_urlsafe(18)
    name = default_storage.save(f"pending/{token}.upload", ContentFile(data))
    waiting = dict(request.session.get(SESSION_KEY, {}))
    waiting[token] = {"file": name, "filename": filename[:255], "existing": same.existing.pk}
    request.session[SESSION_KEY] = waiting
    return token


def pending_list(request: HttpRequest) -> list[Pending]:
    """The user's uploads still waiting for an answer (whose stored document they may still change)."""
    waiting = request.session.get(SESSION_KEY, {})
    docs = scope_writable(Document.objects.defer("plain_text"), request.user).in_bulk(
        [w["existing"] for w in waiting.values()])
    return [Pending(t, w["filename"], docs[w["existing"]]) for t, w in waiting.items() if w["existing"] in docs]


def pending_get(request: HttpRequest, token: str) -> Pending | None:
    return next((p for p in pending_list(request) if p.token == token), None)


def pending_answer(request: HttpRequest, token: str, *, replace: bool) -> tuple[bool, str]:
    """Replace the stored version with the waiting upload, or drop the upload. Returns (ok, message)."""
    waiting = dict(request.session.get(SESSION_KEY, {}))
    entry = waiting.pop(token, None)
    request.session[SESSION_KEY] = waiting
    if entry is None:
        return False, "该上传已处理或已过期,请重新上传。"
    try:
        if not replace:
            return True, f"{entry['filename']}:已取消上传,保留原文档。"
        existing = scope_writable(Document.objects.all(), request.user).filter(pk=entry["existing"]).first()
        if existing is None:
            return False, "原文档已不存在或您无权修改,未替换。"
        with default_storage.open(entry["file"], "rb") as fh:
            data = fh.read()
        try:
            doc = document_replace(document=existing, data=data, filename=entry["filename"], user=request.user)
        except IngestError as exc:
            return False, str(exc)
        return True, (f"{entry['filename']}:已替换文档 #{doc.pk}《{doc}》的文件,正在重新解析;"
                      "该文档的人工修正会重新应用。")
    finally:
        default_storage.delete(entry["file"])
