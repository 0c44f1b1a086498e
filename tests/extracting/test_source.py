"""searchidx.extracting.source: the agency or publisher of a story."""

from __future__ import annotations

import pytest

from searchidx.extracting.dates import SOURCE_TIME_ZONES
from searchidx.extracting.agencies import AGENCIES, HOST_SOURCES
from searchidx.extracting.source import extract_source
from searchidx.models import Page


def page(body: str = "", **kw: object) -> Page:
    return Page(path="p.txt", body=body, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("p", "expected"), [
    (page(info=("Updated: Feb 16,2020 10:16 AM Xinhua",)), "Xinhua"),
    (page(info=("Source: China Daily",)), "China Daily"),
    (page(info=("Source: Astana Times",)), "Astana Times"),
    (page(info=("Updated: Feb 16,2020 10:16 AM english.gov.cn",)), "english.gov.cn"),
    (page(info=("Source: www.chinadaily.com.cn",)), "China Daily"),
    (page("BEIJING, Feb. 15 (Xinhua) -- Text."), "Xinhua"),
    (page("LOS ANGELES, Sept. 28 (UPI) — Text."), "UPI"),
    (page("MOSCOW, June 5. /TASS/. Text."), "TASS"),
    (page("ALMATY, Kazakhstan (AP) — Text."), "AP"),
    (page("ASTANA, March 3 (Kazinform) - Text."), "Kazinform"),
    (page("NEW YORK, March 3 - Text.\n\nMore text.\n Reuter"), "Reuters"),
    (page("Text. (Reporting by Jane Doe; Editing by John Roe)"), "Reuters"),
    (page(meta=(("og:site_name", "President of Russia"),)), "Kremlin"),
    (page(meta=(("og:site_name", "Daily Planet"),)), "Daily Planet"),
    (page(url="https://www.state.gov/briefings/"), "U.S. Department of State"),
    (page(meta=(("og:url", "http://en.kremlin.ru/events/president/news/1"),)), "Kremlin"),
    (page("Wang said AP and AM are letters."), None),
    (page("Text.", info=("Photo: AP", "Updated: Feb 16,2020 10:16 AM Xinhua")), "Xinhua"),
])
def test_source(p: Page, expected: str | None) -> None:
    assert extract_source(p) == expected




def test_every_source_zone_is_a_known_source() -> None:
    names = {name for name, _ in AGENCIES} | set(HOST_SOURCES.values())
    assert set(SOURCE_TIME_ZONES) <= names
