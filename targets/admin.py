"""Commitments in the admin: the engine's fields are corrected through a reason-bearing form."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from targets.models import Commitment
from tracker.admin import ScopedHistoryAdmin, low_confidence_filter, snippet
from tracker.corrections import COMMITMENT_FIELDS, CorrectionError, correction_record
from tracker.models import Correction


class CommitmentCorrectionForm(forms.ModelForm):
    reason = forms.CharField(label="修改原因(必填)", widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Commitment
        fields = (*COMMITMENT_FIELDS, "rejected")


@admin.register(Commitment)
class CommitmentAdmin(ScopedHistoryAdmin):
    form = CommitmentCorrectionForm
    list_display = ("short_text", "issuer", "year", "measure", "target_display", "unit", "strength", "status",
                    "rejected", "manual")
    list_filter = ("measure", "year", "strength", "rejected", "manual",
                   low_confidence_filter("assessment__confidence"), "issuer")
    search_fields = ("text", "indicator")
    list_select_related = ("issuer", "document", "assessment")
    readonly_fields = ("document", "issuer", "section_path", "clause", "natural_key", "manual")
    fieldsets = (
        ("原文(解析结果,只读)", {"fields": ("document", "issuer", "section_path", "clause", "natural_key", "manual")}),
        ("修正(保存时记录为人工修正,重新解析后仍然生效)", {"fields": (*COMMITMENT_FIELDS, "rejected", "reason")}),
    )

    def has_add_permission(self, request):
        return False  # add a missed commitment as a Correction (补充承诺) by selecting its clause

    @admin.display(description="条款")
    def short_text(self, obj: Commitment) -> str:
        return obj.text[:50]

    @admin.display(description="状态")
    def status(self, obj: Commitment) -> str:
        a = getattr(obj, "assessment", None)
        return a.get_status_display() if a else "—"

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
