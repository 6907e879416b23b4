"""What a plan part holds that gave no commitment, and the rule that rejected it.

For each sentence of a plan part with a figure (a number with a unit) that no numeric
commitment took: the sentence, the figure as written, and the named rule of
``rejections`` (or ``unclassified``). This is how anyone judges the engine on a new
document without gold (``manage.py extract --explain``, the admin's 未识别的数字句).
"""

from __future__ import annotations

from dataclasses import dataclass

from .clauses import sentences
from .figures import figures
from .lexicon import WARNINGS
from .model import Extraction
from .numerals import fold
from .rejections import rejection_of
from .sections import role_ranges

UNCLASSIFIED = ("unclassified", WARNINGS["unclassified"])


@dataclass(frozen=True)
class Untaken:
    sentence: str
    start: int
    end: int
    figure: str  # as written: 1.6万场
    rule: str  # a rejection's name
    label: str  # its Chinese label


def untaken(x: Extraction) -> list[Untaken]:
    folded = fold(x.text)
    spans = [(c.start, c.end, c.target) for c in x.commitments if c.target is not None]
    out = []
    for lo, hi in role_ranges(list(x.sections), "plan"):
        for s, e in sentences(folded, lo, hi):
            for f in figures(folded, s, e):
                q = f.q
                if any(a <= q.start < b and t == q.number for a, b, t in spans):
                    continue
                rule = rejection_of(folded, f, s, e)
                name, label = (rule.name, rule.label) if rule else UNCLASSIFIED
                out.append(Untaken(x.text[s:e], s, e, x.text[q.start:q.end], name, label))
    return out
