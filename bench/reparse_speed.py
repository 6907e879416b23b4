"""Parse and assessment of 2,000 documents over 100 issuers by real Celery workers on Redis (PostgreSQL
required), with 1 worker and then with 2.

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/reparse_speed.py [N] [--workers 1,2]

For each worker count, on emptied document tables: uploads N distinct documents (the seeds with a
numbered line each, spread over 100 issuers; the uploads are the web requests' work, timed apart and
not in the figures), starts the workers (solo pool each) and waits until every one answers a ping, so
their start-up is not timed. Then, twice: queues one re-parse job for all documents and times it until
the job counts every document done — a document is counted after its re-assessment, so the clock
stops after the last one. The first pass parses and judges everything; the second re-parses unchanged
documents, which should write no history row. Prints documents/s overall and per fifth, the load
average beside each figure, assessments and the history rows each pass wrote.

Bars (issue 13), with 2 workers: first parse ≥ 15 documents/s, its last fifth ≥ 0.8× its first; the
unchanged re-parse ≥ 15 documents/s and no history row. The 1-worker figures are printed beside the
same goals to show how the work scales with workers.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _bench import MACHINE, verdict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402

django.setup()

ISSUERS = 100
GOAL_RATE, GOAL_FIFTHS = 15.0, 0.8


@dataclass(frozen=True)
class Pass:
    label: str
    workers: int
    rate: float
    fifths: list[float]
    history: int

    @property
    def ratio(self) -> float:
        return self.fifths[-1] / self.fifths[0]


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def history_rows() -> int:
    from outcomes.models import Assessment, Outcome
    from targets.models import Commitment

    return sum(m.history.count() for m in (Commitment, Outcome, Assessment))


def upload(issuers, seeds: list[bytes], n: int) -> float:
    """Empty the document tables (and everything that points at them) and upload ``n`` documents again;
    returns the seconds the uploads took."""
    from django.db import connection
    from django.utils import timezone

    from tracker.models import Document
    from tracker.services import document_ingest

    with connection.cursor() as cur:
        cur.execute(f'TRUNCATE "{Document._meta.db_table}" CASCADE')
    t = time.perf_counter()
    for i in range(n):
        data = seeds[i % len(seeds)] + f"\n(编号 {i})\n".encode()
        # copies of one seed for one issuer: stored anyway (as `ingest --keep-both`), not refused as the same text
        document_ingest(data=data, filename=f"doc{i}.txt", issuer=issuers[i % len(issuers)], parse=False,
                        same_text=True)
    # the benchmark queues them itself: not for the workers' start-up sweep (tracker.parsing)
    Document.objects.update(queued_at=timezone.now())
    return time.perf_counter() - t


def start_workers(app, n: int, env: dict, timeout: float = 120) -> list[subprocess.Popen]:
    """``n`` solo workers, returned once every one answers a ping: start-up (imports, jieba, the start-up
    sweep) is not timed."""
    workers = [subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker.celery", "worker", "--pool=solo", "-n", f"bench{k}@%h",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for k in range(n)]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if len(app.control.ping(timeout=1.0)) >= n:
            return workers
    stop_workers(workers)
    sys.exit(f"the {n} workers did not answer within {timeout:.0f} s")


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for w in workers:
        os.killpg(w.pid, signal.SIGTERM)
    for w in workers:
        w.wait(timeout=60)


def timed_pass(label: str, n: int, workers: int) -> Pass:
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
    result = Pass(label, workers, job.done / elapsed, rates, history_rows() - history)
    print(f"{label}, {workers} worker{'s' if workers > 1 else ''}: {job.done} documents ({job.failed} failed) "
          f"in {elapsed:.1f} s: {result.rate:.1f} documents/s (goal ≥ {GOAL_RATE:g} with 2 workers; {load()})")
    print("  per fifth, documents/s: " + " → ".join(f"{r:.1f}" for r in rates)
          + f"; last/first {result.ratio:.2f} (goal ≥ {GOAL_FIFTHS})")
    print(f"  assessments stored: {Assessment.objects.count()}; history rows written: {result.history}"
          + (" (goal 0)" if label.startswith("unchanged") else ""))
    return result


def verdicts(passes: list[Pass]) -> None:
    by = {(p.label.split()[0], p.workers): p for p in passes}
    if (first := by.get(("first", 2))) is not None:
        verdict("first parse + assessment, 2 workers", f"{first.rate:.1f} documents/s", f"≥ {GOAL_RATE:g}",
                first.rate >= GOAL_RATE)
        verdict("first parse, last fifth / first fifth, 2 workers", f"{first.ratio:.2f}", f"≥ {GOAL_FIFTHS}",
                first.ratio >= GOAL_FIFTHS)
    if (again := by.get(("unchanged", 2))) is not None:
        verdict("unchanged re-parse, 2 workers", f"{again.rate:.1f} documents/s", f"≥ {GOAL_RATE:g}",
                again.rate >= GOAL_RATE)
        verdict("unchanged re-parse, history rows written", f"{again.history}", "0", again.history == 0)
    if (one := by.get(("first", 1))) is not None and first is not None:
        print(f"2 workers / 1 worker, first parse: {first.rate / one.rate:.2f}x")


def main() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment

    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="worker counts to measure, in order")
    args = parser.parse_args()
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL:
        sys.exit("needs DATABASE_URL (PostgreSQL) and REDIS_URL")
    media = tempfile.mkdtemp(prefix="reparse-bench-")
    settings.MEDIA_ROOT = media
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    passes: list[Pass] = []
    try:
        from tracker.celery import app
        from tracker.models import Issuer

        print(MACHINE.replace("each size measured once", "each figure measured once"))
        seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
        issuers = [Issuer.objects.create(name=f"基准单位{i}") for i in range(ISSUERS)]
        db = connection.settings_dict
        env = {**os.environ, "MEDIA_ROOT": media, "REDIS_URL": settings.REDIS_URL,
               "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}
        app.conf.task_always_eager = False
        for count in (int(k) for k in args.workers.split(",")):
            seconds = upload(issuers, seeds, args.n)
            print(f"uploaded {args.n} documents over {ISSUERS} issuers in {seconds:.1f} s "
                  f"(one process, not in the figures; {load()})")
            app.control.purge()
            workers = start_workers(app, count, env)
            try:
                for label in ("first parse + assessment", "unchanged re-parse"):
                    passes.append(timed_pass(label, args.n, count))
            finally:
                stop_workers(workers)
        verdicts(passes)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
