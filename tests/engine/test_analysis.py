"""Analysis: what a piece of text becomes in the index (no index needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchidx.engine.analysis import STOP_WORDS, name_analyzer, text_analyzer


def words(text: str) -> list[str]:
    return [t.text for t in text_analyzer()(text)]


@pytest.mark.parametrize(
    ("place", "demonym"),
    [("Central Asia", "Central Asian"), ("Russia", "Russian"), ("China", "Chinese"), ("China", "Sino-"),
     ("Ukraine", "Ukrainians"), ("Europe", "European")],
)
def test_places_fold_with_their_demonyms(place: str, demonym: str) -> None:
    assert words(place) == words(demonym)[: len(words(place))]


def test_stemming_joins_word_forms_porter2() -> None:
    assert words("policies") == words("policy")
    assert words("negotiations") == words("negotiated")
    assert words("generous") != words("generate")  # Porter (1980) stems both to "gener"


def test_stop_words_are_dropped() -> None:
    assert words("the talks of a minister") == words("talks minister")
    assert not STOP_WORDS & set(words(" ".join(sorted(STOP_WORDS))))


def test_accents_fold_and_names_are_not_stemmed() -> None:
    assert words("Sergeï Lavróv") == ["sergei", "lavrov"]
    assert [t.text for t in name_analyzer()("Antony Blinken")] == ["antony", "blinken"]


def _tokens(analyzer, text: str, **kwargs: object) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return [(t.text, t.pos if t.positions else None, t.startchar if t.chars else None, t.stopped)
            for t in analyzer(text, **kwargs)]


ANALYSIS_OPTIONS = [
    {"positions": True, "mode": "index"},
    {"positions": True, "chars": True, "mode": "query"},
    {"chars": True, "mode": "query", "removestops": False},  # how snippets analyse a body
    {"positions": True, "chars": True, "removestops": False},
]
SAMPLES = [
    "", "The the THE", "Sergeï Lavróv told the Central Asian ministers that the Sino-Russian talks were ÉTÉ",
    "Straße Œuvre ǅemal İstanbul ﬁnance Ⅻ ², 3.5% of U.S. G-20 talks' policies",
    "a an and are as at be by for from has have in is it its of on or that the this to",
    "Afghans and Iranians; Kazakh-Chinese trade, an Indo-Pacific (Indian) ocean",
    "The Organisation's defence programme, analysed; organization, defense, program",
]


@pytest.mark.parametrize("options", ANALYSIS_OPTIONS)
@pytest.mark.parametrize("text", SAMPLES)
def test_one_pass_filter_equals_whooshs_filter_chain(text: str, options: dict[str, object]) -> None:
    from searchidx.engine.analysis import reference_text_analyzer

    assert _tokens(text_analyzer(), text, **options) == _tokens(reference_text_analyzer(), text, **options)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
       st.sampled_from(ANALYSIS_OPTIONS))
def test_one_pass_filter_equals_the_chain_on_any_text(text: str, options: dict[str, object]) -> None:
    from searchidx.engine.analysis import reference_text_analyzer

    words_ = " ".join([text, *SAMPLES[2:3]])  # stop words and demonyms in every example
    assert _tokens(text_analyzer(), words_, **options) == _tokens(reference_text_analyzer(), words_, **options)


def test_the_one_pass_filter_survives_pickling() -> None:
    """Whoosh pickles the schema into the index: the analyzer must come back working."""
    import pickle

    again = pickle.loads(pickle.dumps(text_analyzer()))
    assert [t.text for t in again("Russian ministers")] == ["russia", "minist"]


def _whoosh_positions(text: str) -> dict[bytes, list[int]]:
    """Each term's positions as Whoosh's Positions format reads them from the analyzer chain."""
    from whoosh.formats import Positions

    fmt = Positions()
    return {w.encode(): fmt.decode_positions(v) for w, _, _, v in fmt.word_values(text, text_analyzer(), mode="index")}


@pytest.mark.parametrize("text", SAMPLES)
def test_index_positions_equal_what_the_analyzer_gives_the_index(text: str) -> None:
    from searchidx.engine.analysis import NewsWordFilter

    assert NewsWordFilter().index_positions(text) == _whoosh_positions(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_index_positions_equal_the_analyzer_on_any_text(text: str) -> None:
    from searchidx.engine.analysis import NewsWordFilter

    words_ = " ".join([SAMPLES[4][:10], text, *SAMPLES[2:3], text.upper()])  # a word seen twice, in two cases
    assert NewsWordFilter().index_positions(words_) == _whoosh_positions(words_)


def test_british_and_american_spellings_are_one_term() -> None:
    def terms(text: str) -> list[str]:
        return [t.text for t in text_analyzer()(text)]

    assert terms("Organisation organisations organised") == terms("organization organizations organized")
    assert terms("defence programme labour centre travelled") == terms("defense program labor center traveled")
    assert terms("behavioural favourite analysed") == terms("behavioral favorite analyzed")
    # Words that merely end like a variant stay themselves, and "analyses" may be a noun.
    assert terms("promise exercise expertise analyses") == ["promis", "exercis", "expertis", "analys"]


def test_the_spelling_table_folds_once() -> None:
    from searchidx.spellings import SPELLINGS

    assert not set(SPELLINGS) & set(SPELLINGS.values())  # folding twice changes nothing
    assert all(k.isalpha() and k.islower() and v.isalpha() and v.islower() for k, v in SPELLINGS.items())


@settings(max_examples=100)
@given(st.lists(st.sampled_from(["the", "talks", "U.S.", "Sino-Russian", "Lavrov", "\n", "  ", "a.b", "x9", "é"]),
                min_size=0, max_size=300))
def test_a_long_text_analysed_a_slice_at_a_time_gives_the_same_terms(parts: list[str]) -> None:
    """A text past LONG_TEXT is cut at white space into slices and its positions kept in arrays
    (a 64 MB file took 760 MB as one list of words): the terms and positions are the same."""
    import searchidx.engine.analysis as analysis

    text = " ".join(parts)
    words_filter = analysis.NewsWordFilter()
    whole = {t: list(p) for t, p in words_filter.index_positions(text).items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analysis, "LONG_TEXT", 7)
        sliced = {t: list(p) for t, p in words_filter.index_positions(text).items()}
    assert sliced == whole

