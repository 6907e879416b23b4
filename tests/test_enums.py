"""Enumerations are spelled once (issue 14): a status is a member of ``tracker.core.statuses.Status``,
never a bare string, and the Django choices, colours and stylesheet read the enumerations' tables.

``test_no_status_string_outside_its_enum`` walks the source with ``ast`` (no import): a string
constant equal to a status value (``"met"``, ``"pending"`` …) outside an enumeration's own
definition fails, docstrings aside. Another enumeration may have a value of the same spelling
(``Document.Status.PENDING = "pending"`` is a parse job's state, not an assessment's): a value
assigned in the body of a ``TextChoices``/``StrEnum`` class is that enumeration's own. What is
left is listed in ``ALLOWED`` with its reason; its counts may only go down.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tracker.core import comparators, kinds, roles, statuses
from tracker.core.statuses import Status

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tracker", "targets", "outcomes")
ENUM_MODULES = {"tracker/core/statuses.py"}
VALUES = frozenset(s.value for s in Status)
ENUM_BASES = re.compile(r"(Choices|Enum)$")  # models.TextChoices, IntegerChoices, StrEnum, Enum

# (module, value) → (how many, why it is no status)
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("tracker/settings.py", "met"):
        (1, "SCORING's key: the threshold Thresholds.met (tracker/core/scoring.py), not the status"),
    ("tracker/admin.py", "pending"): (1, "a template context name: the corrections awaiting review"),
    ("tracker/views.py", "pending"): (1, "a template context name: the corrections awaiting review"),
    # debt: a status literal in a file of another engineer's work, to become Status.PENDING
    ("targets/views.py", "pending"): (2, "debt: the commitment page's default status (Status.PENDING)"),
}


def _sources() -> list[Path]:
    return [p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))
            if "migrations" not in p.parts and p.relative_to(ROOT).as_posix() not in ENUM_MODULES]


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def _enum_values(tree: ast.AST) -> set[int]:
    """The constants an enumeration's class body assigns to its members: ``PENDING = "pending", "待解析"``."""
    own: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(ENUM_BASES.search(ast.unparse(b)) for b in node.bases):
            for stmt in node.body:
                if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                    own.update(id(c) for c in ast.walk(stmt.value) if isinstance(c, ast.Constant))
    return own


def status_literals(source: str) -> list[tuple[str, int]]:
    """(value, line) of each string constant equal to a status value, docstrings and the values of
    enumerations' own members aside."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _enum_values(tree)
    return [(node.value, node.lineno) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in VALUES
            and id(node) not in skip]


def test_no_status_string_outside_its_enum():
    found: dict[tuple[str, str], list[int]] = {}
    for path in _sources():
        name = path.relative_to(ROOT).as_posix()
        for value, line in status_literals(path.read_text(encoding="utf-8")):
            found.setdefault((name, value), []).append(line)
    grown = {k: lines for k, lines in found.items() if len(lines) > ALLOWED.get(k, (0, ""))[0]}
    assert not grown, f"status spelled as a bare string (use tracker.core.statuses.Status): {grown}"
    stale = {k: n for k, (n, _) in ALLOWED.items() if len(found.get(k, [])) < n}
    assert not stale, f"fewer than ALLOWED lists: lower the count or drop the entry: {stale}"


def test_the_walk_sees_literals_but_not_docstrings_or_other_enums():
    source = (
        '"""Says met."""\n'
        "from django.db import models\n"
        "class Job(models.Model):\n"
        "    class Status(models.TextChoices):\n"
        '        PENDING = "pending", "待解析"\n'
        "def f(a):\n"
        '    """Returns \'pending\' without one."""\n'
        '    return a or "pending"\n'
        'X = {"met": 1, "other": 2}\n'
    )
    assert sorted(status_literals(source), key=lambda x: x[1]) == [("pending", 8), ("met", 9)]


def test_django_choices_read_the_tables():
    from outcomes.models import Assessment
    from targets.models import Commitment
    from tracker.models import Document, Section

    for field in ("status", "override_status"):
        assert Assessment._meta.get_field(field).choices == statuses.CHOICES
    assert [code for code, _ in statuses.CHOICES] == list(statuses.ASSESSED)
    assert Commitment._meta.get_field("comparator").choices == comparators.CHOICES
    assert Section._meta.get_field("role").choices == roles.CHOICES
    assert Document._meta.get_field("kind").choices == kinds.CHOICES


@pytest.mark.parametrize("status", list(Status))
def test_the_stylesheet_colours_every_status_from_the_table(status):
    """site.css colours ``.status-<code>`` with ``var(--status-<code>)``; base.html defines the variables
    from the table (``outcomes.lights.css_variables``)."""
    from outcomes.lights import css_variables

    css = (ROOT / "static" / "tracker" / "site.css").read_text(encoding="utf-8")
    var = f"--status-{status.value.replace('_', '-')}"
    rule = re.search(r"\.status-" + re.escape(status.value) + r"\s*\{([^}]*)\}", css)
    assert rule and f"background: var({var})" in rule.group(1), f".status-{status} does not read {var}"
    assert f"{var}:{statuses.COLOURS[status]};" in css_variables()


def test_the_charts_read_the_table():
    from outcomes.charts import COLOURS as SVG
    from outcomes.charts_png import COLOURS as PNG
    from outcomes.lights import STATUS_COLOURS

    assert SVG is PNG is STATUS_COLOURS is statuses.COLOURS
