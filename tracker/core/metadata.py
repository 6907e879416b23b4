"""Document fields: title, issuer, published date, review and plan years, kind.

``区发改经信局2022年总结及2023年思路`` → review 2022, plan 2023; a plan part
that names no year is the year after the review; a 提案答复's plan year is the
reply's own year (DOMAIN.md).
"""

from __future__ import annotations

import re
from collections import Counter

from .genres import BY_KIND, genre_of
from .lexicon import (
    DAY_CHAR,
    GOVERNMENT_FULL,
    GOVERNMENT_SHORT,
    HEADER_DATE_LABELS,
    MEDIA_SUFFIXES,
    MEDIA_WORDS,
    METADATA_DATE_PATTERN,
    NOT_PLACE_ENDS,
    NOT_PLACES,
    ORG_END_WORDS,
    ORG_IN_TEXT_PATTERN,
    PLACE_HEADS,
    PLACE_PATTERN,
    PLACE_SUFFIXES,
    PLAN_TITLE_PATTERN,
    PUBLISHER_LABELS,
    REPORT_TITLE_WORDS,
    REPORTING_BODIES,
    REPORTING_PATTERN,
    REVIEW_TITLE_PATTERN,
    REVIEW_TITLE_WORDS,
    SOURCE_LINE_LABELS,
    SPEECH_DATE_TAIL_PATTERN,
    TITLE_ORG_PATTERN,
    TITLE_PLACE_PATTERN,
    TITLE_WORD_LIST,
    WARNINGS,
    YEAR_CHAR,
)
from .model import Section
from .numerals import fold
from .sections import HEADING_PATTERNS, PORTAL_NOISE, lines_of, role_of_heading

_DATE = METADATA_DATE_PATTERN
_HEADER_DATE = re.compile("(?:" + "|".join(HEADER_DATE_LABELS) + r")\s*[:：]?\s*" + _DATE)
_SIGNATURE_DATE = re.compile(r"^\s*" + _DATE + DAY_CHAR + r"?\s*$")
# ——2023年1月15日在浙江省第十四届人民代表大会第一次会议上
_SPEECH_DATE = re.compile(r"^[\s—-]*" + _DATE + SPEECH_DATE_TAIL_PATTERN)
_PUBLISHER = re.compile("(?:" + "|".join(PUBLISHER_LABELS) + r")\s*[:：]\s*([^\s:：]{2,30})")
_SOURCE = re.compile("(?:" + "|".join(SOURCE_LINE_LABELS) + r")\s*[:：]\s*([^\s:：]{2,30})")
_BODIES = "|".join(REPORTING_BODIES + (GOVERNMENT_SHORT,))
_PLACES = "|".join(PLACE_SUFFIXES)
# 我代表省人民政府…, 代表国务院，向大会报告: the body the report speaks for
_REPORTING = re.compile(REPORTING_PATTERN.format(bodies=_BODIES))
_TITLE_PLACE = re.compile(TITLE_PLACE_PATTERN.format(places=_PLACES))
_ORG_END = re.compile("(" + "|".join(ORG_END_WORDS) + ")$")
_ORG_IN_TEXT = re.compile(ORG_IN_TEXT_PATTERN)
_REVIEW_TITLE = re.compile(REVIEW_TITLE_PATTERN)
_PLAN_TITLE = re.compile(PLAN_TITLE_PATTERN)
TITLE_WORDS = "|".join(TITLE_WORD_LIST)
_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})" + YEAR_CHAR)


