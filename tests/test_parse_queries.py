"""The queries of a parse do not grow with the documents stored (issue 13): a parsed review reads its
own rows once however many plans it judges, each plan it judges adds a fixed number, and documents
of other years or issuers add none."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import REVIEWS, SEEDS, ingest_file
from tracker.models import Document, Issuer
from tracker.services import document_ingest, document_parse

pytestmark = pytest.mark.django_db

PLAN = next(SEEDS.glob("001_*"))  # plans 2023; REVIEWS / "xihu-2023.txt" reviews it


def _copy(path: Path, n: int, issuer: Issuer) -> Document:
    """The same report with one more line, kept beside the first (``ingest --keep-both``), parsed."""
    data = path.read_bytes() + f"\n(副本 {n})\n".encode()
    ingested = document_ingest(data=data, filename=f"copy{n}-{path.name}", issuer=issuer, parse=False, same_text=True)
    return document_parse(document=ingested.document)


def _parse(document: Document) -> tuple[int, int, int]:
    """(queries, reads of the review's outcomes, reads of document rows with their text), the document
    loaded as the parse task loads it."""
    document = Document.objects.defer("plain_text", "fingerprint").get(pk=document.pk)
    with CaptureQueriesContext(connection) as ctx:
        document_parse(document=document)
    sqls = [q["sql"] for q in ctx.captured_queries]
    outcomes = sum(s.startswith('SELECT "outcomes_outcome"."id"') for s in sqls)
    texts = sum(s.startswith("SELECT") and '"tracker_document"."plain_text"' in s.split(" FROM ")[0] for s in sqls)
    return len(sqls), outcomes, texts


def test_a_parsed_review_reads_itself_once_whatever_it_judges():
    a = Issuer.objects.create(name="西湖区发改经信局")
    ingest_file(PLAN, a)
    review = ingest_file(REVIEWS / "xihu-2023.txt", a)
    one, outcomes, texts = _parse(review)
    assert outcomes == 2  # the upsert compares with the stored rows; the judgment reads them once
    # the stored text once, to compare with the file's; the plan's once, for the judgment; and the
    # look-up of a review of its own plan year, 2024 (none)
    assert texts == 3, texts

    _copy(PLAN, 1, a)
    _copy(PLAN, 2, a)
    three, outcomes, texts = _parse(review)
    assert outcomes == 2 and texts == 3, (outcomes, texts)  # the plans' texts in one query, the review's not again
    per_plan = (three - one) / 2
    assert per_plan <= 10, (one, three)

    # documents of other years and of another issuer: not one query more
    ingest_file(SEEDS / "national-2018-gwr.txt", a)
    ingest_file(SEEDS / "national-2019-gwr.txt", a)
    b = Issuer.objects.create(name="乙单位")
    ingest_file(PLAN, b)
    ingest_file(REVIEWS / "xihu-2023.txt", b)
    assert _parse(review)[0] == three


def test_reparsing_a_plan_takes_the_same_queries_beside_more_documents():
    a = Issuer.objects.create(name="西湖区发改经信局")
    plan = ingest_file(PLAN, a)
    ingest_file(REVIEWS / "xihu-2023.txt", a)
    alone = _parse(plan)[0]
    for n in range(3):
        _copy(SEEDS / "national-2018-gwr.txt", n, a)
    ingest_file(PLAN, Issuer.objects.create(name="乙单位"))
    assert _parse(plan)[0] == alone
