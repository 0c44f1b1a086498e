"""Page -> source: which agency or publisher the story comes from.

A cascade, most specific evidence first: the page's info lines ("Updated: ... Xinhua",
"Source: China Daily"), the agency a wire dateline names ("(Xinhua)", "/TASS/"), a wire
signature on the last line ("Reuter", "(Reporting by ...)"), the site's own name
(``og:site_name``), and last the URL's host. The tables are data: a row per agency or host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..models import Page
from .agencies import agency_in, source_of_host
from .dateline import first_paragraphs, match_dateline

SITE_NAME_KEYS: tuple[str, ...] = ("og:site_name", "application-name", "publisher", "source", "dc.publisher")
URL_KEYS: tuple[str, ...] = ("og:url", "canonical", "url", "link")
SOURCE_INFO = re.compile(r"^Sources?\s*[:：]\s*(?P<rest>.+)", re.I)
# Info lines that credit someone else than the story's source: "Photo: AP", "Editor: ...".
CREDIT_INFO = re.compile(r"^(?:Photos?|Editors?|Editor in charge|Responsible editor|Web editor|Reporter|Writer|Author)\b", re.I)
# A site named by its domain in an info line: "Updated: Feb 16,2020 10:16 AM english.gov.cn".
_DOMAIN = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|ru|net|org|gov|kr|jp)\b")
# A wire story's signature on its last line: "Reuter", "(Reporting by ...; Editing by ...)".
# Each branch opens with a literal character, so that the search skips ahead to it instead of
# trying every position of the tail; "(?<!\S.)" after it says that a space or the start of the
# text comes before it.
SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Reuters", re.compile(r"R(?<!\S.)euters?\s*$|\(Reporting by [^)]*\)\s*$")),
    ("AP", re.compile(r"\((?<!\S.)AP\)?\s*$|A(?<!\S.)P\)?\s*$")),
)


def _norm(text: str) -> str:
    """White space collapsed."""
    return " ".join(text.split())


def host_of(url: str | None) -> str | None:
    """The lower-cased host of a URL, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def page_url(page: Page) -> str | None:
    """The page's own absolute URL: the cleaner's, else a canonical URL in its metadata."""
    for value in ([page.url] if page.url else []) + page.meta_values(*URL_KEYS):
        if value.startswith(("http://", "https://")):
            return value
    return None


def extract_source(page: Page) -> str | None:
    """The agency or publisher: info lines, dateline agency, signature, site name, URL host."""
    for line in page.info:
        if CREDIT_INFO.match(line):
            continue
        found = agency_in(line) or next(
            (src for src in map(source_of_host, _DOMAIN.findall(line.lower())) if src), None)
        if found:
            return found
    for line in page.info:
        m = SOURCE_INFO.match(line)
        if m:
            return _norm(m.group("rest"))[:60].rstrip(".")
    for paragraph in first_paragraphs(page.body):
        m = match_dateline(paragraph)
        if m:
            tag = _norm(m.group("agency") or m.group("agency2") or m.group("sig") or "")
            # the parenthesis after a dateline names the agency, known to us or not ("(Kazinform)")
            if tag:
                return agency_in(tag) or (tag if tag[0].isupper() else None) or _signature(page.body)
            break
    signed = _signature(page.body)
    if signed:
        return signed
    site_names = page.meta_values(*SITE_NAME_KEYS)
    if site_names:
        return agency_in(site_names[0]) or _norm(site_names[0])
    return source_of_host(host_of(page_url(page)))


def _signature(body: str) -> str | None:
    """The agency that signed the story's last line ("Reuter", "(Reporting by ...)")."""
    last = body[-200:]
    return next((name for name, pattern in SIGNATURES if pattern.search(last)), None)
