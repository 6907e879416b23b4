"""The commitments table of a scorecard (sortable, paginated, exportable)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import F, Q
from django.urls import reverse
from django.utils.html import format_html

from outcomes.selectors import STATUS_LABELS, assessment_of
from targets.models import Commitment
from tracker.core.lexicon import STRENGTH_WORDS
from tracker.models import MEASURES


class CommitmentTable(tables.Table):
    text = tables.Column("条款", linkify=lambda record: reverse("commitment", args=[record.pk]),
                         attrs={"td": {"class": "clause"}})
    indicator = tables.Column("指标")
    target = tables.Column("目标", accessor="target", order_by=("target",))
    actual = tables.Column("实际", accessor="assessment__actual", default="—")
    status = tables.Column("状态", accessor="status")
    score = tables.Column("得分", accessor="assessment__score", default="—")
    confidence = tables.Column("置信度", accessor="assessment__confidence", default="—")

    class Meta:
        model = Commitment
        fields = ("text", "indicator", "measure", "strength", "target", "actual", "status", "score", "confidence")
        sequence = fields
        attrs = {"class": "table", "id": "commitments"}
        order_by = ("document", "start")
        per_page = 50

    def order_target(self, queryset, is_descending: bool):
        """Commitments without a figure sort last either way."""
        field = F("target").desc(nulls_last=True) if is_descending else F("target").asc(nulls_last=True)
        return queryset.order_by(field, "pk"), True

    def render_target(self, record: Commitment) -> str:
        return record.target_display

    def render_actual(self, record: Commitment, value) -> str:
        unit = getattr(assessment_of(record), "actual_unit", "") or ""
        return f"{value:g} {unit}".strip()

    def render_status(self, value: str):
        return format_html('<span class="status status-{}">{}</span>', value, STATUS_LABELS.get(value, value))

    def render_score(self, record: Commitment, value) -> str:
        a = assessment_of(record)
        if a is None:
            return "—"
        shown = a.override_score if a.override_status else value
        return "—" if shown is None else f"{shown:.2f}"

    def render_confidence(self, value) -> str:
        return f"{value:.2f}"


class CommitmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=list(STATUS_LABELS.items()), field_name="status")
    measure = django_filters.ChoiceFilter(label="类型", choices=MEASURES)
    strength = django_filters.ChoiceFilter(label="约束力", choices=[(s, s) for s in STRENGTH_WORDS])
    confidence_below = django_filters.NumberFilter(label="置信度低于", field_name="assessment__confidence",
                                                   lookup_expr="lt")
    q = django_filters.CharFilter(label="搜索", method="search")

    class Meta:
        model = Commitment
        fields = ["status", "measure", "strength"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(text__icontains=value) | Q(indicator__icontains=value))
