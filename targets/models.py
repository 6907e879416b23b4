"""Commitments: what a plan part of a document promises for a year."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from tracker.core import comparators
from tracker.core.deadlines import due_date
from tracker.formatting import number
from tracker.models import Clause

COMPARATORS = comparators.CHOICES  # tracker/core/comparators.py
POLARITIES = [("higher", "越高越好"), ("lower", "越低越好")]


def natural_key(start: int, end: int, number: float | None) -> str:
    """Stable across re-parses of the same text: clause offsets and the figure."""
    figure = "" if number is None else format(float(number), "g")
    return f"{start}:{end}:{figure}"


def natural_keys(items, figure) -> list[str]:
    """One key per item, in the engine's order: the first item of a clause and figure keeps
    ``natural_key``; a later one with the same (完成甲工程200万亩、乙工程200万亩) gets ``#2``,
    ``#3``…, so every item the engine finds is stored and the first keeps its old key."""
    seen: dict[str, int] = {}
    keys = []
    for item in items:
        key = natural_key(item.start, item.end, figure(item))
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


class Commitment(Clause):
    comparator = models.CharField("比较", max_length=6, choices=COMPARATORS, blank=True)
    target = models.FloatField("目标值", null=True, blank=True)
    target_high = models.FloatField("目标上限", null=True, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    polarity = models.CharField("方向", max_length=6, choices=POLARITIES, blank=True)
    strength = models.CharField("约束力", max_length=6, blank=True)
    deadline = models.DateField("截止日期", null=True, blank=True)
    # read from the text where the plan names one (牵头单位/责任单位/由…负责), or set by an editor (a correction)
    responsible_unit = models.CharField("责任单位", max_length=100, blank=True, db_index=True)
    manual = models.BooleanField("人工添加", default=False)
    rejected = models.BooleanField("非承诺(人工标记)", default=False)
    history = HistoricalRecords()

    class Meta(Clause.Meta):
        verbose_name = verbose_name_plural = "承诺"
        constraints = [models.UniqueConstraint(fields=["document", "natural_key"], name="commitment_natural_key")]
        # a scorecard (one issuer and year) in document order: its first page is read from the index,
        # not sorted from every row of the year (10,000 rows: 40 ms → under 1 ms)
        indexes = [models.Index(fields=["issuer", "year", "document", "start"], name="commitment_scorecard_order"),
                   # the indicator page: one indicator's years, issuers and rows without reading every commitment
                   models.Index(fields=["indicator", "year"], name="commitment_indicator_year")]

    @property
    def due_date(self):
        """The milestone's deadline, else 31 December of the year (tracker/core/deadlines.py)."""
        return due_date(self.deadline, self.year)

    @property
    def target_display(self) -> str:
        if self.target is None:
            return "—"
        sign = comparators.sign_of(self.comparator)
        figure = number(self.target)
        if self.target_high is not None:
            figure += "–" + number(self.target_high)
        return f"{sign}{figure} {self.unit}".strip()
