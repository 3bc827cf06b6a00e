"""What plugins add to the directory API: one ``sections`` object per organisation.

The API's organisation schema carries ``sections: dict[str, Any]`` filled by
``sections_payload``; list endpoints add ``prefetch_lookups()`` to their queryset so plugin
sections cost a fixed number of queries per page, not per organisation.
"""

from .manager import prefetch_lookups, sections

__all__ = ["prefetch_lookups", "sections_payload"]


def sections_payload(organisation) -> dict:
    """``{section key: JSON-ready value}`` for every plugin section with an ``api`` callable."""
    return {section.key: section.api(organisation) for section in sections() if section.api}
