"""When a commitment is due: the one definition, for the 三色预警 (outcomes/lights.py) and the
commitment's own ``due_date`` (targets/models.py)."""

from __future__ import annotations

from datetime import date


def due_date(deadline: date | None, year: int | None) -> date | None:
    """The milestone's deadline, else 31 December of the commitment's year."""
    if deadline is not None:
        return deadline
    return date(year, 12, 31) if year else None
