"""Background work for the journey: render the A3 PDFs of a published version."""

from django_tasks import task


@task()
def generate_pdfs(version_id: int) -> list[str]:
    """Render and store both A3 PDFs of one version; returns the storage names written."""
    from .pdf import store_pdfs

    return store_pdfs(version_id)
