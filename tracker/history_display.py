"""History a person can read: django-simple-history rows of commitments, outcomes and assessments
as entries in Chinese — who (a person, or 解析引擎 for what the engine wrote), what changed (field
labels, values as shown on the pages, never raw codes), why — with rows where nothing a reader
sees changed left out, and an engine reset undone by the re-applied correction right after it
(the old re-parse pattern) left out as a pair. Times stay aware; templates show them in
Asia/Shanghai (TIME_ZONE)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils import timezone

from tracker.formatting import number

ENGINE = "解析引擎"
# bookkeeping, ids and offsets: not what a reader follows
HIDDEN = {"id", "start", "end", "natural_key", "document", "issuer", "section", "commitment", "engine_version",
          "assessed_at", "overridden_by", "overridden_at", "history_id", "history_date", "history_change_reason",
          "history_type", "history_user"}
LONG = {"text", "rationale", "override_reason"}  # shown shortened
CREATED = {"targets.commitment": ("indicator", "target", "unit"), "outcomes.outcome": ("indicator", "value", "unit"),
           "outcomes.assessment": ("status", "score", "actual", "actual_unit")}
KINDS = {"+": "新建", "~": "修改", "-": "删除"}
OBJECTS = {"targets.commitment": "承诺", "outcomes.outcome": "成效", "outcomes.assessment": "评估"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    engine: bool
    kind: str
    what: str  # 承诺 / 评估 / 成效
    reason: str
    changes: list[Change] = field(default_factory=list)
    record: object = None
    _before: object = None


def _fields(model) -> list[models.Field]:
    return [f for f in model._meta.fields if f.name not in HIDDEN]


def _shown(f: models.Field, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return "是" if value else "否"
    if isinstance(f, models.FloatField):
        return number(value)
    if isinstance(f, models.JSONField):
        return f"{len(value)} 条" if isinstance(value, list) else "已设置"
    if isinstance(f, models.DateTimeField) and isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).split())
    if f.name in LONG and len(text) > 60:
        text = text[:59] + "…"
    return text


def _label(f: models.Field) -> str:
    return str(f.verbose_name)


def diff(model, old, new) -> list[Change]:
    """What a reader sees change between two history rows (or model states)."""
    out = []
    for f in _fields(model):
        a, b = getattr(old, f.attname, None), getattr(new, f.attname, None)
        if a != b and not ({a, b} <= {None, ""}):
            out.append(Change(_label(f), _shown(f, a), _shown(f, b)))
    return out


def _created(model, record) -> list[Change]:
    names = CREATED.get(model._meta.label_lower, ())
    by = {f.name: f for f in _fields(model)}
    return [Change(_label(by[n]), "", _shown(by[n], getattr(record, by[n].attname, None))) for n in names
            if n in by and getattr(record, by[n].attname, None) not in (None, "")]


def _who(record) -> tuple[str, bool]:
    """A person's change is a correction, which always carries its reason; anything without a reason was
    written by the engine, whoever was logged in when it ran (a parse in the upload's request)."""
    reason = (record.history_change_reason or "").strip()
    user = record.history_user if record.history_user_id else None
    if reason and user is not None:
        return user.get_username(), False
    if reason:
        return "系统", False
    return ENGINE, True


def entries(model, records) -> list[Entry]:
    """Readable entries of one object's history rows, newest first."""
    rows = sorted(records, key=lambda r: (r.history_date, r.history_id))
    label = model._meta.label_lower
    out: list[Entry] = []
    prev = None
    for r in rows:
        who, engine = _who(r)
        if r.history_type == "+" or prev is None:
            changes = _created(model, r) if r.history_type == "+" else []
        else:
            changes = diff(model, prev, r)
            if not changes and r.history_type == "~":
                prev = r
                continue  # nothing a reader sees changed
        e = Entry(r.history_date, who, engine, KINDS.get(r.history_type, r.history_type),
                  OBJECTS.get(label, str(model._meta.verbose_name)), (r.history_change_reason or "").strip(),
                  changes, r, prev)
        out.append(e)
        prev = r
    return list(reversed(_collapse(model, out)))


def _collapse(model, oldest_first: list[Entry]) -> list[Entry]:
    """An engine reset followed by the re-applied correction that restores the state before it is no
    change: both are left out (what every re-parse wrote before history kept only changed rows)."""
    kept: list[Entry] = []
    for e in oldest_first:
        if (kept and not e.engine and kept[-1].engine and kept[-1].kind == "修改" and e.kind == "修改"
                and kept[-1]._before is not None and not diff(model, kept[-1]._before, e.record)):
            kept.pop()
            continue
        kept.append(e)
    return kept


def merged(*histories: tuple[type[models.Model], object], limit: int = 30) -> list[Entry]:
    """Several objects' entries (a commitment and its assessment) in one list, newest first."""
    every = [e for model, records in histories for e in entries(model, records)]
    every.sort(key=lambda e: (e.when, getattr(e.record, "history_id", 0)), reverse=True)
    return every[:limit]


def admin_rows(records) -> list[Entry]:
    """The admin's history page (one page of one object's rows, newest first): each row against the
    row before it; rows where nothing a reader sees changed, and reset/re-apply pairs, left out."""
    out = []
    for r in records:
        model = r.instance_type
        who, engine = _who(r)
        prev = r.prev_record if r.history_type != "+" else None
        if r.history_type == "+":
            changes = _created(model, r)
        elif prev is None:
            changes = []
        else:
            changes = diff(model, prev, r)
            if not changes and r.history_type == "~":
                continue
        out.append(Entry(r.history_date, who, engine, KINDS.get(r.history_type, r.history_type),
                         OBJECTS.get(model._meta.label_lower, str(model._meta.verbose_name)),
                         (r.history_change_reason or "").strip(), changes, r, prev))
    if not out:
        return out
    return list(reversed(_collapse(out[0].record.instance_type, list(reversed(out)))))
