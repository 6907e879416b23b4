"""Reads for the scorecards: each query is scoped to what the user may see and
does a fixed number of database round trips, whatever the number of rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum

from outcomes.judgment import JUDGED, score_expr, status_expr
from outcomes.lights import LIGHT_ORDER, light_expr
from outcomes.models import Assessment
from targets.models import Commitment
from tracker.access import scope, visible_issuers
from tracker.core import statuses
from tracker.core.statuses import Status
from tracker.models import Issuer

STATUS_ORDER = statuses.ORDER  # aliases of the one table, tracker/core/statuses.py
STATUS_LABELS = statuses.LABELS


def assessment_of(c: Commitment) -> Assessment | None:
    try:
        return c.assessment
    except Assessment.DoesNotExist:
        return None


def effective_status():
    """The editor's status where there is one, else the engine's; 'pending' without an assessment."""
    return status_expr()


def judged(qs: QuerySet[Commitment], *, on=None) -> QuerySet[Commitment]:
    """Commitments annotated with their effective judgment — ``status``, ``effective_score``,
    ``actual``, ``actual_unit`` — as every page, table, export, email and the league reads it, and
    their traffic light ``light`` (red/yellow/green/none, outcomes/lights.py; ``on``: today)."""
    return qs.annotate(status=status_expr(), effective_score=score_expr(),
                       actual=F("assessment__actual"), actual_unit=F("assessment__actual_unit")
                       ).annotate(light=light_expr(on))


NO_UNIT = "__none__"  # the 责任单位 filter's choice for commitments that name none


def unit_choices(qs: QuerySet[Commitment]) -> list[tuple[str, str]]:
    """The responsible units of a scorecard's commitments, most frequent first (the 责任单位 filter)."""
    rows = (qs.order_by().exclude(responsible_unit="").values("responsible_unit")
            .annotate(n=Count("pk")).order_by("-n", "responsible_unit"))
    return [(r["responsible_unit"], f"{r['responsible_unit']}（{r['n']}）") for r in rows] + [(NO_UNIT, "未明确")]


def of_unit(qs: QuerySet[Commitment], unit: str) -> QuerySet[Commitment]:
    return qs.filter(responsible_unit="" if unit == NO_UNIT else unit)


def commitments_for(user, *, issuer: Issuer | None = None, year: int | None = None) -> QuerySet[Commitment]:
    qs = scope(Commitment.objects.filter(rejected=False), user)
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    if year is not None:
        qs = qs.filter(year=year)
    return judged(qs.select_related("issuer", "document", "section", "assessment")).order_by("document_id", "start")


@dataclass(frozen=True)
class Scorecard:
    issuer: Issuer
    year: int
    counts: dict[str, int]
    total: int
    mean_score: float | None
    lights: dict[str, int] | None = None  # 三色预警 counts (``scorecard``), where computed
    sections: list[dict] | None = None  # 按章节汇总 (``scorecard(sections=True)``), where computed

    @property
    def due(self) -> int:
        """Assessed against a review: judged or 无证据."""
        return self.judged + self.count(Status.NO_EVIDENCE)

    @property
    def judged(self) -> int:
        """The denominator of 达成率 and 平均得分: 达成 + 部分达成 + 未达成."""
        return sum(self.counts.get(s, 0) for s in JUDGED)

    @property
    def pending(self) -> int:
        return self.count(Status.PENDING)

    @property
    def review_year(self) -> int:
        """The year whose report reviews this plan year (a 2025 plan is reviewed in the 2026 report)."""
        return self.year + 1

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def fulfilment(self) -> float | None:
        """达成 / judged: the same commitments as the mean score."""
        return (self.count(Status.MET) / self.judged) if self.judged else None

    def rows(self) -> list[tuple[str, str, int]]:
        return [(s, STATUS_LABELS[s], self.counts.get(s, 0)) for s in STATUS_ORDER]


SECTION = ("section__path", "section__heading", "section__start")
# 按章节汇总's columns: a status's own name, 部分达成 as "partly"
ROLLUP_COUNTS = {"partly": Status.PARTLY_MET,
                 **{s.value: s for s in (Status.MET, Status.NOT_MET, Status.NO_EVIDENCE, Status.PENDING)}}


