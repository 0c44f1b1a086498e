"""Who said what, over the sample corpus: questions an analyst would ask, written from reading the
articles, answered by `quotes`; and one entry per person in the registry, never a place or outlet.

The expected quotes are phrases of what each person said in corpus/ (State Department releases,
public domain; en.kremlin.ru, CC BY 4.0; the seed article): a question passes when the first
quote is that person's and holds that phrase.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from searchidx import Filters, Index, UnknownFilterValue
from searchidx.naming.keys import name_tokens, place_parts, spelling_key

ROOT = Path(__file__).resolve().parent.parent

# (question, query text, --speaker value, the person, a phrase of the answering statement)
QUESTIONS = [
    ("What did Lavrov say about Central Asia?", "Central Asia", "Sergei Lavrov", "Sergey Lavrov",
     "Central Asian region"),
    ("Who spoke about Central Asia?", "Central Asia", None, "Sergey Lavrov", "Central Asian region"),
    ("What did Lavrov say about China's epidemic?", "epidemic", "Lavrov", "Sergey Lavrov", "war against the epidemic"),
    ("What did Lavrov say about mutual trust?", "mutual trust", "Sergey Lavrov", "Sergei Lavrov",
     "solid foundation for mutual trust"),
    ("What did Kuleba say about NATO?", "NATO", "Kuleba", "Dmytro Kuleba", "NATO is a choice of the people of Ukraine"),
    ("What did Kuleba say about a minor invasion?", "minor invasion", "Dmytro Kuleba", "Dmytro Kuleba",
     "Invasion is an invasion"),
    ("What did Kuleba say about the Budapest Memorandum?", "Budapest Memorandum", "Kuleba", "Dmytro Kuleba",
     "Budapest Memorandum is not a collective defense treaty"),
    ("What did Blinken say about genocide claims?", "genocide", "Tony Blinken", "Antony J. Blinken",
     "“genocide” going on is absolutely wrong"),
    ("What did Blinken say about the Taliban takeover?", "Taliban takeover", "Secretary Blinken", "Antony J. Blinken",
     "Taliban takeover"),
    ("What did the spokesman say about Xinjiang?", "Xinjiang", "Price", "Ned Price", "Xinjiang"),
    ("What did Sherman say about Nord Stream?", "Nord Stream", "Wendy R. Sherman", "Wendy R. Sherman",
     "opposition to the Nord Stream 2 pipeline"),
    ("What did Sherman say about Morocco's autonomy plan?", "autonomy plan", "Sherman", "Wendy R. Sherman",
     "Autonomy Plan as serious, credible, and realistic"),
    ("What did Wang Yi say about global issues?", "global issues", "Wang Yi", "Wang Yi", "major global issues"),
    ("What did Medvedev say about Uzbekistan?", "Uzbekistan partnership", "Dmitri Medvedev", "Dmitry Medvedev",
     "strategic partnership with Uzbekistan"),
    ("What did Xi say when Putin came to Hangzhou?", "Hangzhou", "Xi Jinping", "Xi Jinping", "here in Hangzhou"),
    ("What did Nazarbayev say about the Eurasian Economic Union?", "Eurasian Economic Union transport", "Nazarbayev",
     "Nursultan Nazarbayev", "logistics and transport connections are very important"),
    ("Who invoked the Welles Declaration?", "Welles Declaration", None, "Michael Carpenter", "Welles Declaration"),
    ("What did Kallas say about sanctions?", "sanctions package", "Kaja Kallas", "Kaja Kallas", "fourth package"),
    ("What did Putin say about the ABM Treaty?", '"ABM Treaty"', "Putin", "Vladimir Putin", "ABM Treaty"),
    ("Who talked about the Study in India program?", '"Study in India"', None, "S. Jaishankar", "Study in India"),
]
# Names the issue saw counted as speakers that are places, groups, companies or outlets.
NOT_PEOPLE = ["Kabul", "Doha", "Moderna", "Houthi", "ISIS-Khorasan", "Xinhua", "Kremlin"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with Index.open_or_create(tmp_path_factory.mktemp("corpus") / "index") as ix:
        ix.add(ROOT / "corpus")
        yield ix


@pytest.mark.parametrize("question, text, speaker, person, phrase", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_the_answering_statement_comes_first(corpus: Index, question: str, text: str, speaker: str | None,
                                             person: str, phrase: str) -> None:
    (entry,) = corpus.people(person)  # the registry's one entry for the person, however it spells the name
    result = corpus.quotes(text, filters=Filters(speaker=speaker), limit=5)
    assert result.quotes, question
    first = result.quotes[0]
    assert (first.speaker, phrase in first.snippet.text) == (entry.name, True), (question, first)
    if speaker is not None:  # every quote is that person's, in whatever spelling the article used
        assert {q.speaker for q in result.quotes} == {entry.name}


def test_quotes_are_only_the_speaker_s_words(corpus: Index) -> None:
    """The issue's first question, in a form corpus/ holds: articles quoting Putin mention Iran, but he
    says nothing of it there (a question put to someone else, or another speaker's words, is not his)."""
    articles = corpus.search("Iran", filters=Filters(speaker="Putin"), count=True)
    assert articles.total and articles.total >= 2
    assert corpus.quotes("Iran", filters=Filters(speaker="Putin"), count=True).total == 0


def test_a_quote_carries_its_article(corpus: Index) -> None:
    (q,) = corpus.quotes('"Central Asian region"', filters=Filters(speaker="Lavrov")).quotes
    assert q.said_as == "Sergei Lavrov" and q.role and q.cue
    assert q.article.title and q.article.title.startswith("Chinese, Russian FMs pledge mutual support")
    assert q.article.source == "Xinhua" and q.article.dateline and "MUNICH" in q.article.dateline.upper()
    assert corpus.get(q.article.id).title == q.article.title
    marked = {q.snippet.text[s:e] for s, e in q.snippet.matches}
    assert {"Central", "Asian", "region"} <= marked


def people_in_three_articles(corpus: Index) -> list[str]:
    return [p.name for p in corpus.people() if p.articles >= 3]


def test_every_frequent_speaker_is_one_distinct_person(corpus: Index) -> None:
    people = {p.name: p for p in corpus.people() if p.articles >= 3}
    assert len(people) >= 10
    # No two share a family name, nor does one's name hold the other's (as "Blinken" and "Antony J. Blinken" do).
    families = [name_tokens(n)[-1] for n in people]
    assert len(set(families)) == len(families), families
    for a in people:
        for b in people:
            if a != b:
                assert not set(name_tokens(a)) <= set(name_tokens(b)), (a, b)
    # Each alias names its own person and no other.
    for person in people.values():
        for alias in person.aliases:
            assert [p.name for p in corpus.people(alias)] == [person.name], alias


@pytest.mark.parametrize("names", [("Antony J. Blinken", "Blinken", "Tony Blinken", "Secretary Blinken"),
                                   ("Sergei Lavrov", "Sergey Lavrov", "Lavrov"), ("Ned Price", "Price")])
def test_one_person_by_any_of_their_names(corpus: Index, names: tuple[str, ...]) -> None:
    found = {tuple(p.name for p in corpus.people(n)) for n in names}
    assert len(found) == 1 and len(next(iter(found))) == 1
    counts = {corpus.search("", filters=Filters(speaker=n), count=True).total for n in names}
    assert len(counts) == 1


def test_no_place_organisation_or_outlet_is_a_person(corpus: Index) -> None:
    stats = corpus.stats(top=1000)
    places = {part for name, _ in stats.datelines for part in place_parts(name)}
    outlets = {spelling_key(name) for name, _ in stats.sources}
    everyone = [p.name for p in corpus.people()]
    assert not [n for n in everyone if spelling_key(n) in places | outlets]
    for name in NOT_PEOPLE:
        assert spelling_key(name) not in {spelling_key(a) for p in corpus.people() for a in p.aliases}
        with pytest.raises(UnknownFilterValue):
            corpus.people(name)


def test_stats_and_facets_show_each_person_once(corpus: Index) -> None:
    speakers = [name for name, _ in corpus.stats(top=50).speakers]
    assert len(speakers) == len(set(speakers))
    aliases = {alias for p in corpus.people() for alias in p.aliases if alias != p.name}
    assert {"Blinken", "Tony Blinken", "Price"} <= aliases and aliases.isdisjoint(speakers)
    facets = corpus.search("Russia", facets=True).facets
    assert facets is not None
    shown = [name for name, _ in facets.speakers]
    assert len(shown) == len(set(shown)) and "Blinken" not in shown and "Antony J. Blinken" in shown
