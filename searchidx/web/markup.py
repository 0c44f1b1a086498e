"""Snippets, article text and links -> HTML: the only place the web app writes markup itself.

Every piece of document text is escaped (markupsafe) before ``<mark>`` and ``<p>`` are put
around it, so a title, snippet, speaker or file name is shown as the characters it holds,
whatever it holds. A document's own link is a link only when it is http(s): a
``javascript:`` or ``data:`` URL is shown as text, never followed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..models import Snippet

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
LINK_SCHEMES = ("http", "https")


def marked(snippet: Snippet, *, first_id: str | None = None) -> Markup:
    """The snippet's text escaped, each match wrapped in ``<mark>``; the first gets ``id=first_id``."""
    return paragraphs(snippet, first_id=first_id, tag=None)[0] if snippet.text else Markup("")


def paragraphs(snippet: Snippet, *, first_id: str | None = None, tag: str | None = "p",
               anchors: Sequence[tuple[int, str]] = ()) -> list[Markup]:
    """A whole text as escaped paragraphs with every match marked and ``anchors`` (offset, id) placed.

    Lines are paragraphs (the cleaner leaves one paragraph per line). A match never spans a
    line break (it is one word), and an anchor falling inside a match is placed after it.
    """
    text = snippet.text
    pieces = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)] if tag else []
    bounds = [0] + [e for _, e in pieces], [s for s, _ in pieces] + [len(text)]
    matches = sorted(snippet.matches)
    pending = sorted(anchors)
    out: list[Markup] = []
    first = first_id
    m = a = 0
    for start, end in zip(*bounds):
        parts: list[str] = []
        pos = start
        while True:
            next_match = matches[m] if m < len(matches) and matches[m][0] < end else None
            next_anchor = pending[a] if a < len(pending) and pending[a][0] < end else None
            if next_match is None and next_anchor is None:
                break
            if next_anchor is not None and (next_match is None or next_anchor[0] <= next_match[0]):
                at = max(next_anchor[0], pos)
                parts += [escape(text[pos:at]), Markup('<span class="anchor" id="%s"></span>') % next_anchor[1]]
                pos = at
                a += 1
                continue
            assert next_match is not None
            s, e = max(next_match[0], pos), min(next_match[1], end)
            if s < e:
                attr = Markup(' id="%s"') % first if first else Markup("")
                first = None
                parts += [escape(text[pos:s]), Markup("<mark%s>%s</mark>") % (attr, text[s:e])]
                pos = e
            m += 1
        parts.append(escape(text[pos:end]))
        html = Markup("").join(parts)
        if tag is None:
            out.append(html)
        elif text[start:end].strip():
            out.append(Markup("<%s>%s</%s>") % (Markup(tag), html, Markup(tag)))
    return out


def link_url(url: str | None) -> str | None:
    """The document's URL when it may be a link (http or https with a host); else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return url.strip()