def find_title(text: str) -> str | None:
    """The best short line before the body: ``嘉兴市经信工作2021年总结和2022年思路``, not the
    breadcrumb ``总结计划``; None where the document opens with its body."""
    best, best_score = None, 1
    for line in lines_of(text)[:15]:
        t = line.text.strip()
        if not t or PORTAL_NOISE.search(t) or _SPEECH_DATE.match(t) or t.startswith(("——", "--")):
            continue
        if any(p.match(t) for _, p in HEADING_PATTERNS) or len(t) > 50 or re.search(r"[,;。]", t):
            break
        score = (2 if _YEAR.search(t) else 0) + (1 if re.search(TITLE_WORDS, t) else 0) + (len(t) >= 8) \
            + (1 if re.search("|".join(REPORT_TITLE_WORDS), t) else 0)
        if score > best_score:
            best, best_score = text[line.start:line.end].strip(), score
    return best


def find_published(text: str) -> str | None:
    head = fold(text[:1500])
    m = _HEADER_DATE.search(head)
    if not m:
        m = next((x for x in (_SPEECH_DATE.match(ln.text) for ln in lines_of(text)[:12]) if x), None)
    if not m:
        tail = [ln.text for ln in lines_of(text)[-8:]]
        for t in reversed(tail):
            m = _SIGNATURE_DATE.match(t)
            if m:
                break
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


ISSUER_FROM_SOURCE = WARNINGS["issuer_from_source"]


def find_issuer(text: str, title: str | None) -> str | None:
    return issuer_of(text, title, reports=kind_hint(text, title) == "work_report")[0]


def issuer_of(text: str, title: str | None, hinted: str | None = None,
              reports: bool = False) -> tuple[str | None, str | None]:
    """The body that issues or reports the document, and a warning when it was only guessed.

    In order: the body a work report speaks for (``我代表省人民政府`` + the title's
    ``湖北省`` → 湖北省人民政府); a portal's 发布单位; a signature line; the title's own
    body; then a 来源 line, but never a newspaper, app or portal (``来源：湖北日报``)."""
    m = _REPORTING.search(fold(text[:3000])) if reports else None
    if m:
        return reporting_body(m.group(1) or m.group(2), title, text), None
    if hinted and not is_media(hinted):
        return with_place(hinted, (title or "") + text), None
    m = _PUBLISHER.search(fold(text[:1500]))
    if m:
        return with_place(re.split(r"[(（]", m.group(1))[0], text), None
    for t in reversed([ln.text.strip() for ln in lines_of(text)[-8:]]):
        if 3 <= len(t) <= 30 and _ORG_END.search(t) and not re.search(r"[,;。:()、]", t) \
                and not any(p.match(t) for _, p in HEADING_PATTERNS):
            return t, None
    if title:
        m = re.match(TITLE_ORG_PATTERN, title)
        if m and _ORG_END.search(m.group(1)):
            return m.group(1), None
    m = _SOURCE.search(fold(text[:1500]))
    if m:
        name = re.split(r"[(（]", m.group(1))[0]
        if not is_media(name):
            return with_place(name, text), ISSUER_FROM_SOURCE
    m = _ORG_IN_TEXT.search(text)
    return (with_place(m.group(1), text), None) if m else (None, None)


def is_media(name: str) -> bool:
    """``湖北日报``, ``大众新闻客户端``, ``吉林省政府网`` republish; they do not issue."""
    return name.endswith(MEDIA_SUFFIXES) or any(w in name for w in MEDIA_WORDS)


def reporting_body(body: str, title: str | None, text: str) -> str:
    """``省人民政府`` in ``2025年湖北省政府工作报告`` → ``湖北省人民政府``; ``国务院`` stays."""
    if body in REPORTING_BODIES:
        return body
    if not body.endswith(REPORTING_BODIES):
        body = body[: -len(GOVERNMENT_SHORT)] + GOVERNMENT_FULL
    place = _TITLE_PLACE.search(fold(title or "")) or _TITLE_PLACE.search(fold(text[:300]))
    if place:
        name = place.group(1)
        for suffix in PLACE_SUFFIXES:
            if body.startswith(suffix) and name.endswith(suffix):
                return name + body[len(suffix):]
        if not body.startswith(PLACE_SUFFIXES):
            return body
    return with_place(body, text)


