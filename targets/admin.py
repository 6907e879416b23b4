"""Commitments in the admin: the engine's fields are corrected through a reason-bearing form."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from outcomes.models import STATUSES
from targets.models import Commitment
from tracker.admin import ScopedHistoryAdmin, low_confidence_filter, snippet
from tracker.corrections import COMMITMENT_FIELDS, CorrectionError, correction_record
from tracker.models import Correction

STATUS_LABELS = dict(STATUSES)


class WritersOnlyFields:
    """The form's own fields (a reason, evidence to link) are for those who may change the object: a
    查阅 user's read-only page would show them as English names (“Reason”) with nothing in them."""

    writers_only = ("reason",)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        return [(title, {**opts, "fields": tuple(f for f in opts["fields"] if f not in self.writers_only)})
                for title, opts in fieldsets]


class CommitmentCorrectionForm(forms.ModelForm):
    reason = forms.CharField(label="修改原因(必填)", widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Commitment
        fields = (*COMMITMENT_FIELDS, "rejected")


@admin.register(Commitment)
class CommitmentAdmin(WritersOnlyFields, ScopedHistoryAdmin):
    form = CommitmentCorrectionForm
    empty_value_display = "—"  # as on every page
    # short Chinese headers and no column twice (the target carries its unit): the list fits 1280 px
    list_display = ("short_text", "issuer", "year", "measure", "target_shown", "strength", "status", "is_rejected",
                    "is_manual")
    list_filter = ("measure", "year", "strength", "rejected", "manual",
                   low_confidence_filter("assessment__confidence"), "issuer")
    search_fields = ("text", "indicator")
    list_select_related = ("issuer", "document", "assessment")
    readonly_fields = ("document", "issuer", "section_path", "clause", "key", "manual")
    fieldsets = (
        ("原文(解析结果,只读)", {"fields": ("document", "issuer", "section_path", "clause", "key", "manual")}),
        ("修正(保存时记录为人工修正,重新解析后仍然生效)", {"fields": (*COMMITMENT_FIELDS, "rejected", "reason")}),
    )

    def has_add_permission(self, request):
        return False  # add a missed commitment as a Correction (补充承诺) by selecting its clause

    @admin.display(description="条款")
    def short_text(self, obj: Commitment) -> str:
        return obj.text[:50]

    @admin.display(description="目标", ordering="target")
    def target_shown(self, obj: Commitment) -> str:
        return obj.target_display

    @admin.display(description="状态")
    def status(self, obj: Commitment) -> str:
        """The effective status (an editor's override where there is one), as on every page."""
        a = getattr(obj, "assessment", None)
        return STATUS_LABELS.get(a.effective_status, a.effective_status) if a else "—"

    @admin.display(description="非承诺", boolean=True, ordering="rejected")
    def is_rejected(self, obj: Commitment) -> bool:
        return obj.rejected

    @admin.display(description="人工添加", boolean=True, ordering="manual")
    def is_manual(self, obj: Commitment) -> bool:
        return obj.manual

    @admin.display(description="原文位置(起点:终点:数值)")
    def key(self, obj: Commitment) -> str:
        return obj.natural_key

    @admin.display(description="条款(高亮)")
    def clause(self, obj: Commitment) -> str:
        return snippet(obj.document.plain_text, obj.start, obj.end)

    def save_model(self, request, obj, form, change) -> None:
        reason = form.cleaned_data["reason"]
        try:
            if "rejected" in form.changed_data and obj.rejected:
                correction_record(document=obj.document, kind=Correction.Kind.NOT_A_COMMITMENT,
                                  target_key=obj.natural_key, reason=reason, user=request.user)
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in COMMITMENT_FIELDS}
            if changes:
                correction_record(document=obj.document, kind=Correction.Kind.COMMITMENT_EDIT,
                                  target_key=obj.natural_key, reason=reason, user=request.user, changes=changes)
        except CorrectionError as exc:
            self.message_user(request, str(exc), messages.ERROR)
