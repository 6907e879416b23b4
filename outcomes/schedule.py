"""When a subscription is next due, in Asia/Shanghai (the settings' TIME_ZONE).

``next_due(frequency="weekly", weekday=0, day_of_month=1, hour=8, after=t)`` is the
first Monday 08:00 strictly after ``t``; monthly is day ``day_of_month`` (1–28, so
every month has it) at ``hour``. ``period_of`` names the slot: ``2026-W47`` or ``2026-11``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def next_due(*, frequency: str, weekday: int, day_of_month: int, hour: int, after: datetime) -> datetime:
    local = after.astimezone(_zone())
    if frequency == "weekly":
        slot = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        slot += timedelta(days=(weekday - slot.weekday()) % 7)
        if slot <= local:
            slot += timedelta(days=7)
        return slot
    slot = local.replace(day=day_of_month, hour=hour, minute=0, second=0, microsecond=0)
    if slot <= local:
        year, month = (slot.year + 1, 1) if slot.month == 12 else (slot.year, slot.month + 1)
        slot = slot.replace(year=year, month=month)
    return slot


def period_of(frequency: str, slot: datetime) -> str:
    local = slot.astimezone(_zone())
    if frequency == "weekly":
        iso = local.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return f"{local.year}-{local.month:02d}"
