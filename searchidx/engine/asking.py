"""How a question asks, apart from what it asks about: the request words a search leaves out.

A description typed as a request ("I am interested in ...", "please supply information on ...",
"papers dealing with ...") holds words that say how it asks, not what about. BM25 weighs each
word by its rarity, so where the documents rarely write "interested", "supply" or
"information", those words outweighed the subject: a story that happened to say "information"
ranked above one about the subject. Search engines for written questions drop them the same way
(the stop phrases of TREC topic processing: "relevant documents", "find information on").

:func:`subject` blanks them out, keeping every other character where it was (query spans and
spelling correction point into the typed text). Pure text: nothing here opens an index.
"""

from __future__ import annotations

import re

# Phrases that say how a question asks, whatever its length: about the asker, or about the
# documents wanted. Each needs the words around it, so a subject word is never one of them.
REQUEST_PHRASES = (
    # "I am interested in", "I would be especially grateful for"
    r"\bi\s+(?:am|was|would\s+be|should\s+be)\s+(?:very\s+|particularly\s+|especially\s+|most\s+)?"
    r"(?:interested|grateful)\s+(?:in|for)\b",
    # "I would like (to know)", "I wish to have", "I need"
    r"\bi\s+(?:would\s+like|wish|want|need)(?:\s+to\s+(?:know|find|have|see|receive|obtain|read))?\b",
    # "information on", "papers dealing with", "documents about", "anything on"
    r"\b(?:information|references|abstracts|papers|articles|documents|stories|literature|material|publications"
    r"|anything)\s+(?:on|about|concerning|regarding|dealing\s+with|relating\s+to)\b",
)
# Verbs of asking ("Please supply ...", "Describe ...", "Give methods for ..."), left out only
# from a description (a query longer than ``words_max`` words): in a few words ("trade show",
# "sanctions list") every word is the subject.
ASKING_WORDS = ("please", "describe", "discuss", "explain", "give", "provide", "show", "find", "list", "supply", "send")

_PHRASES = re.compile("|".join(f"(?:{p})" for p in REQUEST_PHRASES), re.IGNORECASE)
_ASKING = re.compile(r"\b(?:" + "|".join(ASKING_WORDS) + r")\b", re.IGNORECASE)
# Quoted text is a phrase the user wants as written; a word right after a colon is a field's value.
_QUOTED = re.compile(r'"[^"]*"?')
_FIELD_VALUE = re.compile(r":\s*$")


def subject(text: str, words_max: int) -> str:
    """``text`` with its request phrases (and, past ``words_max`` words, its verbs of asking)
    replaced by spaces; ``text`` itself when they are all it says."""
    rules = [_PHRASES, _ASKING] if len(text.split()) > words_max else [_PHRASES]
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    chars = list(text)
    for rule in rules:
        for m in rule.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in quoted) or _FIELD_VALUE.search(text, 0, m.start()):
                continue
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    left = "".join(chars)
    return left if any(c.isalnum() for c in left) else text
