"""The statuses' table (tracker/core/statuses.py) is complete and consistent."""

from tracker.core import statuses
from tracker.core.statuses import Status


def test_the_table_is_complete():
    assert [s.code for s in statuses.TABLE] == list(Status)
    assert set(statuses.ORDER) == set(Status) and len(statuses.ORDER) == len(Status)
    assert set(statuses.JUDGED) | set(statuses.UNSCORED) == set(Status)
    assert sorted(s.urgency for s in statuses.TABLE) == list(range(len(Status)))
    for s in statuses.TABLE:  # a judged status takes its light's colour; only judged statuses have one
        assert (s.light is not None) == (s.group is statuses.Group.JUDGED)
        if s.light is not None:
            assert s.colour == statuses.LAMPS[s.light].colour
