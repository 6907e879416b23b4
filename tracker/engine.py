"""The engine's settings as engine objects: upload limits and scoring thresholds."""

from __future__ import annotations

from django.conf import settings

from tracker.core.reading import Limits
from tracker.core.scoring import Thresholds


def engine_limits() -> Limits:
    return Limits(**settings.ENGINE_LIMITS)


def thresholds() -> Thresholds:
    return Thresholds(**settings.SCORING)
