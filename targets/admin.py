"""Commitments and their corrections in the admin: the engine's fields are corrected through
reason-bearing forms; a missed commitment is added by selecting its clause in the text."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect

from outcomes.models import STATUSES
from targets.correction_form import CorrectionAddForm
from targets.corrections import COMMITMENT_FIELDS, CorrectionError, commitment_add, correction_record
from targets.models import Commitment
from tracker.admin import ScopedAdmin, ScopedHistoryAdmin, low_confidence_filter, shortened, snippet
from tracker.models import Correction, Document
from tracker.services import documents_reparse

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


@admin.register(Correction)
class CorrectionAdmin(ScopedAdmin):
    list_display = ("created_at", "document_title", "kind", "reason_short", "created_by", "orphaned", "active")
    list_filter = ("kind", "orphaned", "active")
    search_fields = ("reason", "target_key")
    list_select_related = ("document", "created_by")
    readonly_fields = ("created_by", "created_at", "orphaned")

    @admin.display(description="文档", ordering="document__title")
    def document_title(self, obj: Correction) -> str:
        return shortened(str(obj.document), 24)

    @admin.display(description="理由", ordering="reason")
    def reason_short(self, obj: Correction) -> str:
        return shortened(obj.reason, 30)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = CorrectionAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj:  # a correction is history: only its "active" switch changes
            return [f.name for f in Correction._meta.fields if f.name != "active"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            if "active" in form.changed_data:
                # parse again with or without it: switched off, a correction is undone (targets.corrections)
                job = documents_reparse(documents=Document.objects.filter(pk=obj.document_id),
                                        label=f"{request.user} 修正{'启用' if obj.active else '停用'}后重新解析")
                self.message_user(request, f"已排队重新解析该文档(任务 #{job.pk})。")
            return
        data = form.cleaned_data
        try:
            if data["kind"] == Correction.Kind.ADD_COMMITMENT:
                saved = commitment_add(document=data["document"], start=data["start"], end=data["end"],
                                       reason=data["reason"], user=request.user, fields=data.get("changes") or {})
            else:
                saved = correction_record(document=data["document"], kind=data["kind"],
                                          target_key=data["target_key"], reason=data["reason"], user=request.user,
                                          changes=data.get("changes") or {})
        except CorrectionError as exc:
            raise forms.ValidationError(str(exc)) from exc
        obj.pk = saved.pk
        obj._state.adding = False

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except forms.ValidationError as exc:  # refused by the service: say why, keep nothing
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect("admin:tracker_correction_add")
