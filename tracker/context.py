"""Template context: what the signed-in user may do (for showing only links that work)."""

from __future__ import annotations

from django.http import HttpRequest

from tracker.access import can_edit


def roles(request: HttpRequest) -> dict:
    return {"can_edit": can_edit(getattr(request, "user", None))}
