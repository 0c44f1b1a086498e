"""Line rules, as data: which short lines of a page are chrome rather than article text.

`clean` checks every line (and every paragraph) of a text dump, an HTML page's blocks or a
JSONL record's body against these tables: navigation and language-switch lines are dropped;
info lines ("Updated: ...", "Source: ...", share links, copyright footers) are dropped from
the body but kept in ``Page.info``; header lines (a clock time, a section label) and bylines
count only above the article, and place lines only under a byline. Every rule is anchored at
the start of the line, and lines longer than ``MAX_RULE_LINE`` are never chrome. Adding a rule
is a one-line change here with an example beside it in `tests/cleaning/test_lines.py`.
"""

from __future__ import annotations

import re

# Lines longer than this are article text, never chrome: rules only look at short lines.
MAX_RULE_LINE = 300

# Rules that look for a phrase anywhere in a line, where the regex engine takes a step per
# character; each is tried only on lines that hold its keyword (see KEYWORDS below).
_ALL_RIGHTS = re.compile(r"^.{0,150}\bAll rights reserved\.?$", re.I)
_COOKIES = re.compile(
    r"^(?=.*\bcookies?\b)(?=.*\b(?:accept|consent|cookie policy|privacy policy|this (?:web)?site|we use)\b)", re.I)
# A newsletter box between paragraphs: "... sign up for our newsletters so we can keep you informed."
_NEWSLETTER = re.compile(
    r"^.{0,200}\b(?:sign up (?:for|to) (?:our|the) (?:[\w’'-]+ ){0,3}newsletters?|subscribe to (?:our|the) "
    r"(?:[\w’'-]+ ){0,3}newsletters?)\b", re.I)

# Info lines: read (kept in Page.info), then dropped from the body.
INFO_RULES: tuple[re.Pattern[str], ...] = (
    # "Updated: Feb 16,2020 10:16 AM Xinhua", "Source: Xinhua", "Editor: Liang Jun"
    re.compile(
        r"^(?:Updated|Last updated|Published|Posted|Released|Date|Source|Sources|Editor|Editors|"
        r"Editor in charge|Responsible editor|Web editor|Author|Writer|Reporter|Byline|Photo|Photos)"
        r"\s*[:：]\s*\S",
        re.I,
    ),
    # share and print links: "Print | E-mail", "Share this:", "Facebook Twitter WeChat"
    re.compile(
        r"^(?:(?:Print|E-?mail|Share(?: this(?: article| story| page)?)?|Tweet|Copy link|Font size)\s*:?$"
        r"|(?:(?:Print|E-?mail|Share|Tweet|Facebook|Twitter|WeChat|Weibo|LinkedIn|WhatsApp|Telegram|Reddit|VK|"
        r"Copy link|A\+|A-)\s*(?:[|/·,]\s*|\s)){1,}"
        r"(?:Print|E-?mail|Share|Tweet|Facebook|Twitter|WeChat|Weibo|LinkedIn|WhatsApp|Telegram|Reddit|VK|"
        r"Copy link|A\+|A-)\s*$)",
        re.I,
    ),
    # a wire signature alone on the last line: "Reuter"
    re.compile(r"^(?:Reuters?|REUTERS?|AP|AFP|UPI)$"),
    # copyright footers: "Copyright © 2020 Xinhua", "© The State Council", "All rights reserved."
    re.compile(r"^(?=.{0,150}$)(?:Copyright\b|©|\(c\)\s*\d{4})", re.I),
    _ALL_RIGHTS,
    # en.kremlin.ru's licence footer and page-history lines
    re.compile(r"^(?:All content on this site is licensed under|Creative Commons Attribution [\d.]+ International$)"),
    re.compile(r"^(?:Last updated (?:at|on) |Published in section:)"),
    # a date alone on a line (with its time): the page's dateline block ("August 27, 2005")
    re.compile(
        r"^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}"
        r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{4}|\d{4}-\d\d-\d\d)"
        r"(?:,? \d{1,2}:\d\d(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,4})?)?$"
    ),
    # credits after the text: "– additional reporting by Jane Roe", "With additional reporting by ..."
    re.compile(r"^[–—-]?\s*(?:With )?additional reporting by\b.{0,150}$", re.I),
)

# Lines that are page furniture only above the article ("17:20", "Events"); further down
# the same text can be content (a video's length, a heading), so they are not dropped there.
HEADER_RULES: tuple[re.Pattern[str], ...] = (
    # a clock time alone: "17:20", "2:32 p.m. EDT"
    re.compile(r"^\d{1,2}:\d\d(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,4})?$"),
    # section labels above the headline
    re.compile(r"^(?:Events|News|Transcripts|Press releases?)$"),
)

