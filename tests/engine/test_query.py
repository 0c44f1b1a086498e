"""Query building: a query of plain words is built without Whoosh's parser, into the very tree it makes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx.engine.query import _plain_words, _whoosh_parse, parse_query
from searchidx.engine.schema import make_schema

SCHEMA = make_schema()
# Words and characters to build queries from: stop words, demonyms, accents, abbreviations,
# operator words (upper and lower case), every character the parser reads as syntax, and
# whitespace of several kinds.
WORDS = ("foreign", "minister", "ministers'", "the", "a", "to", "Central", "Asian", "Russia's", "U.S.", "A-B",
         "co-operation", "Lavrov", "été", "Zürich", "中亚", "1987", "3.5%", "AND", "and", "OR", "NOT", "ANDNOT",
         "ANDMAYBE", "REQUIRE", "TO", "?", "-", "...", "—", "e-mail", "talks?", "x")
CHARS = " \t\n\u00a0\u2003\x1c\"':()[]{}^*~+-.,;!?/\\&#@$%_0123456789aZéß"


def tree(q: Any) -> Any:
    """A query as nested tuples of its class, its attributes (the parser's character spans too) and children."""
    attrs = tuple(sorted((k, v) for k, v in vars(q).items() if k != "subqueries"))
    return type(q).__name__, attrs, tuple(tree(c) for c in getattr(q, "subqueries", ()))


@pytest.mark.parametrize("text", [
    "foreign minister", "Central Asia", "oil prices fall as opec ministers meet in geneva to discuss quotas",
    "the U.S. and Japan", "What did Lavrov say about Iran?", "co-operation, trade; security!", "x",
])
def test_plain_words_build_the_parsers_tree(text: str) -> None:
    built = _plain_words(text, SCHEMA)
    assert built is not None
    assert tree(built) == tree(_whoosh_parse(text, SCHEMA))


@pytest.mark.parametrize("text", [
    '"foreign minister"', "speaker:lavrov iran", "negotiat*", "Iran AND nuclear", "Russia NOT sanctions",
    "(a OR b)", "date:[2020-01-01 to 2020-03-01]", "talks^2", "Russia's 'envoy'", "x REQUIRE y",
])
def test_anything_the_parser_reads_as_syntax_goes_to_the_parser(text: str) -> None:
    assert _plain_words(text, SCHEMA) is None
    assert parse_query(text, SCHEMA) is not None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=CHARS, min_size=1, max_size=6)), min_size=1,
                max_size=8).map(" ".join))
def test_plain_words_match_the_parser_on_generated_queries(text: str) -> None:
    built = _plain_words(text, SCHEMA)
    if built is not None:
        assert tree(built) == tree(_whoosh_parse(text, SCHEMA))


PLAIN_CHARS = "".join(c for c in CHARS if c not in "\"':()[]{}^*~")
PLAIN_WORDS = tuple(w for w in WORDS if "'" not in w and w not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PLAIN_WORDS), st.text(alphabet=PLAIN_CHARS, min_size=1, max_size=6)),
                min_size=1, max_size=8).map(" ".join).filter(str.strip))
def test_queries_without_syntax_are_all_built_directly(text: str) -> None:
    built = _plain_words(text, SCHEMA)
    assert built is not None
    assert tree(built) == tree(_whoosh_parse(text, SCHEMA))


def test_fuzzy_words_are_folded_and_stemmed_and_keep_their_first_letter() -> None:
    from whoosh import query as Q

    fuzzy = [q for q in parse_query("Organisations~ Kazakstan~2 talks~9 x~2/3 and more", make_schema()).leaves()
             if isinstance(q, Q.FuzzyTerm) and q.fieldname == "body"]  # a description: no all-words tier
    assert [(q.text, q.maxdist, q.prefixlength) for q in fuzzy] == [
        ("organ", 1, 1), ("kazakstan", 2, 1), ("talk", 2, 1), ("x", 2, 3)]


def test_proximity_is_a_phrase_with_slop() -> None:
    from whoosh import query as Q

    (phrase,) = [q for q in parse_query('"energy Kazakhstan"~4', make_schema()).leaves()
                 if isinstance(q, Q.Phrase) and q.fieldname == "body"]
    assert (phrase.words, phrase.slop) == (["energi", "kazakhstan"], 4)


def test_a_bare_star_in_the_body_is_every_document_not_every_word() -> None:
    from whoosh import query as Q

    every = [q for q in parse_query("*", SCHEMA).leaves() if isinstance(q, Q.Every)]
    # The body's `*` stands for all documents (read from the document list, not every word's postings).
    assert {q.fieldname for q in every} == {None}
    speakers = [q for q in parse_query("speakers:*", SCHEMA).leaves() if isinstance(q, Q.Every)]
    assert [q.fieldname for q in speakers] == ["speakers"]  # "has a speaker" keeps its meaning
