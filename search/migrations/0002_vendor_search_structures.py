"""Vendor-specific search structures the ORM cannot describe.

SQLite: the FTS5 table over pre-stemmed text (rowid = kksearch_searchdocument.id).
PostgreSQL: a generated tsvector column (`dutch`; name weight A, body weight D) with a GIN
index, and kk_distance_km(), the haversine distance SQLite registers per connection.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS kksearch_fts USING fts5("
    "name, body, prefix, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS kksearch_fts"]

POSTGRES_FORWARD = [
    "ALTER TABLE kksearch_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('dutch'::regconfig, coalesce(name_folded, '')), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, coalesce(body_folded, '')), 'D')) STORED",
    "CREATE INDEX kksearch_doc_vector ON kksearch_searchdocument USING gin (search_vector)",
    """
    CREATE OR REPLACE FUNCTION kk_distance_km(
        lat1 double precision, lon1 double precision,
        lat2 double precision, lon2 double precision
    ) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
            power(sin(radians(lat2 - lat1) / 2), 2)
            + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)
        )))
    $$
    """,
]
POSTGRES_BACKWARD = [
    "DROP FUNCTION IF EXISTS kk_distance_km(double precision, double precision, "
    "double precision, double precision)",
    "DROP INDEX IF EXISTS kksearch_doc_vector",
    "ALTER TABLE kksearch_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("kksearch", "0001_search_store")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