def scorecard(user, *, issuer: Issuer, year: int, sections: bool = False) -> Scorecard:
    """Counts by status and by light and the mean score of the judged, and with ``sections`` the
    rollup by section (``Scorecard.sections``), in one query: one row per (section, status, light)
    with the sum and number of its judged scores."""
    qs = commitments_for(user, issuer=issuer, year=year)
    rows = _status_rows(qs, *(SECTION if sections else ()), "light")
    counts: dict[str, int] = {}
    lights: dict[str, int] = dict.fromkeys(LIGHT_ORDER, 0)
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + r["n"]
        lights[r["light"]] += r["n"]
    return Scorecard(issuer, year, counts, sum(counts.values()), _mean(rows), lights,
                     _rollup(rows) if sections else None)


def _status_rows(qs: QuerySet[Commitment], *by: str) -> list[dict]:
    """One row per (``by``…, status): its commitments (``n``), and the sum and number of its judged
    scores (``total``, ``scored``) for ``_mean``."""
    judged_q = Q(status__in=JUDGED)
    return list(qs.order_by().values(*by, "status").annotate(
        n=Count("pk"), total=Sum("effective_score", filter=judged_q), scored=Count("effective_score", filter=judged_q)))


def _mean(rows: list[dict]) -> float | None:
    scored = sum(r["scored"] for r in rows)
    return sum(r["total"] or 0.0 for r in rows) / scored if scored else None


def _document_order(section: tuple) -> tuple:
    """(path, heading, start) by start, then path, the missing last (PostgreSQL's ascending order)."""
    path, _heading, start = section
    return start is None, start or 0, path is None, path or ""


