"""The database backend's denormalised search store, and the editors' synonym list.

Why a store of our own: one row per indexed object with its text, facet values and points lets
the database backend answer a search whatever the app's models look like (the text in SQL, the
facets on in-memory bitmaps loaded from these tables, or all of it in one grouped SQL
statement), and gives SQLite's FTS5 a table to shadow. The store is
kept up to date for every configured backend, so it is also what the Elasticsearch backend falls
back to and rebuilds from.

Vendor-specific parts live in the migrations: on SQLite an FTS5 table `kksearch_fts` (rowid =
document id; stemmed name, stemmed body, folded name words for prefixes); on PostgreSQL a
`search_vector` tsvector column (`dutch` configuration, name weight A, body weight D), a
name-only `name_vector` and `prefix_vector` (the name's unstemmed words, `simple`
configuration, for prefixes), each with a GIN index, filled by the writer, and the SQL function
`kk_distance_km` (SQLite gets it per connection).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import text


class SearchDocument(models.Model):
    """One indexed object of one index (e.g. one live organisation of "directory")."""

    index_name = models.CharField(max_length=50)
    object_id = models.BigIntegerField()
    name = models.CharField(max_length=255)
    name_sort = models.CharField(max_length=255)
    is_member = models.BooleanField(default=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["index_name", "object_id"], name="kksearch_document_unique_object"
            )
        ]
        indexes = [models.Index(fields=["index_name", "name_sort"], name="kksearch_doc_name")]

    def __str__(self):
        return f"{self.index_name}:{self.object_id} {self.name}"


# The facet and point rows reference their document without a database-level foreign key
# (`db_constraint=False`): the writer (search/backends/database/writer.py) owns their integrity.
# It deletes a document's facet and point rows in the same statement batch as the document and
# inserts them with the id it has just given the document, all inside one transaction. A
# constraint would cost more than it protects: Django makes it DEFERRABLE INITIALLY DEFERRED, so
# a rebuild of 100,000 organisations queued about 1.5 million trigger events checked at commit,
# and it would tie the three tables together where a PostgreSQL rebuild builds new tables and
# swaps them in. The ORM still cascades (on_delete=CASCADE works without the constraint), and
# tests/search/test_database_backend.py checks that no facet or point outlives its document.


class SearchFacet(models.Model):
    """A facet value of a document (phase slug, municipality, language, ...)."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, db_index=False, db_constraint=False
    )
    index_name = models.CharField(max_length=50)
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [
            models.Index(
                fields=["index_name", "facet", "value", "document"], name="kksearch_facet_value"
            ),
            models.Index(fields=["document", "facet", "value"], name="kksearch_facet_doc"),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchFacetCount(models.Model):
    """How many documents of an index have each facet value, kept exact on every write.

    The counts of an unfiltered listing (the directory's landing page, and every facet whose
    other filters are empty) come from here in one small read instead of counting a million
    facet rows per request. Pseudo facets: `__total` (all documents), `__member` (members).
    """

    index_name = models.CharField(max_length=50)
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=100)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["index_name", "facet", "value"], name="kksearch_facetcount_unique"
            )
        ]

    def __str__(self):
        return f"{self.facet}={self.value}: {self.count}"


class SearchChange(models.Model):
    """A write to an index, so that every process's in-memory facet bitmaps can catch up.

    The database backend keeps the facet table of each index in memory as roaring bitmaps
    (search/backends/database/memory.py). Each write logs the object ids it touched under one
    random token; before a search, a process reads the rows after the last one it applied and
    re-reads just those objects. A row with no object id means "the whole index was replaced"
    (a rebuild). The token tells a rolled-back or pruned history from the one a process saw: if
    its last row is gone or has another token, the process reloads everything.
    """

    index_name = models.CharField(max_length=50)
    object_id = models.BigIntegerField(null=True)
    token = models.CharField(max_length=32)

    class Meta:
        indexes = [models.Index(fields=["index_name", "id"], name="kksearch_change_seq")]

    def __str__(self):
        return f"{self.index_name}#{self.pk}: {self.object_id or '*'}"


class SearchPoint(models.Model):
    """A location of a document, for "near" (bounding box on the index, then exact distance)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, db_constraint=False)
    index_name = models.CharField(max_length=50)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["index_name", "latitude", "longitude"], name="kksearch_point_box")
        ]

    def __str__(self):
        return f"{self.latitude},{self.longitude}"


class SearchTerm(models.Model):
    """A word of the indexed names and labels: the vocabulary "did you mean" draws from."""

    index_name = models.CharField(max_length=50)
    term = models.CharField(max_length=100)
    head = models.CharField(max_length=2)
    doc_count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["index_name", "term"], name="kksearch_term_unique")
        ]
        indexes = [models.Index(fields=["index_name", "head"], name="kksearch_term_head")]

    def __str__(self):
        return self.term


class Synonym(models.Model):
    """A group of words that mean the same in a search (editors extend the list).

    Searching for any word of the group finds documents with any other word of it, on every
    backend: "statushouder" finds "vergunninghouder", "VWN" finds "VluchtelingenWerk".
    """

    terms = models.TextField(
        _("woorden"),
        help_text=_(
            "Woorden of woordgroepen met dezelfde betekenis, gescheiden door komma's, "
            "bijvoorbeeld: statushouder, vergunninghouder"
        ),
    )
    note = models.CharField(_("toelichting"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zoeksynoniem")
        verbose_name_plural = _("zoeksynoniemen")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def phrases(self) -> list[tuple[str, ...]]:
        """The group as folded phrases, without stopwords or duplicates."""
        result = []
        for part in self.terms.split(","):
            phrase = tuple(text.words(part))
            if phrase and phrase not in result:
                result.append(phrase)
        return result

    def clean(self):
        super().clean()
        if len(self.phrases()) < 2:
            raise ValidationError(
                {"terms": _("Geef minstens twee verschillende woorden, gescheiden door komma's.")}
            )
