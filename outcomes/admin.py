"""Outcomes and assessments in the admin: corrections, evidence links and status overrides."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from outcomes.models import STATUSES, Assessment, Outcome
from targets.admin import WritersOnlyFields
from targets.corrections import OUTCOME_FIELDS, CorrectionError, changes_clean, correction_record
from tracker.admin import ScopedHistoryAdmin, low_confidence_filter, snippet
from tracker.formatting import number, with_unit
from tracker.highlight import highlighted, paragraph_bounds
from tracker.models import Correction


class OutcomeCorrectionForm(forms.ModelForm):
    reason = forms.CharField(label="修改原因(必填)", widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Outcome
        fields = OUTCOME_FIELDS


@admin.register(Outcome)
class OutcomeAdmin(WritersOnlyFields, ScopedHistoryAdmin):
    form = OutcomeCorrectionForm
    empty_value_display = "—"  # as on every page
    list_display = ("short_text", "issuer", "year", "measure", "value", "unit", "cumulative")
    list_filter = ("measure", "year", "cumulative", "issuer")
    search_fields = ("text", "indicator")
    list_select_related = ("issuer", "document")
    readonly_fields = ("document", "issuer", "section_path", "clause", "key")
    fieldsets = (
        ("原文(只读)", {"fields": ("document", "issuer", "section_path", "clause", "key")}),
        ("修正", {"fields": (*OUTCOME_FIELDS, "reason")}),
    )

    def has_add_permission(self, request):
        return False

    @admin.display(description="原文")
    def short_text(self, obj: Outcome) -> str:
        return obj.text[:50]

    @admin.display(description="原文位置(起点:终点:数值)")
    def key(self, obj: Outcome) -> str:
        return obj.natural_key

    @admin.display(description="原文(高亮)")
    def clause(self, obj: Outcome) -> str:
        return snippet(obj.document.plain_text, obj.start, obj.end)

    def save_model(self, request, obj, form, change) -> None:
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in OUTCOME_FIELDS}
        if not changes:
            return
        try:
            correction_record(document=obj.document, kind=Correction.Kind.OUTCOME_EDIT, target_key=obj.natural_key,
                              reason=form.cleaned_data["reason"], user=request.user, changes=changes)
        except CorrectionError as exc:
            self.message_user(request, str(exc), messages.ERROR)


class AssessmentOverrideForm(forms.ModelForm):
    """An override is a status, optionally with a score: a score alone is refused (outcomes/judgment.py)."""

    override_status = forms.ChoiceField(label="人工状态", choices=[("", "(采用引擎判定)"), *STATUSES], required=False)
    link = forms.ModelMultipleChoiceField(label="指定证据(替换引擎选择)", queryset=Outcome.objects.none(),
                                          required=False)
    reason = forms.CharField(label="修改原因(必填)", widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Assessment
        fields = ("override_status", "override_score")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "override_score" in self.fields:  # absent for a reader (view-only)
            self.fields["override_score"].help_text = (
                "可不填：状态与引擎相同时沿用引擎得分，否则按状态取分（达成 1，部分达成 0.5，未达成 0）。"
                "只填得分、不选状态会被拒绝。")
        if self.instance.pk and self.instance.review_document_id:
            self.fields["link"].queryset = Outcome.objects.filter(document=self.instance.review_document_id)
            self.fields["link"].initial = list(self.instance.evidence.values_list("pk", flat=True))

    def clean(self):
        data = super().clean()
        if "override_score" in self.fields:  # the rule of every override, wherever it is recorded
            try:
                changes_clean(kind=Correction.Kind.OVERRIDE,
                              changes={"status": data.get("override_status"), "score": data.get("override_score")})
            except CorrectionError as exc:
                self.add_error("override_score", str(exc))
        return data


@admin.register(Assessment)
class AssessmentAdmin(WritersOnlyFields, ScopedHistoryAdmin):
    form = AssessmentOverrideForm
    empty_value_display = "—"  # as on every page
    writers_only = ("link", "reason")
    # the clause cut short, its issuer, values with their units, short Chinese headers: fits 1280 px
    list_display = ("short_commitment", "issuer", "status", "override_status", "score_shown", "actual_shown",
                    "confidence_shown", "assessed_at")
    list_filter = ("status", "override_status", low_confidence_filter("confidence"), "commitment__year",
                   "commitment__issuer")
    search_fields = ("commitment__text",)
    list_select_related = ("commitment", "commitment__issuer")
    readonly_fields = ("commitment", "status", "score", "actual", "actual_unit", "confidence", "rationale",
                       "evidence_html", "engine_version", "assessed_at", "overridden_by", "overridden_at")

    def has_add_permission(self, request):
        return False

    @admin.display(description="承诺", ordering="commitment__text")
    def short_commitment(self, obj: Assessment) -> str:
        text = obj.commitment.text
        return text if len(text) <= 40 else text[:40] + "…"

    @admin.display(description="发布单位", ordering="commitment__issuer__name")
    def issuer(self, obj: Assessment) -> str:
        return obj.commitment.issuer.name

    @admin.display(description="得分", ordering="score")
    def score_shown(self, obj: Assessment) -> str:
        return "—" if obj.score is None else number(obj.score, 2)

    @admin.display(description="实际", ordering="actual")
    def actual_shown(self, obj: Assessment) -> str:
        return with_unit(obj.actual, obj.actual_unit)

    @admin.display(description="置信度", ordering="confidence")
    def confidence_shown(self, obj: Assessment) -> str:
        return number(obj.confidence, 2)

    @admin.display(description="证据(高亮)")
    def evidence_html(self, obj: Assessment) -> str:
        if not obj.review_document_id:
            return "—"
        text = obj.review_document.plain_text
        parts = []
        for q in obj.evidence_quotes:
            lo, hi = paragraph_bounds(text, q["start"], q["end"], limit=80)
            parts.append(highlighted(text, [(q["start"], q["end"])], lo, hi))
        from django.utils.html import format_html_join

        return format_html_join("", "<p>{}</p>", ((p,) for p in parts)) or "—"

    def save_model(self, request, obj, form, change) -> None:
        data, c = form.cleaned_data, obj.commitment
        try:
            if {"override_status", "override_score"} & set(form.changed_data):
                correction_record(document=c.document, kind=Correction.Kind.OVERRIDE, target_key=c.natural_key,
                                  reason=data["reason"], user=request.user,
                                  changes={"status": data["override_status"], "score": data["override_score"]})
            if "link" in form.changed_data:
                before = set(Assessment.objects.get(pk=obj.pk).evidence.all())
                after = set(data["link"])
                for o in after - before:
                    correction_record(document=c.document, kind=Correction.Kind.LINK_EVIDENCE,
                                      target_key=c.natural_key, reason=data["reason"], user=request.user, evidence=o)
                for o in before - after:
                    correction_record(document=c.document, kind=Correction.Kind.UNLINK_EVIDENCE,
                                      target_key=c.natural_key, reason=data["reason"], user=request.user, evidence=o)
        except CorrectionError as exc:
            self.message_user(request, str(exc), messages.ERROR)

    def save_related(self, request, form, formsets, change) -> None:
        pass  # evidence changes go through corrections above