def _rollup(rows: list[dict]) -> list[dict]:
    """One row per section, in document order (the unsectioned last): its commitments by status and
    the mean score of its judged ones."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault(tuple(r[k] for k in SECTION), []).append(r)
    out = []
    for key in sorted(groups, key=_document_order):
        path, heading, _start = key
        of = groups[key]
        counts = {name: sum(r["n"] for r in of if r["status"] == status) for name, status in ROLLUP_COUNTS.items()}
        out.append({"section__path": path, "section__heading": heading, "total": sum(r["n"] for r in of),
                    **counts, "mean": _mean(of)})
    return out


def scorecard_rows(qs: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """The scorecard table's rows: only the commitment's own columns and the annotations the table shows
    (``judged``, the assessment's confidence and whether an editor overrode it), no joined objects."""
    return qs.select_related(None).annotate(confidence=F("assessment__confidence"),
                                            override_status=F("assessment__override_status"))


def scorecards_by_issuer_year(user, issuers: Iterable[int] | None = None) -> list[Scorecard]:
    """Every (issuer, year) with commitments the user may see (of ``issuers`` only, when given), in one
    query (and one of the issuers)."""
    qs = judged(scope(Commitment.objects.filter(rejected=False), user))
    if issuers is not None:
        qs = qs.filter(issuer_id__in=list(issuers))
    rows = _status_rows(qs, "issuer_id", "year")
    issuers = {i.pk: i for i in visible_issuers(user)}
    cards: dict[tuple[int, int], list[dict]] = {}
    for r in rows:
        if r["year"] is not None and r["issuer_id"] in issuers:
            cards.setdefault((r["issuer_id"], r["year"]), []).append(r)
    out = []
    for (i, y), of in sorted(cards.items(), key=lambda kv: (issuers[kv[0][0]].name, -kv[0][1])):
        counts = {r["status"]: r["n"] for r in of}
        out.append(Scorecard(issuers[i], y, counts, sum(counts.values()), _mean(of)))
    return out


def latest_scorecards(user, issuers: Iterable[int] | None = None) -> list[Scorecard]:
    """Each issuer's latest scorecard (of ``issuers`` only, when given), by issuer name."""
    latest: dict[int, Scorecard] = {}
    for card in scorecards_by_issuer_year(user, issuers):
        best = latest.get(card.issuer.pk)
        # the latest year that has been assessed, else the latest year
        key = (card.due > 0, card.year)
        if best is None or key > (best.due > 0, best.year):
            latest[card.issuer.pk] = card
    return sorted(latest.values(), key=lambda c: c.issuer.name)


def review_queue(user, *, low_confidence: float) -> QuerySet[Assessment]:
    qs = scope(Assessment.objects.all(), user, "commitment__issuer_id")
    return (qs.filter(Q(confidence__lt=low_confidence) | Q(status=Status.NO_EVIDENCE), override_status="")
            .exclude(status=Status.NOT_DUE)
            .select_related("commitment", "commitment__issuer", "commitment__document")
            .order_by("assessed_at", "pk"))


def issuer_years(user, issuer: Issuer) -> list[int]:
    """The years of the issuer's commitments the user may see, oldest first (the year switcher)."""
    qs = scope(Commitment.objects.filter(rejected=False, issuer=issuer, year__isnull=False), user)
    return sorted(qs.order_by().values_list("year", flat=True).distinct())


def section_choices(qs: QuerySet[Commitment]) -> list[tuple[str, str]]:
    """The sections of a scorecard's commitments in document order, as filter choices
    (path, indented heading): the 章节 filter and the breadcrumbs' section link."""
    rows = (qs.order_by().filter(section__isnull=False)
            .values_list("section__path", "section__heading", "section__start", "document_id").distinct())
    out: dict[str, str] = {}
    for path, heading, _start, _doc in sorted(rows, key=lambda r: (r[3], r[2])):
        if path and path not in out:
            depth = path.count("/")
            label = heading or path
            out[path] = "　" * depth + (label if len(label) <= 28 else label[:27] + "…")
    return list(out.items())


def in_section(qs: QuerySet[Commitment], path: str) -> QuerySet[Commitment]:
    """Commitments of a section and its sub-sections."""
    return qs.filter(Q(section__path=path) | Q(section__path__startswith=path + "/"))


def indicator_rows(user, name: str) -> QuerySet[Commitment]:
    """Every commitment the user may see on one indicator (its name as the engine or an editor gave it),
    with its effective judgment and its issuer (the columns the indicator page shows, no other joined row)."""
    return (commitments_for(user).filter(indicator=name).select_related(None).select_related("issuer")
            .order_by("year", "issuer__name", "document_id", "start"))


@dataclass(frozen=True)
class IndicatorSummary:
    """What the indicator page shows around its rows, counted in the database."""

    total: int
    years: list[int]  # oldest first
    issuers: list[Issuer]  # by name
    year: int | None  # the year shown across issuers by default: the issuer's latest, else the latest


def indicator_summary(user, name: str, *, issuer: Issuer | None = None) -> IndicatorSummary:
    """The indicator's number of commitments, its years and its issuers, in two queries whatever their number."""
    qs = scope(Commitment.objects.filter(rejected=False, indicator=name), user).order_by()
    per_year = qs.values("year").annotate(n=Count("pk")).order_by("year")
    if issuer is not None:
        per_year = per_year.annotate(mine=Count("pk", filter=Q(issuer=issuer)))
    rows = list(per_year)
    years = [r["year"] for r in rows if r["year"]]
    of_issuer = [r["year"] for r in rows if r["year"] and r.get("mine")]
    issuers = list(Issuer.objects.filter(pk__in=qs.values("issuer_id")).order_by("name", "pk"))
    return IndicatorSummary(sum(r["n"] for r in rows), years, issuers, max(of_issuer or years) if years else None)


def indicator_index(user, *, limit: int = 60) -> list[dict]:
    """The indicators the user may see most often across issuers and years (the indicator page's index)."""
    qs = scope(Commitment.objects.filter(rejected=False).exclude(indicator=""), user)
    return list(qs.order_by().values("indicator").annotate(n=Count("pk"), issuers=Count("issuer", distinct=True),
                                                           years=Count("year", distinct=True))
                .order_by("-issuers", "-years", "-n", "indicator")[:limit])


def similar_indicators(user, name: str, *, limit: int = 12) -> list[str]:
    """Other names the user may see that contain this one (地区生产总值 → 地区生产总值增速)."""
    if len(name) < 2:
        return []
    qs = scope(Commitment.objects.filter(rejected=False).exclude(indicator=name).exclude(indicator=""), user)
    names = qs.filter(indicator__icontains=name).order_by().values_list("indicator", flat=True).distinct()[:limit]
    return sorted(set(names))
