"""searchidx.extracting.title: the headline without the site's name."""

from __future__ import annotations

from searchidx.extracting.title import extract_title
from searchidx.models import Page


def page(body: str = "", **kw: object) -> Page:
    return Page(path="p.txt", body=body, **kw)  # type: ignore[arg-type]


def test_title_prefers_the_cleaners_title() -> None:
    assert extract_title(page(title="Headline", meta=(("og:title", "Other"),))) == "Headline"


def test_title_strips_site_name_suffixes() -> None:
    assert extract_title(page(title="Talks held • President of Russia")) == "Talks held"
    meta = (("og:site_name", "Daily Planet"), ("og:title", "Talks held | Daily Planet"))
    assert extract_title(page(meta=meta)) == "Talks held"


def test_title_missing() -> None:
    assert extract_title(page("body")) is None
    assert extract_title(page(title="President of Russia", meta=(("og:site_name", "President of Russia"),))) is None


