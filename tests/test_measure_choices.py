"""The database's measure choices are the engine's table (tracker/core/measures.py)."""

from tracker.core import measures


def test_the_database_offers_the_tables_codes_and_labels():
    from tracker.models import MEASURES

    assert [c for c, _ in MEASURES] == [m.code.value for m in measures.TABLE]
    assert dict(MEASURES)["share"] == "占比"
