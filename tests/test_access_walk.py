"""The access walk: every URL of every URLconf (the admin's generated ones and
django-simple-history's included), taken from the resolver, requested as
anonymous, 查阅 of A, 编辑 of A and 管理员, against the objects of issuer A and of
issuer B, by GET and by POST (empty, and the form the 管理员 is shown, filled in
and changed, with B's ids in its choices; every changelist action on the row).

It fails on
- a leak: a page, file or header shown to anonymous or to A's users that carries
  B's data (B's words, names, addresses, labels);
- a write by 查阅 or anonymous (any inserted, updated or deleted row, counted by
  PostgreSQL itself for the test's transaction), or a change to B's rows by A's 编辑;
- a 500, for anyone, also with hostile parameters (``abc``, ``①``, ``²``,
  ``per_page=-5``, ids past the integer range);
- a URL whose parameters it does not know how to fill (teach ``fill`` below).

A URL added to any URLconf is walked without touching this file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import pytest
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from outcomes.mail import unsubscribe_token
from outcomes.models import Assessment, Outcome
from targets.corrections import correction_record
from targets.models import Commitment
from tests.factories import ADMIN, EDITOR, READER, user, xihu_pair
from tracker.access import APPS, ISSUER_PATHS, OWNER_PATHS
from tracker.api import token_create
from tracker.jobs import job_start
from tracker.models import (
    ApiToken,
    Correction,
    Document,
    Grant,
    Issuer,
    ParseJob,
    ScorecardSend,
    Section,
    Subscription,
)
from tracker.services import document_ingest, document_parse

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

B_PLAN = """乙县保密局2022年总结及2023年思路
公布日期: 2023-03-10
一、2022年工作总结
2022年,乙县保密局完成乙县秘密工程投资5亿元,新增乙县秘密企业10家。
二、2023年工作思路
(一)推进乙县秘密工程建设。2023年完成乙县秘密工程投资8亿元。
(二)培育乙县秘密企业。全年新增乙县秘密企业12家。
(三)提升乙县秘密服务水平,力争乙县秘密服务满意度达到95%。
"""
B_REVIEW = """乙县保密局2023年总结及2024年思路
公布日期: 2024-03-08
一、2023年工作总结
2023年,乙县保密局完成乙县秘密工程投资9亿元,新增乙县秘密企业15家,乙县秘密服务满意度达到96%。
二、2024年工作思路
2024年完成乙县秘密工程投资10亿元。
"""
# what only B's pages may show: its issuer, its words, its people, addresses, labels, reasons
B_MARKERS = ("乙县保密局", "乙县秘密", "b_reader", "b-secret@example.org", "乙令牌", "乙任务", "乙修正原因",
             "b-plan.txt")
# tables a request may write for anyone: the session, the login throttle
IGNORED_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog",
                  "axes_accessattemptexpiration"}
# a subscriber's own settings are theirs to change, 查阅 or not (the unsubscribe link works
# without login, by design): only these tables, and never B's rows (the fingerprint below)
OWN_SETTINGS = {"subscriptions": {"tracker_subscription", "tracker_subscription_issuers"},
                "subscription": {"tracker_subscription", "tracker_subscription_issuers"},
                "unsubscribe": {"tracker_subscription"}}
HOSTILE_QUERY = ("?per_page=-5&page=-1&year=%C2%B2&document=%E2%91%A0&issuer=abc&o=99.x&p=-3"
                 "&sort=-__class__&export=xlsx&_to_field=password")
HUGE = "99999999999999999999999"


@dataclass
class World:
    users: dict
    objs: dict  # variant ("A"/"B") -> model -> object
    b_issuer: Issuer
    b_user: object
    tokens: dict = field(default_factory=dict)
    b_tables: set = field(default_factory=set)
    b_print: str = ""  # B's fingerprint as of the last write to one of b_tables


def _ingest(issuer, name: str, text: str) -> Document:
    result = document_ingest(data=text.encode(), filename=name, issuer=issuer, parse=False)
    return document_parse(document=result.document)


def _side(issuer, plan, owner, tag: str) -> dict:
    commitment = Commitment.objects.filter(document=plan, assessment__isnull=False).order_by("pk").first()
    correction_record(document=plan, kind=Correction.Kind.COMMITMENT_EDIT, target_key=commitment.natural_key,
                      reason=f"{tag}修正原因", user=owner, changes={"unit": commitment.unit or "项"})
    commitment.refresh_from_db()
    token_create(user=owner, label=f"{tag}令牌")
    # a user's subscription goes to the account's own address: the marker is the owner's email
    owner.email = f"{'b-secret' if tag == '乙' else 'a-reader'}@example.org"
    owner.save(update_fields=["email"])
    sub = Subscription.objects.create(user=owner, email=owner.email)
    sub.issuers.set([issuer])
    send = ScorecardSend.objects.create(subscription=sub, period="2024-W01", summary={"note": f"{tag}发送"})
    job = job_start(label=f"{tag}任务重新解析", document_ids=list(issuer.documents.values_list("pk", flat=True)))
    return {
        Issuer: issuer, Document: plan, Section: Section.objects.filter(document=plan).first(),
        Commitment: commitment, Outcome: Outcome.objects.filter(issuer=issuer).order_by("pk").first(),
        Assessment: commitment.assessment, Correction: Correction.objects.filter(document=plan).first(),
        Grant: Grant.objects.filter(user=owner).first(), ApiToken: ApiToken.objects.filter(user=owner).first(),
        Subscription: sub, ScorecardSend: send, ParseJob: job,
    }


@pytest.fixture
def world() -> World:
    return build_world()


def build_world() -> World:
    """Issuers A and B with their documents, people and rows (also used by tests/browser/test_every_page.py)."""
    a_issuer, a_plan, _ = xihu_pair()
    b_issuer = Issuer.objects.create(name="乙县保密局")
    b_plan = _ingest(b_issuer, "b-plan.txt", B_PLAN)
    _ingest(b_issuer, "b-review.txt", B_REVIEW)
    reader = user("reader_a", READER, [a_issuer])
    reader.is_staff = True  # a 查阅 user who can open the admin, as in the audit
    reader.save()
    users = {"anonymous": None, "查阅A": reader, "编辑A": user("editor_a", EDITOR, [a_issuer]),
             "管理员": user("boss", ADMIN)}
    b_user = user("b_reader", READER, [b_issuer])
    objs = {"A": _side(a_issuer, a_plan, reader, "甲"), "B": _side(b_issuer, b_plan, b_user, "乙")}
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    objs["A"][get_user_model()], objs["B"][get_user_model()] = reader, b_user
    objs["A"][Group] = objs["B"][Group] = Group.objects.get(name=READER)
    assert Commitment.objects.filter(issuer=b_issuer).count() >= 3
    assert Assessment.objects.filter(commitment__issuer=b_issuer).exists()
    world = World(users=users, objs=objs, b_issuer=b_issuer, b_user=b_user)
    world.b_tables, world.b_print = b_tables(world), b_fingerprint(world)
    return world


# ---- the URLs, from the resolver -------------------------------------------------------------------

@dataclass
class Route:
    key: str  # the pattern, as text: one per pattern of every URLconf
    name: str  # the URL name, with namespace
    parts: list  # the patterns from the root to the view
    model_admin: object | None


def routes(resolver: URLResolver | None = None, parts=(), namespace: str = "") -> list[Route]:
    resolver = resolver or get_resolver()
    out = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            out += routes(p, (*parts, p.pattern), ns)
        elif isinstance(p, URLPattern):
            cb = p.callback
            admin = getattr(cb, "model_admin", None) or getattr(getattr(cb, "__wrapped__", None), "__self__", None)
            if admin is not None and not hasattr(admin, "model"):
                admin = None
            chain = (*parts, p.pattern)
            out.append(Route("".join(str(x) for x in chain), f"{namespace}{p.name or ''}", list(chain), admin))
    return out


_CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _regex_groups(regex: str):
    """The top-level groups of a pattern's regex: (start, end, name, body)."""
    depth, start, out = 0, None, []
    i = 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                body = regex[start + 1:i]
                m = re.match(r"\?P<(\w+)>", body)
                out.append((start, i + 1, m.group(1) if m else None, body[m.end():] if m else body))
        i += 1
    return out


