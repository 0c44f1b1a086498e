"""Which words of an article make its "more like this" query (engine/similar.significant), for both engines."""

from __future__ import annotations

from searchidx.engine.similar import SIMILAR_TERMS, significant


def words_of(counts: dict[str, int], df: dict[str, int], n: int = 100, group: int = 1) -> list[str]:
    return [w for _, w in significant(counts, df.__getitem__, n, group)]


def test_the_matters_own_words_count_even_when_a_third_of_the_folder_uses_them() -> None:
    # A folder about one region: "kyrgyzstan" is in 30 of 100 articles, and this one is about it.
    chosen = words_of({"kyrgyzstan": 9, "ratification": 2, "said": 12},
                      {"kyrgyzstan": 30, "ratification": 4, "said": 90})
    assert "kyrgyzstan" in chosen
    assert "said" not in chosen  # in nine articles of ten: says nothing about a matter


def test_a_word_the_article_repeats_outweighs_one_it_mentions_once() -> None:
    # Three mentions of a word in a fifth of the folder against one of a word in three articles:
    # the article's count, as it is, times idf (3 x ln 5 = 4.8 against ln 33 = 3.5).
    chosen = words_of({"grain": 3, "spokeswoman": 1}, {"grain": 20, "spokeswoman": 3})
    assert chosen == ["grain", "spokeswoman"]


def test_words_only_the_articles_own_copies_hold_are_left_out() -> None:
    chosen = words_of({"ashgabat": 4, "gas": 2}, {"ashgabat": 3, "gas": 10}, group=3)
    assert chosen == ["gas"]


def test_figures_and_one_letter_words_are_never_chosen() -> None:
    assert words_of({"1,500": 5, "2022": 3, "x": 4, "tariffs": 1},
                    {"1,500": 2, "2022": 2, "x": 2, "tariffs": 5}) == ["tariffs"]


def test_at_most_similar_terms_words_weighted_against_the_strongest() -> None:
    counts = {f"w{i:03d}": 1 + i % 7 for i in range(SIMILAR_TERMS * 2)}
    got = significant(counts, lambda w: 5, 100, 1)
    assert len(got) == SIMILAR_TERMS
    assert got[0][0] == 1.0 and all(0 < s <= 1.0 for s, _ in got)
    assert [s for s, _ in got] == sorted((s for s, _ in got), reverse=True)
