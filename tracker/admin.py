"""The admin as the editors' work surface: uploads, re-parses, corrections.

Every change an editor makes to engine output goes through a ``Correction``
(with a required reason), never straight into the row, so that it survives
the next re-parse. Querysets are scoped to the issuers the user may see.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from outcomes.mail import schedule
from outcomes.services import plan_reassess
from targets.corrections import CorrectionError, correction_record
from targets.reapply import decided
from tracker.access import APPS, is_admin, may_write, scope, scope_writable
from tracker.core.explain import untaken
from tracker.core.extraction import extract_text
from tracker.highlight import highlighted, paragraph_bounds
from tracker.models import (
    ApiToken,
    Correction,
    Document,
    Grant,
    Issuer,
    ParseJob,
    ScorecardSend,
    Section,
    Subscription,
)
from tracker.models.corrections import DOCUMENT_FIELDS, DOCUMENT_KEY, DOCUMENT_KINDS, section_key
from tracker.parsing import upload_message
from tracker.pending import pending_answer, pending_get, pending_keep
from tracker.services import IngestError, SameDocument, document_ingest, documents_reparse
from tracker.tasks import assess_issuer

admin.site.site_header = "目标成效追踪 · 管理后台"
admin.site.site_title = "目标成效追踪"
admin.site.index_title = "文档、承诺与人工修正"


class ScopedAdmin(admin.ModelAdmin):
    """Every admin page of ours goes through the access policy (``tracker.access``): the changelist,
    every object page, the list filters' choices, the choices of every foreign key in a form, the
    actions; a change or a delete needs the model permission *and* the object in the user's
    writable scope, so a 查阅 user changes nothing and an 编辑 changes only their issuers."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return scope(super().get_queryset(request), request.user)

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and may_write(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and may_write(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and may_write(request.user, obj)

    def has_write_permission(self, request) -> bool:
        """For actions that write (``allowed_permissions=("write",)``): 编辑 with a grant, 管理员."""
        return may_write(request.user)

    def writable(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """An action's selection, narrowed to what the user may change."""
        return scope_writable(queryset, request.user)

    def get_list_filter(self, request):
        """A filter on a relation offers only the related rows the user can see in this list."""
        out = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str):
                try:
                    field = get_fields_from_path(self.model, entry)[-1]
                except (FieldDoesNotExist, NotRelationField):
                    field = None
                if field is not None and field.is_relation:
                    entry = (entry, admin.RelatedOnlyFieldListFilter)
            out.append(entry)
        return out

    def _choices(self, db_field, request):
        model = db_field.remote_field.model
        if model is get_user_model():
            users = model._default_manager.all()
            return users if is_admin(request.user) else users.filter(pk=request.user.pk)
        if model._meta.app_label in APPS:
            return scope_writable(model._default_manager.all(), request.user)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            choices = self._choices(db_field, request)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            choices = self._choices(db_field, request)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedHistoryAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """django-simple-history's history list and history (revert) form, through the same policy:
    the object must be in the user's scope, the version must be one of its own, and a POST (a
    revert, recorded as a correction) needs the change permission on the object."""

    def _scoped_object(self, request: HttpRequest, object_id: str):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("没有找到该对象,或您无权查看。")
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self._scoped_object(request, object_id)
        if not re.fullmatch(r"[0-9]{1,18}", version_id or "") or not self.model.history.filter(
                **{self.model._meta.pk.attname: obj.pk, "history_id": int(version_id)}).exists():
            raise Http404("没有找到该历史版本。")
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied("您没有修改该对象的权限。")
        return super().history_form_view(request, str(obj.pk), version_id, extra_context)


def low_confidence_filter(field: str) -> type[admin.SimpleListFilter]:
    """A list filter for assessments under the review-queue bar (settings.SCORING)."""

    class LowConfidence(admin.SimpleListFilter):
        title = "置信度"
        parameter_name = "low"

        def lookups(self, request, model_admin):
            return [("1", "低置信度(需复核)")]

        def queryset(self, request, queryset):
            from django.conf import settings

            if self.value():
                return queryset.filter(**{f"{field}__lt": settings.SCORING["low_confidence"]})
            return queryset

    return LowConfidence


def shortened(text: str, n: int) -> str:
    """A list column's text cut to ``n`` characters, so that the list fits the page."""
    return text if len(text) <= n else text[:n] + "…"


def snippet(text: str, start: int, end: int) -> str:
    lo, hi = paragraph_bounds(text, start, end, limit=120)
    return highlighted(text, [(start, end)], lo, hi)


@admin.register(Issuer)
class IssuerAdmin(ScopedAdmin):
    list_display = ("name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name",)
    list_select_related = ("parent",)
    actions = ["reassess"]

    @admin.action(description="重新评估所选单位", permissions=["write"])
    def reassess(self, request: HttpRequest, queryset: QuerySet) -> None:
        issuers = list(self.writable(request, queryset).values_list("pk", flat=True))
        for pk in issuers:
            assess_issuer.delay(pk)
        self.message_user(request, f"已排队重新评估 {len(issuers)} 个单位。")


class DocumentUploadForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ("issuer", "original")


class DocumentEditForm(forms.ModelForm):
    """A document's issuer, years and kind, changed as a correction (``DOCUMENT_EDIT``) with a reason:
    the engine is given them on every parse instead of its own reading."""

    reason = forms.CharField(label="修改原因", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="修改发布单位、年度或类型时必填;修改记为人工修正,每次重新解析都会沿用")

    class Meta:
        model = Document
        fields = DOCUMENT_FIELDS

    def clean(self):
        data = super().clean()
        if any(f in self.changed_data for f in DOCUMENT_FIELDS) and not (data.get("reason") or "").strip():
            self.add_error("reason", "请填写修改原因。")
        return data


class _SameText(Exception):
    """An admin upload with the text of a stored document: the add view asks what to do."""

    def __init__(self, token: str):
        self.token = token


@admin.register(Document)
class DocumentAdmin(ScopedAdmin):
    list_display = ("title_short", "issuer", "kind", "review_year", "plan_year", "status", "uploaded_at")
    list_filter = ("status", "kind", "issuer", "parser_version")
    search_fields = ("title", "original_name")
    list_select_related = ("issuer",)
    actions = ["reparse", "reassess"]
    readonly_fields = ("title", "original_name", "sha256", "format", "published", "review_year", "plan_year",
                       "kind", "status", "error", "parser_version", "uploaded_by", "uploaded_at", "parsed_at")
    exclude = ("plain_text",)

    @admin.display(description="标题", ordering="title")
    def title_short(self, obj: Document) -> str:
        return shortened(obj.title, 24)

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = DocumentUploadForm if obj is None else DocumentEditForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        edit = DOCUMENT_FIELDS if self.has_change_permission(request, obj) else ()
        return (*(f for f in self.readonly_fields if f not in edit), "original_file", *self._info(request, obj),
                *(() if edit else ("issuer",)))

    def _info(self, request, obj) -> tuple[str, ...]:
        if self.has_change_permission(request, obj):
            return ("warnings_list", "document_corrections", "add_commitment_link", "sections_table", "untaken_table")
        return ("warnings_list", "document_corrections", "sections_view", "untaken_table")

    @admin.display(description="漏识别的承诺")
    def add_commitment_link(self, obj: Document) -> str:
        query = urlencode({"document": obj.pk, "kind": Correction.Kind.ADD_COMMITMENT})
        add = reverse("admin:tracker_correction_add")
        return format_html('<a href="{}?{}">在正文中选择条款，补充承诺</a>', add, query)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("issuer", "original")
        edit = self.has_change_permission(request, obj)
        head = (*DOCUMENT_FIELDS, "reason") if edit else ("issuer",)
        rest = (f for f in self.readonly_fields if not (edit and f in DOCUMENT_FIELDS))
        return (*head, "original_file", *rest, *self._info(request, obj))

    @admin.display(description="解析提示")
    def warnings_list(self, obj: Document) -> str:
        if not obj.warnings:
            return "无"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w,) for w in obj.warnings)))

    @admin.display(description="文档信息与章节角色的人工修正")
    def document_corrections(self, obj: Document) -> str:
        rows = obj.corrections.filter(kind__in=DOCUMENT_KINDS).select_related("created_by")
        if not rows:
            return "无"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} {} · {} · {} · {}{}</li>", (
            (c.created_at.strftime("%Y-%m-%d %H:%M"), c.get_kind_display(), c.target_key, c.changes, c.reason,
             "" if c.active else "(已停用)") for c in rows)))

    @admin.display(description="章节")
    def sections_table(self, obj: Document) -> str:
        """With a link per section to the correction of its role (for those who may change the document)."""
        return self._sections(obj, links=True)

    @admin.display(description="章节")
    def sections_view(self, obj: Document) -> str:
        return self._sections(obj, links=False)

    def _sections(self, obj: Document, links: bool) -> str:
        sections = list(obj.sections.all())
        if not sections:
            return "无"
        add = reverse("admin:tracker_correction_add")

        def link(s: Section) -> str:
            if not links:
                return ""
            query = urlencode({"document": obj.pk, "kind": Correction.Kind.SECTION_ROLE,
                               "target_key": section_key(s.path, s.start)})
            return format_html('<a href="{}?{}">修改角色</a>', add, query)

        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td></tr>", (
            (s.path, s.heading, s.get_role_display(), s.start, s.end, link(s)) for s in sections))
        return format_html('<table><thead><tr><th>路径</th><th>标题</th><th>角色</th><th>位置</th><th></th></tr>'
                           "</thead><tbody>{}</tbody></table>", body)

    @admin.display(description="未识别的数字句")
    def untaken_table(self, obj: Document) -> str:
        """Sentences of plan parts with a figure that gave no commitment, and the rule that rejected it:
        the stored text parsed again with the document's decisions (cheap; nothing is written)."""
        if obj.status != Document.Status.PARSED or not obj.plain_text:
            return "尚未解析"
        hints = {"title": obj.title} if obj.title and obj.title != obj.original_name else {}
        if obj.published:
            hints["published"] = obj.published.isoformat()
        rows = untaken(extract_text(obj.plain_text, obj.format or "txt", hints, decided=decided(document=obj)))
        if not rows:
            return "无(计划部分中带单位的数字都已识别为承诺)"
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (u.sentence, u.figure, u.label) for u in rows))
        return format_html('<table id="untaken"><thead><tr><th>句子</th><th>数字</th><th>未采用的规则</th></tr>'
                           "</thead><tbody>{}</tbody></table>", body)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except forms.ValidationError as exc:  # a correction refused by the service: say why, change nothing
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect(request.path)

    def get_urls(self):
        return [path("same/<str:token>/", self.admin_site.admin_view(self.same_view), name="tracker_document_same"),
                *super().get_urls()]

    def same_view(self, request, token: str):
        """“与已上传的文档 #N 内容相同”: replace the stored version (corrections kept) or cancel."""
        if not self.has_add_permission(request):
            raise PermissionDenied("您没有上传文档的权限。")
        waiting = pending_get(request, token)
        if request.method == "POST":
            ok, message = pending_answer(request, token, replace=request.POST.get("action") == "replace")
            self.message_user(request, message, messages.SUCCESS if ok else messages.ERROR)
            if ok and waiting is not None and request.POST.get("action") == "replace":
                return redirect("admin:tracker_document_change", waiting.existing.pk)
            return redirect("admin:tracker_document_changelist")
        if waiting is None:
            self.message_user(request, "该上传已处理或已过期,请重新上传。", messages.WARNING)
            return redirect("admin:tracker_document_add")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "pending": waiting,
                   "title": "上传的文档与已有文档内容相同"}
        return TemplateResponse(request, "admin/tracker/document/same.html", context)

    @admin.display(description="原始文件")
    def original_file(self, obj: Document) -> str:
        return format_html('<a href="{}">{}</a>', reverse("document-original", args=[obj.pk]), obj.original_name)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            # never written straight into the row: a correction, re-applied on every parse
            stored = Document.objects.get(pk=obj.pk)
            changes = {}
            for f in DOCUMENT_FIELDS:
                if f in form.changed_data:
                    value = form.cleaned_data[f]
                    changes[f] = value.pk if isinstance(value, Issuer) else value
            if changes:
                try:
                    correction_record(document=stored, kind=Correction.Kind.DOCUMENT_EDIT, target_key=DOCUMENT_KEY,
                                      reason=form.cleaned_data.get("reason", ""), user=request.user, changes=changes)
                except CorrectionError as exc:
                    raise forms.ValidationError(str(exc)) from exc
            obj.refresh_from_db()
            return
        f = form.cleaned_data["original"]
        data = f.read()
        try:
            result = document_ingest(data=data, filename=f.name, issuer=form.cleaned_data["issuer"],
                                     user=request.user)  # refuses an issuer the user may not write
        except SameDocument as exc:
            raise _SameText(pending_keep(request, data=data, filename=f.name, same=exc)) from exc
        except IngestError as exc:
            raise forms.ValidationError(str(exc)) from exc
        obj.pk = result.document.pk
        obj._state.adding = False
        request._upload = (f.name, result)  # told by add_view once the parse was sent (or not)

    def response_add(self, request, obj, post_url_continue=None):
        """An upload goes to its document's page; what became of it is said by ``add_view``
        (instead of the admin's “成功添加”, which a kept-but-waiting or a repeated file is not)."""
        if getattr(request, "_upload", None) is None:
            return super().response_add(request, obj, post_url_continue)
        return redirect("admin:tracker_document_change", obj.pk)

    def add_view(self, request, form_url="", extra_context=None):
        try:
            response = super().add_view(request, form_url, extra_context)
        except _SameText as same:
            return redirect("admin:tracker_document_same", same.token)
        except forms.ValidationError as exc:
            # an upload refused by document_ingest (unreadable, issuer unknown): say why, keep nothing
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect("admin:tracker_document_add")
        upload = getattr(request, "_upload", None)
        if upload is not None:
            # the admin's transaction has committed, so the parse was sent, or the broker was down:
            # the same words as the 文档 page (tracker.parsing.upload_message)
            level, text = upload_message(*upload)
            self.message_user(request, text, level)
        return response

    @admin.action(description="重新评估所选文档(作为计划,对照其下一年度总结)", permissions=["write"])
    def reassess(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = skipped = 0
        plans = self.writable(request, queryset).filter(status=Document.Status.PARSED, plan_year__isnull=False)
        for plan in plans.select_related("issuer"):
            if plan_reassess(plan=plan) is None:
                skipped += 1
            else:
                done += 1
        self.message_user(request, f"已重新评估 {done} 份计划文档;{skipped} 份还没有对应年度的总结。")

    @admin.action(description="重新解析所选文档", permissions=["write"])
    def reparse(self, request: HttpRequest, queryset: QuerySet) -> None:
        queryset = self.writable(request, queryset)
        if not queryset.exists():
            self.message_user(request, "所选文档中没有您可以重新解析的文档。", messages.WARNING)
            return
        job = documents_reparse(documents=queryset, label=f"{request.user} 重新解析")
        self.message_user(request, f"已排队 {job.total} 份文档重新解析(任务 #{job.pk})。")


@admin.register(Section)
class SectionAdmin(ScopedAdmin):
    list_display = ("document", "path", "heading", "role", "start", "end")
    list_filter = ("role",)
    list_select_related = ("document",)
    search_fields = ("heading",)
    readonly_fields = ("document", "path", "heading", "role", "start", "end")


@admin.register(Grant)
class GrantAdmin(ScopedAdmin):
    list_display = ("user", "issuer")
    list_select_related = ("user", "issuer")
    search_fields = ("user__username", "issuer__name")

    def has_module_permission(self, request):
        return is_admin(request.user)


@admin.register(ParseJob)
class ParseJobAdmin(ScopedAdmin):
    list_display = ("created_at", "label", "total", "done", "failed", "progress", "finished_at")
    readonly_fields = [f.name for f in ParseJob._meta.fields]

    @admin.display(description="进度")
    def progress(self, obj: ParseJob) -> str:
        return format_html('<progress max="100" value="{}"></progress> {}%', obj.percent, obj.percent)


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    list_display = ("user", "label", "created_at")
    readonly_fields = ("user", "key_hash", "label", "created_at")

    def has_add_permission(self, request):
        return False  # tokens are made with `manage.py api_token`, which shows the key once


@admin.register(Subscription)
class SubscriptionAdmin(ScopedAdmin):
    list_display = ("__str__", "user", "frequency", "hour", "next_send_at", "active")
    list_filter = ("frequency", "active")
    search_fields = ("email", "user__username", "user__email")
    list_select_related = ("user",)
    filter_horizontal = ("issuers",)
    readonly_fields = ("next_send_at", "created_at")

    def save_model(self, request, obj, form, change) -> None:
        schedule(obj)
        super().save_model(request, obj, form, change)


@admin.register(ScorecardSend)
class ScorecardSendAdmin(ScopedAdmin):
    list_display = ("subscription", "period", "status", "attempts", "sent_at", "error")
    list_filter = ("status",)
    list_select_related = ("subscription", "subscription__user")
    readonly_fields = ("subscription", "period", "status", "attempts", "error", "summary", "created_at", "sent_at")
