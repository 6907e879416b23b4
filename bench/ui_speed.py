"""Server time of the scorecard and its table with 10,000 commitments.

    python bench/ui_speed.py            # on a throw-away test database (PostgreSQL if DATABASE_URL is set)

Builds one issuer with N commitments and assessments in bulk, then times the
scorecard page (first page of the table), a filtered page and the xlsx export
through Django's test client (server time only, no network).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("AXES_ENABLED", "false")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def build():
    from outcomes.models import Assessment
    from targets.models import Commitment
    from tracker.models import Document, Issuer

    issuer = Issuer.objects.create(name="基准测试单位")
    doc = Document.objects.create(issuer=issuer, original_name="bench.txt", sha256="0" * 64, status="parsed",
                                  plan_year=2023, plain_text="x" * 10)
    statuses = ["met", "partly_met", "not_met", "no_evidence"]
    Commitment.objects.bulk_create([
        Commitment(document=doc, issuer=issuer, year=2023, text=f"2023年力争新增企业{i}家", start=i, end=i + 1,
                   natural_key=f"{i}", indicator=f"新增企业{i % 50}", measure="count", comparator=">=",
                   target=i % 100 + 1, unit="家", strength="力争") for i in range(N)], batch_size=2000)
    Assessment.objects.bulk_create([
        Assessment(commitment=c, status=statuses[c.pk % 4], score=(c.pk % 10) / 10, actual=c.pk % 90,
                   actual_unit="家", confidence=0.8, rationale="x") for c in Commitment.objects.filter(document=doc)],
        batch_size=2000)
    return issuer


def timed(client: Client, url: str, runs: int = 5) -> float:
    client.get(url)
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        best = min(best, time.perf_counter() - t)
        assert response.status_code == 200, response.status_code
    return best * 1000


def main() -> None:
    from django.conf import settings
    from django.test.utils import get_runner

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        issuer = build()
        admin = get_user_model().objects.create_superuser("bench", password="x")
        client = Client()
        client.force_login(admin)
        base = f"/issuers/{issuer.pk}/2023/"
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"{N:,} commitments on {engine}")
        print(f"scorecard + table page 1: {timed(client, base):.0f} ms (target < 200 ms)")
        print(f"sorted by target, page 50: {timed(client, base + '?sort=-target&page=50'):.0f} ms")
        print(f"filtered (status, search): {timed(client, base + '?status=met&q=企业'):.0f} ms")
        print(f"home (latest scorecards): {timed(client, '/'):.0f} ms")
        print(f"xlsx export of all rows: {timed(client, base + '?export=xlsx', runs=1):.0f} ms")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
