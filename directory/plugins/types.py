"""The shapes plugins hand to the core (returned from the hooks in ``hookspecs``).

Plain dataclasses without Django imports, so that settings can import the plugin package to
discover plugin apps before Django is set up.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A section a plugin adds to an organisation profile (see ``directory_sections``)."""

    key: str
    label: Any
    template: str | None = None
    panels: Sequence[Any] = ()
    form_class: Any = None
    api: Callable[[Any], Any] | None = None
    prefetch: Sequence[Any] = ()
    order: int = 100

    def data(self, organisation: Any) -> Any:
        """Return what the template fragment gets as ``section_data`` (the API value by default)."""
        return self.api(organisation) if self.api else None


@dataclass(frozen=True)
class Facet:
    """A filter a plugin offers on the public directory (see ``directory_search_facets``)."""

    param: str
    label: Any
    choices: Callable[[], Iterable[tuple[str, Any]]]
    to_query: Callable[[dict, list[str]], None] | None = None
    filter_queryset: Callable[[Any, list[str]], Any] | None = None
    order: int = 100


@dataclass(frozen=True)
class Importer:
    """An import format (see ``directory_importers``)."""

    key: str
    label: Any
    factory: Callable[..., Any]
    extensions: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Exporter:
    """An export format (see ``directory_exporters``)."""

    key: str
    label: Any
    content_type: str
    extension: str
    export: Callable[[Any], Iterable[str]]
