"""The kinds of document the tracker reads, as data: how each is recognised and dated.

A genre names the words that tell it (in the title or the opening lines) and the rule
that gives its years; the rest of the pipeline reads the same profile instead of
branching on kind names.

- ``work_report`` (政府工作报告): named for the year it plans, ``2026年湖北省政府工作报告``
  reviews 2025 and plans 2026; without a year in the title, the meeting's date.
- ``proposal_reply`` (提案/建议答复): its 下一步 is the reply's own year onward.
- ``summary_plan``/``summary``/``plan``: years from the title and the part headings
  (``2022年总结及2023年思路``); told apart by which parts were found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Genre:
    kind: str
    title_words: tuple[str, ...]  # any of them in the title
    opening_words: tuple[str, ...] = ()  # or in the opening lines
    pattern: str = ""  # or this regular expression in the opening lines
    not_in_title: tuple[str, ...] = ()  # unless the title says it is about such a document
    plan_year: str = "parts"  # "title": the title's year (else the date) | "published" | "parts"


GENRES: tuple[Genre, ...] = (
    # a department's 总结 that 落实市政府工作报告部署 is no work report, nor is a report on one's 完成情况
    Genre("work_report", ("政府工作报告", "政府工作的建议"), ("代表国务院", "代表省人民政府", "代表市人民政府"),
          r"代表[^,，。]{0,12}(?:人民政府|国务院|政府)[,，]?\s*向大会(?:报告|作)",
          not_in_title=("完成情况", "落实情况", "执行情况", "答复"), plan_year="title"),
    Genre("proposal_reply", ("提案", "答复", "建议的答复", "议案"), ("提案", "答复", "议案"), plan_year="published"),
)
BY_KIND = {g.kind: g for g in GENRES}
_PATTERNS = {g.kind: re.compile(g.pattern) for g in GENRES if g.pattern}


def genre_of(title: str, opening: str) -> Genre | None:
    """The first genre whose words are in the title, or whose words or pattern are in the opening."""
    for g in GENRES:
        if any(w in title for w in g.not_in_title):
            continue
        if any(w in title for w in g.title_words) or any(w in opening for w in g.opening_words) \
                or (g.kind in _PATTERNS and _PATTERNS[g.kind].search(opening)):
            return g
    return None
