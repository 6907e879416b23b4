"""Outcomes reported in a review part, and assessments of commitments against them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from outcomes.judgment import score_of, status_of
from targets.models import Commitment
from tracker.core import statuses
from tracker.models import Clause, Document

STATUSES = statuses.CHOICES  # the engine's verdicts, tracker/core/statuses.py (PENDING is no assessment)


class Outcome(Clause):
    value = models.FloatField("数值", null=True, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    cumulative = models.BooleanField("累计值", default=False)
    history = HistoricalRecords()

    class Meta(Clause.Meta):
        verbose_name = verbose_name_plural = "成效"
        constraints = [models.UniqueConstraint(fields=["document", "natural_key"], name="outcome_natural_key")]


class Assessment(models.Model):
    """The engine's judgment of one commitment, and an editor's override if any."""

    commitment = models.OneToOneField(Commitment, verbose_name="承诺", on_delete=models.CASCADE,
                                      related_name="assessment")
    review_document = models.ForeignKey(Document, verbose_name="总结文档", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    evidence = models.ManyToManyField(Outcome, verbose_name="证据", blank=True, related_name="assessments")
    evidence_quotes = models.JSONField("证据原文", default=list, blank=True)
    status = models.CharField("状态", max_length=12, choices=STATUSES, db_index=True)
    score = models.FloatField("得分", null=True, blank=True)
    actual = models.FloatField("实际值", null=True, blank=True)
    actual_unit = models.CharField("实际单位", max_length=20, blank=True)
    confidence = models.FloatField("置信度", default=0)
    rationale = models.TextField("计算过程", blank=True)
    engine_version = models.CharField("引擎版本", max_length=20, blank=True)
    assessed_at = models.DateTimeField("评估时间", default=timezone.now)
    override_status = models.CharField("人工状态", max_length=12, choices=STATUSES, blank=True)
    override_score = models.FloatField("人工得分", null=True, blank=True)
    override_reason = models.TextField("人工修改原因", blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    overridden_at = models.DateTimeField("修改时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "评估"

    def __str__(self) -> str:
        return f"{self.commitment} → {self.get_status_display()}"

    @property
    def effective_status(self) -> str:
        """The status shown everywhere: the editor's where there is one (outcomes/judgment.py)."""
        return status_of(self.status, self.override_status)

    @property
    def effective_score(self) -> float | None:
        """The score shown and averaged everywhere (outcomes/judgment.py)."""
        return score_of(self.status, self.score, self.override_status, self.override_score)
