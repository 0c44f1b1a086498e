"""searchidx.extracting.dateline: the place a story was filed from."""

from __future__ import annotations

import pytest

from searchidx.extracting.dateline import extract_dateline
from searchidx.models import Page


def page(body: str = "", **kw: object) -> Page:
    return Page(path="p.txt", body=body, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("body", "expected"), [
    ("MUNICH — State Councilor Wang Yi met Lavrov.", "MUNICH"),
    ("BEIJING, Feb. 15 (Xinhua) -- Text.", "BEIJING"),
    ("WASHINGTON, March 3 - Text.", "WASHINGTON"),
    ("ROCHESTER, N.Y., March 3 - Text.", "ROCHESTER, N.Y."),
    ("MINNETONKA, Minn. March 16 - Text.", "MINNETONKA, Minn."),
    ("NEW YORK , March 20 - Text.", "NEW YORK"),
    ("NEW YORK, MARCH 11 - Text.", "NEW YORK"),
    ("CHICAGO, March 4- Text.", "CHICAGO"),
    ("MONTREAL, March 20, Reuter - Text.", "MONTREAL"),
    ("FORT WORTH, Texas, - Text.", "FORT WORTH, Texas"),
    ("omaha, april 7 - barrow prices rose.", "omaha"),
    ("Toronto, March 17 - Text.", "Toronto"),
    ("LOS ANGELES, Sept. 28 (UPI) — Text.", "LOS ANGELES"),
    ("MOSCOW, June 5. /TASS/. Text.", "MOSCOW"),
    ("PARIS (AFP) - Text.", "PARIS"),
    ("****PARIS, June 19 - Text.", "PARIS"),
    ("A photo caption.\n\nASTANA, May 5 (Xinhua) -- Text.", "ASTANA"),
    ("NEWPORT NEWS, Va. - Text.", "NEWPORT NEWS, Va."),
    ("IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Mark Blumenthal wrote.", None),
    ("Wang said that Russia - and China - agree.", None),
    ("SECRETARY BLINKEN: Thank you.", None),
    ("The company said - in a statement - it agreed.", None),
    ("", None),
])
def test_dateline_from_body(body: str, expected: str | None) -> None:
    assert extract_dateline(page(body)) == expected


def test_dateline_prefers_the_pages_place() -> None:
    p = page("MOSCOW, June 5 - Text.", meta=(("place", "The Kremlin,\u00a0Moscow"),))
    assert extract_dateline(p) == "The Kremlin, Moscow"




# --- every wire and newspaper style, and nothing invented

@pytest.mark.parametrize(("body", "expected"), [
    ("MEXICO CITY (AP) — Mexico's economy grew.", "MEXICO CITY"),
    ("Tripoli, Libya (CNN) -- Rebels advanced.", "Tripoli, Libya"),
    ("UNITED NATIONS, Oct 3 (Reuters) - The council met.", "UNITED NATIONS"),
    ("DUBLIN — She has slammed the treaty.", "DUBLIN"),
    ("NEW DELHI: The ministry said on Monday that talks went well.", "NEW DELHI"),
    ("NEW DELHI:\n\nThe ministry said on Monday that talks went well.", "NEW DELHI"),
    ("KUALA LUMPUR: Ministers met in a new building downtown.", "KUALA LUMPUR"),
    # labels, speakers and decks before a colon are no places
    ("WATCH: the minister speaks. You can watch it here.", None),
    ("BREAKING: Talks collapse.", None),
    ("SECRETARY BLINKEN: Thank you.", None),
    ("CHINESE AGGRESSION: Ships were seen near the reef.", None),
    ("SHOCKING: A shocking turn of events.", None),
    ("CCTV: What is your comment?\n\nZhao Lijian: We oppose it.\n\nAFP: And the talks?", None),
    ("A: We oppose it.", None),
])
def test_dateline_styles(body: str, expected: str | None) -> None:
    assert extract_dateline(page(body)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("21 October 2025 • Duqm, Oman", "Duqm, Oman"),
    ("RIVERTOWN | March 3, 2024", "RIVERTOWN"),
    ("Published 5 hours ago", None),
    ("March 3, 2024 10:00", None),
    ("By Jane Roe", None),
])
def test_a_sites_dateline_element_less_its_date(text: str, expected: str | None) -> None:
    assert extract_dateline(page("Text.", meta=(("dateline_text", text),))) == expected


@pytest.mark.parametrize(("byline", "expected"), [
    ("Associated Press in Valencia", "Valencia"),
    ("Staff and agencies in Beijing", "Beijing"),
    ("AFP, MANILA", "MANILA"),
    ("Reuters in New York", "New York"),
    ("Jane Roe in Paris", None),
    ("Jane Roe, Reuters", None),
    ("By Jane Roe", None),
])
def test_an_agency_byline_with_a_place(byline: str, expected: str | None) -> None:
    assert extract_dateline(page("The fire spread overnight.", meta=(("byline", byline),))) == expected


def test_the_body_dateline_beats_a_byline() -> None:
    p = page("ROME (AP) — Text.", meta=(("byline", "Associated Press in Valencia"),))
    assert extract_dateline(p) == "ROME"


@pytest.mark.parametrize(("body", "expected"), [
    ("AFP, MANILA\n\nThe coast guard said on Monday that ships had left.", "MANILA"),
    ("Staff writer, with CNA\n\nThe legislature passed the bill.", None),
    ("Jane Roe, Reuters\n\nThe ministry said talks went well.", None),
])
def test_an_agency_byline_opening_the_text(body: str, expected: str | None) -> None:
    assert extract_dateline(page(body)) == expected
