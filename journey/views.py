"""Public pages of the Klantreis: journey, Mindmap, versions, differences and A3 downloads.

Every view reads a published version through `snapshot.load_snapshot`; nothing here touches a
draft. The views stay thin: layout lives in `mindmap.py`, comparison in `diff.py`.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import pdf
from .diff import diff_snapshots
from .mindmap import build_mindmap
from .snapshot import load_snapshot, published_versions

DIRECTORY_URL_NAMES = ("directory_public:list", "directory:index", "directory:list")
PDF_RETRY_AFTER_SECONDS = 30


def directory_url() -> str:
    """The public partner directory (built by the directory app); `/partners/` until it exists."""
    for name in DIRECTORY_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return "/partners/"


def _snapshot_or_404(number=None):
    snapshot = load_snapshot(number)
    if snapshot is None:
        raise Http404(_("Deze versie van de klantreis bestaat niet."))
    return snapshot


def _version_list(snapshot):
    return list(
        published_versions()
        .order_by("-number")
        .values("number", "effective_date", "change_summary", "published_at")
    )


@require_GET
def journey(request, number=None):
    snapshot = _snapshot_or_404(number)
    actors = snapshot.actors_with_responsibilities()
    selected = snapshot.actor(request.GET.get("actor", "")) if request.GET.get("actor") else None
    # Every column is rendered; a filter hides the others, so the script can switch actors
    # without a reload and the page works the same without it.
    matrix = [
        (
            phase,
            [(actor, phase.responsibilities_of(actor.uuid)) for actor in actors],
            not selected or bool(phase.responsibilities_of(selected.uuid)),
        )
        for phase in snapshot.phases
    ]
    return render(
        request,
        "journey/journey.html",
        {
            "snapshot": snapshot,
            "actors": actors,
            "selected_actor": selected,
            "matrix": matrix,
            "directory_url": directory_url(),
            "versions": _version_list(snapshot),
        },
    )


@require_GET
def mindmap(request, number=None):
    snapshot = _snapshot_or_404(number)
    return render(
        request,
        "journey/mindmap.html",
        {"snapshot": snapshot, "mindmap": build_mindmap(snapshot)},
    )


@require_GET
def versions(request):
    snapshot = _snapshot_or_404()
    return render(
        request,
        "journey/versions.html",
        {"snapshot": snapshot, "versions": _version_list(snapshot)},
    )


@require_GET
def compare(request, old=None, new=None):
    """Differences between two versions; the no-JS form posts `van`/`naar` as a GET query."""
    if old is None:
        try:
            old, new = int(request.GET.get("van", "")), int(request.GET.get("naar", ""))
        except ValueError as exc:
            raise Http404(_("Kies twee versies om te vergelijken.")) from exc
        return redirect("journey:compare", old=old, new=new)
    before, after = _snapshot_or_404(old), _snapshot_or_404(new)
    return render(
        request,
        "journey/compare.html",
        {
            "before": before,
            "after": after,
            "diff": diff_snapshots(before, after),
            "snapshot": load_snapshot(),
            "versions": _version_list(after),
        },
    )


@require_GET
def download_pdf(request, kind, number=None):
    """Stream the stored A3 PDF; if it is not there yet, ask for it and say when to retry.

    Generation is a background task. With the immediate backend (the default) enqueueing
    renders it at once and this request serves it; with a worker the visitor gets a 503 with
    `Retry-After` instead of waiting on the request.
    """
    if kind not in pdf.KINDS:
        raise Http404
    snapshot = _snapshot_or_404(number)
    name = pdf.storage_name(snapshot.number, kind)
    if not default_storage.exists(name):
        from .tasks import generate_pdfs

        generate_pdfs.enqueue(snapshot.version_id)
    if default_storage.exists(name):
        filename = f"{kind}-versie-{snapshot.number}-a3.pdf"
        response = FileResponse(
            default_storage.open(name, "rb"), content_type="application/pdf", filename=filename
        )
        response["Cache-Control"] = "public, max-age=300"
        return response
    response = render(
        request,
        "journey/pdf_pending.html",
        {"snapshot": snapshot, "retry_after": PDF_RETRY_AFTER_SECONDS},
        status=503,
    )
    response["Retry-After"] = str(PDF_RETRY_AFTER_SECONDS)
    return response
