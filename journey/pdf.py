"""A3 landscape PDFs of the Klantreis and the Mindmap, rendered with WeasyPrint.

Why WeasyPrint: it installs from PyPI (with the Pango library the OS provides), writes vector
text that stays selectable and searchable, and takes our own HTML/CSS and inline SVG, so the
print shows exactly the published data.

Fonts: we never rely on system fonts. A fresh machine may have none, and then Pango would draw
nothing legible. The PDFs use DejaVu Sans Condensed shipped in `journey/static/journey/fonts/`
(Bitstream Vera licence, see LICENSE there), loaded through @font-face.

Files are written to the default (media) storage under `journey/pdf/`, named by version number
and kind, so a download streams a stored file and never waits for rendering.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .mindmap import build_mindmap
from .models import JourneyVersion
from .snapshot import build_snapshot

FONT_DIR = Path(__file__).resolve().parent / "static" / "journey" / "fonts"
KINDS = ("klantreis", "mindmap")


def storage_name(number: int, kind: str) -> str:
    return f"journey/pdf/{kind}-versie-{number}-a3.pdf"


def render_pdf(snapshot, kind: str) -> bytes:
    """Render one PDF (kind: 'klantreis' or 'mindmap') for a snapshot, in Dutch."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    with translation.override("nl"):
        context = {
            "snapshot": snapshot,
            "font_dir": FONT_DIR.as_uri(),
            "generated_at": timezone.localtime(),
        }
        if kind == "mindmap":
            context["mindmap"] = build_mindmap(snapshot)
        html = render_to_string(f"journey/print/{kind}.html", context)
    with warnings.catch_warnings():
        # On a machine without system fonts WeasyPrint warns "No fonts configured"; the
        # bundled @font-face fonts carry the document, so the warning is expected there.
        warnings.filterwarnings("ignore", message="No fonts configured", category=UserWarning)
        fonts = FontConfiguration()
        return HTML(string=html, base_url=str(FONT_DIR)).write_pdf(font_config=fonts)


def store_pdfs(version_id: int) -> list[str]:
    version = JourneyVersion.objects.select_related("revision").get(pk=version_id)
    snapshot = build_snapshot(version)
    names = []
    for kind in KINDS:
        name = storage_name(version.number, kind)
        data = render_pdf(snapshot, kind)
        if default_storage.exists(name):
            default_storage.delete(name)
        names.append(default_storage.save(name, ContentFile(data)))
    return names
