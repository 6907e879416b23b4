"""Every parse job ends, by itself, in 已解析 or 解析失败 with the reason in Chinese — on
PostgreSQL with real Redis brokers and real Celery workers (subprocesses): a soft time limit,
NUL bytes, a dropped database connection mid-parse, a document left 解析中, a broker that is
down during the upload."""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from targets.models import Commitment
from tests.factories import EDITOR, SEEDS, in_threads, ingest_file, user, wait_for
from tracker.models import Document, Issuer, ParseJob
from tracker.parsing import BROKER_DOWN, MAX_PARSE_ATTEMPTS, documents_sweep
from tracker.services import document_ingest, documents_reparse

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent
SEED = next(SEEDS.glob("004_*"))


def status(doc) -> str:
    return Document.objects.get(pk=doc.pk).status


class Worker:
    """``celery worker`` (prefork, one process) on the test database, optionally with beat."""

    def __init__(self, tmp_path: Path, broker: str, beat: bool = False, **env):
        db = connection.settings_dict
        self.log = tmp_path / f"worker-{time.monotonic_ns()}.log"
        self.env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
                    "REDIS_URL": broker, "MEDIA_ROOT": str(settings.MEDIA_ROOT), **env}
        args = ["--pool=prefork", "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle",
                "--without-heartbeat"]
        if beat:
            args += ["-B", f"--schedule={tmp_path / 'beat-schedule'}"]
        self.proc = subprocess.Popen([sys.executable, "-m", "celery", "-A", "tracker.celery", "worker", *args],
                                     cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=self.log.open("wb"), start_new_session=True)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


@pytest.fixture
def queue():
    """The tests' own process publishes to the real broker (not eagerly)."""
    from tracker.celery import app

    app.conf.task_always_eager = False
    app.control.purge()
    yield app


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(broker=None, **kw):
        w = Worker(tmp_path, broker or settings.REDIS_URL, **kw)
        started.append(w)
        return w

    yield start
    for w in started:
        w.stop()


def big_text(tmp_path, times=60) -> Path:
    path = tmp_path / "big.txt"
    path.write_text(SEED.read_text(encoding="utf-8") * times, encoding="utf-8")
    return path


def test_nul_byte_after_4k_parses_in_the_worker(queue, workers, tmp_path):
    body = SEED.read_text(encoding="utf-8").encode()
    data = body[:6000].rsplit(b"\n", 1)[0] + b"\n\x00" + body[len(body[:6000].rsplit(b"\n", 1)[0]) + 1:]
    assert b"\x00" in data[4096:] and b"\x00" not in data[:4096]
    doc = document_ingest(data=data, filename="nul.txt", parse=False).document
    worker = workers()
    documents_reparse(documents=Document.objects.filter(pk=doc.pk))
    assert wait_for(lambda: status(doc) == Document.Status.PARSED, 90), worker.tail()
    doc.refresh_from_db()
    assert "\x00" not in doc.plain_text and Commitment.objects.filter(document=doc).count() > 30


def test_soft_time_limit_fails_with_the_reason_and_keeps_rows(queue, workers, tmp_path, monkeypatch):
    from tracker.tasks import parse_document

    doc = ingest_file(big_text(tmp_path))  # parsed once, eagerly: rows to keep (its re-parse takes seconds)
    rows = Commitment.objects.filter(document=doc).count()
    assert rows > 0
    # the limits travel in the message: the publisher's settings as the worker's
    monkeypatch.setattr(parse_document, "soft_time_limit", 1)
    monkeypatch.setattr(parse_document, "_exec_options", None)
    worker = workers(CELERY_TASK_SOFT_TIME_LIMIT="1", CELERY_TASK_TIME_LIMIT="60")
    job = documents_reparse(documents=Document.objects.filter(pk=doc.pk))
    assert wait_for(lambda: status(doc) == Document.Status.FAILED, 90), worker.tail()
    doc.refresh_from_db()
    assert "解析超时" in doc.error and "1 秒" in doc.error
    assert Commitment.objects.filter(document=doc).count() == rows
    assert wait_for(lambda: ParseJob.objects.get(pk=job.pk).finished_at is not None, 10)
    job.refresh_from_db()
    assert (job.done, job.failed) == (0, 1)


