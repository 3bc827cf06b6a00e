"""PostgreSQL's text postings of an index, held in this process: lexeme -> roaring bitmap.

Why: a word that appears in most documents (at 100,000 organisations a common word matches
60,000 of them) makes `search_vector @@ tsquery` visit nearly every heap page of the document
table (100 to 130 MB of tsvectors, more than the default shared_buffers) to return the ids,
which costs hundreds of milliseconds. The same match on bitmaps takes well under a
millisecond.

PostgreSQL stays the only analyser: the postings are the lexemes of its own tsvectors
(`tsvector_to_array`), and a search evaluates the query as PostgreSQL normalises it
(`to_tsquery('dutch', ...)`, parsed by tsquery.py), so stemming, stop words and prefixes are
exactly PostgreSQL's. What bitmaps cannot decide is word positions: a phrase (`<->`, from a
multi-word synonym) or a weight restriction gives a set of candidates that PostgreSQL checks
itself, restricted to those candidates' ids (compiler.py `verify_sql()`).

Three posting lists per lexeme: the documents having it in `name_vector`, those having it in
`search_vector` but not in their name (`ts_delete`), so that a name word is stored once
(`search_vector` matches are the union of both), and those with it among the unstemmed name
words of `prefix_vector` (what a prefix is matched against).

Keeping up (memory.py calls these): new documents are added from their rows; removed documents
stay in the bitmaps as `stale` ids, which every match masks away by intersecting with the live
documents, so a removal costs nothing. PostgreSQL never hands out a document id twice (a
sequence), but should a stale id come back, or stale ids pile up, the bitmaps are purged.
"""

from __future__ import annotations

import bisect
from array import array
from sys import byteorder

from pyroaring import BitMap

from .compiler import CANDIDATES_ALL, Both, VectorMatch
from .tsquery import Lexeme, Not, parse

NAME, REST, PREFIX = "name", "rest", "prefix"
KINDS = (NAME, REST, PREFIX)  # in the order of POSTINGS_SQL's kind numbers
# Which posting lists a vector column's match reads.
COLUMN_LISTS = {"name_vector": (NAME,), "search_vector": (NAME, REST), "prefix_vector": (PREFIX,)}

# Every posting list of an index: (0 = name / 1 = rest / 2 = prefix, lexeme, ids as int4send
# bytes). The lexemes are PostgreSQL's own (`tsvector_to_array`); `ts_delete` leaves out the
# name's. One scan of the documents for all lists.
POSTINGS_SQL = (
    "SELECT u.kind, u.lexeme, string_agg(int4send(CAST(d.id AS integer)), ''::bytea) "
    "FROM kksearch_searchdocument d CROSS JOIN LATERAL ("
    "SELECT 0 AS kind, lexeme FROM unnest(tsvector_to_array(d.name_vector)) lexeme "
    "UNION ALL SELECT 1, lexeme FROM unnest(tsvector_to_array("
    "ts_delete(d.search_vector, tsvector_to_array(d.name_vector)))) lexeme "
    "UNION ALL SELECT 2, lexeme FROM unnest(tsvector_to_array(d.prefix_vector)) lexeme) u "
    "WHERE d.index_name = %s GROUP BY u.kind, u.lexeme"
)
# The same lists for a few documents: (doc id, name lexemes, other lexemes, prefix words).
DOCUMENT_LEXEMES_SQL = (
    "SELECT id, tsvector_to_array(name_vector), "
    "tsvector_to_array(ts_delete(search_vector, tsvector_to_array(name_vector))), "
    "tsvector_to_array(prefix_vector) "
    "FROM kksearch_searchdocument WHERE id = ANY(%s)"
)

# Purge removed documents from the bitmaps once there are this many of them (or as many as a
# tenth of the live documents, whichever is larger).
PURGE_AT = 2_000


def _documents(ids: bytes) -> int | BitMap:
    """The ids PostgreSQL sent as concatenated big-endian 4-byte integers (int4send): one
    document as a plain int (most lexemes, such as numbers in names, occur once, and an int
    costs a tenth of a bitmap), more as a bitmap."""
    if len(ids) == 4:
        return int.from_bytes(ids, "big")
    values = array("I", ids)
    if byteorder == "little":
        values.byteswap()
    return BitMap(values)