# Navigation lines: dropped.
NAV_RULES: tuple[re.Pattern[str], ...] = (
    # menu bars of short items between pipes: "App | 中文 |", "Home | News | Policies"
    re.compile(r"^(?:[^|]{0,30}\|)+[^|]{0,30}$"),
    # breadcrumbs: "Home > News > China"
    re.compile(r"^(?:Home|首页)\s*(?:[>»›/]\s*[^>»›/]{1,40}){1,6}$", re.I),
    # language switches: "中文", "English | Français"
    re.compile(
        r"^(?:(?:English|中文|简体|繁體|Français|Español|Русский|Deutsch|العربية|日本語|한국어|Português)"
        r"\s*(?:[|/·]\s*|$))+$"
    ),
    # menu words alone on a line
    re.compile(
        r"^(?:Skip to (?:main )?content|Menu|Back to top|Log ?in|Sign (?:in|up)|Text version|"
        r"Version for people with disabilities)$",
        re.I,
    ),
    # press releases' end marks
    re.compile(r"^(?:# ?# ?#|-30-)$"),
    # headings of related-story lists
    re.compile(
        r"^(?:Related (?:News|Stories|Articles|Content|Links|Coverage)|Read more|See also|More on this|"
        r"You may also like|Most (?:Read|Viewed|Popular))\s*:?$",
        re.I,
    ),
    # cookie banners
    _COOKIES,
    # boxes inserted between paragraphs: advertisement markers, news-tip and newsletter prompts
    re.compile(r"^(?:Story|Article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad)$", re.I),
    re.compile(r"^(?:Got a (?:story|news tip)|Have you got a story|Do you have a story)\b.{0,250}$", re.I),
    _NEWSLETTER,
)

# Bylines at the top of press releases ("Office of the Spokesperson"): kept in info.
BYLINE_RULES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:Office of the Spokesperson|Media Note|Press Statement|Readout)$"),
)

# A word (lower case, ASCII) without which a rule cannot match: most lines lack it, and a
# substring test costs far less than the rule (these two were half the cost of cleaning).
KEYWORDS: dict[re.Pattern[str], str] = {_ALL_RIGHTS: "all rights reserved", _COOKIES: "cookie", _NEWSLETTER: "newsletter"}


def _lower_as_regex(line: str) -> str:
    """The line lower-cased so that it holds a keyword wherever a case-insensitive regex finds it.

    Besides capitals, such a regex takes the Kelvin sign (lower-cased to "k" anyway), dotless ı
    and dotted İ (lower-cased to "i" and a combining dot) for an "i", and the long ſ for an "s".
    """
    low = line.lower()
    if line.isascii():
        return low
    return low.replace("\u0131", "i").replace("\u0307", "").replace("\u017f", "s")


class _AnyRule:
    """Matches a line where any rule of a table matches, with one regex call for the rules that
    need no keyword (all are anchored at the start of the line) and a keyword test before each
    of the others."""

    def __init__(self, rules: tuple[re.Pattern[str], ...]) -> None:
        self.plain = re.compile("|".join(f"(?{'i' if r.flags & re.I else ''}:{r.pattern})"
                                         for r in rules if r not in KEYWORDS))
        self.guarded = tuple((KEYWORDS[r], r) for r in rules if r in KEYWORDS)

    def match(self, line: str, low: str) -> bool:
        """True when a rule matches ``line``; ``low`` is the line as `_lower_as_regex` gives it."""
        if self.plain.match(line):
            return True
        for word, rule in self.guarded:
            if word in low and rule.match(line):
                return True
        return False


_INFO_ANY = _AnyRule(INFO_RULES)
_NAV_ANY = _AnyRule(NAV_RULES)

# Place lines under a release's byline: "Washington, D.C.", "Via Teleconference"; a few small
# words may be lower-case, everything else capitalised, no sentence punctuation.
_PLACE_WORD = re.compile(r"^(?:[A-Z0-9À-Þ][\w.'’&()-]*,?|of|the|and|de|du|la|al|on|for|at|in|via|am|-|–)$")
MAX_PLACE_WORDS = 8


def is_info_line(line: str) -> bool:
    """True for "Updated: ...", "Source: ...", share and copyright lines (normalised text)."""
    return len(line) <= MAX_RULE_LINE and _INFO_ANY.match(line, _lower_as_regex(line))


def is_nav_line(line: str) -> bool:
    """True for menus, breadcrumbs, language switches and cookie banners (normalised text)."""
    return len(line) <= MAX_RULE_LINE and _NAV_ANY.match(line, _lower_as_regex(line))


def line_kind(line: str) -> str | None:
    """"info" when `is_info_line`, else "nav" when `is_nav_line`, else None: the cleaner asks both
    of every line, and this asks them at once."""
    if len(line) > MAX_RULE_LINE:
        return None
    low = _lower_as_regex(line)
    if _INFO_ANY.match(line, low):
        return "info"
    return "nav" if _NAV_ANY.match(line, low) else None


def is_header_line(line: str) -> bool:
    """True for furniture above an article: a clock time or a section label alone."""
    return any(r.search(line) for r in HEADER_RULES)


def is_byline(line: str) -> bool:
    """True for a press-release byline such as "Office of the Spokesperson"."""
    return any(r.search(line) for r in BYLINE_RULES)


def looks_like_place(line: str) -> bool:
    """True for a short place line such as "Washington, D.C." or "Kangerlussuaq Airport"."""
    words = line.split()
    if not words or len(words) > MAX_PLACE_WORDS or line[-1] in ":;!?":
        return False
    return all(_PLACE_WORD.match(w) for w in words)