def test_dropped_database_connection_mid_parse_finishes_once_by_itself(queue, workers, tmp_path):
    doc = document_ingest(data=big_text(tmp_path).read_bytes(), filename="big.txt", parse=False).document
    worker = workers()
    job = documents_reparse(documents=Document.objects.filter(pk=doc.pk))
    assert wait_for(lambda: status(doc) == Document.Status.PARSING, 60), worker.tail()
    with connection.cursor() as cur:  # every other session on the test database: the worker's
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        assert cur.fetchall(), "no worker session to drop"
    assert wait_for(lambda: status(doc) == Document.Status.PARSED, 120), worker.tail()
    assert "ParseInterrupted" in worker.tail() or "Retry" in worker.tail()
    assert wait_for(lambda: ParseJob.objects.get(pk=job.pk).finished_at is not None, 10)
    job.refresh_from_db()
    assert (job.done, job.failed) == (1, 0)
    doc.refresh_from_db()
    assert doc.error == "" and Commitment.objects.filter(document=doc).count() > 0


def test_killed_worker_with_its_message_lost_is_swept_and_parsed(queue, workers, tmp_path):
    """SIGKILL the whole worker mid-parse and drop the queue: the message is gone, the document
    says 解析中; once past the time limit the sweep queues it again and it is parsed."""
    doc = document_ingest(data=big_text(tmp_path).read_bytes(), filename="big.txt", parse=False).document
    worker = workers()
    documents_reparse(documents=Document.objects.filter(pk=doc.pk))
    assert wait_for(lambda: status(doc) == Document.Status.PARSING, 60), worker.tail()
    os.killpg(worker.proc.pid, signal.SIGKILL)
    worker.proc.wait(timeout=10)
    queue.control.purge()
    import redis

    redis.Redis.from_url(settings.REDIS_URL).delete("unacked", "unacked_index")
    assert documents_sweep() == {"queued": 0, "requeued": 0, "failed": 0}  # not yet past its time limit
    later = timezone.now() + timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 121)
    assert documents_sweep(now=later)["requeued"] == 1
    worker = workers()
    assert wait_for(lambda: status(doc) == Document.Status.PARSED, 120), worker.tail()


def test_a_document_that_never_finishes_fails_after_its_attempts(queue):
    doc = document_ingest(data=SEED.read_bytes(), filename=SEED.name, parse=False).document
    old = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 200)
    Document.objects.filter(pk=doc.pk).update(status=Document.Status.PARSING, parse_started_at=old,
                                              parse_attempts=MAX_PARSE_ATTEMPTS)
    assert documents_sweep()["failed"] == 1
    doc.refresh_from_db()
    assert doc.status == Document.Status.FAILED and f"解析 {MAX_PARSE_ATTEMPTS} 次都未能" in doc.error


