"""Every GET page, as every role, in a real browser (Debian's chromium through Playwright, as
tests/browser/test_ui.py).

The pages are not a hand list: they come from the resolver through the access walk
(tests/test_access_walk.py: ``routes``, ``expand``, ``make_fill``), with its objects of issuers A
and B (``build_world``). For 查阅 of A and 编辑 of A every page is opened with A's objects; for the
管理员 with A's and with B's. A page the role may not see (403, 404, a redirect to a login page) is
recorded and not checked. Every page the role sees is screenshot (full page, 1280 px wide) into the
test's tmp_path (printed) and copied to /tmp/every-page-shots/<role>/, with an index.txt.

A page fails when
- its HTTP status is 500 (or any 5xx);
- its ``<title>`` holds markup: ``<``, ``>`` or an escaped entity (``&lt;`` …);
- its visible text shows a raw code as a word: a status, a document kind, a measure … (every code of
  every choice of our models, and the ones below), outside form values, URLs and file names;
- a column header, field label or heading is in English (``TARGET DISPLAY``);
- it scrolls horizontally at 1280 px: the page, or a box inside it (the admin's changelist table).

A failure whose fix belongs to a file this test does not own is listed in ``KNOWN`` (route name,
check) with the file and the cause; the role's test then ends as xfail naming them, and fails on
anything else.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from django.apps import apps
from django.contrib.admin import site as admin_site
from django.urls import reverse

from outcomes.mail import unsubscribe_token
from targets.models import Commitment
from tests.browser.test_ui import browser, login  # noqa: F401 - the browser fixture, the login helper
from tests.test_access_walk import build_world, expand, make_fill, routes
from tracker.access import APPS
from tracker.models import Document, Issuer, Subscription

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

COPY_TO = Path("/tmp/every-page-shots")
WIDTH = 1280
ROLES = {"查阅A": ("viewer", ("A",)), "编辑A": ("editor", ("A",)), "管理员": ("admin", ("A", "B"))}

# not pages: sign-in/out, JSON, JavaScript, files, redirects and answers to a form
NOT_PAGES = {"login", "logout", "admin:login", "admin:logout", "admin:jsi18n", "admin:autocomplete",
             "admin:view_on_site", "document-original", "document-same", "admin:tracker_document_same",
             "admin:"}  # "admin:": the unnamed redirects (<id>/ → <id>/change/) and the catch-all

# codes a page must not show as words, beside every code of every choice of our models' fields
CODES = {"met", "partly_met", "not_met", "no_evidence", "pending", "not_due", "summary_plan", "work_report",
         "growth", "share", "amount", "count", "rate", "rank", "duration", "milestone", "qualitative"}

# words a Chinese label may hold (headers, field labels, headings): names of formats and things
ENGLISH_OK = {"API", "Excel", "xlsx", "JSON", "URL", "PDF", "GDP", "HTML", "CSV", "SHA", "sha256", "Token",
              "Email", "IP"}

# (route name, check) -> the file the fix belongs to and the cause; check is one of
# "status", "empty", "title", "code", "english" (a header or label in English), "scroll"
KNOWN: dict[tuple[str, str], str] = {}


def model_codes() -> set[str]:
    out = set(CODES)
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        for f in model._meta.get_fields():
            for key, _label in getattr(f, "flatchoices", None) or ():
                if isinstance(key, str) and re.fullmatch(r"[a-z][a-z_]{2,}", key):
                    out.add(key)
    return out


def extras(objs: dict) -> dict[str, list[str]]:
    """Query strings worth a page of their own: one indicator, a source text with a clause marked,
    a filter with no rows (the empty state)."""
    c = objs[Commitment]
    return {
        "indicator": [f"?name={quote(c.indicator or c.text[:30])}&issuer={objs[Issuer].pk}"],
        "document-text": [f"?commitment={c.pk}"] if c.document_id == objs[Document].pk else [],
        "scorecard": ["?status=not_met&q=%E6%B2%A1%E6%9C%89%E8%BF%99%E6%9D%A1"],  # q=没有这条: no rows
    }


def own_rows(world, who) -> list[tuple[str, str]]:
    """What the walk's world lacks for an editor or a 管理员: a subscription of their own (a
    subscription's page, and its unsubscribe page, are its owner's)."""
    if Subscription.objects.filter(user=who).exists():
        return []
    sub = Subscription.objects.create(user=who, email=f"{who.username}@example.org")
    sub.issuers.set([world.objs["A"][Issuer]])
    return [("subscription", reverse("subscription", args=[sub.pk])),
            ("unsubscribe", reverse("unsubscribe", args=[unsubscribe_token(sub)]))]


def pages(world, variants) -> list[tuple[str, str]]:
    """(route name, path) of every GET page, in URLconf order, without repeats."""
    out, seen = [], set()
    for route in routes():
        if route.name in NOT_PAGES or route.name.startswith("api-"):
            continue
        for variant in variants:
            objs = world.objs[variant]
            paths = expand(route, make_fill(world, variant))  # a KeyError: the walk's fill needs teaching
            paths += [p + q for p in paths[:1] for q in extras(objs).get(route.name, [])]
            for path in paths:
                if path not in seen:
                    seen.add(path)
                    out.append((route.name, path))
    return out


# what the browser reads from a page: its title, its visible text (without form fields' contents,
# scripts and hidden elements), and whether it scrolls sideways
READ = r"""() => {
    const skip = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'NOSCRIPT', 'TEMPLATE']);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || skip.has(el.tagName) || el.closest('textarea, script, style')) continue;
        if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) continue;
        parts.push(n.textContent);
    }
    const root = document.documentElement;
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (e.className && typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/)[0] : '');
    const all = [...document.body.querySelectorAll('*')];
    const wide = all.filter(e => e.getBoundingClientRect().right > root.clientWidth + 1).slice(0, 3).map(name);
    // a box that scrolls sideways inside the page (the admin's changelist table does: .results)
    const scrollers = all.filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
        && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
        .map(e => `${name(e)} ${e.scrollWidth - e.clientWidth}px`);
    // the words a page labels things with: column headers, field labels, headings
    const shown = (sel) => [...document.querySelectorAll(sel)]
        .filter(e => !e.closest('.visually-hidden') && (e.checkVisibility ? e.checkVisibility() : true))
        .map(e => e.innerText.trim()).filter(t => t);
    return {title: document.title, text: parts.join(' '), labels: shown('thead th, label, legend, caption'),
            headings: shown('h1, h2, h3'),
            scroll: root.scrollWidth - root.clientWidth, wide: wide, scrollers: scrollers};
}"""

URLISH = re.compile(r"(?:https?://|/)\S+|[\w.-]+@[\w.-]+|[\w-]+\.[A-Za-z0-9]{2,5}\b")


def raw_codes(text: str, codes: set[str]) -> list[str]:
    """The codes shown as words (an ASCII letter, digit or _ on neither side), outside URLs,
    paths, addresses and file names."""
    text = URLISH.sub(" ", text)
    found = []
    for code in sorted(codes):
        m = re.search(rf"(?<![A-Za-z0-9_]){re.escape(code)}(?![A-Za-z0-9_])", text)
        if m:
            found.append(f"{code!r} in …{text[max(0, m.start() - 30):m.end() + 30].strip()}…")
    return found


@dataclass
class Result:
    seen: list = field(default_factory=list)  # (name, path, status, screenshot)
    refused: list = field(default_factory=list)  # (name, path, status)
    failures: list = field(default_factory=list)  # (name, check, path, detail)


def visit(page, name: str, path: str, codes: set[str], shots: Path, n: int, result: Result) -> None:
    began = time.monotonic()
    response = page.goto(page.base + path, wait_until="load")
    status = response.status if response else 0
    final = unquote(page.url[len(page.base):])
    if status >= 500:
        result.failures.append((name, "status", path, f"HTTP {status}"))
        return
    if status in (403, 404, 405) or final != unquote(path):  # refused, or sent elsewhere (login, a missing object)
        result.refused.append((name, path, status if final == unquote(path) else f"{status} → {final}"))
        return
    loaded = time.monotonic()
    got = page.evaluate(READ)
    title = got["title"]
    if not got["text"].strip() or not title.strip():  # the checks below would see nothing
        result.failures.append((name, "empty", path, f"no visible text or no title ({title!r})"))
    if re.search(r"[<>]|&(?:lt|gt|amp|quot|#\d+);", title):
        result.failures.append((name, "title", path, f"<title> {title[:160]!r}"))
    for found in raw_codes(got["text"], codes):
        result.failures.append((name, "code", path, found))
    for label in dict.fromkeys(got["labels"]):
        english = [w for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", URLISH.sub(" ", label)) if w not in ENGLISH_OK]
        if english:
            result.failures.append((name, "english", path, f"label {label[:80]!r}"))
    for heading in dict.fromkeys(got["headings"]):  # a heading names data (a user's name): only Django's default
        if re.search(r"\b[A-Z]\w+ object \(\d+\)", heading):  # "ParseJob object (1)": a model without __str__
            result.failures.append((name, "english", path, f"heading {heading[:80]!r}"))
    if got["scroll"] > 0:
        result.failures.append((name, "scroll", path, f"the page is {got['scroll']} px wider than {WIDTH}: "
                                                      f"{got['wide']}"))
    if got["scrollers"]:
        result.failures.append((name, "scroll", path, f"scrolls sideways inside: {got['scrollers'][:3]}"))
    slug = re.sub(r"[^\w]+", "-", path.strip("/")).strip("-")[:90] or "home"
    file = shots / f"{n:03d}-{slug}.png"
    read = time.monotonic()
    page.screenshot(path=str(file), full_page=True)
    t = time.monotonic()
    result.seen.append((name, path, status, f"{file.name} {loaded - began:.2f}+{read - loaded:.2f}+{t - read:.2f}s"))


@pytest.mark.parametrize("role", list(ROLES), ids=[v[0] for v in ROLES.values()])
def test_every_page_as_role(role, browser, live_server, tmp_path):  # noqa: F811
    world = build_world()
    slug, variants = ROLES[role]
    who = world.users[role]
    own = own_rows(world, who)
    shots = tmp_path / "shots" / slug
    shots.mkdir(parents=True)
    codes = model_codes()
    result = Result()

    context = browser.new_context(locale="zh-CN", viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.base = live_server.url
    try:
        login(page, who.username)
        for n, (name, path) in enumerate(pages(world, variants) + own, 1):
            visit(page, name, path, codes, shots, n, result)
    finally:
        context.close()

    index = [f"{role}: {len(result.seen)} pages seen, {len(result.refused)} refused", ""]
    index += [f"{status} {path}  [{name}]  {file}" for name, path, status, file in result.seen]
    index += ["", "refused:"] + [f"{status} {path}  [{name}]" for name, path, status in result.refused]
    index += ["", "failures:"] + [f"{check} {path} [{name}]: {detail}" for name, check, path, detail in result.failures]
    (shots / "index.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    copy = COPY_TO / slug
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(shots, copy)
    print(f"\n{role}: {len(result.seen)} screenshots in {shots} (copied to {copy})")

    # the walk reached the pages that matter, and the role saw them
    names = {name for name, *_ in result.seen} | {name for name, *_ in result.failures}
    front = {"home", "documents", "document-text", "scorecard", "trend", "league", "indicator", "commitment",
             "subscriptions", "subscription", "unsubscribe"} | ({"queue"} if role != "查阅A" else set())
    admin = {"admin:index", "admin:app_list", "admin:targets_commitment_changelist",
             "admin:targets_commitment_change", "admin:targets_commitment_history",
             "admin:targets_commitment_simple_history", "admin:outcomes_assessment_changelist",
             "admin:outcomes_assessment_change", "admin:outcomes_outcome_change", "admin:tracker_document_change",
             "admin:tracker_correction_change", "admin:tracker_parsejob_change"}
    assert front | admin <= names, sorted(front | admin - names)
    if role == "管理员":  # every changelist, change and history page of every model of ours
        every = {f"admin:{m._meta.app_label}_{m._meta.model_name}_{view}" for m in admin_site._registry
                 if m._meta.app_label in APPS for view in ("changelist", "change", "history")}
        assert every <= names, sorted(every - names)

    known = [(f, KNOWN[f[:2]]) for f in result.failures if f[:2] in KNOWN]
    unknown = [f for f in result.failures if f[:2] not in KNOWN]
    assert not unknown, f"{len(unknown)} failing pages as {role}:\n" + "\n".join(
        f"{check} · {path} [{name}]: {detail}" for name, check, path, detail in unknown)
    if known:
        reasons = sorted({f"{name} ({check}): {why}" for (name, check, *_), why in known})
        pytest.xfail(f"{role}: " + " | ".join(reasons))


def test_the_checks_see_raw_codes_and_markup():
    """The page checks are not blind (and not fooled by a URL, an address or a file name)."""
    codes = model_codes()
    assert {"met", "partly_met", "work_report", "summary_plan", "growth", "commitment_edit"} <= codes
    assert raw_codes("状态：partly_met", codes) and raw_codes("类型 growth 数量", codes)
    assert raw_codes("达成(met)", codes)
    assert not raw_codes("部分达成 /issuers/1/2023/?status=not_met b-plan.txt a-reader@example.org", codes)
    assert not raw_codes("metric 达成 comet", codes)
