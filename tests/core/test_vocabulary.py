"""Vocabulary as data: Chinese words live in ``lexicon.py`` (and the genre profiles), not in rules.

Rule modules build their regular expressions from the lexicon's tuples and named patterns;
messages to users live in ``messages.py``. A module that gains a Chinese literal fails here:
put the word in the lexicon and read it from there. (DEBT once recorded the older modules'
counts; it may only go down and is now empty.)
"""

import ast
import re
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "tracker" / "core"
# words; messages to users; the labels of the enumerations
DATA_MODULES = {"lexicon.py", "genres.py", "messages.py", "measures.py", "statuses.py", "comparators.py",
                "roles.py", "kinds.py"}
CJK = re.compile(r"[\u4e00-\u9fff]")
# string constants holding Chinese (docstrings excluded) allowed per module
DEBT: dict[str, int] = {}  # paid off: every rule module reads its words from the lexicon


def chinese_literals(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return sum(1 for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)
               and id(node) not in docstrings and CJK.search(node.value))


def test_no_module_gains_chinese_literals():
    grown = {}
    for path in sorted(CORE.glob("*.py")):
        if path.name in DATA_MODULES:
            continue
        n = chinese_literals(path)
        if n > DEBT.get(path.name, 0):
            grown[path.name] = (n, DEBT.get(path.name, 0))
    assert not grown, f"Chinese literals outside the lexicon (found, allowed): {grown}"


def test_the_counter_sees_literals_but_not_docstrings(tmp_path):
    p = tmp_path / "m.py"
    p.write_text('"""说明。"""\nX = "增长"\ndef f():\n    """文档。"""\n    return "a" + "率"\n', encoding="utf-8")
    assert chinese_literals(p) == 2