# --- a broker that is down during the upload -------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, on its own port (the shared one on 6379 stays up)."""

    def __init__(self, port: int, tmp_path: Path):
        self.port, self.dir, self.proc = port, tmp_path, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        assert wait_for(lambda: _answers(redis.Redis.from_url(self.url, socket_connect_timeout=1)), 10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _answers(client) -> bool:
    try:
        return bool(client.ping())
    except Exception:
        return False


@pytest.fixture
def own_broker(tmp_path):
    from tracker.celery import app

    server = RedisServer(free_port(), tmp_path)
    server.start()
    previous = app.conf.broker_url
    app.conf.broker_url = server.url
    app._after_fork()  # drop the connection pools: publish to this broker from now on
    app.conf.task_always_eager = False
    yield server
    server.stop()
    app.conf.broker_url = previous
    app._after_fork()


def test_upload_with_the_broker_down_is_kept_and_parsed_once_it_is_back(client, own_broker, workers):
    worker = workers(broker=own_broker.url, beat=True, PARSE_SWEEP_SECONDS="2")
    own_broker.stop()
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    client.force_login(user("ed", EDITOR, [issuer]))

    def upload():
        return client.post("/documents/", {"files": SimpleUploadedFile(SEED.name, SEED.read_bytes()),
                                           "issuer": issuer.pk}, follow=True)

    t0 = time.monotonic()
    page = upload()
    assert page.status_code == 200 and time.monotonic() - t0 < 20
    said = [str(m) for m in page.context["messages"]]
    assert any(BROKER_DOWN in m for m in said), said
    doc = Document.objects.get(issuer=issuer)
    assert doc.status == Document.Status.PENDING and doc.queued_at is None
    assert Path(doc.original.path).read_bytes() == SEED.read_bytes()

    again = upload()
    said = [str(m) for m in again.context["messages"]]
    assert again.status_code == 200 and not any("同一文件已上传过" in m for m in said), said
    assert any("尚未解析" in m and BROKER_DOWN in m for m in said), said
    assert Document.objects.filter(issuer=issuer).count() == 1
    assert len(list(Path(doc.original.path).parent.iterdir())) == 1

    own_broker.start()
    assert wait_for(lambda: status(doc) == Document.Status.PARSED, 90), worker.tail()
    assert Commitment.objects.filter(document=doc).count() > 30


def test_admin_upload_with_the_broker_down_is_kept_told_and_parsed_once_it_is_back(client, own_broker, workers):
    """/admin/tracker/document/add/ with the broker's port closed: no 500, the file and the document
    kept, the user told in Chinese (not “成功添加”); once the broker answers the sweep sends it, and
    it is parsed once."""
    worker = workers(broker=own_broker.url, beat=True, PARSE_SWEEP_SECONDS="2")
    own_broker.stop()
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    client.force_login(user("ed", EDITOR, [issuer]))
    t0 = time.monotonic()
    page = client.post("/admin/tracker/document/add/",
                       {"issuer": issuer.pk, "original": SimpleUploadedFile(SEED.name, SEED.read_bytes())},
                       follow=True)
    assert page.status_code == 200 and time.monotonic() - t0 < 20
    said = [str(m) for m in page.context["messages"]]
    assert any(BROKER_DOWN in m for m in said) and not any("成功添加" in m for m in said), said
    doc = Document.objects.get(issuer=issuer)
    assert page.redirect_chain[-1][0] == f"/admin/tracker/document/{doc.pk}/change/"
    assert (doc.status, doc.queued_at) == (Document.Status.PENDING, None)
    assert Path(doc.original.path).read_bytes() == SEED.read_bytes()

    own_broker.start()
    assert wait_for(lambda: status(doc) == Document.Status.PARSED, 90), worker.tail()
    doc.refresh_from_db()
    parsed_at = doc.parsed_at
    time.sleep(6)  # three more sweeps: nothing is sent again
    doc.refresh_from_db()
    assert (doc.parse_attempts, doc.parsed_at, doc.status) == (1, parsed_at, Document.Status.PARSED)
    assert Commitment.objects.filter(document=doc).count() > 30


def test_reparse_with_the_broker_down_waits_and_is_swept(own_broker):
    own_broker.stop()
    doc = document_ingest(data=SEED.read_bytes(), filename=SEED.name, parse=False).document
    Document.objects.filter(pk=doc.pk).update(status=Document.Status.PARSED)
    documents_reparse(documents=Document.objects.filter(pk=doc.pk))  # no exception
    doc.refresh_from_db()
    assert (doc.status, doc.queued_at) == (Document.Status.PENDING, None)
    later = timezone.now() + timedelta(minutes=1)
    assert documents_sweep(now=later)["queued"] == 0  # still down: nothing claimed for good
    doc.refresh_from_db()
    assert doc.queued_at is None
    own_broker.start()
    assert documents_sweep(now=later)["queued"] == 1
    import redis

    queue = redis.Redis.from_url(own_broker.url)
    assert queue.llen("celery") == 1
    # the swept parse still belongs to its re-parse job, so the job can finish
    message = json.loads(queue.lindex("celery", 0))
    args = json.loads(base64.b64decode(message["body"]))[0]
    job = ParseJob.objects.get()
    assert args == [doc.pk, job.pk]


def test_eight_concurrent_identical_uploads_keep_one_file():
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    data = SEED.read_bytes()
    results = []
    errors = in_threads(lambda: results.append(
        document_ingest(data=data, filename=SEED.name, issuer=issuer, parse=False)), 8)
    assert not errors
    assert sum(r.created for r in results) == 1 and Document.objects.filter(issuer=issuer).count() == 1
    doc = Document.objects.get(issuer=issuer)
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert stored == [Path(doc.original.path)]


# --- the bars of issue 11 that need the whole path: web request, broker, worker, beat ---------------

def test_a_document_left_parsing_is_picked_up_by_the_beat_by_itself(queue, workers):
    """A document a dead worker left 解析中 long ago: a worker with beat re-queues and parses it,
    nobody calling the sweep."""
    doc = document_ingest(data=SEED.read_bytes(), filename=SEED.name, parse=False).document
    old = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 300)
    Document.objects.filter(pk=doc.pk).update(status=Document.Status.PARSING, parse_started_at=old,
                                              uploaded_at=old, parse_attempts=1)
    worker = workers(beat=True, PARSE_SWEEP_SECONDS="2")
    assert wait_for(lambda: status(doc) == Document.Status.PARSED, 90), worker.tail()
    doc.refresh_from_db()
    parsed_at = doc.parsed_at
    time.sleep(5)  # more sweeps: nothing is sent again
    doc.refresh_from_db()
    # the dead attempt and this one (a sweep's re-queue keeps counting towards MAX_PARSE_ATTEMPTS)
    assert (doc.error, doc.parse_attempts, doc.parsed_at) == ("", 2, parsed_at)
    assert Commitment.objects.filter(document=doc).count() > 30


