"""Home, documents and uploads. Views are thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from outcomes.models import Outcome
from outcomes.selectors import latest_scorecards
from targets.models import Commitment
from tracker.access import can_edit, scope, writable_issuers
from tracker.forms import UploadForm
from tracker.models import Document, ParseJob
from tracker.parsing import upload_message
from tracker.pending import pending_answer, pending_keep, pending_list
from tracker.services import IngestError, SameDocument, document_ingest


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "tracker/home.html", {"cards": latest_scorecards(request.user)})


def _count(model):
    """Rows of ``model`` per document, as a subquery (no join that multiplies rows)."""
    rows = model.objects.filter(document=OuterRef("pk")).order_by().values("document").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest) -> HttpResponse:
    editor = can_edit(request.user)
    form = UploadForm(issuers=writable_issuers(request.user)) if editor else None
    if request.method == "POST":
        if not editor:
            raise PermissionDenied("只有编辑可以上传文档。")
        form = UploadForm(request.POST, request.FILES, issuers=writable_issuers(request.user))
        if form.is_valid():
            for f in form.cleaned_data["files"]:
                data = f.read()
                try:
                    result = document_ingest(data=data, filename=f.name, issuer=form.cleaned_data["issuer"],
                                             user=request.user)
                except SameDocument as exc:
                    # another file of a stored report: ask (replace the stored version, or cancel)
                    pending_keep(request, data=data, filename=f.name, same=exc)
                    messages.warning(request, f"{exc}请在下方选择替换原文档的文件,或取消本次上传。")
                    continue
                except IngestError as exc:
                    messages.error(request, str(exc))
                    continue
                messages.add_message(request, *upload_message(f.name, result))  # broker down: says so
            return redirect("documents")
    docs = scope(Document.objects.select_related("issuer", "uploaded_by").defer("plain_text"), request.user)
    docs = docs.annotate(n_commitments=_count(Commitment), n_outcomes=_count(Outcome))
    page = Paginator(docs, 100).get_page(request.GET.get("page"))
    jobs = scope(ParseJob.objects.filter(finished_at__isnull=True), request.user)[:5] if editor else []
    return render(request, "tracker/documents.html", {"documents": page, "page": page, "form": form, "jobs": jobs,
                                                      "editor": editor,
                                                      "pending": pending_list(request) if editor else []})


@login_required
@require_http_methods(["POST"])
def document_same(request: HttpRequest, token: str) -> HttpResponse:
    """The answer to “与已上传的文档 #N 内容相同”: replace the stored version, or cancel."""
    if not can_edit(request.user):
        raise PermissionDenied("只有编辑可以上传文档。")
    ok, message = pending_answer(request, token, replace=request.POST.get("action") == "replace")
    (messages.success if ok else messages.error)(request, message)
    return redirect("documents")


@login_required
@require_http_methods(["GET", "HEAD"])
def document_original(request: HttpRequest, pk: int) -> FileResponse:
    """The original upload, unchanged, to those who may see its issuer; always as a download
    (an uploaded HTML page is never rendered on this site)."""
    doc = get_object_or_404(scope(Document.objects.defer("plain_text"), request.user), pk=pk)
    try:
        fh = doc.original.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("原始文件已不存在。") from exc
    return FileResponse(fh, as_attachment=True, filename=doc.original_name or doc.original.name,
                        content_type="application/octet-stream")
