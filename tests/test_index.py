"""Searching through the library: filters, sorting, snippets, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from searchidx.errors import IndexNotFound, QueryError
from searchidx.engine.query import parse_query
from searchidx import Filters, Index
from searchidx.engine.analysis import text_analyzer
from searchidx.engine.highlight import make_snippet

SEED = "000_147f1172ebdf106e.txt"


def names(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [Path(h.path).name for h in result.hits]


@pytest.fixture
def ix(index_dir: Path) -> Index:
    with Index.open(index_dir) as index:
        yield index  # type: ignore[misc]


def test_open_missing_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="run `searchidx index"):
        Index.open(tmp_path / "nothing")


@pytest.mark.parametrize("speaker", ["Lavrov", "Sergei Lavrov", "sergei lavrov", "LAVROV"])
def test_speaker_filter_matches_surname_or_full_name(ix: Index, speaker: str) -> None:
    assert names(ix.search("Russia", filters=Filters(speaker=speaker))) == [SEED]


def test_speaker_field_query(ix: Index) -> None:
    assert names(ix.search("speaker:lavrov")) == [SEED]
    assert names(ix.search('speaker:"wang yi"')) == [SEED]


def test_filter_without_words_lists_matching_articles(ix: Index) -> None:
    assert names(ix.search("", filters=Filters(dateline="Munich"))) == [SEED]
    assert names(ix.search("", filters=Filters(source="xinhua"))) == [SEED]


def test_until_and_since_are_inclusive(ix: Index) -> None:
    day = dt.date(2020, 2, 16)
    assert names(ix.search("Russia", filters=Filters(since=day, until=day))) == [SEED]
    assert names(ix.search("Russia", filters=Filters(until=day - dt.timedelta(days=1)))) == []
    assert names(ix.search("Russia", filters=Filters(since=day + dt.timedelta(days=1)))) == []


def test_date_range_query(ix: Index) -> None:
    assert names(ix.search("date:[2020-01-01 to 2020-03-01]")) == [SEED]
    assert names(ix.search("date:[2021-01-01 to 2021-03-01]")) == []


def test_since_after_until_is_an_error(ix: Index) -> None:
    with pytest.raises(QueryError, match="after"):
        ix.search("x", filters=Filters(since=dt.date(2021, 1, 1), until=dt.date(2020, 1, 1)))


def test_place_folding_finds_demonyms(ix: Index) -> None:
    assert SEED in names(ix.search("China"))           # text says "Chinese" in the title
    assert "tashkent.txt" in names(ix.search("Uzbekistan"))  # and "Uzbek" in the body
    (hit,) = [h for h in ix.search("Central Asia").hits if h.path.endswith(SEED)]
    spans = {hit.snippet.text[s:e] for s, e in hit.snippet.matches}
    assert {"Central", "Asian"} <= spans


def test_all_words_rank_above_some_words(ix: Index) -> None:
    result = ix.search("foreign ministers sanctions")
    assert names(result)[0] == "brussels.txt"        # the only one with all three words
    assert len(result.hits) == 3                     # the others still rank below


def test_long_question_still_returns_results(ix: Index) -> None:
    result = ix.search("what did the ministers of the countries of Central Asia say about water and trade routes")
    assert names(result)[0] == "tashkent.txt"


def test_sort_by_date_puts_dated_articles_newest_first(ix: Index) -> None:
    result = ix.search("ministers", sort="date")
    dates = [h.date for h in result.hits if h.date is not None]
    assert dates == sorted(dates, reverse=True)


def test_phrase_and_not(ix: Index) -> None:
    assert names(ix.search('"strategic partnership"')) == [SEED]
    assert sorted(names(ix.search("ministers NOT sanctions"))) == [SEED, "tashkent.txt"]
    assert sorted(names(ix.search("NOT Russia"))) == ["brussels.txt", "tashkent.txt"]


def test_limit_and_total(ix: Index) -> None:
    result = ix.search("ministers OR Russia", limit=1, count=True)
    assert len(result.hits) == 1 and result.total == 3


def test_total_left_uncounted_only_when_asked_and_unknown(ix: Index) -> None:
    assert ix.search("ministers OR Russia", limit=1).total is None  # not counted by default
    assert ix.search("ministers OR Russia", limit=5, count=False).total == 3  # all collected: known
    assert ix.search("ministers OR Russia", limit=1, count=False).hits == ix.search("ministers OR Russia", limit=1).hits


def test_get_returns_stored_article(ix: Index, news_dir: Path) -> None:
    doc = ix.get(str(news_dir / SEED))
    assert doc.title == "Chinese, Russian FMs pledge mutual support on core interests"
    assert doc.body.startswith("MUNICH")


def test_stats_counts(ix: Index) -> None:
    st = ix.stats()
    assert st.documents == 3
    assert st.first_date == "2020-02-16" == st.last_date or st.first_date is not None
    assert dict(st.speakers)["Sergei Lavrov"] == 1


def test_search_sees_a_commit_made_after_it_opened(ix: Index, news_dir: Path, index_dir: Path) -> None:
    from searchidx.indexing import update_index

    assert names(ix.search("Kyrgyzstan")) == []
    (news_dir / "bishkek.txt").write_text("Kyrgyz talks\n\nBISHKEK, May 5 - Kyrgyz officials met.\n", encoding="utf-8")
    update_index(index_dir, [news_dir], workers=1)
    assert names(ix.search("Kyrgyzstan")) == ["bishkek.txt"]


def test_snippet_spans_point_at_the_matched_words() -> None:
    body = "Long text. " * 40 + "The Central Asian region matters. " + "Filler. " * 40
    snip = make_snippet(body, frozenset({"central", "asia"}), text_analyzer())
    assert [snip.text[s:e] for s, e in snip.matches] == ["Central", "Asian"]
    assert len(snip.text) < len(body)
    # A passage from inside the text says so at both ends; one that holds it whole does not.
    assert snip.text.startswith("… ") and snip.text.endswith(" …")
    whole = make_snippet("The Central Asian region matters.", frozenset({"central"}), text_analyzer())
    assert whole.text.startswith("The Central") and "…" not in whole.text and whole.matches == ((4, 11),)


def test_snippet_without_terms_is_the_start_of_the_body() -> None:
    snip = make_snippet("word " * 200, frozenset(), text_analyzer())
    assert snip.matches == () and snip.text.startswith("word word") and snip.text.endswith("…")


def test_snippets_memoised_per_word_equal_full_analysis_and_repeat() -> None:
    from whoosh import highlight

    from searchidx.read import read_articles
    from searchidx.engine.highlight import SNIPPET_CHARS, SNIPPET_SURROUND, _best_fragments, _SpanFormatter

    analyzer = text_analyzer()
    golden = Path(__file__).resolve().parent / "golden"
    bodies = [a.body for f in sorted(golden.iterdir()) if f.suffix in (".txt", ".html", ".jsonl")
              for a in read_articles(f)]
    for body in bodies:
        words = [t.text for t in analyzer(body)]
        for terms in (frozenset(words[::7][:3]), frozenset(words[-2:]), frozenset({"russia", "minist"})):
            tokens = highlight.set_matched_filter(analyzer(body, chars=True, mode="query", removestops=False), terms)
            fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND)
            full = _SpanFormatter().format(_best_fragments(fragmenter.fragment_tokens(body, tokens)))
            assert make_snippet(body, terms, analyzer) == make_snippet(body, terms, analyzer)
            if full.text:
                assert make_snippet(body, terms, analyzer) == full


@pytest.mark.parametrize("text", ["ministers", "ministers Russia", "Central Asia talks", '"foreign ministers"',
                                  "ministers NOT sanctions", "speaker:lavrov OR ministers"])
def test_total_counts_exactly_what_matches(ix: Index, text: str) -> None:
    searcher = ix._reader._current()
    everything = searcher.search(parse_query(text, searcher.schema), limit=None)
    assert ix.search(text, limit=1, count=True).total == len(everything)


def test_prefix_finds_words_whose_stem_is_shorter_than_the_prefix(ix: Index) -> None:
    # "cooperation" and "coordination" are indexed as "cooper" and "coordin".
    assert sorted(names(ix.search("cooperat*"))) == [SEED, "tashkent.txt"]
    assert names(ix.search("coordinat*")) == [SEED]
    hit = [h for h in ix.search("cooperat*").hits if h.path.endswith("tashkent.txt")][0]
    assert "cooperation" in {hit.snippet.text[s:e].lower() for s, e in hit.snippet.matches}


def test_snippet_marks_are_the_same_whether_or_not_words_are_skipped_unanalysed() -> None:
    # Stems keep their first letter ("dying" -> "die", "policies" -> "polici"); demonyms map to places.
    body = ("Dying policies: the Chinese envoy said the Sino-Russian talks on skies and policy went on. "
            "Éire and Eire. " * 3)
    analyzer = text_analyzer()
    for words in ({"die"}, {"polici"}, {"china"}, {"russia", "sky"}, {"eir"}):
        terms = frozenset(words)
        snip = make_snippet(body, terms, analyzer)
        expected = {(t.startchar, t.endchar) for t in analyzer(snip.text, chars=True, mode="query", removestops=False)
                    if t.text in terms}
        assert set(snip.matches) == expected and expected, words


def test_one_index_serves_several_threads_as_one(tmp_path: Path) -> None:
    """Four threads share one Index (as a web app's request threads do): every answer equals the
    single-threaded one, and nothing raises. Each thread has its own searcher (engine/reader.py)."""
    import random
    import threading

    from searchidx.indexing import update_index

    words = "oil prices envoy talks grain corridor bank banking minister summit trade tariffs".split()
    folder = tmp_path / "news"
    folder.mkdir()
    rng = random.Random(4)
    for i in range(150):
        (folder / f"s{i:03d}.txt").write_text(
            f"{' '.join(rng.sample(words, 3)).title()}\n\nGENEVA, May {1 + i % 28} (Reuters) - "
            f"{' '.join(rng.choices(words, k=rng.randint(20, 400)))}, Sergei Lavrov said.\n", encoding="utf-8")
    update_index(tmp_path / "ix", [folder], workers=1)
    queries = ["oil", "oil prices", '"grain corridor"', "bank*", "*", "envoy NOT talks", "speaker:lavrov oil",
               "oil prices envoy talks grain corridor", "date:[2020-05-01 to 2020-05-10]", "trad* OR tarif*"]
    with Index.open(tmp_path / "ix") as ix:
        def answer(text: str) -> object:
            result = ix.search(text, limit=20, count=True)
            docs = [ix.get(h.id).body[:40] for h in result.hits[:3]]
            return [(h.id, round(h.score, 9), h.snippet) for h in result.hits], result.total, docs

        expected = {q: answer(q) for q in queries}
        expected_stats = ix.stats()
        failures: list[str] = []

        def hammer(seed: int) -> None:
            order = random.Random(seed)
            try:
                for _ in range(15):
                    q = order.choice(queries)
                    if answer(q) != expected[q]:
                        failures.append(f"{q!r} differs")
                    if order.random() < 0.2 and ix.stats() != expected_stats:
                        failures.append("stats differ")
            except Exception as err:  # noqa: BLE001 - any exception in a thread is the failure
                failures.append(f"{type(err).__name__}: {err}")

        threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []


@pytest.mark.parametrize("filler", [40_000, 300_000])
def test_a_match_far_into_a_long_body_is_in_the_snippet(filler: int) -> None:
    """Whoosh's fragmenter stopped at 32,768 characters: a long transcript's snippet showed its opening,
    without the match (issue 15; the README's loop over ``hit.snippet.matches`` then found none)."""
    body = "Opening remarks about the weather. " * (filler // 35) + "Then the JCPOA came up. " + "Closing. " * 50
    snip = make_snippet(body, frozenset({"jcpoa"}), text_analyzer())
    assert [snip.text[s:e] for s, e in snip.matches] == ["JCPOA"]


def test_highlight_marks_every_match_in_a_whole_text(ix: Index, news_dir: Path) -> None:
    body = ix.get(str(news_dir / SEED)).body
    marked = ix.highlight(body, "Russia ministers")
    assert marked.text == body
    words = [body[s:e].lower() for s, e in marked.matches]
    assert words.count("russia") + words.count("russian") == len(
        [w for w in body.lower().replace("-", " ").split() if w.strip(".,\"'()").startswith("russia")])
    assert "minister" in words and set(words) <= {"russia", "russian", "ministers", "minister"}
    assert list(marked.matches) == sorted(marked.matches) and len(words) > 2


def test_highlight_agrees_with_the_snippet_and_marks_nothing_for_an_empty_query(ix: Index) -> None:
    hit = ix.search("cooperat*").hits[0]
    assert ix.highlight(hit.snippet.text, "cooperat*").matches == hit.snippet.matches
    assert ix.highlight("Russia and China", "") == ix.highlight("Russia and China", "AND OR") == \
        type(hit.snippet)("Russia and China")
    with pytest.raises(QueryError):
        ix.highlight("Russia", "date:[foo to bar]")
