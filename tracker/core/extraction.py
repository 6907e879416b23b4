"""The extraction pipeline: plain text → document fields, sections, commitments, outcomes."""

from __future__ import annotations

from .commitments import find_commitments
from .metadata import (
    default_role,
    find_issuer,
    find_kind,
    find_published,
    find_title,
    find_years,
    heading_lines,
    kind_hint,
    with_place,
)
from .model import DocumentInfo, Extraction
from .outcomes import find_outcomes
from .sections import find_sections


def extract_text(text: str, fmt: str = "txt", hints: dict | None = None) -> Extraction:
    """Run every rule over ``text`` (already decoded, see ``reading``)."""
    hints = hints or {}
    title = hints.get("title") or find_title(text)
    published = hints.get("published") or find_published(text)
    hint = kind_hint(text, title)
    review_year, plan_year = find_years(text, title, heading_lines(text), published, hint)
    sections = find_sections(text, plan_year, default_role(title))
    kind = find_kind(hint, sections)
    info = DocumentInfo(
        title=title,
        issuer=with_place(hints["issuer"], (title or "") + text) if hints.get("issuer") else find_issuer(text, title),
        published=published,
        review_year=review_year,
        plan_year=plan_year,
        kind=kind,
    )
    return Extraction(
        text=text,
        document=info,
        sections=tuple(sections),
        commitments=tuple(find_commitments(text, sections, plan_year)),
        outcomes=tuple(find_outcomes(text, sections, review_year)),
        format=fmt,
    )
