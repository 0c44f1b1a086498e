"""Body text -> Statements: who is reported as saying what.

(Placeholder: the attribution extractor replaces this.)
"""

from __future__ import annotations

import re

from .models import Statement

_SAID = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)*) (said|added|told)\b")


def extract_statements(text: str) -> tuple[Statement, ...]:
    """Every attribution found in ``text``, in text order."""
    return tuple(
        Statement(speaker=m.group(1), cue=m.group(2), text="", start=m.start(), end=m.end())
        for m in _SAID.finditer(text)
    )


def speakers_of(statements: tuple[Statement, ...]) -> tuple[str, ...]:
    """Distinct speaker names in order of first appearance."""
    return tuple(dict.fromkeys(s.speaker for s in statements))
