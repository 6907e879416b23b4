"""The effective judgment of a commitment: the one definition of its status, score and actual.

An editor's override is a status, optionally with a score. Where the override gives no score,
the score follows the status: the engine's own score if the editor kept its status, else the
status's threshold (达成 ``SCORE_MET``, 部分达成 ``SCORE_PARTLY``, 未达成 0). 无证据, 未到期 and
待评估 have no score. The same rule exists twice, once in Python (``score_of``, used by
``Assessment.effective_score``) and once in SQL (``score_expr``, for aggregates and sorting over
many rows); a test checks that the two agree on every combination.

Rates and means have one denominator: the commitments the review lets us judge (达成, 部分达成,
未达成). 无证据 and 待评估 are counted beside it, never inside it.
"""

from __future__ import annotations

from django.db.models import Case, CharField, F, FloatField, Q, Value, When
from django.db.models.functions import Coalesce, NullIf

from tracker.core import statuses
from tracker.core.statuses import Status
from tracker.engine import thresholds

JUDGED = statuses.JUDGED  # the denominator of 达成率 and 平均得分
UNSCORED = statuses.UNSCORED


def _status_scores() -> dict[str, float]:
    t = thresholds()
    return {Status.MET: t.met, Status.PARTLY_MET: t.partly, Status.NOT_MET: 0.0}


def status_of(status: str | None, override_status: str | None) -> str:
    return override_status or status or Status.PENDING


def score_of(status: str | None, score: float | None, override_status: str | None,
             override_score: float | None) -> float | None:
    """The effective score (see the module's docstring)."""
    if not override_status:
        return score if status in JUDGED else None
    if override_status not in JUDGED:
        return None
    if override_score is not None:
        return override_score
    if override_status == status and score is not None:
        return score
    return _status_scores()[override_status]


def status_expr(prefix: str = "assessment__"):
    """SQL: the editor's status where there is one, else the engine's; 'pending' without an assessment."""
    return Coalesce(NullIf(f"{prefix}override_status", Value("")), f"{prefix}status", Value(Status.PENDING.value),
                    output_field=CharField())


def score_expr(prefix: str = "assessment__"):
    """SQL: ``score_of`` over the columns of the assessment at ``prefix``."""
    p = prefix
    scores = _status_scores()
    return Case(
        When(Q(**{f"{p}override_status": ""}) & Q(**{f"{p}status__in": JUDGED}), then=F(f"{p}score")),
        When(Q(**{f"{p}override_status": ""}), then=Value(None, output_field=FloatField())),
        When(~Q(**{f"{p}override_status__in": JUDGED}), then=Value(None, output_field=FloatField())),
        When(Q(**{f"{p}override_score__isnull": False}), then=F(f"{p}override_score")),
        When(Q(**{f"{p}override_status": F(f"{p}status")}) & Q(**{f"{p}score__isnull": False}),
             then=F(f"{p}score")),
        *[When(Q(**{f"{p}override_status": s.value}), then=Value(v)) for s, v in scores.items()],
        default=Value(None, output_field=FloatField()),
        output_field=FloatField(),
    )
