"""Celery tasks: load by id, call a service. Queued after commit; safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import connections, transaction

from outcomes.mail import (
    scorecard_send,
    scorecards_send,
    send_batches,
    send_not_queued,
    sends_retry_due,
    subscriptions_claim_due,
)
from outcomes.services import issuer_assess
from tracker.core import ENGINE_VERSION
from tracker.jobs import job_finish_if_done, job_record
from tracker.models import Document, Issuer, ParseJob
from tracker.parsing import ParseInterrupted, documents_sweep, parse_gave_up
from tracker.services import document_parse, documents_reparse


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def parse_document(self, document_id: int, job_id: int | None = None) -> str:
    """Parse one document. A lost database connection is retried with backoff; after the last
    retry the document fails with the reason. A killed worker's task comes back (acks_late)."""
    try:
        # the parse reads the text from the file and the stored one once (tracker.services._text_follow)
        document = (Document.objects.filter(pk=document_id).select_related("issuer")
                    .defer("plain_text", "fingerprint").first())
        if document is None:
            return "missing"
        job = ParseJob.objects.filter(pk=job_id).first() if job_id else None
        document = document_parse(document=document, job=job)
    except ParseInterrupted as exc:
        for conn in connections.all():
            conn.close()
        if self.request.retries < self.max_retries:
            raise self.retry(countdown=min(60, 5 * 2 ** self.request.retries), exc=exc) from exc
        parse_gave_up(document_id, "数据库连接多次中断,解析未能完成。请稍后重新解析,或联系管理员。")
        job_record(job_id=job_id, failed=True)
        return "failed"
    if job is not None:
        job_finish_if_done(job_id=job.pk)
    return document.status


@shared_task
def reparse_outdated() -> int:
    """Beat: re-parse every document parsed by an older engine (stuck ones: ``sweep_documents``)."""
    outdated = Document.objects.exclude(parser_version=ENGINE_VERSION).filter(
        status__in=(Document.Status.PARSED, Document.Status.FAILED))
    if not outdated.exists():
        return 0
    job = documents_reparse(documents=outdated, label=f"引擎升级到 {ENGINE_VERSION},重新解析")
    return job.total


@shared_task
def sweep_documents() -> dict:
    """Beat, every minute, and each worker at start: send parses that waited for the broker,
    re-queue documents left 解析中 past their time limit (tracker.parsing)."""
    return documents_sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def assess_issuer(issuer_id: int) -> int:
    issuer = Issuer.objects.filter(pk=issuer_id).first()
    return issuer_assess(issuer=issuer) if issuer else 0


@shared_task
def send_due_scorecards() -> int:
    """Beat, every few minutes: claim due subscriptions once, and failed sends whose wait is over
    (outcomes.mail.sends_retry_due), and queue them in batches (outcomes.mail.SENDS_PER_BATCH)."""
    ids = subscriptions_claim_due() + sends_retry_due()

    def queue(batch: list[int]) -> None:
        try:
            send_scorecards.delay(batch)
        except Exception as exc:  # the broker is away: the next beat run tries again
            for pk in batch:
                send_not_queued(send_id=pk, error=exc)

    for batch in send_batches(ids):
        transaction.on_commit(lambda batch=batch: queue(batch))
    return len(ids)


@shared_task(acks_late=True)
def send_scorecards(send_ids: list[int]) -> list[str]:
    """Send a batch of scorecards (one per recipient), each as ``send_scorecard``; run again after a
    lost worker, the sends already made are not made again."""
    return [send.status for send in scorecards_send(send_ids=send_ids)]


@shared_task(acks_late=True)
def send_scorecard(send_id: int) -> str:
    """Send one scorecard; a failure is recorded on its row and retried by the beat with a growing
    wait (durable: the row, not a message, holds it), other recipients go on."""
    return scorecard_send(send_id=send_id).status
