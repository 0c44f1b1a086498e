"""The boilerplate remover's rules, as data: which tags, classes and lines mean what.

`doc`, `article` and `text` read these tables and hold no site knowledge of their own. The scoring
ideas are the classic ones of content extractors (Readability, boilerpipe): text
length and commas make a paragraph; class and id words push a container up or down;
a container full of links is navigation. Adding a rule is a one-line change here with
a test beside it in the test file of the module that reads it (`tests/cleaning/test_html_doc.py`,
`tests/cleaning/test_html_article.py`, `tests/cleaning/test_html_text.py`).
"""

from __future__ import annotations

import re

# Pages past this size lose their scripts and styles first, then are cut: the largest real
# article page seen (1.6 MB) fits easily, and the cut bounds time (about 2 s) and memory.
MAX_MARKUP_CHARS = 5_000_000
BULKY_BLOCKS = re.compile(r"<(script|style|svg|noscript)\b.*?</\1\s*>", re.I | re.S)

# Removed before anything else is looked at: never visible article text.
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "link", "meta", "head", "title",
    "iframe", "object", "embed", "svg", "canvas", "button", "input",
    "select", "option", "textarea", "dialog", "map", "audio", "video", "source",
})

# Tags that start a new text block; everything else is inline and joins its neighbours.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
    "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "tfoot", "thead", "tr", "ul", "td", "th",
})
# Removing one of these must leave a space behind: on screen they part the words around them.
BREAK_TAGS = BLOCK_TAGS | {"br"}
# Table cells end a cell, not a block: a row's cells read as one line.
CELL_TAGS = frozenset({"td", "th"})
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# A div holding none of these is really a paragraph.
DIV_BLOCK_CHILDREN = ("a", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section",
                      "figure", "h1", "h2", "h3", "h4", "h5", "h6", "article", "header", "footer", "aside")
# Elements whose text is measured to score their ancestors.
SCORED_TAGS = ("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre")
# Containers that count as paragraphs' parents; other tags are scored through them.
MIN_PARAGRAPH_CHARS = 25
ANCESTOR_LEVELS = 5
# How many runner-up containers may show that an article is split across several.
ALTERNATIVE_CANDIDATES = 4

# Initial score of a candidate container by tag: divs hold articles, lists and headings rarely do.
TAG_SCORES = {
    "div": 5, "article": 5, "main": 5,
    "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}

# Class/id words that make an element an unlikely article holder (removed on the first pass) ...
UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|"
    r"header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|"
    r"supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|"
    r"subscribe|toolbar|skip-link", re.I)
# ... unless they also carry one of these words.
MAYBE = re.compile(r"and|article|body|column|content|main|shadow", re.I)
# ... nor, inside the page's <article>, when they wrap a content block with this many paragraphs
# of sentences: a layout grid named "sidebar-grid" around the story.
STORY_PARAGRAPHS = 2
UNLIKELY_ROLES = frozenset({"menu", "menubar", "complementary", "navigation", "alert", "alertdialog",
                            "dialog", "banner", "contentinfo", "search"})

# Class/id words weighing a container up or down by CLASS_WEIGHT.
POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", re.I)
NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|"
    r"outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|tool|"
    r"byline|author|dateline|copyright", re.I)
CLASS_WEIGHT = 25

# Share / print / e-mail bars inside the article; dropped when short.
SHARE = re.compile(r"(\b|_)(share|sharing|sharedaddy|social|print|email)(\b|_)", re.I)
SHARE_MAX_CHARS = 500

