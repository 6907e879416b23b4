"""A fixed cast for Django tests: issuers, users with roles and grants, parsed seed documents."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connections

from tracker.access import ADMIN, EDITOR, READER, ensure_groups
from tracker.models import Grant, Issuer
from tracker.services import document_ingest, document_parse

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REVIEWS = Path(__file__).resolve().parent / "fixtures" / "reviews"


def user(username: str, role: str | None = None, issuers=(), **extra):
    groups = ensure_groups()
    u = get_user_model().objects.create_user(username=username, password="pw-" + username, **extra)
    if role:
        u.groups.add(groups[role])
        u.is_staff = role in (EDITOR, ADMIN)
        u.save()
    for issuer in issuers:
        Grant.objects.create(user=u, issuer=issuer)
    return u


def ingest_file(path: Path, issuer: Issuer | None = None):
    """Ingest and parse now (no queue), returning the document."""
    result = document_ingest(data=path.read_bytes(), filename=path.name, issuer=issuer, parse=False)
    return document_parse(document=result.document)


def xihu_pair():
    """The 001 plan (2023) and its synthetic 2023 review, for one issuer."""
    issuer = Issuer.objects.create(name="西湖区发改经信局", aliases=["区发改经信局"])
    plan = ingest_file(next(SEEDS.glob("001_*")), issuer)
    review = ingest_file(REVIEWS / "xihu-2023.txt", issuer)
    return issuer, plan, review


def in_threads(fn, n: int) -> list[Exception]:
    """Run ``fn`` in ``n`` threads started together (each with its own database connection);
    the exceptions they raised."""
    errors: list[Exception] = []
    barrier = threading.Barrier(n)

    def run():
        try:
            barrier.wait()
            fn()
        except Exception as exc:  # pragma: no cover - the caller's assertion reports it
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


__all__ = ["ADMIN", "EDITOR", "READER", "user", "ingest_file", "in_threads", "xihu_pair", "SEEDS", "REVIEWS"]


def wait_for(predicate, timeout: float = 60.0) -> bool:
    """Whether ``predicate()`` comes true within ``timeout`` seconds (asked every 0.2 s)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False
