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
from outcomes.selectors import assessment_of, latest_scorecards
from targets.models import Commitment
from tracker.access import can_edit, scope, writable_issuers
from tracker.forms import UploadForm
from tracker.highlight import document_html, unique_quotes
from tracker.models import Document, ParseJob
from tracker.navigation import commitment_crumbs, issuer_crumbs, last_plain
from tracker.params import int_param
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
                    messages.warning(request, f"{exc}请在下方选择替换原文档的文件，或取消本次上传。")
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


@login_required
@require_http_methods(["GET", "HEAD"])
def document_text(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's stored plain text, readable in the browser: sections as headings, everything
    escaped. With ``?commitment=ID`` (a commitment the user may see) its clause is marked
    (``#clause``) when this is its plan, its evidence (``#evidence-N``) when this is its review."""
    doc = get_object_or_404(scope(Document.objects.select_related("issuer"), request.user), pk=pk)
    cid = int_param(request, "commitment")
    c, spans = None, []
    if cid is not None:
        c = scope(Commitment.objects.select_related("issuer", "section", "document"), request.user).filter(
            pk=cid).first()
    if c is not None:
        if c.document_id == doc.pk:
            spans.append((c.start, c.end, "clause", "clause"))
        a = assessment_of(c)
        if a is not None and a.review_document_id == doc.pk:
            spans += [(q["start"], q["end"], f"evidence-{n}", "evidence")
                      for n, q in enumerate(unique_quotes(a.evidence_quotes), 1)]
        if not spans:  # a commitment of another document: nothing of it here
            c = None
    sections = list(doc.sections.order_by("start", "path"))
    for s in sections:
        s.depth = s.path.count("/") + 1
    headings = [(s.start, s.heading, s.depth, f"s-{s.pk}") for s in sections]
    crumbs = commitment_crumbs(c) if c is not None else issuer_crumbs(doc.issuer, doc.plan_year or doc.review_year)
    if c is None and not Commitment.objects.filter(issuer=doc.issuer, year=doc.plan_year or doc.review_year,
                                                   rejected=False).exists():
        crumbs = issuer_crumbs(doc.issuer)  # no scorecard for that year: no link that would be a 404
    crumbs.append((f"原文《{doc}》", None))
    return render(request, "tracker/document_text.html", {
        "doc": doc, "c": c, "text_html": document_html(doc.plain_text, headings, spans),
        "outline": [s for s in sections if s.heading], "marks": len(spans), "crumbs": last_plain(crumbs),
    })
