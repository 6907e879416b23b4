"""No block of six or more lines stands twice in the project's code (migrations aside, they are
written by Django). Lines are compared with white space folded, and blank lines, comments, imports
and lone punctuation passed over, so a copy cannot hide behind indentation or a blank line."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("tracker", "targets", "outcomes", "tests", "bench")
MIN_LINES = 6
_PASSED_OVER = re.compile(r"^(#.*|(from\s+\S+\s+)?import\s.*|[()\[\]{},:;]*)$")


def _lines(text: str) -> list[tuple[int, str]]:
    """(line number, line with white space folded) for every line that counts."""
    out, in_import = [], False
    for number, line in enumerate(text.splitlines(), 1):
        line = " ".join(line.split())
        if in_import:  # the names of ``from x import (`` … ``)``
            in_import = not line.endswith(")")
        elif _PASSED_OVER.match(line):
            in_import = bool(re.match(r"(from\s+\S+\s+)?import\s.*\($", line))
        else:
            out.append((number, line))
    return out


def repeated_blocks(files: dict[str, str], size: int = MIN_LINES) -> list[tuple[str, int, str, int]]:
    """Pairs of places (file, first line, other file, its first line) sharing ``size`` lines in a row."""
    seen: dict[tuple[str, ...], list[tuple[str, int, int]]] = defaultdict(list)
    for name, text in files.items():
        lines = _lines(text)
        for i in range(len(lines) - size + 1):
            window = tuple(line for _, line in lines[i:i + size])
            seen[window].append((name, i, lines[i][0]))
    pairs = []
    for places in seen.values():
        first = places[0]
        for other in places[1:]:
            if other[0] != first[0] or other[1] >= first[1] + size:  # not the same lines overlapping
                pairs.append((first[0], first[2], other[0], other[2]))
                break
    return pairs


def _project_files() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
            for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))
            if "migrations" not in p.parts}


def test_no_block_of_six_lines_stands_twice():
    pairs = repeated_blocks(_project_files())
    # one pair per run: a long copy shows as many overlapping windows, the first of each is enough
    runs, last = [], None
    for a, la, b, lb in sorted(pairs):
        if last and (a, b) == last[:2] and la - last[2] <= MIN_LINES and lb - last[3] <= MIN_LINES:
            last = (a, b, la, lb)
            continue
        last = (a, b, la, lb)
        runs.append(f"{a}:{la} ~ {b}:{lb}")
    assert not runs, "the same lines stand twice; make one piece of code serve both:\n" + "\n".join(runs)


def test_the_check_sees_a_copy_behind_indentation_and_blank_lines():
    block = "\n".join(f"x{i} = f({i})" for i in range(6))
    copy = "def g():\n" + "\n\n".join("    " + line for line in block.splitlines())
    assert repeated_blocks({"a.py": block, "b.py": copy}) == [("a.py", 1, "b.py", 2)]
    assert repeated_blocks({"a.py": block, "b.py": block.replace("x5", "y5")}) == []
    assert repeated_blocks({"a.py": block + "\n" + block}) == [("a.py", 1, "a.py", 7)]
    names = "from m import (\n" + "".join(f"    n{i},\n" for i in range(8)) + ")\n"
    assert repeated_blocks({"a.py": names + "x = 1", "b.py": names + "y = 2"}) == []
