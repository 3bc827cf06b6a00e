"""The Elasticsearch index definition, through the DSL in the official client.

Analysis mirrors the database backend (search.text): accents folded, our Dutch stopwords,
Snowball Dutch stemming; at search time the editors' synonyms from an Elasticsearch synonyms set
(updateable, so a change needs no reindex), placed after the stemmer so that the rules are
stemmed like the text and a plural finds its group. Names get an edge-ngram sub-field for
autocomplete; sorting uses the same folded key the database sorts by.
"""

from __future__ import annotations

from elasticsearch.dsl import (
    Boolean,
    GeoPoint,
    Index,
    Keyword,
    Long,
    Mapping,
    Text,
    analyzer,
    token_filter,
)

from ...query import FACET_FIELDS
from ...text import STOPWORDS

AUTOCOMPLETE_MIN_GRAM = 2
AUTOCOMPLETE_MAX_GRAM = 20

dutch_stop = token_filter("kk_dutch_stop", type="stop", stopwords=sorted(STOPWORDS))
dutch_stemmer = token_filter("kk_dutch_stemmer", type="stemmer", language="dutch")
autocomplete_ngrams = token_filter(
    "kk_autocomplete_ngrams",
    type="edge_ngram",
    min_gram=AUTOCOMPLETE_MIN_GRAM,
    max_gram=AUTOCOMPLETE_MAX_GRAM,
)

dutch = analyzer(
    "kk_dutch",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", dutch_stop, dutch_stemmer],
)
folding = analyzer("kk_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])
autocomplete = analyzer(
    "kk_autocomplete",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", autocomplete_ngrams],
)


def dutch_search_analyzer(synonyms_set: str):
    synonyms = token_filter(
        "kk_synonyms", type="synonym_graph", synonyms_set=synonyms_set, updateable=True
    )
    return analyzer(
        "kk_dutch_search",
        tokenizer="standard",
        filter=["lowercase", "asciifolding", dutch_stop, dutch_stemmer, synonyms],
    )


def build_mapping(synonyms_set: str) -> Mapping:
    search_analyzer = dutch_search_analyzer(synonyms_set)
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("object_id", Long())
    mapping.field(
        "name",
        Text(
            analyzer=dutch,
            search_analyzer=search_analyzer,
            fields={"autocomplete": Text(analyzer=autocomplete, search_analyzer=folding)},
        ),
    )
    mapping.field("name_sort", Keyword())
    mapping.field("body", Text(analyzer=dutch, search_analyzer=search_analyzer))
    # Every word of name, labels and body, folded but not stemmed: "did you mean".
    mapping.field("vocabulary", Text(analyzer=folding))
    for facet in FACET_FIELDS.values():
        mapping.field(facet, Keyword())
    mapping.field("is_member", Boolean())
    mapping.field("locations", GeoPoint())
    return mapping


def build_index(name: str, synonyms_set: str, replicas: int = 0) -> Index:
    """A new (versioned) index; built without refresh, which the rebuild turns on at the end."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas)
    index.mapping(build_mapping(synonyms_set))
    return index


def document_body(doc) -> dict:
    """The JSON of one IndexDocument."""
    from ...text import sort_key

    body = "\n".join([doc.body or "", *doc.keywords])
    source = {
        "object_id": doc.object_id,
        "name": doc.name,
        "name_sort": sort_key(doc.name),
        "body": body,
        "vocabulary": f"{doc.name}\n{body}",
        "is_member": bool(doc.is_member),
        "locations": [{"lat": lat, "lon": lon} for lat, lon in doc.points],
    }
    for facet in FACET_FIELDS.values():
        source[facet] = list(dict.fromkeys(doc.facets.get(facet, [])))
    return source