def test_a_500_page_pdf_uploaded_on_the_page_is_parsed_by_the_worker_not_the_request(
        client, queue, workers, monkeypatch):
    import tracker.core.pdf_text as pdf_text
    from tests.test_upload_bounds import make_pdf
    from tracker.services import UPLOAD_PREVIEW_PAGES

    read_here = []
    page_text = pdf_text._page_text
    monkeypatch.setattr(pdf_text, "_page_text", lambda d, i: read_here.append(i) or page_text(d, i))
    data = make_pdf(500, "嘉兴市经信局2023年工作总结及2024年工作思路")
    issuer = Issuer.objects.create(name="嘉兴市经信局")
    client.force_login(user("ed", EDITOR, [issuer]))
    worker = workers()
    t0 = time.monotonic()
    page = client.post("/documents/", {"files": SimpleUploadedFile("long.pdf", data), "issuer": issuer.pk},
                       follow=True)
    took = time.monotonic() - t0
    assert page.status_code == 200 and took < 10, took
    assert read_here == list(range(UPLOAD_PREVIEW_PAGES))  # the request read the preview only
    doc = Document.objects.get(issuer=issuer)
    assert wait_for(lambda: status(doc) == Document.Status.PARSED, 240), worker.tail()
    doc.refresh_from_db()
    assert read_here == list(range(UPLOAD_PREVIEW_PAGES))  # ... and the worker the rest
    assert len(doc.plain_text) > 500 * 1000 and len(doc.fingerprint) == 64
    assert Commitment.objects.filter(document=doc).count() > 1000


def test_a_database_error_in_the_store_step_fails_with_the_reason(monkeypatch):
    """A database error while storing (here PostgreSQL refusing a NUL in a JSON warning, as it
    would any value it cannot take): 解析失败 with the reason in Chinese, the last parse's rows kept."""
    from tests.factories import ingest_file
    from tracker import services

    doc = ingest_file(SEED)
    rows = Commitment.objects.filter(document=doc).count()
    store = services._store_extraction

    def store_a_nul(document, x):
        document.warnings = ["\x00"]
        document.save(update_fields=["warnings"])  # PostgreSQL: unsupported Unicode escape sequence
        store(document, x)

    monkeypatch.setattr(services, "_store_extraction", store_a_nul)
    job = documents_reparse(documents=Document.objects.filter(pk=doc.pk))  # run in process (eager)
    doc.refresh_from_db()
    assert doc.status == Document.Status.FAILED and "无法保存到数据库" in doc.error
    assert Commitment.objects.filter(document=doc).count() == rows
    job.refresh_from_db()
    assert (job.done, job.failed) == (0, 1)
