"""A3 PDFs: page size, extractable text, every phase, fonts that need no system fonts."""

import io
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from journey import pdf
from journey.models import JourneyVersion
from journey.seed_data import PHASES
from journey.snapshot import load_snapshot

pytestmark = pytest.mark.django_db
A3_LANDSCAPE = (1190.55, 841.89)


def assert_a3_landscape(reader):
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (1190.6, 841.9), (width, height)


@pytest.fixture
def stored(seeded):
    version = JourneyVersion.objects.get(number=1)
    return pdf.store_pdfs(version.pk)


def text_of(name):
    with default_storage.open(name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert_a3_landscape(reader)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_klantreis_pdf_is_a3_landscape_with_every_phase(stored):
    reader, text = text_of(pdf.storage_name(1, "klantreis"))
    flat = " ".join(text.split())
    for _slug, title, *_ in PHASES:
        assert title in flat, title
    assert "Versie 1" in flat or "versie 1" in flat
    assert "Wie doet wat, wanneer" in flat
    assert "Koppelt de vergunninghouder aan een gemeente." in flat


def test_mindmap_pdf_is_a3_landscape_with_its_text(stored):
    reader, text = text_of(pdf.storage_name(1, "mindmap"))
    flat = " ".join(text.split())
    assert "Wat een statushouder zoal tegenkomt" in flat
    for label in ("Wonen", "Taal en inburgering", "Juridisch en verblijf", "DUO", "Taalhuis"):
        assert label in flat
    assert "versie 1" in flat


def test_publishing_generates_pdfs_in_the_background(seeded, django_capture_on_commit_callbacks):
    from journey.models import Journey

    journey = Journey.objects.get()
    journey.change_summary = "Tweede versie."
    with django_capture_on_commit_callbacks(execute=True):
        journey.save_revision().publish()
    for kind in pdf.KINDS:
        assert default_storage.exists(pdf.storage_name(2, kind))


def test_download_serves_the_stored_file(client, stored):
    response = client.get(reverse("journey:pdf", args=["klantreis"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "klantreis-versie-1-a3.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_missing_file_is_generated_once_with_the_immediate_backend(client, seeded):
    assert not default_storage.exists(pdf.storage_name(1, "mindmap"))
    response = client.get(reverse("journey:version-pdf", args=[1, "mindmap"]))
    assert response.status_code == 200
    assert default_storage.exists(pdf.storage_name(1, "mindmap"))


def test_missing_file_with_a_worker_backend_says_retry_later(client, seeded, monkeypatch):
    from journey import tasks

    # A worker backend only queues the task: nothing is rendered during the request.
    queued = []
    monkeypatch.setattr(tasks, "generate_pdfs", SimpleNamespace(enqueue=queued.append))
    response = client.get(reverse("journey:pdf", args=["klantreis"]))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "wordt op dit moment gemaakt" in response.content.decode()
    assert queued == [JourneyVersion.objects.get(number=1).pk]


def test_unknown_kind_is_404(client, seeded):
    assert client.get("/klantreis/poster-a3.pdf").status_code == 404


def test_pdf_renders_on_a_machine_without_system_fonts(seeded, tmp_path):
    """Fontconfig sees no fonts at all; the bundled DejaVu must carry the whole document."""
    snapshot = load_snapshot()
    assert snapshot is not None
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>"
    )
    out = tmp_path / "k.pdf"
    html = tmp_path / "k.html"
    from django.template.loader import render_to_string
    from django.utils import timezone

    html.write_text(
        render_to_string(
            "journey/print/klantreis.html",
            {
                "snapshot": snapshot,
                "font_dir": pdf.FONT_DIR.as_uri(),
                "generated_at": timezone.now(),
            },
        )
    )
    script = textwrap.dedent(
        f"""
        import warnings
        warnings.simplefilter("ignore")
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
        HTML(filename={str(html)!r}).write_pdf({str(out)!r}, font_config=FontConfiguration())
        """
    )
    env = {"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=300)  # noqa: S603
    reader = PdfReader(out)
    assert_a3_landscape(reader)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("KK-Print" in name for name in fonts), fonts
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for _slug, title, *_ in PHASES:
        assert title in text
    assert Path(pdf.FONT_DIR / "LICENSE").exists()
