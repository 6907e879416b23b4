"""A parse job's progress, in one place: started with its documents, each counted once as done or
failed, finished when every one is counted. Counts are conditional updates, so workers on any host
count the same job without a lock."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from tracker.models import Issuer, ParseJob


def job_start(*, label: str, document_ids: list[int]) -> ParseJob:
    job = ParseJob.objects.create(label=label[:200], total=len(document_ids))
    # who may see the job (tracker.access.parse_jobs_visible): the issuers of its documents
    job.issuers.set(Issuer.objects.filter(documents__pk__in=document_ids).distinct())
    return job


def job_finish_if_done(*, job_id: int) -> None:
    ParseJob.objects.filter(pk=job_id, finished_at__isnull=True, total__lte=F("done") + F("failed")).update(
        finished_at=timezone.now(), current="")


def job_record(*, job_id: int | None, failed: bool = False, current: str = "") -> None:
    """Count one document of a parse job as done or failed (once per document)."""
    if job_id is None:
        return
    field = "failed" if failed else "done"
    ParseJob.objects.filter(pk=job_id).update(**{field: F(field) + 1}, current=current[:300])
    if failed:
        job_finish_if_done(job_id=job_id)
