"""Staff pages: upload a document, check and correct the preview, confirm (or cancel)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core import once
from zorgraad.governance.models import Body

from . import services
from .forms import MappingForm, PreviewForm, UploadForm
from .models import ImportedDocument, ImportedRecord, ImportStatus

RECENT = 20


def _zone(request: HttpRequest) -> Any:
    return request.zone  # type: ignore[attr-defined]


def _document(request: HttpRequest, pk: int) -> ImportedDocument:
    doc = ImportedDocument.objects.for_zone(_zone(request)).filter(pk=pk).defer("content").first()
    if doc is None:
        raise Http404(_("Niet gevonden."))
    return doc


def _preview_url(zone: str, pk: int) -> str:
    return reverse("importer:preview", kwargs={"zone": zone, "pk": pk})


def upload(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            doc = services.document_upload(
                zone=current,
                actor=request.user,
                filename=upload_file.name,
                data=upload_file.read(),
                kind=form.cleaned_data.get("kind") or None,
            )
        except services.ImportFailed as exc:
            form.add_error("file", exc.messages)
        else:
            url = _preview_url(zone, doc.pk)
            once.mark_used(request, token, url)
            return redirect(url)
    recent = list(
        ImportedDocument.objects.for_zone(current)
        .defer("content", "extraction", "rows")
        .select_related("uploaded_by")[:RECENT]
    )
    return render(
        request,
        "importer/upload.html",
        {"form": form, "form_token": token, "recent": recent},
        status=400 if request.method == "POST" else 200,
    )


def _bodies(zone: Any) -> list[tuple[int, str]]:
    return list(
        Body.objects.for_zone(zone).filter(is_archived=False).order_by("name").values_list("pk", "name")
    )


def preview(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    doc = _document(request, pk)
    if doc.status != ImportStatus.PENDING:
        return _done(request, doc)
    form = PreviewForm(request.POST or None, extraction=doc.extraction, bodies=_bodies(current))
    if request.method == "POST":
        if request.POST.get("discard"):
            services.document_discard(zone=current, actor=request.user, document=doc)
            messages.info(request, _("De import is geannuleerd; er werd niets opgeslagen."))
            return redirect("importer:upload", zone=zone)
        if form.is_valid():
            try:
                result = services.document_confirm(
                    zone=current, actor=request.user, document=doc, extraction=form.confirmed()
                )
            except services.ImportFailed as exc:
                form.add_error(None, exc.messages)
            else:
                created = ", ".join(f"{n} {label}" for label, n in result.created.items())
                messages.success(
                    request, _("Geïmporteerd: %(what)s.") % {"what": created or _("niets nieuws")}
                )
                return redirect(_preview_url(zone, doc.pk))
    mapping_form = None
    if doc.kind == "contacts" and doc.rows:
        mapping_form = MappingForm(columns=doc.mapping or doc.extraction.get("columns", {}))
    uncertain = len(form.notes)
    return render(
        request,
        "importer/preview.html",
        {
            "doc": doc,
            "form": form,
            "form_groups": [(title, [form[n] for n in names]) for title, names in form.groups],
            "mapping_form": mapping_form,
            "uncertain": uncertain,
            "extraction": doc.extraction,
            "warnings": doc.extraction.get("warnings", []),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def mapping(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    doc = _document(request, pk)
    form = MappingForm(request.POST, columns=doc.mapping or doc.extraction.get("columns", {}))
    if form.is_valid():
        try:
            services.remap_contacts(zone=current, document=doc, mapping=form.mapping())
        except services.ImportFailed as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De kolommen zijn opnieuw ingelezen."))
    else:
        messages.error(request, _("Kies voor elke kolom een geldige betekenis."))
    return redirect(_preview_url(zone, doc.pk))


LINKED = {
    "meeting": "meetings:meeting_detail",
    "person": "network:person_detail",
    "organisation": "network:organisation_detail",
    "yearplan": "planning:plan_detail",
}


def _done(request: HttpRequest, doc: ImportedDocument) -> HttpResponse:
    """An imported (or cancelled) document: what it created or linked, the main records by name."""
    current = _zone(request)
    records = list(
        ImportedRecord.objects.for_zone(current).filter(document=doc).select_related("content_type")
    )
    counts: dict[str, list[int]] = {}
    ids: dict[str, list[int]] = {}
    for rec in records:
        model = rec.content_type.model
        row = counts.setdefault(model, [0, 0])
        row[0 if rec.created else 1] += 1
        if model in LINKED:
            ids.setdefault(model, []).append(rec.object_id)
    summary = [
        {"label": services.record_label(m), "created": c, "linked": linked}
        for m, (c, linked) in counts.items()
    ]
    links: list[dict[str, str]] = []
    for model, pks in ids.items():
        model_cls = next(r.content_type.model_class() for r in records if r.content_type.model == model)
        if model_cls is None:
            continue
        objects = model_cls.objects.for_zone(current).filter(pk__in=pks[:200])  # type: ignore[attr-defined]
        if model == "meeting":
            objects = objects.select_related("body")
        for obj in objects:
            url = reverse(LINKED[model], kwargs={"zone": current.slug, "pk": obj.pk})
            links.append({"kind": services.record_label(model), "label": str(obj), "url": url})
    return render(request, "importer/done.html", {"doc": doc, "summary": summary, "links": links})


def original(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    doc = ImportedDocument.objects.for_zone(_zone(request)).filter(pk=pk).first()
    if doc is None:
        raise Http404(_("Niet gevonden."))
    if doc.original_removed_at is not None:
        # deleted on purpose (a cancelled import, a person in it erased): gone, and say so
        return render(request, "importer/original_removed.html", {"doc": doc}, status=410)
    response = HttpResponse(bytes(doc.content), content_type="application/octet-stream")
    safe = "".join(c for c in doc.filename if c.isalnum() or c in "._- ") or "document"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
