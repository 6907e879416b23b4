"""Re-assessment proportional to what changed (issue 13), on PostgreSQL: a parsed review re-judges
only the plans it reviews (same issuer, plan year = its review year), a parsed plan only its own
commitments; a history row is written only for a row whose values changed, so re-parsing an
unchanged document — corrections and all — writes none; writes go in bulk, so the queries of a
re-assessment do not grow with its rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import outcomes.services as assessing
from outcomes.models import Assessment, Outcome
from targets.corrections import correction_record
from targets.models import Commitment
from tests.factories import REVIEWS, SEEDS, ingest_file
from tracker.models import Correction, Document, Issuer
from tracker.services import document_parse

pytestmark = pytest.mark.django_db


def history_rows() -> dict[str, int]:
    return {m.__name__: m.history.count() for m in (Commitment, Outcome, Assessment)}


@pytest.fixture
def issuer_a():
    """Issuer A with two plan–review pairs of different years: 2022 (seed 004 → its 2022 review) and
    2018 (the national 2018 report → the 2019 one), and B with the same 2022 pair."""
    a = Issuer.objects.create(name="嘉兴市经信局")
    docs = {
        "plan2022": ingest_file(next(SEEDS.glob("004_*")), a),
        "review2022": ingest_file(REVIEWS / "jiaxing-2022.txt", a),
        "plan2018": ingest_file(SEEDS / "national-2018-gwr.txt", a),
        "review2018": ingest_file(SEEDS / "national-2019-gwr.txt", a),
    }
    b = Issuer.objects.create(name="乙单位")
    docs["b_plan2022"] = ingest_file(next(SEEDS.glob("004_*")), b)
    docs["b_review2022"] = ingest_file(REVIEWS / "jiaxing-2022.txt", b)
    assert (docs["plan2022"].plan_year, docs["review2022"].review_year) == (2022, 2022)
    assert (docs["plan2018"].plan_year, docs["review2018"].review_year) == (2018, 2018)
    for plan in ("plan2022", "plan2018", "b_plan2022"):
        assert Assessment.objects.filter(commitment__document=docs[plan]).exists()
    return a, docs


@pytest.fixture
def judged(monkeypatch):
    """Every (plan, review) pair ``plan_assess`` judges, by document pk."""
    calls = []
    plan_assess = assessing.plan_assess

    def record(*, plan, review, **read):
        calls.append((plan.pk, review.pk))
        return plan_assess(plan=plan, review=review, **read)

    monkeypatch.setattr(assessing, "plan_assess", record)
    return calls


def stamps(plan: Document) -> dict[int, object]:
    return dict(Assessment.objects.filter(commitment__document=plan).values_list("pk", "assessed_at"))


def test_a_parsed_review_rejudges_only_the_plans_it_reviews(issuer_a, judged):
    a, docs = issuer_a
    others = {k: stamps(docs[k]) for k in ("plan2022", "b_plan2022")}
    document_parse(document=docs["review2018"])
    # the review of 2018 judges A's plan of 2018; as the plan of 2019 it has no review yet
    assert judged == [(docs["plan2018"].pk, docs["review2018"].pk)]
    assert {k: stamps(docs[k]) for k in others} == others  # no assessment of another year or issuer touched


def test_a_parsed_plan_rejudges_only_its_own_commitments(issuer_a, judged):
    """Two plans of 2022 (the national report's plan year corrected to 2022): parsing one judges it
    alone, and a correction of one of its commitments too; parsing their review judges both."""
    a, docs = issuer_a
    correction_record(document=docs["plan2018"], kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                      changes={"plan_year": 2022}, reason="测试:计划年度更正")
    second = Document.objects.get(pk=docs["plan2018"].pk)
    assert second.plan_year == 2022
    judged.clear()
    before = stamps(second)
    document_parse(document=docs["plan2022"])
    assert judged == [(docs["plan2022"].pk, docs["review2022"].pk)]
    assert stamps(second) == before
    judged.clear()
    row = Commitment.objects.filter(document=docs["plan2022"], target__isnull=False).first()
    correction_record(document=docs["plan2022"], kind=Correction.Kind.COMMITMENT_EDIT, target_key=row.natural_key,
                      changes={"target": (row.target or 0) + 1}, reason="测试:目标值更正")
    assert judged == [(docs["plan2022"].pk, docs["review2022"].pk)]
    judged.clear()
    document_parse(document=docs["review2022"])
    assert sorted(judged) == sorted([(docs["plan2022"].pk, docs["review2022"].pk), (second.pk, docs["review2022"].pk)])


def test_a_review_whose_year_is_corrected_rejudges_the_plans_it_judged_before(issuer_a, judged):
    """The review of 2018 said to review 2021 instead (so it plans 2022): it is judged as a plan of 2022
    against the review of 2022; the plan of 2018 it judged has no review left, so its judgments go
    (待评估), history saying so; A's other plan of 2022, whose review did not change, is not judged."""
    a, docs = issuer_a
    plan2018 = docs["plan2018"]
    n = Assessment.objects.filter(commitment__document=plan2018).count()
    before = history_rows()["Assessment"]
    correction_record(document=docs["review2018"], kind=Correction.Kind.DOCUMENT_EDIT, target_key="document",
                      changes={"review_year": 2021}, reason="测试:年度更正")
    moved = Document.objects.get(pk=docs["review2018"].pk)
    assert (moved.review_year, moved.plan_year) == (2021, 2022)
    assert judged == [(moved.pk, docs["review2022"].pk)]
    assert not Assessment.objects.filter(commitment__document=plan2018).exists()
    assert Assessment.history.filter(history_type="-").count() == n
    created = Assessment.objects.filter(commitment__document=moved).count()
    assert history_rows()["Assessment"] - before == n + created


def test_reparsing_unchanged_documents_writes_no_history(issuer_a):
    a, docs = issuer_a
    before = history_rows()
    for key in ("plan2022", "review2022", "plan2018", "review2018"):
        document_parse(document=Document.objects.get(pk=docs[key].pk))
    assert history_rows() == before


def test_reparsing_with_corrections_writes_no_history(issuer_a):
    """Edits, rejections, overrides and evidence links are folded in before the rows are compared, so
    the engine's value and the correction's do not each write a history row on every parse."""
    a, docs = issuer_a
    plan, review = docs["plan2022"], docs["review2022"]
    rows = list(Commitment.objects.filter(document=plan, target__isnull=False).order_by("start")[:4])
    assert len(rows) == 4
    correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=rows[0].natural_key,
                      changes={"target": (rows[0].target or 0) + 1}, reason="测试:目标值更正")
    correction_record(document=plan, kind=Correction.Kind.NOT_A_COMMITMENT, target_key=rows[1].natural_key,
                      reason="测试:不是承诺")
    correction_record(document=plan, kind=Correction.Kind.OVERRIDE, target_key=rows[2].natural_key,
                      changes={"status": "met"}, reason="测试:人工判定")
    outcome = Outcome.objects.filter(document=review).order_by("start").first()
    correction_record(document=plan, kind=Correction.Kind.LINK_EVIDENCE, target_key=rows[3].natural_key,
                      evidence=outcome, reason="测试:指定证据")
    correction_record(document=review, kind=Correction.Kind.OUTCOME_EDIT, target_key=outcome.natural_key,
                      changes={"value": (outcome.value or 0) + 1}, reason="测试:成效值更正")
    assert not Correction.objects.filter(orphaned=True).exists()
    before = history_rows()
    for doc in (plan, review):
        document_parse(document=Document.objects.get(pk=doc.pk))
    assert history_rows() == before
    # ... and the corrections still hold
    assert Commitment.objects.get(pk=rows[0].pk).target == (rows[0].target or 0) + 1
    assert Commitment.objects.get(pk=rows[1].pk).rejected
    assert Assessment.objects.get(commitment=rows[2]).override_status == "met"
    assert list(Assessment.objects.get(commitment=rows[3]).evidence.all()) == [outcome]
    assert not Correction.objects.filter(orphaned=True).exists()


