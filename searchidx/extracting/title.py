"""Page -> title: the headline, without the site's name.

The cleaner's title (a JSONL field, a text dump's headline line, the HTML page's headline)
comes first, then ``og:title`` and the like; a site-name suffix (" • President of Russia",
" | Daily Planet") is removed, but a title that is only the site's name is no headline.
"""

from __future__ import annotations

import re

from ..models import Page
from .source import SITE_NAME_KEYS

TITLE_KEYS: tuple[str, ...] = ("og:title", "twitter:title", "dc.title", "title", "headline")
# Site names appended to <title>: " • President of Russia", " - Xinhua | English.news.cn".
TITLE_SUFFIX = re.compile(
    r"\s+[|•·–—-]\s+(?:President of Russia|Xinhua\b.*|english\.news\.cn|english\.gov\.cn|China Daily.*|CGTN|"
    r"TASS|Reuters|AP News|U\.S\. Department of State|United States Department of State)\s*$",
    re.I,
)
SEPARATORS = (" | ", " • ", " - ", " – ", " — ")


def _norm(text: str) -> str:
    """White space collapsed."""
    return " ".join(text.split())


def extract_title(page: Page) -> str | None:
    """The headline: the cleaner's title, then og:title and the like, without a site-name suffix."""
    candidates = ([page.title] if page.title else []) + page.meta_values(*TITLE_KEYS)
    site_names = {_norm(s).casefold() for s in page.meta_values(*SITE_NAME_KEYS)}
    for raw in candidates:
        title = TITLE_SUFFIX.sub("", _norm(raw))
        for sep in SEPARATORS:
            head, _, tail = title.rpartition(sep)
            if head and tail.casefold() in site_names:
                title = head
        if title and title.casefold() not in site_names:
            return title
    return None
