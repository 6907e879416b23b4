"""Every commitment and outcome the engine finds is stored: the natural key tells apart two
items of one clause with the same figure, and stored counts equal the engine's on every
corpus document."""

from __future__ import annotations

import pytest

from outcomes.models import Outcome
from targets.models import Commitment, natural_keys
from tests.factories import SEEDS, ingest_file
from tracker.core.files import extract_path
from tracker.core.model import Commitment as Found
from tracker.models import Issuer

pytestmark = pytest.mark.django_db
# the 30 provincial reports (the same files as ../shared/corpus/provinces, kept in the repository so
# the test never skips) and every seed, the two national work reports included
CORPUS = SEEDS / "provinces"
DOCUMENTS = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".docx")) + sorted(SEEDS.glob("*.txt"))


def found(start, end, target):
    return Found(text="", start=start, end=end, section="", year=2024, indicator="", measure="count", target=target)


def test_same_clause_and_figure_get_distinct_keys_first_unchanged():
    items = [found(0, 20, 200), found(0, 20, 200), found(0, 20, 300), found(0, 20, 200), found(21, 30, 200)]
    assert natural_keys(items, lambda c: c.target) == ["0:20:200", "0:20:200#2", "0:20:300", "0:20:200#3",
                                                       "21:30:200"]


def test_two_works_of_one_clause_with_one_figure_are_both_stored(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("区农业农村局2024年工作总结及2025年工作思路\n一、2024年工作总结\n全年建成高标准农田3万亩。\n"
                    "二、2025年工作思路\n2025年,完成甲工程200万亩、乙工程200万亩。\n", encoding="utf-8")
    engine = [c for c in extract_path(path).commitments if c.target == 200]
    assert len(engine) == 2, engine
    doc = ingest_file(path, Issuer.objects.create(name="区农业农村局"))
    stored = Commitment.objects.filter(document=doc, target=200)
    assert stored.count() == 2
    assert len(set(stored.values_list("natural_key", flat=True))) == 2


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_stored_counts_equal_the_engines(path):
    engine = extract_path(path)
    doc = ingest_file(path, Issuer.objects.create(name=f"测试单位-{path.stem}"))
    assert doc.status == "parsed", doc.error
    assert Commitment.objects.filter(document=doc, manual=False).count() == len(engine.commitments)
    assert Outcome.objects.filter(document=doc).count() == len(engine.outcomes)


def test_every_corpus_document_is_counted():
    assert len([p for p in DOCUMENTS if p.parent == CORPUS]) == 30 and len(DOCUMENTS) == 37
