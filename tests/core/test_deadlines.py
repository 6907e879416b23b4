"""When a commitment is due (tracker/core/deadlines.py)."""

from datetime import date

from tracker.core.deadlines import due_date


def test_due_date_is_the_milestone_else_the_years_end():
    assert due_date(date(2026, 3, 31), 2026) == date(2026, 3, 31)
    assert due_date(None, 2026) == date(2026, 12, 31)
    assert due_date(None, None) is None
