"""Commitments: what a plan part of a document promises for a year."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from tracker.models import Document, Issuer, Section

MEASURES = [
    ("count", "数量"), ("amount", "金额/规模"), ("growth", "增长"), ("share", "占比"), ("rate", "比率"),
    ("rank", "排名"), ("duration", "用时"), ("milestone", "节点任务"), ("qualitative", "定性"),
]
COMPARATORS = [(">=", "≥"), ("<=", "≤"), ("~", "左右"), ("=", "="), ("range", "区间")]
POLARITIES = [("higher", "越高越好"), ("lower", "越低越好")]


def natural_key(start: int, end: int, number: float | None) -> str:
    """Stable across re-parses of the same text: clause offsets and the figure."""
    figure = "" if number is None else format(float(number), "g")
    return f"{start}:{end}:{figure}"


class Commitment(models.Model):
    document = models.ForeignKey(Document, verbose_name="文档", on_delete=models.CASCADE, related_name="commitments")
    issuer = models.ForeignKey(Issuer, verbose_name="发布单位", on_delete=models.CASCADE, related_name="commitments")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True, db_index=True)
    section = models.ForeignKey(Section, verbose_name="章节", null=True, blank=True, on_delete=models.SET_NULL)
    section_path = models.CharField("章节路径", max_length=100, blank=True)
    text = models.TextField("条款")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    natural_key = models.CharField(max_length=64)
    indicator = models.CharField("指标", max_length=300, blank=True)
    measure = models.CharField("类型", max_length=12, choices=MEASURES)
    comparator = models.CharField("比较", max_length=6, choices=COMPARATORS, blank=True)
    target = models.FloatField("目标值", null=True, blank=True)
    target_high = models.FloatField("目标上限", null=True, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    polarity = models.CharField("方向", max_length=6, choices=POLARITIES, blank=True)
    strength = models.CharField("约束力", max_length=6, blank=True)
    deadline = models.DateField("截止日期", null=True, blank=True)
    manual = models.BooleanField("人工添加", default=False)
    rejected = models.BooleanField("非承诺(人工标记)", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "承诺"
        ordering = ["document", "start", "natural_key"]
        constraints = [models.UniqueConstraint(fields=["document", "natural_key"], name="commitment_natural_key")]
        indexes = [models.Index(fields=["issuer", "year"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def target_display(self) -> str:
        if self.target is None:
            return "—"
        sign = {">=": "≥ ", "<=": "≤ ", "~": "约 ", "=": "", "range": ""}.get(self.comparator, "")
        figure = format(self.target, "g")
        if self.target_high is not None:
            figure += "–" + format(self.target_high, "g")
        return f"{sign}{figure} {self.unit}".strip()