# Class tokens that mean "not displayed" (CSS frameworks' conventions).
HIDDEN_CLASSES = frozenset({"hidden", "hide", "sr-only", "visually-hidden", "visuallyhidden",
                            "screen-reader-text", "element-invisible"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# A byline inside the article is metadata, not text.
BYLINE = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
BYLINE_MAX_CHARS = 100

# Whole-text markers of placeholders left by ad and lazy-loading scripts.
AD_WORDS = re.compile(r"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$", re.I)
LOADING_WORDS = re.compile(r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$", re.I)

# Below this many characters an extraction is suspect and retried with fewer rules.
MIN_ARTICLE_CHARS = 500
# When every pass keeps too little, the one with most prose wins: blocks of some words or a full sentence.
PROSE_MIN_WORDS = 10
# A laxer pass wins only with this much more prose: a short article's "See also" titles must not outweigh it.
RETRY_GAIN = 2.5
# ... and at least a real paragraph's worth: a headline-only page must not fill up with "See also" titles.
RETRY_MIN_PROSE = 150
SENTENCE_ENDS = frozenset(".!?。！？\"”»")
# Sibling paragraphs join the article when long and link-poor, or short, link-free and sentence-like.
SIBLING_SCORE_SHARE = 0.2
SIBLING_MIN_SCORE = 10
LONG_PARAGRAPH_CHARS = 80

# A card for another story inside the article (a nested <article>, a list item) is short and all link.
TEASER_MAX_CHARS = 300
TEASER_LINK_DENSITY = 0.9
# Related-story links come in small lists; a long list of links is a reference list, part of the text.
LINK_LIST_MAX_ITEMS = 4

# An article's lead / standfirst, kept with the body even when it sits in the header part of <article>.
LEAD = re.compile(r"(^|\s|_|-)(lead|standfirst|entry-summary|p-summary|article-summary|dek|subheadline)($|\s|_|-)", re.I)
LEAD_MAX_CHARS = 1000

# Place line of a dispatch ("The Kremlin, Moscow"): microformats' p-location and en.kremlin.ru's class.
PLACE_CLASSES = frozenset({"p-location", "read__place"})

# Short lines outside the article that say when, from where or by whom ("Updated: ... Xinhua").
INFO_LINE = re.compile(
    r"^(updated|published|posted|released|last updated|source|sources|editor|editors|author|by|"
    r"written by|reporter|photo|date)\b\s*[:：|]?|\|\s*updated\b|^\S.{0,60}\|\s*(by|source)\b", re.I)
INFO_MAX_CHARS = 160

# Title suffixes: "Headline | Site", "Headline • President of Russia". Bars and bullets always
# part a site name; dashes and slashes also occur inside headlines, so they need a longer headline.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|•·»]|::)\s+")
WEAK_TITLE_SEPARATOR = re.compile(r"\s+[—–\-/]\s+")
WEAK_TITLE_MIN_WORDS = 3

# A written date with its year, as a line under a headline shows it: "Sep 2, 2024, 17:07 IST",
# "21 May 2025 - 14:19", "2023-04-28". Only spotted here; the extractor reads it.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE_LINE = re.compile(
    r"(?i:" + _MONTH + r"\s*\d{1,2}(?:st|nd|rd|th)?,?\s*(?:19|20)\d\d"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?:19|20)\d\d"
    r"|\b(?:19|20)\d\d[-/.][01]?\d[-/.][0-3]?\d\b|\b[0-3]?\d[/.][0-3]?\d[/.](?:19|20)\d\d\b)")
# Date lines are short ("Published Jul 17, 2024, 11:21am | Updated ..."); a longer block with a
# date is a caption or a sentence.
DATE_LINE_MAX_CHARS = 100
# They stand right under the headline (a few blocks of byline and share buttons between), or
# just above it; the article's first long paragraph ends the search below.
DATE_LINE_AFTER = 12
DATE_LINE_BEFORE = 3
PROSE_CHARS = 200
# The headline may be repeated (a sticky header, a share box): only its first few copies are tried.
HEADLINE_COPIES = 3

# Elements that hold the byline or the dateline, by class, id or data attributes.
BYLINE_ELEMENT = re.compile(r"byline", re.I)
DATELINE_ELEMENT = re.compile(r"dateline", re.I)
BYLINE_ELEMENT_MAX_CHARS = 100
