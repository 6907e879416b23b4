"""Read-only JSON API for issuers, documents, commitments and assessments.

Authentication: the session (logged-in browser) or ``Authorization: Token <key>``
(``manage.py api_token USERNAME``). Every list is scoped like the UI and paged
with ``?page=N`` (200 rows a page).
"""

from __future__ import annotations

import hashlib
import secrets
from functools import wraps

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse

from outcomes.lights import warning
from outcomes.models import Assessment
from outcomes.selectors import judged
from targets.models import Commitment
from tracker.access import scope, visible_issuers
from tracker.models import ApiToken, Document
from tracker.params import int_param

PAGE = 200


def token_create(*, user, label: str = "") -> str:
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=hashlib.sha256(key.encode()).hexdigest(), label=label)
    return key


def api_view(fn):
    @wraps(fn)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method != "GET":
            return JsonResponse({"error": "只读接口"}, status=405)
        user = request.user
        header = request.headers.get("Authorization", "")
        if header.startswith("Token "):
            digest = hashlib.sha256(header[6:].strip().encode()).hexdigest()
            token = ApiToken.objects.filter(key_hash=digest, user__is_active=True).select_related("user").first()
            user = token.user if token else None
        if user is None or not user.is_authenticated:
            return JsonResponse({"error": "需要登录或有效的令牌"}, status=401)
        try:
            return fn(request, user, *args, **kwargs)
        except BadRequest as exc:
            return JsonResponse({"error": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False})

    return wrapper


def _page(request: HttpRequest, qs, render) -> JsonResponse:
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return JsonResponse({"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
                         "results": [render(x) for x in page]}, json_dumps_params={"ensure_ascii": False})


@api_view
def issuers(request, user):
    return _page(request, visible_issuers(user).order_by("pk"), lambda i: {
        "id": i.pk, "name": i.name, "aliases": i.aliases, "level": i.level, "parent": i.parent_id})


@api_view
def documents(request, user):
    qs = scope(Document.objects.defer("plain_text").order_by("pk"), user)
    return _page(request, qs, lambda d: {
        "id": d.pk, "issuer": d.issuer_id, "title": d.title, "kind": d.kind, "published": d.published,
        "review_year": d.review_year, "plan_year": d.plan_year, "status": d.status, "error": d.error,
        "parser_version": d.parser_version, "warnings": d.warnings})


def _commitment(c: Commitment, status: str) -> dict:
    """``status``: the effective one (outcomes/judgment.py), for the deadline's light (outcomes/lights.py)."""
    w = warning(status, c.deadline, c.year)
    return {"id": c.pk, "document": c.document_id, "issuer": c.issuer_id, "year": c.year, "text": c.text,
            "start": c.start, "end": c.end, "section": c.section_path, "indicator": c.indicator,
            "measure": c.measure, "comparator": c.comparator or None, "target": c.target,
            "target_high": c.target_high, "unit": c.unit or None, "polarity": c.polarity or None,
            "strength": c.strength or None, "deadline": c.deadline,
            "responsible_unit": c.responsible_unit or None, "due_date": w.due, "overdue": w.overdue,
            "due_soon": w.soon, "light": w.light}


@api_view
def commitments(request, user):
    qs = scope(Commitment.objects.filter(rejected=False).order_by("pk"), user)
    for field in ("issuer", "year", "document"):
        value = int_param(request, field)
        if value is not None:
            qs = qs.filter(**{f"{field}_id" if field != "year" else field: value})
    unit = (request.GET.get("responsible_unit") or "").strip()
    if unit:
        qs = qs.filter(responsible_unit=unit)
    return _page(request, judged(qs), lambda c: _commitment(c, c.status))


@api_view
def assessments(request, user):
    qs = scope(Assessment.objects.select_related("commitment").order_by("pk"), user, "commitment__issuer_id")
    for field, lookup in (("issuer", "commitment__issuer_id"), ("year", "commitment__year")):
        value = int_param(request, field)
        if value is not None:
            qs = qs.filter(**{lookup: value})
    return _page(request, qs, lambda a: {
        "id": a.pk, "commitment": _commitment(a.commitment, a.effective_status), "status": a.effective_status,
        "engine_status": a.status, "score": a.effective_score, "actual": a.actual,
        "actual_unit": a.actual_unit or None, "evidence": a.evidence_quotes, "confidence": a.confidence,
        "rationale": a.rationale, "override_reason": a.override_reason or None})
