"""Multi-year commitments (到2027年, “十四五”期间): the progress each later review reports.

A commitment whose year is later than its plan's year is 未到期 in its plan's review. Each later review
of the same issuer, up to the commitment's year, is read for it as if the commitment were due in that
review's year: the engine's own judgment (``tracker.core.assessment.assess_items``) of the commitment
against that review's outcomes gives the figure reported and how far it is toward the target. Nothing
is stored: computed for one commitment's page, from the stored outcomes and text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from outcomes.models import Outcome
from outcomes.selectors import STATUS_LABELS
from targets.models import Commitment
from tracker.access import scope
from tracker.bridge import core_commitment, core_outcome
from tracker.core import model as core
from tracker.core.assessment import assess_items, review_passages
from tracker.core.statuses import PROGRESS_WORDS
from tracker.engine import thresholds
from tracker.models import Document

# before the target year a shortfall is progress, not a failure; the target year's review judges it
STATUS_WORDS = PROGRESS_WORDS


@dataclass(frozen=True)
class Progress:
    year: int  # the year reviewed
    document: Document
    status: str
    label: str
    actual: float | None
    actual_unit: str
    ratio: float | None  # toward the target, capped at 1
    evidence: str
    final: bool  # the review of the commitment's own year


def multi_year(c: Commitment) -> bool:
    plan_year = c.document.plan_year
    return bool(c.year and plan_year and c.year > plan_year)


def progress_of(c: Commitment, user) -> list[Progress]:
    """The reviews of the plan's year and after (up to ``c``'s year) the user may see, oldest first, each
    with what it reports toward ``c``."""
    if not multi_year(c):
        return []
    reviews = (scope(Document.objects.filter(issuer=c.issuer_id, status=Document.Status.PARSED,
                                              review_year__gte=c.document.plan_year, review_year__lte=c.year), user)
               .order_by("review_year", "-published", "-uploaded_at"))
    latest: dict[int, Document] = {}
    for doc in reviews:
        latest.setdefault(doc.review_year, doc)
    out = []
    for year, review in sorted(latest.items()):
        outcomes = [core_outcome(o) for o in Outcome.objects.filter(document=review)]
        sections = [core.Section(s.path, s.heading, s.role, s.start, s.end) for s in review.sections.all()]
        (j,) = assess_items([replace(core_commitment(c), year=year)], outcomes,
                            review_passages(review.plain_text, sections), year, thresholds())
        final = year == c.year
        label = STATUS_LABELS.get(j.status, "") if final else STATUS_WORDS.get(j.status, "")
        out.append(Progress(year=year, document=review, status=j.status, label=label,
                            actual=j.actual, actual_unit=j.actual_unit or "", ratio=j.score,
                            evidence=j.evidence[0].text if j.evidence else "", final=final))
    return out
