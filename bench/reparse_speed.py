"""Re-parse of 1,000 documents by two real Celery workers on Redis (PostgreSQL required).

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/reparse_speed.py [N]

Makes N distinct documents (the seeds with a numbered line each, spread over 100
issuers), queues one re-parse job per document, and times two worker processes
(solo pool each) until the job's progress says all are done.
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
        from tracker.models import Document, Issuer, ParseJob
        from tracker.services import document_ingest, documents_reparse

        seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
        issuers = [Issuer.objects.create(name=f"基准单位{i}") for i in range(100)]
        for i in range(N):
            data = seeds[i % len(seeds)] + f"\n(编号 {i})\n".encode()
            document_ingest(data=data, filename=f"doc{i}.txt", issuer=issuers[i % 100], parse=False)
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
        time.sleep(3)
        from django.db import transaction

        t = time.perf_counter()
        with transaction.atomic():
            job = documents_reparse(documents=Document.objects.all(), label="benchmark")
        while True:
            job = ParseJob.objects.get(pk=job.pk)
            if job.done + job.failed >= job.total:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - t
        print(f"re-parsed {job.done} documents ({job.failed} failed) with 2 workers in {elapsed:.1f} s: "
              f"{job.done / elapsed:.1f} documents/s")
    finally:
        for w in workers:
            os.killpg(w.pid, signal.SIGTERM)
            w.wait(timeout=60)
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
