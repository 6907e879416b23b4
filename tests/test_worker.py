"""A real Celery worker consuming from the real Redis broker, on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count

from outcomes.models import Outcome
from targets.models import Commitment
from tests.factories import SEEDS, in_threads, ingest_file, wait_for
from tracker.models import Document, Issuer, ParseJob
from tracker.services import document_ingest, document_parse

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker

    from tracker.celery import app

    app.conf.task_always_eager = False
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield app


def test_worker_parses_an_ingested_seed(worker):
    path = next(SEEDS.glob("004_*"))
    result = document_ingest(data=path.read_bytes(), filename=path.name)
    doc = result.document
    assert wait_for(lambda: Document.objects.get(pk=doc.pk).status == Document.Status.PARSED)
    assert Commitment.objects.filter(document=doc).count() > 30


def test_worker_records_a_failed_parse_and_keeps_rows(worker):
    doc = ingest_file(next(SEEDS.glob("001_*")))
    before = Commitment.objects.filter(document=doc).count()
    with doc.original.open("wb") as fh:
        fh.write(b"\xff\xfe\x00\xd8\x00\xd8" * 10)  # broken UTF-16
    from tracker.tasks import parse_document

    parse_document.delay(doc.pk)
    assert wait_for(lambda: Document.objects.get(pk=doc.pk).status == Document.Status.FAILED)
    doc.refresh_from_db()
    assert doc.error and Commitment.objects.filter(document=doc).count() == before


def test_two_concurrent_parses_leave_one_set_of_rows():
    doc = ingest_file(next(SEEDS.glob("004_*")), Issuer.objects.create(name="嘉兴市经信局"))
    expected = (Commitment.objects.filter(document=doc).count(), Outcome.objects.filter(document=doc).count())
    errors = in_threads(lambda: document_parse(document=Document.objects.get(pk=doc.pk)), 2)
    assert not errors
    assert (Commitment.objects.filter(document=doc).count(), Outcome.objects.filter(document=doc).count()) == expected
    dupes = Commitment.objects.values("document", "natural_key").annotate(n=Count("pk")).filter(n__gt=1)
    assert not dupes.exists()


def test_killed_worker_process_job_completes_after_restart(tmp_path):
    """SIGKILL the pool process in the middle of a parse: acks_late + reject_on_worker_lost
    put the task back and the worker's next process parses the document."""
    big = tmp_path / "big.txt"
    body = next(SEEDS.glob("004_*")).read_text(encoding="utf-8")
    big.write_text(body * 60, encoding="utf-8")  # a few seconds of work
    result = document_ingest(data=big.read_bytes(), filename="big.txt", parse=False)
    doc = result.document
    db = connection.settings_dict
    env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "REDIS_URL": settings.REDIS_URL, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    from tracker.celery import app

    app.control.purge()
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker.celery", "worker", "--pool=prefork", "--concurrency=1",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True)
    try:
        app.conf.task_always_eager = False
        from tracker.services import documents_reparse

        job = documents_reparse(documents=Document.objects.filter(pk=doc.pk))  # sent at once (no transaction)
        assert wait_for(lambda: Document.objects.get(pk=doc.pk).status == Document.Status.PARSING, 60)
        child = _pool_child(worker.pid)
        assert child, "no pool process found"
        os.kill(child, signal.SIGKILL)
        parsed = wait_for(lambda: Document.objects.get(pk=doc.pk).status == Document.Status.PARSED, 120)
        assert parsed, log.read_text(errors="replace")[-3000:]
        assert Commitment.objects.filter(document=doc).count() > 0
        # the job finishes, by itself, counting the document once (the killed run is not counted)
        assert wait_for(lambda: ParseJob.objects.get(pk=job.pk).finished_at is not None, 10)
        job.refresh_from_db()
        assert (job.done, job.failed) == (1, 0)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)


def _pool_child(pid: int) -> int | None:
    for _ in range(50):
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        if out:
            return int(out[0])
        time.sleep(0.1)
    return None
