"""Apps register what they index here; the search core never imports an app.

An app writes a `SearchIndex` subclass in `<app>/search_index.py` and registers it:

    from search.registry import SearchIndex, registry

    @registry.register
    class DirectoryIndex(SearchIndex):
        name = "directory"
        model = "directory.Organisation"
        def get_queryset(self): ...            # the live rows only
        def build_documents(self, ids): ...    # IndexDocuments for those of `ids` that are live

The search app imports every installed app's `search_index` module when Django starts
(`autodiscover`), and connects Wagtail's `published` / `unpublished` signals and `post_delete`
for each registered model, so indexing follows publishing (see search.indexing).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

from .documents import IndexDocument


class SearchIndex:
    """What one index contains and how to turn live objects into documents."""

    #: unique name, used in the store and as part of the Elasticsearch index name
    name: str = ""
    #: "app_label.ModelName" of the indexed model (integer primary keys)
    model: str = ""
    #: objects per rebuild batch
    chunk_size: int = 2000

    def get_model(self):
        return apps.get_model(self.model)

    def get_queryset(self):
        """The objects the public may find. Override to exclude drafts and unpublished rows."""
        return self.get_model()._default_manager.all()

    def build_documents(self, ids: list[int]) -> list[IndexDocument]:
        """Documents for the objects among `ids` that are in `get_queryset()`; ids left out are
        removed from the index. Should take a fixed number of queries, whatever len(ids)."""
        raise NotImplementedError

    def count(self) -> int:
        return self.get_queryset().count()

    def iter_id_chunks(self, chunk_size: int | None = None) -> Iterator[list[int]]:
        """Primary keys of all indexable objects in batches (keyset pagination: no OFFSET)."""
        size = chunk_size or self.chunk_size
        queryset = self.get_queryset().order_by("pk").values_list("pk", flat=True)
        last = None
        while True:
            batch_qs = queryset if last is None else queryset.filter(pk__gt=last)
            batch = list(batch_qs[:size])
            if not batch:
                return
            yield batch
            last = batch[-1]

    def iter_documents(self, chunk_size: int | None = None) -> Iterator[list[IndexDocument]]:
        for ids in self.iter_id_chunks(chunk_size):
            yield self.build_documents(ids)


class IndexRegistry:
    """The registered indexes, by name and by model."""

    def __init__(self):
        self._indexes: dict[str, SearchIndex] = {}

    def register(self, index_or_class):
        """Register an index instance or class (usable as a class decorator)."""
        index = index_or_class() if isinstance(index_or_class, type) else index_or_class
        if not index.name or not index.model:
            raise ValueError("A SearchIndex needs a name and a model.")
        self._indexes[index.name] = index
        from .indexing import connect_index

        if apps.ready:
            connect_index(index)
        return index_or_class

    def unregister(self, name: str) -> None:
        index = self._indexes.pop(name, None)
        if index is not None:
            from .indexing import disconnect_index

            disconnect_index(index)

    def get(self, name: str) -> SearchIndex:
        try:
            return self._indexes[name]
        except KeyError:
            raise LookupError(f"No search index named {name!r} is registered.") from None

    def for_model(self, model) -> list[SearchIndex]:
        label = model._meta.label
        return [index for index in self._indexes.values() if index.model == label]

    def __iter__(self):
        return iter(list(self._indexes.values()))

    def __contains__(self, name):
        return name in self._indexes


registry = IndexRegistry()


def autodiscover():
    """Import `search_index` from every installed app (like the admin's autodiscover)."""
    autodiscover_modules("search_index")
    from .indexing import connect_index

    for index in registry:
        connect_index(index)
