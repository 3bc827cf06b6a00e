# PostgreSQL: a name prefix ("taal" while the visitor types "Taalhuis") is matched against the
# name's unstemmed words, as SQLite's FTS5 `prefix` column and Elasticsearch's edge n-grams do.
# Matched against the stemmed `name_vector`, the prefix was stemmed too ("taal:*" becomes
# "tal:*") and missed every name that starts with the unstemmed word. The writer fills the new
# column; this migration fills it for the documents already indexed, from their stored names.

from django.db import migrations

BATCH = 2_000

POSTGRES_FORWARD = [
    "ALTER TABLE kksearch_searchdocument ADD COLUMN IF NOT EXISTS prefix_vector tsvector",
]
POSTGRES_INDEX = (
    "CREATE INDEX IF NOT EXISTS kksearch_doc_prefix_vector ON kksearch_searchdocument USING gin (prefix_vector)"
)
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS kksearch_doc_prefix_vector",
    "ALTER TABLE kksearch_searchdocument DROP COLUMN IF EXISTS prefix_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search import text  # the writer's own word rules: folded, stop words left out

    for statement in POSTGRES_FORWARD:
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM kksearch_searchdocument ORDER BY id")
        rows = cursor.fetchall()
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            cursor.execute(
                "UPDATE kksearch_searchdocument d SET prefix_vector = "
                "to_tsvector('simple'::regconfig, v.words) "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, words) WHERE d.id = v.id",
                [[row[0] for row in batch], [" ".join(text.words(row[1])) for row in batch]],
            )
    schema_editor.execute(POSTGRES_INDEX)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("kksearch", "0005_facet_point_without_db_constraint"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
