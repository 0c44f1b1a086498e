"""Request words: what a question says about asking is blanked out, its subject kept in place."""

from __future__ import annotations

import pytest

from searchidx.engine.asking import subject


@pytest.mark.parametrize("text, kept", [
    ("I am interested in grain exports from Odesa", "grain exports from Odesa"),
    ("I would be especially grateful for anything on Black Sea shipping", "Black Sea shipping"),
    ("Please supply information on the grain corridor talks", "the grain corridor talks"),
    ("I would like to know about papers dealing with sanctions on steel", "about sanctions on steel"),
    ("Documents about the Shanghai Cooperation Organisation summit", "the Shanghai Cooperation Organisation summit"),
    ("Describe the talks and give the dates of the visits", "the talks and the dates of the visits"),
])
def test_request_words_are_blanked_and_the_subject_stays_where_it_was(text: str, kept: str) -> None:
    got = subject(text, 4)
    assert len(got) == len(text)
    assert " ".join(got.split()) == kept
    assert all(c == " " or c == o for c, o in zip(got, text))  # only blanked, never moved


@pytest.mark.parametrize("text", ["trade show", "sanctions list", "find Lavrov", "give peace a chance"])
def test_a_short_query_keeps_its_verbs(text: str) -> None:
    assert subject(text, 4) == text


def test_a_request_phrase_is_left_out_of_a_short_query_too() -> None:
    assert subject("information on Iran", 4).split() == ["Iran"]


@pytest.mark.parametrize("text", [
    '"information on" trade policy and the tariffs', "title:papers on tariffs", "information on", "please",
])
def test_quotes_field_values_and_a_query_of_nothing_else_are_kept(text: str) -> None:
    assert subject(text, 4) == text


def test_a_question_of_asking_words_and_stop_words_searches_what_was_typed() -> None:
    from searchidx.engine.query import parse_query
    from searchidx.engine.schema import make_schema

    q = parse_query("find the list of the show", make_schema())
    assert q is not None and {"find", "list", "show"} <= {t for _, t in q.iter_all_terms()}
    q = parse_query("please find the list of the sanctions", make_schema())
    assert q is not None and {t for f, t in q.iter_all_terms() if f == "body"} == {"sanction"}
