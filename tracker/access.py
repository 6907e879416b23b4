"""Who may see and change what. Every view, export, API endpoint and admin page
scopes its querysets through ``visible_issuers``.

Roles are groups: 查阅 (read), 编辑 (upload, correct), 管理员 (everything).
A user sees the issuers granted to them and their sub-issuers; superusers see all.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import QuerySet

from tracker.models import Grant, Issuer

READER, EDITOR, ADMIN = "查阅", "编辑", "管理员"
ROLES = (READER, EDITOR, ADMIN)


def visible_issuer_ids(user) -> set[int] | None:
    """Ids the user may see, or None for all (superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser or user.groups.filter(name=ADMIN).exists():
        return None
    cached = getattr(user, "_visible_issuer_ids", None)
    if cached is not None:
        return cached
    granted = set(Grant.objects.filter(user=user).values_list("issuer_id", flat=True))
    children: dict[int, list[int]] = {}
    for pk, parent in Issuer.objects.values_list("pk", "parent_id"):
        if parent:
            children.setdefault(parent, []).append(pk)
    seen, stack = set(), list(granted)
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        stack.extend(children.get(pk, ()))
    user._visible_issuer_ids = seen
    return seen


def visible_issuers(user) -> QuerySet[Issuer]:
    ids = visible_issuer_ids(user)
    qs = Issuer.objects.all()
    return qs if ids is None else qs.filter(pk__in=ids)


def scope(qs: QuerySet, user, field: str = "issuer_id") -> QuerySet:
    ids = visible_issuer_ids(user)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def can_edit(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.groups.filter(name__in=(EDITOR, ADMIN)).exists())


APPS = ("tracker", "targets", "outcomes")
EDITOR_PERMS = {
    "tracker": {"document": ("add", "change", "view"), "correction": ("add", "change", "view")},
    "targets": {"commitment": ("change", "view")},
    "outcomes": {"outcome": ("change", "view"), "assessment": ("change", "view")},
}


def ensure_groups() -> dict[str, Group]:
    """The three roles with their model permissions (run after every migrate)."""
    from django.contrib.auth.models import Permission

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    ours = Permission.objects.filter(content_type__app_label__in=APPS)
    groups[ADMIN].permissions.set(ours)
    groups[READER].permissions.set(ours.filter(codename__startswith="view_"))
    editor = [p for p in ours if p.codename.startswith("view_") or any(
        p.content_type.model == model and p.codename.split("_", 1)[0] in actions
        for models in EDITOR_PERMS.values() for model, actions in models.items())]
    groups[EDITOR].permissions.set(editor)
    return groups
