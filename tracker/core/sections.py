"""Headings, sections and their roles.

Headings nest ``一、`` > ``(一)`` > ``1.`` (half- or full-width); the inline
``一是``/``二是`` items are not sections (see ``items``). A section's role comes
from its heading words (``三、2023年工作思路`` → plan) or its parent's; a
top-level section without role words that comes before the plan part is part
of the review (``(一)稳工业,支撑全省经济大盘``). A paragraph that opens with a
later year and ``将`` (``2024年,浙江省经信系统将…``) is a plan part of its own.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import (
    HEADING_CHAPTER_PATTERN,
    HEADING_NUMERALS,
    HEADING_PAREN_PATTERN,
    HEADING_PART_PATTERN,
    ITEM_COPULA,
    NOT_TENSE,
    PLAN_PARAGRAPH_PATTERN,
    PLAN_TENSE,
    PORTAL_NOISE_PATTERN,
    REVIEW_FIRST,
    REVIEW_TENSE,
    ROLE_WORDS,
    YEAR_CHAR,
)
from .model import Section
from .numerals import fold
from .roles import Role

HEADING_PATTERNS = (
    (0, re.compile(HEADING_PART_PATTERN)),
    (1, re.compile(HEADING_CHAPTER_PATTERN)),
    (2, re.compile(HEADING_PAREN_PATTERN)),
    (3, re.compile(r"^[ \t]*(\d{1,2})(?:[、]|\.(?!\d))")),
    (4, re.compile(r"^[ \t]*\((\d{1,2})\)")),
    (5, re.compile(r"^[ \t]*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
)
PORTAL_NOISE = re.compile(PORTAL_NOISE_PATTERN)
PLAN_PARAGRAPH = re.compile(PLAN_PARAGRAPH_PATTERN)
_TENSE = re.compile("({})|({})|({})".format(*("|".join(sorted(w, key=len, reverse=True))
                                                for w in (NOT_TENSE, PLAN_TENSE, REVIEW_TENSE))))
_HEADING_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*" + YEAR_CHAR)
# A part is told by its tense only on enough sentences: a plan promises far more than it reports.
TENSE_MIN_MARKERS = 20
TENSE_PLAN_SHARE = 0.7
TENSE_REVIEW_SHARE = 0.55
ITEM_MARKER = re.compile(r"(?:^|(?<=[。;!?:]))[ \t]*([" + HEADING_NUMERALS + "]+" + ITEM_COPULA + ")", re.M)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # folded


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    folded = fold(text)
    for raw in text.split("\n"):
        end = pos + len(raw)
        out.append(Line(pos, end, folded[pos:end]))
        pos = end + 1
    return out


def role_of_heading(heading: str) -> str | None:
    """``一、2023年工信经济主要指标完成情况`` → review (完成情况 wins over 目标/指标 words);
    ``二、存在困难`` → problems; ``三、2024年重点工作思路`` → plan."""
    if any(w in heading for w in REVIEW_FIRST):
        return Role.REVIEW
    for role in (Role.PROBLEMS, Role.PLAN, Role.REVIEW):
        if any(w in heading for w in ROLE_WORDS[role]):
            return role
    return None


def role_by_year(heading: str, review_year: int | None, plan_year: int | None) -> str | None:
    """A heading that names the plan's year plans (``三、2025年重点工作``, ``二、关于2025年工作``);
    one that names only the review's year or earlier reviews (``一、2024 年工作回顾``)."""
    years = [int(y) for y in _HEADING_YEAR.findall(heading)]
    if not years or plan_year is None:
        return None
    if max(years) >= plan_year:
        return Role.PLAN
    if review_year is not None and max(years) <= review_year:
        return Role.REVIEW
    return None


def role_by_tense(folded: str) -> str | None:
    """``二、牢记历史使命,在中国式现代化建设中奋勇争先`` says nothing of its role; its sentences
    do: 力争/确保/要/将/今年 promise, 取得/了/一年来/同比 report. None on too few markers."""
    plan = review = 0
    for m in _TENSE.finditer(folded):
        plan += m.group(2) is not None
        review += m.group(3) is not None
    if plan + review < TENSE_MIN_MARKERS:
        return None
    share = plan / (plan + review)
    if share >= TENSE_PLAN_SHARE:
        return Role.PLAN
    if share <= TENSE_REVIEW_SHARE:
        return Role.REVIEW
    return None


