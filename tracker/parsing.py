"""Parse jobs that always end: queued through the broker without losing any, failures told in
Chinese, documents stuck in 解析中 picked up again.

- ``parse_queue`` sends a parse to the broker. With the broker down it does not raise: the
  document stays 待解析 with no ``queued_at``, and ``documents_sweep`` sends it once the broker
  answers again (beat every ``PARSE_SWEEP_SECONDS``, and every worker when it starts).
- ``document_parse`` (tracker.services) ends in 已解析 or 解析失败 with ``failure_reason``;
  a lost database connection is ``ParseInterrupted``, which the task retries.
- ``documents_sweep`` re-queues documents left in 解析中 past the task's hard time limit (a
  worker killed or timed out), up to ``MAX_PARSE_ATTEMPTS``; then they fail, with the reason.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, DataError, InterfaceError, OperationalError, connections
from django.db.models import F, Q
from django.utils import timezone

from tracker.celery import task
from tracker.models import Document

log = logging.getLogger(__name__)

BROKER_DOWN = "消息队列暂时不可用:文件已保存,队列恢复后将自动开始解析,无需重新上传。"
MAX_PARSE_ATTEMPTS = 3
# a queued parse that has not started after this long is sent again (its message may be lost)
REQUEUE_AFTER = timedelta(hours=1)
# an upload waits this long for its own on-commit send before the sweeper sends it
SEND_GRACE = timedelta(seconds=10)


class ParseInterrupted(Exception):
    """The database went away mid-parse: nothing can be recorded now; the task retries."""


def connection_lost(exc: BaseException) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError))


def failure_reason(exc: BaseException) -> str:
    """What went wrong, for the document's 错误 field, in Chinese."""
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(exc, SoftTimeLimitExceeded):
        limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
        return (f"解析超时:超过 {limit} 秒仍未完成,已停止。文件可能过大或过于复杂,"
                "请拆分后重新上传,或请管理员调高 CELERY_TASK_SOFT_TIME_LIMIT。")
    if isinstance(exc, DataError):
        return "解析结果无法保存到数据库(内容含有数据库不接受的字符或超长字段)。请联系管理员。"
    if isinstance(exc, DatabaseError):
        return f"解析结果保存失败(数据库错误:{type(exc).__name__})。请稍后重新解析或联系管理员。"
    if isinstance(exc, MemoryError):
        return "解析失败:文件过大,内存不足。请拆分后重新上传。"
    return f"解析出错:{type(exc).__name__}。请联系管理员。"


def parse_queue(document_id: int, job_id: int | None = None, *, fresh: bool = True) -> bool:
    """Send one parse to the broker; False (logged, never raised) when the broker is unreachable,
    leaving the document 待解析 without ``queued_at`` for ``documents_sweep``. A ``fresh`` parse
    (an upload, a re-parse asked for) starts counting attempts again; a sweep's does not."""
    parse_document = task("parse_document")
    Document.objects.filter(pk=document_id).update(
        queued_at=timezone.now(), **({"parse_attempts": 0, "parse_job_id": job_id} if fresh else {}))
    try:
        parse_document.apply_async((document_id, job_id), retry=False)
    except Exception as exc:
        if parse_document.app.conf.task_always_eager or not _broker_error(exc):
            raise
        log.warning("broker unreachable, parse of document %s waits for it: %s", document_id, exc)
        Document.objects.filter(pk=document_id).exclude(status=Document.Status.PARSING).update(
            status=Document.Status.PENDING, queued_at=None)
        return False
    return True


def _broker_error(exc: BaseException) -> bool:
    from kombu.exceptions import OperationalError as KombuOperationalError

    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a requirement
        RedisConnectionError = RedisTimeoutError = OSError  # noqa: N806
    return isinstance(exc, (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError))


def awaiting_broker(document: Document) -> bool:
    return Document.objects.filter(pk=document.pk, status=Document.Status.PENDING, queued_at__isnull=True).exists()


def parse_started(document: Document) -> None:
    Document.objects.filter(pk=document.pk).update(status=Document.Status.PARSING, error="",
                                                   parse_started_at=timezone.now(),
                                                   parse_attempts=F("parse_attempts") + 1)


def parse_gave_up(document_id: int, reason: str) -> None:
    """The last word on a parse that cannot finish; if even this cannot be written (the database
    is still away), the document stays 解析中 and ``documents_sweep`` ends it later."""
    for conn in connections.all():
        conn.close_if_unusable_or_obsolete()
    Document.objects.filter(pk=document_id).update(status=Document.Status.FAILED, error=reason,
                                                   parsed_at=timezone.now())


def documents_sweep(*, now=None) -> dict:
    """Send what is waiting for the broker, re-queue what was left 解析中 past its time limit,
    fail what has been tried ``MAX_PARSE_ATTEMPTS`` times. Returns the counts."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    counts = {"queued": 0, "requeued": 0, "failed": 0}
    waiting = Document.objects.filter(status=Document.Status.PENDING).filter(
        Q(queued_at__isnull=True, uploaded_at__lte=now - SEND_GRACE) | Q(queued_at__lte=now - REQUEUE_AFTER))
    for pk, queued_at, job_id in waiting.values_list("pk", "queued_at", "parse_job_id"):
        # claimed by a conditional update: two sweeps send a document once; with its job, if any
        claim = Document.objects.filter(pk=pk, status=Document.Status.PENDING, queued_at=queued_at)
        if claim.update(queued_at=now) == 1:
            if not parse_queue(pk, job_id, fresh=False):
                return counts  # the broker is still down: the next sweep tries again
            counts["queued"] += 1
    stuck = Document.objects.filter(status=Document.Status.PARSING).filter(
        Q(parse_started_at__lte=stale) | Q(parse_started_at__isnull=True, uploaded_at__lte=stale))
    for pk, started, attempts in stuck.values_list("pk", "parse_started_at", "parse_attempts"):
        claim = Document.objects.filter(pk=pk, status=Document.Status.PARSING, parse_started_at=started)
        if attempts >= MAX_PARSE_ATTEMPTS:
            minutes = settings.CELERY_TASK_TIME_LIMIT // 60
            counts["failed"] += claim.update(
                status=Document.Status.FAILED, parsed_at=now,
                error=f"解析 {attempts} 次都未能在 {minutes} 分钟内完成(超时或处理进程中断),已停止重试。"
                      "文件可能过大或过于复杂,请拆分后重新上传,或联系管理员。")
        elif claim.update(status=Document.Status.PENDING, queued_at=now) == 1:
            if not parse_queue(pk, fresh=False):
                return counts
            counts["requeued"] += 1
    return counts


def upload_message(filename: str, result) -> tuple[int, str]:
    """What the upload page says about one ``Ingested``: (message level, text)."""
    from django.contrib import messages

    doc = result.document
    if result.created:
        if result.queued is False:
            return messages.WARNING, f"{filename}:已上传并保存。{BROKER_DOWN}"
        return messages.SUCCESS, f"{filename}:已上传,正在解析。"
    if result.requeued:
        if result.queued is False:
            return messages.WARNING, f"{filename}:该文件已上传过(#{doc.pk}),尚未解析。{BROKER_DOWN}"
        return messages.INFO, f"{filename}:该文件已上传过(#{doc.pk}),尚未解析完成,已重新加入解析队列。"
    return messages.INFO, f"{filename}:同一文件已上传过(#{doc.pk}),未重复入库。"
