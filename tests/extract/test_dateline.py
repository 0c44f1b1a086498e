"""searchidx.extract.dateline: the place a story was filed from."""

from __future__ import annotations

import pytest

from searchidx.extract.dateline import extract_dateline
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


