"""The commitments table of a scorecard (sortable, paginated, exportable)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from outcomes.lights import LIGHT_ORDER, LIGHTS, badge_html, warning_of
from outcomes.selectors import STATUS_LABELS, in_section, of_unit, section_choices, unit_choices
from targets.models import Commitment
from tracker.core.lexicon import STRENGTH_WORDS
from tracker.formatting import score_text, with_unit
from tracker.models import MEASURES

ALL = "全部"  # a choice filter's empty choice (never “---------”)


DASH = "—"  # django-tables2's default for an empty cell


def _tied(*keys: str) -> tuple[str, ...]:
    """A column's sort keys with the document order after them: rows that tie on the column keep one
    order, so a page never repeats or skips a row of the one before."""
    return (*keys, "document", "start", "pk")


def _nulls_last(queryset, key: str, is_descending: bool):
    field = F(key).desc(nulls_last=True) if is_descending else F(key).asc(nulls_last=True)
    return queryset.order_by(field, "document", "start", "pk"), True


class CommitmentTable(tables.Table):
    """The columns give the header, the sorting and the pagination; ``page_rows`` renders the cells.

    Its rows are ``selectors.scorecard_rows``: ``judged`` annotations, ``confidence`` and
    ``override_status``, no joined objects."""

    text = tables.Column("条款", attrs={"td": {"class": "clause"}}, order_by=_tied("text"))
    indicator = tables.Column("指标", order_by=_tied("indicator"))
    measure = tables.Column(order_by=_tied("measure"))  # labels: the model fields'
    strength = tables.Column(order_by=_tied("strength"))
    target = tables.Column("目标", accessor="target", order_by=("target",))
    actual = tables.Column("实际", accessor="actual", order_by=_tied("actual"))
    status = tables.Column("状态", accessor="status", order_by=_tied("status"))
    light = tables.Column("预警", accessor="light")
    responsible_unit = tables.Column("责任单位", order_by=_tied("responsible_unit"))
    due = tables.Column("截止", accessor="deadline", order_by=_tied("year", "deadline"))
    score = tables.Column("得分", accessor="effective_score", order_by=_tied("effective_score"))
    confidence = tables.Column("置信度", accessor="confidence", order_by=_tied("assessment__confidence"))

    class Meta:
        model = Commitment
        fields = ("text", "indicator", "measure", "strength", "target", "actual", "status", "light", "score",
                  "responsible_unit", "due", "confidence")
        sequence = fields
        attrs = {"class": "table", "id": "commitments"}
        order_by = ("document", "start")
        per_page = 50
        empty_text = "没有符合筛选条件的承诺。请放宽或清除上面的筛选条件。"
        template_name = "outcomes/_commitments_table.html"

    def order_target(self, queryset, is_descending: bool):
        """Commitments without a figure sort last either way (also ``actual``, ``score``, ``confidence``:
        without a value last, on every database — SQLite would put them first)."""
        return _nulls_last(queryset, "target", is_descending)

    def order_actual(self, queryset, is_descending: bool):
        return _nulls_last(queryset, "actual", is_descending)

    def order_score(self, queryset, is_descending: bool):
        return _nulls_last(queryset, "effective_score", is_descending)

    def order_confidence(self, queryset, is_descending: bool):
        return _nulls_last(queryset, "assessment__confidence", is_descending)

    def order_light(self, queryset, is_descending: bool):
        """Red first (or last), then yellow, green, none."""
        rank = Case(*[When(light=code, then=Value(i)) for i, code in enumerate(LIGHT_ORDER)],
                    output_field=IntegerField())
        return queryset.order_by(rank.desc() if is_descending else rank.asc(), "document_id", "start", "pk"), True

    def page_rows(self) -> list[SafeString]:
        """The <td>s of each row of the page, in one pass: django-tables2 renders a cell by inspecting the
        signature of its render method and computing the cell's attributes, which was most of the page's
        time at 50 rows × 12 columns."""
        columns = [(column.name, column.attrs["td"].as_html()) for column in self.columns]
        rows = []
        for row in self.paginated_rows:
            cells = self.cells(row.record)
            rows.append(format_html_join("", "<td {}>{}</td>", ((attrs, cells[name]) for name, attrs in columns)))
        return rows

    @staticmethod
    def cells(c: Commitment) -> dict[str, str]:
        """One commitment's cells by column name (text is escaped where it is joined into the row)."""
        w = warning_of(c)
        due = DASH if w.due is None else format_html(
            '<span class="{}">{}{}</span>', "overdue" if w.overdue else "soon" if w.soon else "",
            f"{w.due:%Y-%m-%d}", "（逾期）" if w.overdue else "（临期）" if w.soon else "")
        return {
            "text": format_html('<a href="{}">{}</a>', reverse("commitment", args=[c.pk]), c.text),
            "indicator": c.indicator or DASH,
            "measure": c.get_measure_display() or DASH,
            "strength": c.strength or DASH,
            "target": c.target_display,
            "actual": with_unit(c.actual, c.actual_unit),
            "status": format_html('<span class="status status-{}">{}</span>{}', c.status,
                                  STATUS_LABELS.get(c.status, c.status), "（人工）" if c.override_status else ""),
            "light": badge_html(w),
            "score": score_text(c.effective_score),
            "responsible_unit": c.responsible_unit or DASH,
            "due": due,
            "confidence": score_text(c.confidence),
        }


class CommitmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=list(STATUS_LABELS.items()), field_name="status",
                                         empty_label=ALL)
    measure = django_filters.ChoiceFilter(label="类型", choices=MEASURES, empty_label=ALL)
    strength = django_filters.ChoiceFilter(label="约束力", choices=[(s, s) for s in STRENGTH_WORDS], empty_label=ALL)
    confidence_below = django_filters.NumberFilter(label="置信度低于", field_name="assessment__confidence",
                                                   lookup_expr="lt")
    section = django_filters.ChoiceFilter(label="章节", choices=[], method="in_section", empty_label=ALL)
    light = django_filters.ChoiceFilter(label="预警", choices=[(c, f"{LIGHTS[c][0]}灯" if c != "none" else "无预警")
                                                               for c in LIGHT_ORDER], field_name="light",
                                        empty_label=ALL)
    unit = django_filters.ChoiceFilter(label="责任单位", choices=[], method="of_unit", empty_label=ALL)
    q = django_filters.CharFilter(label="搜索", method="search")

    class Meta:
        model = Commitment
        fields = ["status", "measure", "strength"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        # the sections of this scorecard, in document order (a section and its sub-sections)
        self.filters["section"].extra["choices"] = section_choices(self.queryset)
        self.filters["unit"].extra["choices"] = unit_choices(self.queryset)

    def active(self) -> list[tuple[str, str]]:
        """The filters in use, as (label, value shown): what an empty result names."""
        out = []
        for name, field in self.form.fields.items():
            raw = self.data.get(name) if self.data else None
            if raw in (None, ""):
                continue
            shown = dict(getattr(field, "choices", ()) or ()).get(raw, raw)
            out.append((str(field.label), str(shown).strip("　")))
        return out

    def of_unit(self, queryset, name, value):
        return of_unit(queryset, value)

    def in_section(self, queryset, name, value):
        return in_section(queryset, value)

    def search(self, queryset, name, value):
        return queryset.filter(Q(text__icontains=value) | Q(indicator__icontains=value))