def expand(route: Route, fill) -> list[str]:
    """Concrete paths for the route: each parameter filled by ``fill(route, name, converter)``,
    which gives a list of values (or raises KeyError when it does not know the parameter)."""
    paths = [""]
    positional = iter(("object_id", "version_id"))
    for pattern in route.parts:
        text = str(pattern)
        options: list[list[str]] = []
        if isinstance(pattern, RoutePattern) and "<" in text:  # a path() route
            pieces, last = [], 0
            for m in _CONVERTER.finditer(text):
                pieces.append([text[last:m.start()]])
                pieces.append(fill(route, m.group("name"), m.group("conv") or "str"))
                last = m.end()
            pieces.append([text[last:]])
            options = pieces
        elif isinstance(pattern, RegexPattern):  # a re_path() route
            regex = text.lstrip("^").rstrip("$")
            pieces, last = [], 0
            for start, end, name, body in _regex_groups(regex):
                pieces.append([regex[last:start]])
                if re.fullmatch(r"[\w|]+", body):  # an alternation of literals: each one
                    pieces.append(body.split("|"))
                else:
                    pieces.append(fill(route, name or next(positional), "regex"))
                last = end
            pieces.append([regex[last:]])
            options = pieces
        else:
            options = [[text]]
        for piece in options:
            paths = [p + v for p in paths for v in piece]
    return ["/" + p.replace("\\", "") for p in paths]