def heading_text(line: str) -> str:
    """The heading is the line up to its first full stop: ``(一)稳工业,支撑全省经济大盘。召开…``."""
    cut = re.split(r"[。!?]", line.strip(), maxsplit=1)[0]
    return cut[:80]


# A portal's chrome line (来源：… 字号：大 中 小) is short; a long line that mentions 来源 is the text.
HEADER_LINE_MAX = 200


def header_end(lines: list[Line]) -> int:
    """Offset where the body starts: after portal noise, the title and the date lines."""
    end = 0
    for i, line in enumerate(lines[:20]):
        t = line.text.strip()
        if not t:
            continue
        chrome = PORTAL_NOISE.search(t) and len(t) <= HEADER_LINE_MAX
        if chrome or (len(t) <= 40 and not re.search(r"[,;。]", t) and i < 12 and not _heading_level(t)):
            end = line.end
            continue
        break
    return end


def _heading_level(t: str) -> tuple[int, str] | None:
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(t)
        if m:
            return level, m.group(1)
    return None


def find_sections(text: str, plan_year: int | None = None, default_role: str = Role.REVIEW,
                  review_year: int | None = None, tense_plans: bool = True) -> list[Section]:
    """``default_role`` is the role of parts whose headings say nothing: a review for a
    总结 or a 总结及思路, a plan for a document whose title only plans (2024年工作要点)."""
    lines = lines_of(text)
    body_start = header_end(lines)
    heads: list[tuple[int, int, str, str]] = []  # (level, start, marker, heading)
    plan_paragraphs: list[tuple[int, str]] = []
    for line in lines:
        if line.start < body_start or not line.text.strip():
            continue
        found = _heading_level(line.text)
        if found:
            level, marker = found
            if level == 3 and len(heading_text(line.text)) > 60:
                continue
            heads.append((level, line.start + len(line.text) - len(line.text.lstrip()), marker,
                          heading_text(line.text)))
        elif PLAN_PARAGRAPH.match(line.text) and _is_later_year(line.text, plan_year):
            plan_paragraphs.append((line.start, heading_text(line.text)[:40]))
    if review_year is None and plan_year is not None:
        review_year = plan_year - 1
    sections = _nest(text, body_start, heads, default_role, (review_year, plan_year), tense_plans)
    for start, heading in plan_paragraphs:
        enclosing = section_at(sections, start)
        if enclosing is not None and enclosing.role == Role.PLAN:
            continue
        end = next((h[1] for h in heads if h[1] > start), len(text))
        sections.append(Section(f"¶{text.count(chr(10), 0, start) + 1}", heading, Role.PLAN, start, end, 9))
    sections.sort(key=lambda x: (x.start, x.level))
    return sections