def test_a_changed_outcome_writes_history_only_for_what_it_changes(issuer_a):
    a, docs = issuer_a
    plan, review = docs["plan2022"], docs["review2022"]
    linked = Assessment.objects.filter(commitment__document=plan, evidence__isnull=False).select_related(
        "commitment").first()
    outcome = linked.evidence.first()
    total = Assessment.objects.filter(commitment__document=plan).count()
    before = history_rows()
    correction_record(document=review, kind=Correction.Kind.OUTCOME_EDIT, target_key=outcome.natural_key,
                      changes={"value": (outcome.value or 0) * 3 + 7}, reason="测试:成效值更正")
    after = history_rows()
    assert after["Outcome"] - before["Outcome"] == 1 and after["Commitment"] == before["Commitment"]
    changed = after["Assessment"] - before["Assessment"]
    assert 1 <= changed < total, (changed, total)


def test_the_queries_of_a_reassessment_do_not_grow_with_its_rows(issuer_a):
    """Bulk writes and reads: re-judging a plan of 38 commitments takes as many queries as one of
    a handful; corrections add a few queries each, never one per row."""
    a, docs = issuer_a
    docs["small2018"] = ingest_file(_small_plan(), a)
    counts = {}
    for key, review in (("small2018", "review2018"), ("plan2018", "review2018")):
        plan, rev = docs[key], docs[review]
        Assessment.objects.filter(commitment__document=plan).update(status="pending", rationale="")  # all change
        with CaptureQueriesContext(connection) as ctx:
            assessing.plan_assess(plan=plan, review=rev)
        counts[key] = (Assessment.objects.filter(commitment__document=plan).count(), len(ctx.captured_queries))
    (small, q_small), (large, q_large) = counts["small2018"], counts["plan2018"]
    assert large > 10 * small, counts  # two sizes worth comparing
    assert q_small == q_large and q_large <= 20, counts


def _small_plan():
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "small-2018.txt"
    path.write_text("嘉兴市经信局2017年工作总结及2018年工作思路\n一、2017年工作总结\n全年新增规上企业12家。\n"
                    "二、2018年工作思路\n2018年,国内生产总值增长6.5%左右,城镇新增就业1100万人以上。\n",
                    encoding="utf-8")
    return path