FRONT_PK = {"commitment": Commitment, "subscription": Subscription, "document-original": Document,
            "document-text": Document}


def make_fill(world: World, variant: str):
    objs = world.objs.get(variant, {})

    def fill(route: Route, name: str, conv: str) -> list[str]:
        if variant == "hostile":
            return [HUGE] if conv == "int" else ["abc", "%E2%91%A0"]
        model = route.model_admin.model if route.model_admin else None
        if name in ("object_id", "id") and model is not None:
            if model in objs:
                return [str(objs[model].pk)]
            if model._meta.app_label in APPS:
                raise KeyError(f"{route.key}: 没有 {model._meta.label} 的 A/B 对象(在 _side 中补上)")
            first = model._default_manager.order_by("pk").first()  # another app's model: any row
            return [str(first.pk if first else 0)]
        if name == "version_id" and model is not None:
            rows = model.history.filter(**{model._meta.pk.attname: objs[model].pk})
            return [str(rows.latest("history_date").history_id)]
        if name == "issuer_id":
            return [str(objs[Issuer].pk)]
        if name == "year":
            return ["2023"]
        if name == "pk" and route.name in FRONT_PK:
            return [str(objs[FRONT_PK[route.name]].pk)]
        if name == "token":  # A's users hold A's link; B's they do not have, so they can only forge one
            token = unsubscribe_token(objs[Subscription])
            return [token if variant == "A" else token[:-2] + ("xy" if not token.endswith("xy") else "zw")]
        if name == "content_type_id":
            return [str(ContentType.objects.get_for_model(Commitment).pk)]
        if name == "object_id" and route.name.endswith("view_on_site"):
            return [str(objs[Commitment].pk)]
        if name == "url":
            return ["nowhere/"]
        raise KeyError(f"{route.key}: 不知道怎样填写参数 {name}")

    return fill


# ---- what a request did ----------------------------------------------------------------------------

def table_writes() -> dict[str, int]:
    with connection.cursor() as cur:
        cur.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return dict(cur.fetchall())


def written(before: dict, after: dict) -> set[str]:
    return {t for t, n in after.items() if n > before.get(t, 0)} - IGNORED_TABLES


def _b_rows(world: World):
    """(table, B's rows of it) for every table of ours that holds B's rows (history tables too)."""
    for model in apps.get_models():
        base = getattr(model, "instance_type", model)
        label = base._meta.label_lower
        if label in ISSUER_PATHS:
            qs = model._default_manager.filter(**{ISSUER_PATHS[label]: world.b_issuer.pk})
        elif label in OWNER_PATHS:
            qs = model._default_manager.filter(**{OWNER_PATHS[label]: world.b_user.pk})
        elif base is ParseJob:
            qs = model._default_manager.filter(issuers=world.b_issuer)
        else:
            continue
        yield model._meta.db_table, qs