_PLACE = re.compile(PLACE_PATTERN)
_NOT_PLACES = NOT_PLACES


def with_place(org: str, text: str) -> str:
    """``区经信局`` in a text about 余杭区 → ``余杭区经信局``."""
    if not org or org[0] not in PLACE_HEADS:
        return org
    places = Counter(m.group(1) for m in _PLACE.finditer(text) if m.group(2) == org[0]
                     and m.group(1) not in _NOT_PLACES and not m.group(1).endswith(NOT_PLACE_ENDS))
    if not places:
        return org
    return places.most_common(1)[0][0] + org


def find_years(text: str, title: str | None, headings: list[tuple[str, str | None]],
               published: str | None, kind_hint: str | None) -> tuple[int | None, int | None]:
    review = plan = None
    genre = BY_KIND.get(kind_hint or "")
    if genre and genre.plan_year == "title":
        year = _report_year(title, published)
        if year:
            return year - 1, year
    if title:
        t = fold(title)
        m = _REVIEW_TITLE.search(t)
        review = int(m.group(1)) if m else None
        m = _PLAN_TITLE.search(t)
        plan = int(m.group(1)) if m else None
    for heading, role in headings:
        m = _YEAR.search(heading)
        if not m:
            continue
        if role == "review" and review is None:
            review = int(m.group(1))
        elif role == "plan" and plan is None:
            plan = int(m.group(1))
    if genre and genre.plan_year == "published" and plan is None and published:
        plan = int(published[:4])
    if review is None and plan is None:
        body = fold(text[:3000])
        years = Counter(int(y) for y in _YEAR.findall(body))
        if years:
            review = years.most_common(1)[0][0]
    if review is None and plan is not None:
        review = plan - 1
    if plan is None and review is not None:
        plan = review + 1
    return review, plan


def _report_year(title: str | None, published: str | None) -> int | None:
    """A work report is named for the year it plans (``2026年湖北省政府工作报告`` reviews 2025);
    without a year in the title, the meeting's date (``——2018年3月5日在…会议上``) gives it."""
    m = _YEAR.search(fold(title or ""))
    if m:
        return int(m.group(1))
    return int(published[:4]) if published else None


def heading_lines(text: str) -> list[tuple[str, str | None]]:
    out = []
    for line in lines_of(text):
        if any(p.match(line.text) for _, p in HEADING_PATTERNS):
            head = re.split(r"[。]", line.text.strip(), maxsplit=1)[0]
            out.append((head, role_of_heading(head)))
    return out


def kind_hint(text: str, title: str | None) -> str | None:
    # the work report first: its opening (我代表省人民政府…) must win over 建议 words later on
    genre = genre_of(fold(title or ""), fold(text[:600]))
    return genre.kind if genre else None


def default_role(title: str | None) -> str:
    """A title that only plans (2024年工作要点, 工作计划, 工作思路) makes unlabelled parts plans."""
    if not title:
        return "review"
    t = fold(title)
    if _PLAN_TITLE.search(t) and not _REVIEW_TITLE.search(t) and not re.search("|".join(REVIEW_TITLE_WORDS), t):
        return "plan"
    return "review"


def find_kind(hint: str | None, sections: list[Section]) -> str:
    if hint:
        return hint
    roles = {s.role for s in sections}
    if "review" in roles and "plan" in roles:
        return "summary_plan"
    if "review" in roles:
        return "summary"
    if "plan" in roles:
        return "plan"
    return "other"


def plans_in_title(title: str | None) -> bool:
    """``区发改经信局2022年总结及2023年思路`` promises a plan part."""
    return bool(title and _PLAN_TITLE.search(fold(title)))


def reviews_only(title: str | None) -> bool:
    """``区经信局2023年工作总结`` promises no plan part: its parts are never plans by tense alone."""
    if not title:
        return False
    t = fold(title)
    return bool(_REVIEW_TITLE.search(t)) and not _PLAN_TITLE.search(t)
