"""The directory's plugin API (pluggy), after datasette's hookspecs/plugins design.

Write a plugin as a module with ``@hookimpl`` functions (see ``hookspecs`` and docs/plugins.md)
and either list it in the ``DIRECTORY_PLUGINS`` setting or declare it in the
``ketenkaart.directory`` entry-point group of your distribution. The built-in extras in this
package (opening hours, languages, vacancies, HSDS) are plugins of exactly that kind.

This package must stay importable without Django set up (settings use ``discovery``).
"""

from .hookspecs import hookimpl
from .types import Exporter, Facet, Importer, Section

__all__ = ["Exporter", "Facet", "Importer", "Section", "hookimpl"]
