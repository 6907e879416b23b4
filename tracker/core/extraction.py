"""The extraction pipeline: plain text → document fields, sections, commitments, outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .commitments import find_commitments
from .figures import MAX_FIGURES, overfull
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
    reviews_only,
)
from .model import DocumentInfo, Extraction, Section
from .numerals import fold
from .outcomes import find_outcomes
from .sections import find_sections


@dataclass(frozen=True)
class Decided:
    """What a person decided about a document, given to the engine instead of its own reading:
    its years, kind and issuer, and the role of sections by (path, start). Every re-parse
    applies them again, so a corrected document stays corrected."""

    review_year: int | None = None
    plan_year: int | None = None
    kind: str | None = None
    issuer: str | None = None
    roles: dict[tuple[str, int], str] = field(default_factory=dict)


def extract_text(text: str, fmt: str = "txt", hints: dict | None = None, decided: Decided | None = None) -> Extraction:
    """Run every rule over ``text`` (already decoded, see ``reading``)."""
    hints = hints or {}
    decided = decided or Decided()
    title = hints.get("title") or find_title(text)
    published = hints.get("published") or find_published(text)
    hint = decided.kind or kind_hint(text, title)
    review_year, plan_year = find_years(text, title, heading_lines(text), published, hint)
    if decided.plan_year or decided.review_year:
        plan_year = decided.plan_year or (decided.review_year or 0) + 1
        review_year = decided.review_year or plan_year - 1
    tense_plans = not reviews_only(title)
    sections = with_roles(find_sections(text, plan_year, default_role(title), review_year, tense_plans),
                          decided.roles)
    kind = decided.kind or find_kind(hint, sections)
    issuer, issuer_warning = issuer_of(text, title, hints.get("issuer"), reports=hint == "work_report")
    if decided.issuer:
        issuer, issuer_warning = decided.issuer, None
    commitments = tuple(find_commitments(text, sections, plan_year))
    warnings = document_warnings(kind, title, sections, commitments, issuer, issuer_warning, plan_year)
    crowded = overfull(fold(text), [(s.start, s.end) for s in sections if s.level <= 1])
    if crowded:
        warnings += (WARNINGS["overfull"].format(n=crowded, cap=MAX_FIGURES),)
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


def with_roles(sections: list[Section], roles: dict[tuple[str, int], str]) -> list[Section]:
    """Sections with the roles a person set; a section's parts follow it unless set themselves."""
    if not roles:
        return sections
    out = []
    for s in sections:
        role = roles.get((s.path, s.start))
        if role is None:
            owners = [(p, r) for (p, start), r in roles.items() if p and s.path.startswith(p + "/")]
            role = max(owners, key=lambda pr: len(pr[0]))[1] if owners else None
        out.append(replace(s, role=role) if role and role != s.role else s)
    return out


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
