"""Whole-page text dumps -> blocks: a web page saved as one long line, cut back into its parts.

Some archives keep a page as the text of its whole DOM on one line: ``<title>`` first
("Headline - Site Name"), then menus, the headline again, the article's stamp ("( Xinhua )
10:08, November 19, 2020"), the story with its photo captions, credits, comment widgets and
"Most Read" lists. :func:`segment_dump` finds those parts the way a reader does: the headline is
the head of ``<title>`` that the page repeats, the story starts after the repeat (and its stamp)
and ends at the first closing marker; photo credits ("(Xinhua/Li Xueren)") end a caption block,
so a wire dateline after a caption opens a block of its own. A one-line text that does not read
this way is left to the ordinary line rules.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A dump is one line at least this long (a paragraph is rarely over 1,000 characters and is
# never a whole page with its menus).
DUMP_MIN_CHARS = 1500
# <title> parts: "Headline - Site Name", "Headline | Site".
TITLE_SEPARATOR = re.compile(r"\s+(?:-|\||–|—|::)\s+")
# The <title> text stands at the very start; its headline has a few words at least.
TITLE_WINDOW = 300
MIN_TITLE_WORDS = 3
# The article's stamp right after the displayed headline: "( Xinhua ) 10:08, November 19, 2020",
# "(People's Daily Online) 17:19, November 18, 2020", "Updated: 2020-11-19 10:08".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
STAMP = re.compile(
    r"\s*(?:\(\s*[^()]{2,60}?\s*\)\s*)?(?:(?:Updated|Published|Posted)\s*:?\s*)?(?:\d{1,2}:\d\d\s*,?\s*)?"
    r"(?:" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4}|\d{4}-\d\d-\d\d)"
    r"(?:\s*,?\s*\d{1,2}:\d\d(?::\d\d)?)?"
)
# Where the story ends: the site's closing lines, credits and widgets, as the page prints them.
# People's Daily Online closes with the first two; comment boxes and link lists follow on many sites.
END_MARKERS: tuple[str, ...] = (
    "(For the latest China news",
    "(Web editor:",
    "Add your comment",
    "Please enable JavaScript to view the comments",
    "Related reading",
    "Related Stories",
    "Related Articles",
    "We Recommend",
    "Most Read",
    "Most Popular",
)
# A photo credit ends a caption: "(Xinhua/Li Xueren)", "(Photo by Ting Shen/Xinhua)",
# "(People's Daily Online/ He Zhuoyan)", or ". /Xinhua" after the caption's sentence.
CAPTION_END = re.compile(r"\((?:Photo by )?[A-Z][\w.'’ -]{1,40}/\s?[^()/]{1,40}\)\s+|(?<=\.)\s+/[A-Z][\w]{1,20}\s+(?=[A-Z])")


@dataclass(frozen=True)
class Dump:
    """The parts of a one-line page dump: its headline, the stamp line and the story's blocks."""

    title: str
    info: tuple[str, ...]
    blocks: tuple[str, ...]


def _is_dump(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) == 1 and len(lines[0]) >= DUMP_MIN_CHARS


def _headline(text: str) -> tuple[str, int] | None:
    """The head of the page's <title> that the page repeats, and where the repeat ends."""
    best: tuple[str, int] | None = None
    for sep in TITLE_SEPARATOR.finditer(text[:TITLE_WINDOW]):
        head = text[: sep.start()].strip()
        if len(head.split()) < MIN_TITLE_WORDS:
            continue
        again = text.find(head, sep.end())
        if again >= 0 and (best is None or len(head) > len(best[0])):
            best = (head, again + len(head))
    return best


def segment_dump(raw: str) -> Dump | None:
    """Cut a one-line page dump into headline, stamp and story blocks; None when ``raw`` is not one."""
    if not _is_dump(raw):
        return None
    text = " ".join(html.unescape(raw).split())
    found = _headline(text)
    if found is None:
        return None
    title, start = found
    info: list[str] = []
    stamp = STAMP.match(text, start)
    if stamp is not None:
        info.append(stamp.group(0).strip())
        start = stamp.end()
    ends = [i for i in (text.find(marker, start) for marker in END_MARKERS) if i >= 0]
    story = text[start: min(ends) if ends else len(text)].strip()
    blocks: list[str] = []
    at = 0
    for m in CAPTION_END.finditer(story):
        blocks.append(story[at: m.end()].strip())
        at = m.end()
    blocks.append(story[at:].strip())
    return Dump(title=title, info=tuple(info), blocks=tuple(b for b in blocks if b))
