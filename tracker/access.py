"""Who may see and change what: the one access policy.

Every view, export, API endpoint and admin page reads through ``scope`` (what
the user may see) and writes through ``scope_writable`` / ``may_write`` (what
the user may change); the admin applies them in ``tracker.admin.ScopedAdmin``.

Roles are groups: 查阅 (read), 编辑 (upload, correct), 管理员 (everything).
A user sees the issuers granted to them and their sub-issuers; superusers and
管理员 see all. A 查阅 user writes nothing; an 编辑 writes only within the
issuers they see. Rows that belong to a person rather than to an issuer (API
tokens, subscriptions and their sends, grants) are visible to their owner and
to 管理员 only.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet

from tracker.models import Grant, Issuer

READER, EDITOR, ADMIN = "查阅", "编辑", "管理员"
ROLES = (READER, EDITOR, ADMIN)

# How each model reaches its issuer ("issuer") or its owner ("user"). A model of ours
# that is not listed here is visible to 管理员 only (``scope`` returns nothing).
ISSUER_PATHS = {
    "tracker.issuer": "pk",
    "tracker.document": "issuer_id",
    "tracker.section": "document__issuer_id",
    "tracker.correction": "document__issuer_id",
    "targets.commitment": "issuer_id",
    "outcomes.outcome": "issuer_id",
    "outcomes.assessment": "commitment__issuer_id",
}
OWNER_PATHS = {
    "tracker.grant": "user_id",
    "tracker.apitoken": "user_id",
    "tracker.subscription": "user_id",
    "tracker.scorecardsend": "subscription__user_id",
}


def _label(model) -> str:
    return model._meta.label_lower


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def _roles(user) -> set[str]:
    """The user's roles, read once per user object (a request's user: the view, the context processor
    and every template rendered with the request ask again)."""
    cached = getattr(user, "_tracker_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._tracker_roles = cached
    return cached


def is_admin(user) -> bool:
    """Superusers and 管理员 see and change everything."""
    if not _authenticated(user):
        return False
    return user.is_superuser or ADMIN in _roles(user)


def can_edit(user) -> bool:
    """编辑 and 管理员: may upload and correct (within the issuers they may write)."""
    return is_admin(user) or (_authenticated(user) and EDITOR in _roles(user))


def visible_issuer_ids(user) -> set[int] | None:
    """Ids the user may see, or None for all (superusers, 管理员)."""
    if not _authenticated(user):
        return set()
    if is_admin(user):
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


def writable_issuer_ids(user) -> set[int] | None:
    """Ids the user may change, or None for all: an 编辑 writes what they see, a 查阅 nothing."""
    if is_admin(user):
        return None
    if not can_edit(user):
        return set()
    return visible_issuer_ids(user)


def visible_issuers(user) -> QuerySet[Issuer]:
    return scope(Issuer.objects.all(), user)


def writable_issuers(user) -> QuerySet[Issuer]:
    return scope_writable(Issuer.objects.all(), user)


def _issuer_filter(qs: QuerySet, ids: set[int] | None, field: str | None) -> QuerySet:
    if ids is None:
        return qs
    return qs.filter(**{f"{field}__in": ids})


def issuer_path(model) -> str | None:
    return ISSUER_PATHS.get(_label(model))


def scope(qs: QuerySet, user, field: str | None = None) -> QuerySet:
    """The rows of ``qs`` the user may see. ``field`` is the path to the issuer id; without it the
    model's own path (``ISSUER_PATHS``/``OWNER_PATHS``) is used."""
    if field is not None:
        return _issuer_filter(qs, visible_issuer_ids(user), field)
    label = _label(qs.model)
    if label in ISSUER_PATHS:
        return _issuer_filter(qs, visible_issuer_ids(user), ISSUER_PATHS[label])
    if is_admin(user):
        return qs
    if label in OWNER_PATHS and _authenticated(user):
        return qs.filter(**{OWNER_PATHS[label]: user.pk})
    if label == "tracker.parsejob":
        return parse_jobs_visible(qs, user)
    return qs.none()


def scope_writable(qs: QuerySet, user, field: str | None = None) -> QuerySet:
    """The rows of ``qs`` the user may change (a 查阅 user: none)."""
    if field is None:
        field = issuer_path(qs.model)
    if field is None:  # rows owned by a person, or jobs: only 管理员 change them in the admin
        return qs if is_admin(user) else qs.none()
    return _issuer_filter(qs, writable_issuer_ids(user), field)


def parse_jobs_visible(qs: QuerySet, user) -> QuerySet:
    """A parse job is visible when every document it touches is (a job names its documents)."""
    ids = visible_issuer_ids(user)
    if ids is None:
        return qs
    if not ids:
        return qs.none()
    outside = Issuer.objects.exclude(pk__in=ids)
    return qs.filter(issuers__in=ids).exclude(issuers__in=outside).distinct()


def may_see(user, obj: Model) -> bool:
    return scope(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


def may_write(user, obj: Model | None = None) -> bool:
    """May the user change ``obj`` (or, without one, anything at all)?"""
    if obj is None:
        return is_admin(user) or bool(writable_issuer_ids(user))
    if getattr(obj, "pk", None) is None:
        issuer_id = getattr(obj, "issuer_id", None)
        ids = writable_issuer_ids(user)
        return ids is None or (issuer_id is not None and issuer_id in ids)
    return scope_writable(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


def may_write_issuer(user, issuer: Issuer | int | None) -> bool:
    ids = writable_issuer_ids(user)
    if ids is None:
        return True
    pk = issuer.pk if isinstance(issuer, Issuer) else issuer
    return pk is not None and pk in ids


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
