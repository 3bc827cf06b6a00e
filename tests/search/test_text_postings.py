"""PostgreSQL's text on in-memory postings (search/backends/database/postings.py, tsquery.py):
PostgreSQL's normalised tsquery text parses into the right tree; the bitmaps answer exactly
like `vector @@ to_tsquery('dutch', ...)` in SQL, also for multi-word synonyms (phrases,
checked in SQL on their candidates), PostgreSQL's own stop words and prefixes; and another
process's postings keep up with writes through the change log."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import load_backend
from search.backends.database.memory import FacetMemory
from search.backends.database.postings import TextPostings
from search.backends.database.tsquery import Lexeme, Not, Operator, TsqueryParseError, parse
from search.documents import IndexDocument
from search.models import Synonym
from search.query import DirectoryQuery

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's text postings"
)


# The parser (no database) -------------------------------------------------------------------
def test_parse_lexemes_prefixes_and_precedence():
    assert parse("'taalcaf' & ( 'vrijwilliger' | 'vrijwilliger':* )") == Operator(
        "&",
        Lexeme("taalcaf"),
        Operator("|", Lexeme("vrijwilliger"), Lexeme("vrijwilliger", prefix=True)),
    )
    # Precedence: ! over <-> over & over |.
    assert parse("'a' | 'b' & 'c' <-> 'd'") == Operator(
        "|", Lexeme("a"), Operator("&", Lexeme("b"), Operator("<>", Lexeme("c"), Lexeme("d"), 1))
    )
    assert parse("!'a' <2> 'b'") == Operator("<>", Not(Lexeme("a")), Lexeme("b"), 2)
    assert parse("'it''s':*BA") == Lexeme("it's", prefix=True, weights="AB")


def test_parse_the_empty_query_and_rejects_garbage():
    assert parse("") is None
    assert parse("   ") is None
    for text in ("'a' &", "( 'a'", "'a' 'b'", "a"):
        with pytest.raises(TsqueryParseError):
            parse(text)


def test_evaluation_of_each_operator_on_bitmaps():
    from pyroaring import BitMap

    postings = TextPostings("directory")
    postings.lists["name"].update({"tal": BitMap([1, 2]), "taalcaf": 3})
    postings.lists["rest"].update({"tal": BitMap([4]), "werk": BitMap([2, 4, 5])})
    postings.sorted = {kind: sorted(lexemes) for kind, lexemes in postings.lists.items()}
    everything = BitMap(range(1, 7))
    both = ("name", "rest")

    def evaluate(text, kinds=both):
        certain, possible = postings.evaluate(text, kinds, everything)
        return sorted(certain), sorted(possible)

    assert evaluate("'tal'") == ([1, 2, 4], [1, 2, 4])
    assert evaluate("'tal'", ("name",)) == ([1, 2], [1, 2])
    assert evaluate("'ta':*") == ([1, 2, 3, 4], [1, 2, 3, 4])
    assert evaluate("'tal' & 'werk'") == ([2, 4], [2, 4])
    assert evaluate("'taalcaf' | 'werk'") == ([2, 3, 4, 5], [2, 3, 4, 5])
    assert evaluate("!'werk'") == ([1, 3, 6], [1, 3, 6])
    assert evaluate("") == ([], [])
    # Positions and weights are PostgreSQL's to check: candidates only.
    assert evaluate("'tal' <-> 'werk'") == ([], [2, 4])
    assert evaluate("'taalcaf' | 'tal' <-> 'werk'") == ([3], [2, 3, 4])
    assert evaluate("'tal':A") == ([], [1, 2, 4])


# The bitmaps answer like SQL ----------------------------------------------------------------
WORDS = ["vluchtelingen", "werk", "taalcafe", "buurt", "ook", "zou", "statushouder", "vwn"]


def phrase_documents(n, seed=3):
    rng = random.Random(seed)
    return [
        IndexDocument(
            object_id=500 + i,
            name=" ".join(rng.choices(WORDS, k=rng.randint(1, 3))) + f" {i}",
            body=" ".join(rng.choices(WORDS, k=rng.randint(0, 6))),
            facets={"phase": [rng.choice(["wijk", "werk"])], "language": ["nl"]},
        )
        for i in range(n)
    ]


@pytest.mark.django_db
def test_synonym_phrases_stop_words_and_prefixes_answer_like_sql():
    Synonym.objects.create(terms="vwn, vluchtelingen werk")
    Synonym.objects.create(terms="statushouder, buurt taalcafe")
    memory_backend = load_backend("database")
    sql_backend = load_backend("database", FACET_MEMORY=False)
    memory_backend.index_documents("directory", phrase_documents(200))
    rng = random.Random(5)
    texts = ["vwn", "statushouder", "ook", "zou werk", "werk ook", "vwn buurt", "vluchtel"]
    texts += [" ".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(40)]
    texts += [text[:-2] for text in texts[-10:]]  # still typing the last word
    found = 0
    for text in texts:
        for sort in ("relevance", "name"):
            query = DirectoryQuery(text=text, sort=sort, page_size=50)
            expected = sql_backend.search(query)
            got = memory_backend.search(query)
            assert (got.total, got.ids, got.facets) == (
                expected.total,
                expected.ids,
                expected.facets,
            ), text
            found += bool(expected.total)
    assert found > 40


@pytest.mark.django_db
def test_a_phrase_needs_its_words_in_order():
    Synonym.objects.create(terms="vwn, vluchtelingen werk")
    backend = load_backend("database")
    backend.index_documents(
        "directory",
        [
            IndexDocument(object_id=1, name="Bureau A", body="Vluchtelingen werk in Utrecht"),
            IndexDocument(object_id=2, name="Bureau B", body="Werk voor vluchtelingen"),
            IndexDocument(object_id=3, name="Bureau C", body="VWN Utrecht"),
        ],
    )
    backend.search(DirectoryQuery(text="vwn "))  # warm the synonym cache and the memory
    with CaptureQueriesContext(connection) as captured:
        result = backend.search(DirectoryQuery(text="vwn "))
    assert sorted(result.ids) == [1, 3]
    if connection.vendor == "postgresql":
        # The change log, PostgreSQL's parse of the tsqueries, the check of the phrase's
        # candidates (1 and 2 both have both words; only 1 has them in order).
        assert len(captured) == 3, [q["sql"][:60] for q in captured]
        assert "id = ANY(" in captured[2]["sql"]


@postgres_only
@pytest.mark.django_db
def test_a_plain_text_search_is_two_statements_and_none_reads_the_documents():
    backend = load_backend("database")
    backend.index_documents("directory", phrase_documents(50))
    backend.search(DirectoryQuery(text="werk"))
    with CaptureQueriesContext(connection) as captured:
        result = backend.search(DirectoryQuery(text="werk taalc"))
    assert result.total > 0
    assert len(captured) == 2
    assert "kksearch_searchdocument" not in " ".join(q["sql"] for q in captured)


@postgres_only
@pytest.mark.django_db
def test_text_memory_off_matches_text_in_sql():
    backend = load_backend("database", TEXT_MEMORY=False)
    backend.index_documents("directory", phrase_documents(50))
    backend.search(DirectoryQuery(text="werk"))
    with CaptureQueriesContext(connection) as captured:
        result = backend.search(DirectoryQuery(text="werk taalc"))
    assert result.total > 0
    assert len(captured) == 2
    assert "search_vector @@ to_tsquery('dutch', '(werk)')" in captured[1]["sql"]
    assert result.ids == load_backend("database").search(DirectoryQuery(text="werk taalc")).ids


# Keeping up ---------------------------------------------------------------------------------
def other_process():
    memory = FacetMemory("directory", TextPostings("directory"))
    sync(memory)
    return memory


def sync(memory):
    with connection.cursor() as cursor:
        memory.sync(cursor, "string_agg(CAST(document_id AS TEXT), ',')")


def text_ids(memory, text):
    backend = load_backend("database")
    compiler, _ = backend.compile(DirectoryQuery(text=text))
    with connection.cursor() as cursor:
        tiers = memory.postings.match(cursor, compiler, memory.all)
    return sorted(memory.object_of[doc] for doc in tiers[0])


@postgres_only
@pytest.mark.django_db
def test_another_process_follows_renames_and_removals():
    backend = load_backend("database")
    backend.index_documents(
        "directory",
        [
            IndexDocument(object_id=1, name="Taalcafé Oost", body="koffie"),
            IndexDocument(object_id=2, name="Buurthuis West", body="taalcafe op vrijdag"),
        ],
    )
    other = other_process()
    assert text_ids(other, "taalcafe ") == [1, 2]
    backend.index_documents(
        "directory", [IndexDocument(object_id=1, name="Fietsschool Oost")], delete_ids=[2]
    )
    sync(other)
    assert other.reloads == 1  # patched from the log
    assert text_ids(other, "taalcafe ") == []
    assert text_ids(other, "fietsschool ") == [1]
    assert text_ids(other, "fiets") == [1]  # a new lexeme is found as a prefix too


@postgres_only
@pytest.mark.django_db
def test_a_document_rewritten_under_the_same_id_loses_its_old_lexemes():
    """The writer gives a rewritten document a new id; should a row ever be updated in place,
    the stale id comes back and the postings are purged rather than keep its old words."""
    backend = load_backend("database")
    backend.index_documents("directory", [IndexDocument(object_id=1, name="Taalcafé Oost")])
    other = other_process()
    assert text_ids(other, "taalcafe ") == [1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE kksearch_searchdocument SET name = 'Fietsschool Oost', "
            "name_vector = to_tsvector('dutch', 'fietsschool oost'), "
            "prefix_vector = to_tsvector('simple', 'fietsschool oost'), "
            "search_vector = to_tsvector('dutch', 'fietsschool oost') WHERE object_id = 1"
        )
    backend.get_writer("directory").log_changes([1])
    sync(other)
    assert other.reloads == 1
    assert text_ids(other, "taalcafe ") == []
    assert text_ids(other, "fietsschool ") == [1]


@postgres_only
@pytest.mark.django_db
def test_removed_documents_are_purged_once_they_pile_up(monkeypatch):
    from search.backends.database import postings as postings_module

    monkeypatch.setattr(postings_module, "PURGE_AT", 2)
    backend = load_backend("database")
    backend.index_documents("directory", phrase_documents(30))
    other = other_process()
    unique = "5"  # the number in the name of object 505: a lexeme of one document
    assert unique in other.postings.lists["name"]
    backend.index_documents("directory", [], delete_ids=[503])
    sync(other)
    assert len(other.postings.stale) == 1  # below the threshold: masked, not yet purged
    backend.index_documents("directory", [], delete_ids=[504, 505])
    sync(other)
    assert len(other.postings.stale) == 0
    assert unique not in other.postings.lists["name"]
    assert unique not in other.postings.sorted["name"]
