"""The extraction pipeline: plain text → document fields, sections, commitments, outcomes."""

from __future__ import annotations

from .commitments import find_commitments
from .lexicon import WARNINGS
from .metadata import (
    default_role,
    find_kind,
    find_published,
    find_title,
    find_years,
    heading_lines,
    issuer_of,
    kind_hint,
    plans_in_title,
)
from .model import DocumentInfo, Extraction, Section
from .outcomes import find_outcomes
from .sections import find_sections


def extract_text(text: str, fmt: str = "txt", hints: dict | None = None) -> Extraction:
    """Run every rule over ``text`` (already decoded, see ``reading``)."""
    hints = hints or {}
    title = hints.get("title") or find_title(text)
    published = hints.get("published") or find_published(text)
    hint = kind_hint(text, title)
    review_year, plan_year = find_years(text, title, heading_lines(text), published, hint)
    sections = find_sections(text, plan_year, default_role(title), review_year)
    kind = find_kind(hint, sections)
    issuer, issuer_warning = issuer_of(text, title, hints.get("issuer"))
    commitments = tuple(find_commitments(text, sections, plan_year))
    warnings = document_warnings(kind, title, sections, commitments, issuer, issuer_warning, plan_year)
    info = DocumentInfo(
        title=title,
        issuer=issuer,
        published=published,
        review_year=review_year,
        plan_year=plan_year,
        kind=kind,
        warnings=warnings,
    )
    return Extraction(
        text=text,
        document=info,
        sections=tuple(sections),
        commitments=commitments,
        outcomes=tuple(find_outcomes(text, sections, review_year)),
        format=fmt,
    )


PLAN_KINDS = ("work_report", "summary_plan", "plan")


def document_warnings(kind: str, title: str | None, sections: list[Section], commitments: tuple,
                      issuer: str | None, issuer_warning: str | None, plan_year: int | None) -> tuple[str, ...]:
    """No silent failure: a document that should plan and yields nothing says so."""
    out = []
    has_plan = any(s.role == "plan" for s in sections)
    if not has_plan and (kind in PLAN_KINDS or default_role(title) == "plan" or plans_in_title(title)):
        out.append(WARNINGS["no_plan_part"])
    elif has_plan and not commitments:
        out.append(WARNINGS["no_commitment"])
    if issuer is None:
        out.append(WARNINGS["no_issuer"])
    elif issuer_warning:
        out.append(issuer_warning)
    if plan_year is None:
        out.append(WARNINGS["no_year"])
    return tuple(out)