def b_fingerprint(world: World) -> str:
    """B's rows in every table of ours (history tables too), and the number of issuers."""
    h = hashlib.sha256(str(Issuer.objects.count()).encode())
    for _table, qs in _b_rows(world):
        h.update(repr(list(qs.order_by("pk").values())).encode())
    return h.hexdigest()


def b_tables(world: World) -> set[str]:
    """The tables B's fingerprint reads: a request that writes none of them cannot change it."""
    return {table for table, _ in _b_rows(world)} | {Issuer._meta.db_table}


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    return headers + "\n" + data.decode("utf-8", "replace")


def leaks(text: str) -> list[str]:
    return [m for m in B_MARKERS if m in text]


# ---- what to POST ----------------------------------------------------------------------------------

def _form_of(response):
    ctx = getattr(response, "context", None)
    if ctx is None:
        return None
    for key in ("adminform", "form"):
        try:
            form = ctx[key]
        except (KeyError, TypeError):
            continue
        return getattr(form, "form", form)
    return None


def payloads(response, objs: dict) -> list[dict]:
    """From the page the 管理员 sees: the form filled in and changed (numbers moved, a reason, the
    variant's objects in every choice), and every changelist action on the variant's row."""
    out = []
    form = _form_of(response)
    if isinstance(form, forms.BaseForm):
        data = {}
        for name, f in form.fields.items():
            value = form[name].value()
            if isinstance(f, forms.ModelMultipleChoiceField):
                obj = objs.get(f.queryset.model)
                data[name] = [str(obj.pk)] if obj else [str(v) for v in value or []]
            elif isinstance(f, forms.ModelChoiceField):
                obj = objs.get(f.queryset.model)
                data[name] = str(obj.pk) if obj else ("" if value is None else str(value))
            elif isinstance(f, forms.FileField) or value is None:
                continue
            elif isinstance(f, forms.BooleanField):
                if not value:
                    data[name] = "on"
            elif isinstance(f, forms.ChoiceField) and f.choices:
                data[name] = str(list(f.choices)[-1][0])
            elif isinstance(value, (int, float)) or re.fullmatch(r"-?\d+(\.\d+)?", str(value)):
                data[name] = str(int(float(value)) + 1)
            else:
                data[name] = value
        data["reason"] = "走查写入"
        data["_save"] = "保存"
        out.append(data)
    ctx = getattr(response, "context", None)
    try:
        action_form = ctx["action_form"] if ctx is not None else None
    except KeyError:
        action_form = None
    if action_form is not None:
        cl_model = ctx["cl"].model
        obj = objs.get(cl_model)
        for name, _label in action_form.fields["action"].choices:
            if name and obj is not None:
                out.append({"action": name, "_selected_action": [str(obj.pk)], "index": "0", "post": "yes",
                            "select_across": "0"})
    return out


# ---- the walk --------------------------------------------------------------------------------------

@dataclass
class Walk:
    failures: list = field(default_factory=list)
    walked: set = field(default_factory=set)
    admin_saw_b: set = field(default_factory=set)
    editor_wrote_a: set = field(default_factory=set)
    requests: int = 0


def _request(world: World, who: str, method: str, path: str, data=None):
    """(response, its text, the tables of ours it wrote, whether it changed B's rows)."""
    client = Client(raise_request_exception=False)
    if world.users[who] is not None:
        client.force_login(world.users[who])
    before = table_writes()
    response = client.get(path) if method == "GET" else client.post(path, data or {})
    text = body_of(response)
    after = table_writes()
    changed_b = False
    if {t for t, n in after.items() if n > before.get(t, 0)} & world.b_tables:
        # B's rows are read again only after a write to one of their tables (most requests write none)
        now = b_fingerprint(world)
        changed_b, world.b_print = now != world.b_print, now
    return response, text, written(before, after), changed_b


