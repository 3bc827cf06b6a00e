"""Dutch text analysis: folding, stopwords, Snowball stemming, query term groups."""

from search import text


def test_fold_strips_accents_and_case():
    assert text.fold("Taalcafé Ĳsselmonde") == "taalcafe ijsselmonde"


def test_words_drop_stopwords_and_punctuation():
    assert text.words("De taalcafé's van Utrecht-Noord!") == [
        "taalcafe",
        "s",
        "utrecht",
        "noord",
    ]


def test_stemming_matches_postgres_dutch():
    # PostgreSQL 15: to_tsvector('dutch', 'vrijwilligers vrijwilliger statushouders')
    assert text.stem_words(["vrijwilligers", "vrijwilliger", "statushouders"]) == [
        "vrijwilliger",
        "vrijwilliger",
        "statushouder",
    ]


def test_sort_key_is_folded():
    assert text.sort_key("Émancipatie-Huis") == "emancipatie huis"


def test_query_groups_with_synonyms_and_prefix():
    synonyms = {"vwn": (("vwn",), ("vluchtelingenwerk",), ("vluchtelingenwerk", "nederland"))}
    query = text.analyse_query("VWN taalc", synonyms)
    assert query.groups[0].alternatives == (
        ("vwn",),
        ("vluchtelingenwerk",),
        ("vluchtelingenwerk", "nederland"),
    )
    assert query.groups[0].prefix is None
    assert query.groups[1].prefix == "taalc"
    assert query.words == ["vwn", "taalc"]


def test_finished_word_is_not_a_prefix_and_empty_text_is_falsy():
    assert text.analyse_query("taal ").groups[0].prefix is None
    assert not text.analyse_query("de het")
