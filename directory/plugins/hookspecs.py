"""The directory's plugin hook specifications (pluggy).

Every extension point of the partner directory is one hook here. The core calls
``get_plugin_manager().hook.<name>(...)`` at a small, fixed call site; built-in extras
(opening hours, languages, volunteering vacancies, HSDS) implement these hooks exactly like an
installed third-party plugin does. The docstrings below are the reference documentation:
``docs/plugins.md`` repeats each one, and a test keeps the two in step.

Hooks that return contributions (sections, facets, importers, exporters) return a list; pluggy
collects one list per plugin and the core flattens them. Reaction hooks return nothing.
"""

import pluggy

PROJECT_NAME = "ketenkaart.directory"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def directory_sections():
    """Return a list of ``directory.plugins.Section`` objects that add a section to a profile.

    A section bundles what a profile extension needs end to end: the Wagtail ``panels`` added to
    the organisation editor in a tab of their own and, read from the same panels, to the
    member screen (a ``FieldPanel`` becomes a field of the member form, an ``InlinePanel`` a
    child formset with the panel's own fields or the child model's editable fields), an
    optional ``form_class`` for the member screen (the form of the rows of the section's one
    inline relation, or a dict ``{relation name: form class}``), a ``template`` fragment
    rendered on the public organisation page with ``organisation`` and ``section_data`` in its
    context, an ``api`` callable returning the JSON-ready value published under
    ``sections.<key>`` in the API, and ``prefetch`` lookups so listing and detail pages stay
    free of N+1 queries. The section's own data lives in its own model, in the plugin's own
    Django app, with its own migrations; use a ``ParentalKey`` to ``directory.Organisation`` so
    the data follows drafts, revisions and moderation like the rest of the profile: what a
    member saves on the member screen is a draft that a moderator approves.
    """


@hookspec
def directory_search_facets():
    """Return a list of ``directory.plugins.Facet`` objects offered as filters on the directory.

    A facet has a query-string ``param`` (Dutch, e.g. ``taal``), a ``label``, a ``choices()``
    callable returning ``(value, label)`` pairs for the filter form, and how to apply the chosen
    values: ``to_query(params, values)`` adds them to the keyword arguments of the search
    ``DirectoryQuery`` (a dict: set or extend ``languages``, ``themes``, ...), so the facet
    works on every search backend; ``filter_queryset(queryset, values)`` is optional and used
    where organisations are listed straight from the database (exports, the plugin's own
    views). Facets render as real form controls with labels, so they work without JavaScript.
    """


@hookspec
def directory_importers():
    """Return a list of ``directory.plugins.Importer`` objects: formats organisations come in.

    An importer has a ``key`` (used by ``manage.py import_organisations --format <key>`` and the
    admin import view), a ``label``, accepted file ``extensions`` and a ``factory`` returning an
    object with ``run(stream, dry_run, user)`` that yields an ``ImportReport``. Importers must be
    all-or-nothing: validate everything first, write nothing when any record fails.
    """


@hookspec
def directory_exporters():
    """Return a list of ``directory.plugins.Exporter`` objects: formats organisations go out in.

    An exporter has a ``key``, a ``label``, a ``content_type``, a file ``extension`` and an
    ``export(organisations)`` callable that yields text chunks (so large exports stream). The
    core passes only what the requesting user may see (the directory's permission policy); an
    exporter never widens that set.
    """


@hookspec
def directory_validate_organisation(organisation):
    """Validate an organisation before it is saved; return a dict ``{field: [messages]}``.

    Called from the organisation's ``clean()`` (the editor, the member screen and importers all
    pass through it). Use ``"__all__"`` for errors that belong to no single field. Return an
    empty dict or ``None`` when everything is fine. Messages are shown to Dutch users: translate
    them.
    """


@hookspec
def directory_organisation_published(organisation):
    """React to an organisation being published (the live version changed).

    Called after Wagtail's ``published`` signal for an organisation, with the live
    organisation. Use it to refresh caches, notify partners or derive data; never raise for the
    visitor's sake: a failing reaction is logged and the publication stands.
    """


@hookspec
def directory_organisation_unpublished(organisation):
    """React to an organisation being unpublished (it left the public directory).

    Called after Wagtail's ``unpublished`` signal for an organisation. Failures are logged and
    do not undo the unpublication.
    """