def walk(world: World, only=None) -> Walk:
    w = Walk()
    for route in routes():
        if only and not only(route):
            continue
        for variant in ("A", "B", "hostile"):
            try:
                paths = expand(route, make_fill(world, variant))
            except KeyError as exc:
                w.failures.append(str(exc))
                break
            for path in paths:
                if variant == "B" and route.name.startswith("api-"):  # B's ids as filters
                    objs = world.objs["B"]
                    path += f"?issuer={objs[Issuer].pk}&document={objs[Document].pk}&year=2023"
                elif variant == "hostile":
                    path += HOSTILE_QUERY
                w.walked.add(route.key)
                _visit(world, w, route, variant, path)
    return w


def _visit(world: World, w: Walk, route: Route, variant: str, path: str) -> None:
    objs = world.objs.get(variant, world.objs["A"])
    response, text, _, _ = _request(world, "管理员", "GET", path)
    w.requests += 1
    if response.status_code >= 500:
        w.failures.append(f"500 · 管理员 GET {path}")
    if variant == "B" and leaks(text):
        w.admin_saw_b.add(route.name)
    posts = [{}, *payloads(response, objs)] if variant != "hostile" else []
    for who in ("anonymous", "查阅A", "编辑A"):
        requests = [("GET", None)] + [("POST", data) for data in posts]
        for method, data in requests:
            response, text, wrote, changed_b = _request(world, who, method, path, data)
            w.requests += 1
            where = f"{who} {method} {path}" + (f" {sorted(data)[:6]}" if data else "")
            if response.status_code >= 500:
                w.failures.append(f"500 · {where}")
            found = leaks(text)
            if found:
                w.failures.append(f"leak {found} · {where} → {response.status_code}")
            allowed = OWN_SETTINGS.get(route.name, set())
            if who != "编辑A" and wrote - allowed:
                w.failures.append(f"write {sorted(wrote - allowed)} · {where} → {response.status_code}")
            if who == "编辑A":
                if changed_b:
                    w.failures.append(f"B changed · {where} → {response.status_code}")
                if variant == "A" and wrote & {"tracker_correction", "targets_historicalcommitment"}:
                    w.editor_wrote_a.add(route.name)


def test_every_url_as_every_role_leaks_nothing_and_writes_nothing(world):
    w = walk(world)
    every = {r.key for r in routes()}
    assert every - w.walked == set(), "URLs not walked"
    assert len(every) > 90  # the admin's generated URLs are in the walk
    assert not w.failures, f"{len(w.failures)} failures in {w.requests} requests:\n" + "\n".join(w.failures[:80])
    # the walk can see a leak: the same pages show B's data to those who may see it
    for name in ("admin:targets_commitment_change", "admin:targets_commitment_history",
                 "admin:targets_commitment_simple_history", "admin:outcomes_outcome_simple_history",
                 "admin:outcomes_assessment_history", "admin:tracker_grant_changelist",
                 "admin:tracker_apitoken_changelist", "admin:tracker_subscription_changelist",
                 "admin:tracker_scorecardsend_changelist", "admin:tracker_parsejob_changelist",
                 "admin:tracker_correction_change", "admin:tracker_document_add", "api-commitments", "documents",
                 "document-original", "document-text", "commitment", "scorecard", "indicator"):
        assert name in w.admin_saw_b, name
    # ... and a write: the forms it posts are real (an 编辑's revert of their own commitment is recorded)
    assert "admin:targets_commitment_simple_history" in w.editor_wrote_a
    assert "admin:targets_commitment_change" in w.editor_wrote_a


def test_the_walk_finds_a_leak_and_a_write_when_scoping_is_removed(world, monkeypatch):
    """The walk is not blind: with the commitment admin unscoped and readable history forms
    saving again, it reports both."""
    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    commitment_admin = admin.site._registry[Commitment]
    monkeypatch.setattr(type(commitment_admin), "get_queryset",
                        lambda self, request: Commitment.objects.all())
    monkeypatch.setattr(type(commitment_admin), "history_form_view", SimpleHistoryAdmin.history_form_view)
    monkeypatch.setattr(type(commitment_admin), "has_change_permission", lambda self, request, obj=None: True)
    w = walk(world, only=lambda r: r.name.startswith("admin:targets_commitment_"))
    assert any(f.startswith("leak") and "查阅A" in f for f in w.failures)
    assert any(f.startswith("write") and "查阅A POST" in f and "/history/" in f for f in w.failures)