def _nest(text: str, body_start: int, heads: list[tuple[int, int, str, str]],
          default_role: str = Role.REVIEW, years: tuple[int | None, int | None] = (None, None),
          tense_plans: bool = True) -> list[Section]:
    """``tense_plans`` False (a title that only reviews: 2023年工作总结) lets tense make a part a
    review, never a plan."""
    levels = sorted({h[0] for h in heads})
    rank = {lv: i for i, lv in enumerate(levels)}
    sections: list[Section] = []
    first = heads[0][1] if heads else len(text)
    if text[body_start:first].strip():
        sections.append(Section("", "", default_role, body_start, first, 0))
    stack: list[tuple[int, str, str | None]] = []  # (rank, marker path part, role)
    raw: list[list] = []
    for i, (level, start, marker, heading) in enumerate(heads):
        r = rank[level]
        while stack and stack[-1][0] >= r:
            stack.pop()
        part = f"({marker})" if level in (2, 4) else marker
        parent_role = stack[-1][2] if stack else None
        role = parent_role or role_of_heading(heading) or role_by_year(heading, *years)
        path = "/".join([p for _, p, _ in stack] + [part])
        end = len(text)
        for later in heads[i + 1:]:
            if rank[later[0]] <= r:
                end = later[1]
                break
        stack.append((r, part, role))
        raw.append([path, heading, role, start, end, r])
    # Top-level sections without role words: the default (review) before the plan part, other after it.
    seen_plan = False
    folded = fold(text)
    for item in raw:
        if item[5] == 0 and item[2] is None:
            tense = role_by_tense(folded[item[3]:item[4]])
            if tense == Role.PLAN and not tense_plans:
                tense = None
            item[2] = tense or (Role.OTHER if seen_plan and default_role != Role.PLAN else default_role)
        if item[2] == Role.PLAN:
            seen_plan = True
    roles_by_path: dict[str, str] = {}
    for path, heading, role, start, end, r in raw:
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        if role is None:
            role = roles_by_path.get(parent, Role.OTHER)
        roles_by_path[path] = role
        sections.append(Section(path, heading, role, start, end, r + 1))
    return sections


def _is_later_year(line: str, plan_year: int | None) -> bool:
    m = re.match(r"^[ \t]*(\d{4})" + YEAR_CHAR, line)
    if not m:
        return True  # 下一步/今后 …
    return plan_year is None or int(m.group(1)) >= plan_year


def role_ranges(sections: list[Section], role: str, exclude: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Merged spans of the sections with ``role``, minus the spans of titled sections with a role
    in ``exclude`` (a plan paragraph inside a review section is not review)."""
    merged: list[list[int]] = []
    for a, b in sorted((s.start, s.end) for s in sections if s.role == role):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    holes = sorted((s.start, s.end) for s in sections if s.role in exclude and s.path)
    out = []
    for a, b in merged:
        for xa, xb in holes:
            if a < xa < b:
                out.append((a, xa))
                a = max(a, xb)
            elif xa <= a < xb:
                a = xb
        if a < b:
            out.append((a, b))
    return out


def section_at(sections: list[Section], pos: int) -> Section | None:
    """The deepest section containing ``pos``."""
    best = None
    for s in sections:
        if s.start <= pos < s.end and (best is None or s.level >= best.level):
            best = s
    return best


class SectionIndex:
    """``section_at`` for many positions: the deepest section of every stretch of the text,
    computed once by a sweep over section starts and ends, then found by bisection."""

    def __init__(self, sections: list[Section]) -> None:
        events = sorted({p for s in sections for p in (s.start, s.end)})
        opening: dict[int, list[int]] = {}
        for i, s in enumerate(sections):
            if s.start < s.end:
                opening.setdefault(s.start, []).append(i)
        self.bounds: list[int] = []
        self.deepest: list[Section | None] = []
        heap: list[tuple[int, int]] = []  # (-level, -index): the deepest, and the later of equals, first
        for pos in events:
            for i in opening.get(pos, ()):
                heapq.heappush(heap, (-sections[i].level, -i))
            while heap and sections[-heap[0][1]].end <= pos:
                heapq.heappop(heap)  # ended; deeper ones ended first in properly nested parts
            self.bounds.append(pos)
            self.deepest.append(sections[-heap[0][1]] if heap else None)
        self._sections = sections

    def at(self, pos: int) -> Section | None:
        i = bisect_right(self.bounds, pos) - 1
        if i < 0:
            return None
        s = self.deepest[i]
        if s is not None and s.start <= pos < s.end:
            return s
        return section_at(self._sections, pos)  # overlapping parts: the exact scan


def items(folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Inline items (``一是…``, ``二是…``) in folded[start:end] as (marker, start, end)."""
    marks = [(m.group(1), m.start(1)) for m in ITEM_MARKER.finditer(folded, start, end)]
    out = []
    for i, (marker, pos) in enumerate(marks):
        stop = marks[i + 1][1] if i + 1 < len(marks) else end
        para_end = folded.find("\n", pos, stop)
        out.append((marker, pos, para_end if para_end != -1 else stop))
    return out
