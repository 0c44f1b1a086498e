"""The name book: filters resolved to stored values, facets merged, saved and read back."""

from __future__ import annotations

import pytest

from searchidx.errors import UnknownFilterValue
from searchidx.models import Filters, NameEvidence
from searchidx.naming import NameBook, build_book

EVIDENCE = NameEvidence(
    documents=5,
    people_days=((("Sergei Lavrov", "Wang Yi"), "2020-02-16", 1), (("Sergey Lavrov",), "2022-07-28", 2),
                 (("Lavrov", "Kabul"), "2022-08-01", 1)),
    said=(("Sergei Lavrov", "Foreign Minister", 2), ("Kabul", "Embassy", 1)),
    datelines=(("MUNICH", 1), ("Munich, Germany", 2), ("Nur-Sultan", 1), ("Kabul", 1)),
    sources=(("U.S. Department of State", 3), ("Xinhua", 2)),
    days=(("2020-02-16", 1), ("2022-07-28", 2), ("2022-08-01", 2)),
)


@pytest.fixture
def book() -> NameBook:
    return build_book(EVIDENCE)


def test_filters_resolve_to_every_stored_spelling(book: NameBook) -> None:
    r = book.restriction(Filters(speaker="Lavrov", dateline="Munich", source="state.gov"))
    assert set(r.speakers or ()) == {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"}
    assert set(r.datelines or ()) == {"MUNICH", "Munich, Germany"}
    assert r.sources == ("U.S. Department of State",)


@pytest.mark.parametrize("filters, option, close", [
    (Filters(speaker="Lavrof"), "speaker", "Lavrov"),
    (Filters(dateline="Munchen"), "dateline", "Munich, Germany"),
    (Filters(source="Xinhau"), "source", "Xinhua"),
])
def test_a_value_naming_nothing_says_what_is_close(book: NameBook, filters: Filters, option: str, close: str) -> None:
    with pytest.raises(UnknownFilterValue, match=f"no {option} .*close: {close}") as err:
        book.restriction(filters)
    assert close in err.value.close


def test_facets_count_each_person_place_and_source_once(book: NameBook) -> None:
    facets = book.facets({("Sergei Lavrov", "Wang Yi"): 1, ("Sergey Lavrov", "Lavrov"): 2, ("Kabul",): 1},
                         {"MUNICH": 1, "Munich, Germany": 2}, {"Xinhua": 3}, {"2022-07-28": 2, "2022-08-01": 1})
    assert facets.speakers == (("Sergey Lavrov", 3), ("Wang Yi", 1))  # Kabul is no person
    assert facets.datelines == (("Munich, Germany", 3),)
    assert facets.sources == (("Xinhua", 3),)
    assert facets.months == (("2022-07", 2), ("2022-08", 1))


def test_the_book_reads_back_what_it_saves(book: NameBook) -> None:
    again = NameBook.from_json(book.to_json())
    assert again.registry.people == book.registry.people
    assert again.restriction(Filters(speaker="Sergei Lavrov")) == book.restriction(Filters(speaker="Sergei Lavrov"))
    assert (again.datelines, again.sources, again.days, again.documents) == (
        book.datelines, book.sources, book.days, book.documents)