def _stream(cursor, sql: str, params: list):
    """The rows one at a time (psycopg's `stream()`, libpq's single-row mode), so that the
    whole result (about 70 MB at 100,000 organisations, the ids hex-encoded) is never held at
    once; a plain execute and fetchall where the cursor cannot stream."""
    raw = getattr(cursor, "cursor", cursor)  # under Django's CursorWrapper
    if not hasattr(raw, "stream") or not hasattr(cursor, "db"):
        cursor.execute(sql, params)
        yield from cursor.fetchall()
        return
    with cursor.db.wrap_database_errors:
        yield from raw.stream(sql, params)


class TextPostings:
    """One index's lexemes and the documents that have them."""

    def __init__(self, index_name: str):
        self.index_name = index_name
        self._clear()

    def _clear(self) -> None:
        # list -> lexeme -> its documents (an int when there is only one)
        self.lists: dict[str, dict[str, int | BitMap]] = {kind: {} for kind in KINDS}
        # The lexemes of each list in order, for prefix matches (kept sorted on insert).
        self.sorted: dict[str, list[str]] = {kind: [] for kind in KINDS}
        self.stale = BitMap()

    # Loading and keeping up ----------------------------------------------------------------
    def reload(self, cursor) -> None:
        """Everything: one row per (list, lexeme) with its documents."""
        self._clear()
        for kind, lexeme, ids in _stream(cursor, POSTINGS_SQL, [self.index_name]):
            self.lists[KINDS[kind]][lexeme] = _documents(ids)
        for kind, postings in self.lists.items():
            self.sorted[kind] = sorted(postings)

    def add(self, cursor, doc_ids: list[int]) -> None:
        """Add the lexemes of these (new) documents."""
        if not doc_ids:
            return
        if self.stale.intersection_cardinality(BitMap(doc_ids)):
            self.purge()  # an id comes back: its old lexemes must not stay
        cursor.execute(DOCUMENT_LEXEMES_SQL, [list(doc_ids)])
        for doc_id, *lexeme_lists in cursor.fetchall():
            for kind, lexemes in zip(KINDS, lexeme_lists, strict=True):
                postings = self.lists[kind]
                for lexeme in lexemes or ():
                    documents = postings.get(lexeme)
                    if documents is None:
                        postings[lexeme] = doc_id
                        bisect.insort(self.sorted[kind], lexeme)
                    elif type(documents) is int:
                        if documents != doc_id:
                            postings[lexeme] = BitMap((documents, doc_id))
                    else:
                        documents.add(doc_id)

    def discard(self, doc_ids: BitMap, live: int) -> None:
        """Forget removed documents (lazily: see the module docstring)."""
        self.stale |= doc_ids
        if len(self.stale) > max(PURGE_AT, live // 10):
            self.purge()

    def purge(self) -> None:
        """Take the removed documents out of every bitmap (and drop lexemes left empty)."""
        stale = self.stale
        for kind, postings in self.lists.items():
            empty = []
            for lexeme, documents in postings.items():
                if type(documents) is int:
                    if documents in stale:
                        empty.append(lexeme)
                    continue
                documents.difference_update(stale)
                if not documents:
                    empty.append(lexeme)
            for lexeme in empty:
                del postings[lexeme]
            if empty:
                self.sorted[kind] = sorted(postings)
        self.stale = BitMap()

    # Matching ------------------------------------------------------------------------------
    def documents(self, lexeme: Lexeme, kinds: tuple[str, ...]) -> BitMap:
        """Documents with the lexeme (or, for a prefix, any lexeme it starts) in these lists."""
        bitmaps, single = [], []
        for kind in kinds:
            postings = self.lists[kind]
            if lexeme.prefix:
                ordered = self.sorted[kind]
                position = bisect.bisect_left(ordered, lexeme.text)
                found = []
                while position < len(ordered) and ordered[position].startswith(lexeme.text):
                    found.append(postings[ordered[position]])
                    position += 1
            else:
                found = [postings[lexeme.text]] if lexeme.text in postings else []
            for documents in found:
                (single.append if type(documents) is int else bitmaps.append)(documents)
        return BitMap.union(BitMap(single), *bitmaps)

    def evaluate(self, tsquery_text: str, kinds: tuple[str, ...], universe: BitMap):
        """(certain, possible): the documents of `universe` that surely match the query, and
        those that may (a superset: phrases and weights need PostgreSQL to check positions)."""
        return self._evaluate(parse(tsquery_text), kinds, universe)

    def _evaluate(self, node, kinds, universe):
        if node is None:  # the empty query (only stop words): matches nothing
            return BitMap(), BitMap()
        if isinstance(node, Lexeme):
            docs = self.documents(node, kinds) & universe
            return (BitMap() if node.weights else docs), docs
        if isinstance(node, Not):
            certain, possible = self._evaluate(node.operand, kinds, universe)
            return universe - possible, universe - certain
        if node.op == "<>":
            return BitMap(), self._necessary(node, kinds, universe)
        left_certain, left_possible = self._evaluate(node.left, kinds, universe)
        right_certain, right_possible = self._evaluate(node.right, kinds, universe)
        if node.op == "&":
            return left_certain & right_certain, left_possible & right_possible
        return left_certain | right_certain, left_possible | right_possible

    def _necessary(self, node, kinds, universe) -> BitMap:
        """A superset of a phrase's matches: its words must all be there, positions aside."""
        if isinstance(node, Lexeme):
            return self.documents(node, kinds) & universe
        if isinstance(node, Not):
            return universe
        left = self._necessary(node.left, kinds, universe)
        right = self._necessary(node.right, kinds, universe)
        return left | right if node.op == "|" else left & right

    # A search's text, all tiers -----------------------------------------------------------
    def match(self, cursor, compiler, universe: BitMap) -> dict[int, BitMap]:
        """{tier: documents} for the compiler's text tiers, as `compiler.candidates()` would
        answer them in SQL: one statement lets PostgreSQL normalise the tsqueries, the bitmaps
        do the rest, and only when a phrase or weight leaves documents undecided does a second
        statement check those documents (and only those) in SQL."""
        tsqueries = compiler.tsqueries()
        cursor.execute(*compiler.parse_sql(tsqueries))
        parsed = dict(zip(tsqueries, cursor.fetchone(), strict=True))
        decided: dict[int, BitMap] = {}
        undecided: dict[int, BitMap] = {}
        for tier in compiler.text_tiers():
            # Name and prefix tiers only matter among the documents the whole text matches.
            within = universe if tier == CANDIDATES_ALL else _may_match_all(decided, undecided)
            certain, possible = self._condition(compiler.text_condition(tier), parsed, within)
            decided[tier] = certain
            if len(possible) > len(certain):
                undecided[tier] = possible - certain
        if undecided:
            cursor.execute(
                *compiler.verify_sql({tier: list(ids) for tier, ids in undecided.items()})
            )
            for tier, ids in cursor.fetchall():
                if ids:
                    decided[tier] |= BitMap(map(int, ids.split(",")))
        return decided

    def _condition(self, condition, parsed: dict[tuple[str, str], str], universe: BitMap):
        if isinstance(condition, VectorMatch):
            lists = COLUMN_LISTS[condition.column]
            return self.evaluate(parsed[condition.config, condition.tsquery], lists, universe)
        left_certain, left_possible = self._condition(condition.left, parsed, universe)
        right_certain, right_possible = self._condition(condition.right, parsed, universe)
        if isinstance(condition, Both):
            return left_certain & right_certain, left_possible & right_possible
        return left_certain | right_certain, left_possible | right_possible


def _may_match_all(decided: dict[int, BitMap], undecided: dict[int, BitMap]) -> BitMap:
    """Every document the whole text may match (decided or not yet)."""
    return decided[CANDIDATES_ALL] | undecided.get(CANDIDATES_ALL, BitMap())
