"""The project's modules import one way: no cycle among them, and no import of a project module
inside a function (a late import is how a cycle hides) except the few listed in ``LATE``, each
with its reason. Read from the source with ``ast``; nothing is imported but in ``test_fresh_import``."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tracker", "targets", "outcomes")

# (module, imported module) → why it is imported inside a function
LATE = {
    ("tracker.apps", "tracker.access"): "post_migrate handler: apps.py is loaded before the models are",
    ("tracker.apps", "tracker.celery"): "AppConfig.ready: the Celery app binds once Django is set up",
    ("tracker.apps", "tracker.tasks"): "AppConfig.ready: registers the tasks services queue by name",
    ("tracker.celery", "tracker.core.indicators"): "worker_process_init: jieba loads in the pool, not in web",
    ("tracker.migrations.0003_document_warnings_fingerprint", "tracker.core.fingerprint"):
        "a data migration uses the code of its time only while it runs",
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The project modules one import statement loads (``from a import b`` loads ``a`` and, when
    it is a module, ``a.b``)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".")
            if not MODULES[module].name == "__init__.py":
                package = package[:-1]
            package = package[:len(package) - node.level + 1]
            base = ".".join([*package, base] if base else package)
        # ``from a import b``: the module a.b, else a name of a (the package's parents: _package_imports)
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
    return sorted({n for n in names if n in MODULES})


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(module: str) -> tuple[set[str], list[tuple[str, int]]]:
    """(modules imported when ``module`` is, [(module imported inside a function, line)])."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    eager: set[str] = set()
    late: list[tuple[str, int]] = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking(child):
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for name in _resolve(module, child):
                    if in_function:
                        late.append((name, child.lineno))
                    else:
                        eager.add(name)
            walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    walk(tree, False)
    eager.discard(module)
    return eager, late


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph)))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _package_imports(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first: edges to them, except a
    package's own submodules (a package that imports its modules is not a cycle with them)."""
    full = {m: set(deps) for m, deps in graph.items()}
    for m, deps in graph.items():
        for dep in deps:
            parts = dep.split(".")
            for i in range(1, len(parts)):
                parent = ".".join(parts[:i])
                if parent in MODULES and not m.startswith(parent + ".") and m != parent:
                    full[m].add(parent)
    return full


def test_no_import_cycle():
    graph = _package_imports({m: _imports(m)[0] for m in MODULES})
    assert _cycles(graph) == []


def test_no_late_import_of_project_modules():
    late = {(m, name, line) for m in MODULES for name, line in _imports(m)[1]}
    unlisted = sorted((m, name, line) for m, name, line in late if (m, name) not in LATE
                      and not any(name.startswith(dep + ".") for mod, dep in LATE if mod == m))
    assert unlisted == [], "import at module level, or list it in LATE with the reason"
    stale = sorted(set(LATE) - {(m, name) for m, name, _ in late})
    assert stale == [], "no longer imported late: drop from LATE"


# what a models module may import besides models and the engine: helpers without state or services
MODEL_HELPERS = {
    "tracker.formatting": "the one number format, for a commitment's target shown as text",
    "outcomes.judgment": "the effective status and score, as Python and as the query expressions pages sort by",
}


def _is_model_module(name: str) -> bool:
    return name.endswith(".models") or ".models." in name


def test_models_import_only_models():
    """Models say what the domain says: they import other models, the engine's enumerations and
    rules (tracker.core) and the listed helpers, never a service, a view or the admin."""
    wrong = {(m, name) for m in MODULES if _is_model_module(m) for name in _imports(m)[0]
             if not (_is_model_module(name) or name.startswith("tracker.core") or name in MODEL_HELPERS)}
    assert not wrong, sorted(wrong)
    helpers_import = {(h, name) for h in MODEL_HELPERS for name in _imports(h)[0]
                      if not (name.startswith("tracker.core") or name in ("tracker.engine", *MODEL_HELPERS))}
    assert not helpers_import, sorted(helpers_import)


def test_the_graph_sees_a_cycle():
    """The check itself: a cycle made up of two modules is found."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


@pytest.mark.parametrize("module", ["tracker.core.reading", "tracker.core.docx_text", "tracker.core.pdf_text",
                                    "tracker.core.html_text", "tracker.tasks", "tracker.services",
                                    "tracker.parsing", "targets.corrections", "targets.reapply", "outcomes.overrides",
                                    "outcomes.services"])
def test_fresh_import(module):
    """Each module imported first in a fresh interpreter: a cycle would meet a half-loaded module."""
    setup = "" if module.startswith("tracker.core") else "import django; django.setup(); "
    code = f"import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tracker.settings'); {setup}" \
           f"import importlib; importlib.import_module({module!r})"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    assert result.returncode == 0, result.stderr[-2000:]
