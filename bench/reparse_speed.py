"""Re-parse of 1,000 documents by two real Celery workers on Redis (PostgreSQL required).

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/reparse_speed.py [N]

Makes N distinct documents (the seeds with a numbered line each, spread over 100
issuers), starts two worker processes (solo pool each) and waits until both answer a
ping, so their start-up is not timed. Then, twice: queues one re-parse job for all
documents and times it until the job counts every document done — a document is
counted after its re-assessment, so the clock stops after the last one. The first
pass parses and judges everything; the second re-parses unchanged documents, which
should write no history row. Prints documents/s overall and per fifth, assessments
and the history rows each pass wrote.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402

django.setup()

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


def history_rows() -> int:
    from outcomes.models import Assessment, Outcome
    from targets.models import Commitment

    return sum(m.history.count() for m in (Commitment, Outcome, Assessment))


def wait_for_workers(app, n: int, timeout: float = 120) -> None:
    """Until every worker answers a ping: start-up (imports, jieba, the start-up sweep) is not timed."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if len(app.control.ping(timeout=1.0)) >= n:
            return
    sys.exit(f"the {n} workers did not answer within {timeout:.0f} s")


def timed_pass(label: str, n: int) -> None:
    from django.db import transaction

    from outcomes.models import Assessment
    from tracker.models import Document, ParseJob
    from tracker.services import documents_reparse

    history = history_rows()
    t = time.perf_counter()
    with transaction.atomic():
        job = documents_reparse(documents=Document.objects.all(), label="benchmark")
    fifths, marks = [n * k // 5 for k in range(1, 6)], []
    while True:
        job = ParseJob.objects.get(pk=job.pk)
        finished = job.done + job.failed
        while len(marks) < 5 and finished >= fifths[len(marks)]:
            marks.append(time.perf_counter() - t)
        if finished >= job.total:
            break
        time.sleep(0.1)
    elapsed = time.perf_counter() - t
    spans = [b - a for a, b in zip([0.0, *marks], marks, strict=False)]
    rates = [(n / 5) / span if span > 0 else float("inf") for span in spans]
    print(f"{label}: {job.done} documents ({job.failed} failed) with 2 workers in {elapsed:.1f} s: "
          f"{job.done / elapsed:.1f} documents/s (goal ≥ 15)")
    print("  per fifth, documents/s: " + " → ".join(f"{r:.1f}" for r in rates)
          + f"; last/first {rates[-1] / rates[0]:.2f} (goal ≥ 0.8)")
    print(f"  assessments stored: {Assessment.objects.count()}; history rows written: {history_rows() - history}"
          + (" (goal 0)" if label.startswith("unchanged") else ""))


def main() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL:
        sys.exit("needs DATABASE_URL (PostgreSQL) and REDIS_URL")
    media = tempfile.mkdtemp(prefix="reparse-bench-")
    settings.MEDIA_ROOT = media
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    workers = []
    try:
        from django.utils import timezone

        from tracker.celery import app
        from tracker.models import Document, Issuer
        from tracker.services import document_ingest

        seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
        issuers = [Issuer.objects.create(name=f"基准单位{i}") for i in range(100)]
        for i in range(N):
            data = seeds[i % len(seeds)] + f"\n(编号 {i})\n".encode()
            # copies of one seed for one issuer: stored anyway (as `ingest --keep-both`), not refused as the same text
            document_ingest(data=data, filename=f"doc{i}.txt", issuer=issuers[i % 100], parse=False, same_text=True)
        # the benchmark queues them itself: not for the workers' start-up sweep (tracker.parsing)
        Document.objects.update(queued_at=timezone.now())
        db = connection.settings_dict
        env = {**os.environ, "MEDIA_ROOT": media, "REDIS_URL": settings.REDIS_URL,
               "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}
        app.conf.task_always_eager = False
        app.control.purge()
        for n in range(2):
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "tracker.celery", "worker", "--pool=solo", "-n", f"bench{n}@%h",
                 "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        wait_for_workers(app, len(workers))
        for label in ("first parse + assessment", "unchanged re-parse"):
            timed_pass(label, N)
    finally:
        for w in workers:
            os.killpg(w.pid, signal.SIGTERM)
            w.wait(timeout=60)
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
