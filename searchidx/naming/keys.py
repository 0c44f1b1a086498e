"""How two spellings of one name are compared: folded keys, pure functions of the text.

``spelling_key`` folds what never tells two names apart (case, accents, dots, commas,
hyphens, spacing); ``name_tokens`` goes further for people: honorifics and initials dropped,
transliterations (rules.TRANSLITERATIONS) merged, so "Sergei V. Lavrov" and "Sergey Lavrov"
give the same tokens.
"""

from __future__ import annotations

import re
import unicodedata

from .rules import HONORIFICS, PLACE_ARTICLES, REGION_PARTS, RENAMED_PLACES, TRANSLITERATIONS

_PUNCT = re.compile(r"[,;:'’‘`\"()\[\]\-–—/&+]+")


def spelling_key(name: str) -> str:
    """What two spellings of one name share: case, accents, punctuation and spacing folded."""
    text = unicodedata.normalize("NFKD", name.replace(".", ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub(" ", text).casefold().split())


def name_tokens(name: str) -> tuple[str, ...]:
    """A person's name as comparable parts: folded, honorifics and one-letter initials dropped,
    transliterations merged. Initials stay when nothing else would ("E. B.")."""
    words = spelling_key(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    kept = [w for w in words if len(w) > 1] or words
    return tuple(TRANSLITERATIONS.get(w, w) for w in kept)


def place_parts(value: str) -> tuple[str, ...]:
    """A dateline's comma-separated parts as place keys, renamed places under their present
    name and region parts ("D.C.") dropped: "Munich, Germany" -> ("munich", "germany")."""
    parts = []
    for raw in value.split(","):
        key = spelling_key(raw)
        for article in PLACE_ARTICLES:
            if key.startswith(article):
                key = key[len(article):]
        for region in REGION_PARTS:  # "Washington D.C." written without its comma
            if key.endswith(" " + region):
                key = key[: -len(region) - 1]
        if key and key not in REGION_PARTS:
            parts.append(RENAMED_PLACES.get(key, key))
    return tuple(parts)


def place_key(value: str) -> str:
    """The place a dateline names, for grouping: its first part ("MUNICH" = "Munich, Germany")."""
    parts = place_parts(value)
    return parts[0] if parts else spelling_key(value)
