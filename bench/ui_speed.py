"""Server time and query count of the scorecard and indicator pages at 100, 1,000 and 10,000 commitments.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench python bench/ui_speed.py

Runs on a throw-away test database made from DATABASE_URL (test_<name>, created and dropped here;
`make bench` points it at tracker_bench so no one else's database is touched). Builds one issuer per
size with its commitments and assessments in bulk, then requests each scorecard through Django's test
client (server time only, no network; DEBUG off as in production): one warm-up request, then the
median of RUNS requests, and the queries of one request.

The indicator page is measured on data of its own, built after the scorecards are measured (so their
figures and the home page's stay comparable with earlier runs): one indicator with n commitments, one per
issuer and year over INDICATOR_YEARS years (n / 10 issuers), requested for one issuer and the last year.

Bars: scorecard page < 150 ms (median) at 10,000 rows, with the same query count as at 100;
indicator page < 200 ms (median) at 10,000 commitments of the indicator, with the same query count as at 100.
"""

from __future__ import annotations

import os
import statistics
import time
from urllib.parse import urlencode

from _bench import MACHINE, verdict

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("AXES_ENABLED", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

SIZES = (100, 1_000, 10_000)
RUNS = 9
INDICATOR_YEARS = range(2016, 2026)


def build(n: int):
    from outcomes.models import Assessment
    from targets.models import Commitment
    from tracker.models import Document, Issuer

    issuer = Issuer.objects.create(name=f"基准测试单位{n}")
    doc = Document.objects.create(issuer=issuer, original_name=f"bench-{n}.txt", sha256=f"{n:064d}",
                                  status="parsed", plan_year=2023, plain_text="x" * 10)
    statuses = ["met", "partly_met", "not_met", "no_evidence"]
    Commitment.objects.bulk_create([
        Commitment(document=doc, issuer=issuer, year=2023, text=f"2023年力争新增企业{i}家", start=i, end=i + 1,
                   natural_key=f"{i}", indicator=f"新增企业{i % 50}", measure="count", comparator=">=",
                   target=i % 100 + 1, unit="家", strength="力争") for i in range(n)], batch_size=2000)
    Assessment.objects.bulk_create([
        Assessment(commitment=c, status=statuses[c.pk % 4], score=(c.pk % 10) / 10, actual=c.pk % 90,
                   actual_unit="家", confidence=0.8, rationale="x") for c in Commitment.objects.filter(document=doc)],
        batch_size=2000)
    return issuer


def build_indicator(n: int) -> tuple[str, int]:
    """n commitments of one indicator, one per issuer and year: (its name, the first issuer's id)."""
    from outcomes.models import Assessment
    from targets.models import Commitment
    from tracker.models import Document, Issuer

    name = f"基准指标{n}"
    issuers = Issuer.objects.bulk_create([Issuer(name=f"基准指标单位{n}-{k:04d}")
                                          for k in range(n // len(INDICATOR_YEARS))])
    docs = Document.objects.bulk_create([
        Document(issuer=i, original_name=f"ind-{n}-{i.pk}-{y}.txt", sha256=f"{n:016d}{i.pk:016d}{y:032d}",
                 status="parsed", plan_year=y, plain_text="x" * 10) for i in issuers for y in INDICATOR_YEARS],
        batch_size=2000)
    statuses = ["met", "partly_met", "not_met", "no_evidence"]
    Commitment.objects.bulk_create([
        Commitment(document=d, issuer_id=d.issuer_id, year=d.plan_year, text=f"{d.plan_year}年{name}{k % 90 + 10}家",
                   start=0, end=20, natural_key="0", indicator=name, measure="count", comparator=">=",
                   target=k % 90 + 10, unit="家", strength="力争") for k, d in enumerate(docs)], batch_size=2000)
    Assessment.objects.bulk_create([
        Assessment(commitment=c, status=statuses[c.pk % 4], score=(c.pk % 10) / 10, actual=c.pk % 95,
                   actual_unit="家", confidence=0.8, rationale="x")
        for c in Commitment.objects.filter(indicator=name)], batch_size=2000)
    return name, issuers[0].pk


def measure(client: Client, url: str, runs: int = RUNS) -> tuple[float, int]:
    """(median milliseconds of ``runs`` requests after one warm-up, queries of one request)."""
    queries = []  # counted by a wrapper: CaptureQueriesContext reads 0 once DEBUG's log is full
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(queries)


def main() -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test.utils import get_runner

    settings.DEBUG = False  # as production runs; and no test environment, whose template
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # instrumentation would add time
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        issuers = {n: build(n) for n in SIZES}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the statistics autovacuum would have after bulk writes
        admin = get_user_model().objects.create_superuser("bench", password="x")
        client = Client()
        client.force_login(admin)
        print(MACHINE)
        print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} "
              f"({connection.settings_dict['NAME']}); median of {RUNS} requests after one warm-up")
        page, queries = {}, {}
        for n, issuer in issuers.items():
            base = f"/issuers/{issuer.pk}/2023/"
            page[n], queries[n] = measure(client, base)
            sorted_ms, _ = measure(client, base + "?sort=-target&page=2")
            filtered_ms, _ = measure(client, base + "?status=met&q=企业")
            print(f"{n:>6,} rows: scorecard {page[n]:6.0f} ms, {queries[n]} queries | sorted page 2 {sorted_ms:4.0f} ms"
                  f" | filtered {filtered_ms:4.0f} ms")
        big = f"/issuers/{issuers[SIZES[-1]].pk}/2023/"
        print(f"xlsx export of {SIZES[-1]:,} rows (one request): {measure(client, big + '?export=xlsx', 1)[0]:.0f} ms")
        print(f"home (latest scorecards): {measure(client, '/')[0]:.0f} ms")
        indicators = {n: build_indicator(n) for n in SIZES}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        indicator, indicator_queries = {}, {}
        for n, (name, issuer_id) in indicators.items():
            url = "/indicators/?" + urlencode({"name": name, "issuer": issuer_id, "year": INDICATOR_YEARS[-1]})
            indicator[n], indicator_queries[n] = measure(client, url)
            print(f"{n:>6,} commitments of one indicator ({n // len(INDICATOR_YEARS):,} issuers × "
                  f"{len(INDICATOR_YEARS)} years): indicator page {indicator[n]:6.0f} ms, "
                  f"{indicator_queries[n]} queries  (goal < 200 ms, same query count as at {SIZES[0]})")
        n = SIZES[-1]
        verdict(f"scorecard median at {n:,} rows", f"{page[n]:.0f} ms", "< 150 ms", page[n] < 150)
        verdict(f"queries at {n:,} rows vs at {SIZES[0]}", f"{queries[n]} vs {queries[SIZES[0]]}", "equal",
                queries[n] == queries[SIZES[0]])
        verdict(f"indicator page median at {n:,} commitments", f"{indicator[n]:.0f} ms", "< 200 ms",
                indicator[n] < 200)
        verdict(f"indicator page queries at {n:,} vs at {SIZES[0]}",
                f"{indicator_queries[n]} vs {indicator_queries[SIZES[0]]}", "equal",
                indicator_queries[n] == indicator_queries[SIZES[0]])
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
