"""Admin screens for importing and exporting organisations (formats come from the plugins).

Import is two steps, as the brief asks: upload -> dry run with the full per-row report ->
"Importeren" (all or nothing). The uploaded file waits in the server's temp folder under a
random token kept in the editor's session, so the confirmed import reads exactly the file that
was checked. Export streams what the user may see (``exporters.visibility``).
"""

import secrets
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.exporters.visibility import visible_to

from .manager import exporters, importers

SESSION_KEY = "directory_import"
MAX_SHOWN_ERRORS = 500


def _upload_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "ketenkaart-imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


class ImportForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Formaat"))
    file = forms.FileField(label=gettext_lazy("Bestand"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [(k, i.label) for k, i in importers().items()]


def _check_import_permission(user):
    if not user.has_perm("directory.add_organisation"):
        raise PermissionDenied


def import_view(request):
    _check_import_permission(request.user)
    context = {"form": ImportForm(), "report": None}
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            token = secrets.token_urlsafe(16)
            path = _upload_dir() / f"{token}.upload"
            with path.open("wb") as out:
                for chunk in form.cleaned_data["file"].chunks():
                    out.write(chunk)
            importer = importers()[form.cleaned_data["format"]].factory()
            with path.open("rb") as stream:
                report = importer.run(stream, dry_run=True, user=request.user)
            if report.ok:
                request.session[SESSION_KEY] = {
                    "token": token,
                    "format": form.cleaned_data["format"],
                    "name": form.cleaned_data["file"].name,
                }
            else:
                path.unlink(missing_ok=True)
            context.update(
                {
                    "report": report,
                    "errors": report.errors[:MAX_SHOWN_ERRORS],
                    "filename": form.cleaned_data["file"].name,
                }
            )
    return TemplateResponse(request, "directory/admin/import.html", context)


def _confirm(request):
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or pending.get("token") != request.POST.get("token"):
        messages.error(request, _("Er is geen gecontroleerd bestand meer; upload het opnieuw."))
        return redirect("directory_plugins_import")
    path = _upload_dir() / f"{pending['token']}.upload"
    if not path.is_file():
        raise Http404
    importer = importers()[pending["format"]].factory()
    try:
        with path.open("rb") as stream:
            report = importer.run(stream, dry_run=False, user=request.user)
    finally:
        path.unlink(missing_ok=True)
    if report.ok:
        messages.success(request, _("%(n)d organisaties geïmporteerd.") % {"n": report.created})
    else:
        messages.error(
            request,
            _("De import is afgebroken; er is niets opgeslagen (%(n)d fouten).")
            % {"n": len(report.errors)},
        )
    return redirect("directory_plugins_import")


def export_view(request):
    available = exporters()
    key = request.GET.get("format")
    if key not in available:
        return TemplateResponse(
            request, "directory/admin/export.html", {"exporters": available.values()}
        )
    exporter = available[key]
    response = StreamingHttpResponse(
        exporter.export(visible_to(request.user)), content_type=exporter.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="organisaties.{exporter.extension}"'
    return response
