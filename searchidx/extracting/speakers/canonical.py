"""Speakers named in full by the page itself: a bare surname in the text ("Price", "Blinken")
takes the fuller name and role that the page's metadata or headline spells out ("Ned Price,
Department Spokesperson", "Secretary Antony J. Blinken With …").

The body gives the short forms; the page's head often gives the full ones. This runs after
:func:`~searchidx.extracting.speakers.extract_statements`, on its statements, with the hints
that :func:`name_hints` reads from the page.
"""

from __future__ import annotations

from dataclasses import replace

from ...models import Page, Statement
from .names import PERSONAL_HONORIFICS, common_words, fold, full_names_in

# Metadata that names the page's own speakers in full: a State Department release's creator
# ("Ned Price, Department Spokesperson"). Not "author": a news story's author is its reporter.
NAME_HINT_KEYS: tuple[str, ...] = ("creator",)


def name_hints(page: Page, title: str | None) -> list[str]:
    """Page metadata and title that may spell out the speakers' full names and roles."""
    return page.meta_values(*NAME_HINT_KEYS) + ([title] if title else [])


def canonical_speakers(statements: tuple[Statement, ...], hints: list[str], body: str = "") -> tuple[Statement, ...]:
    """Statements whose short speaker name ("Price", "Blinken") is spelt out in full by the page's
    ``hints`` take that full name ("Ned Price", "Antony J. Blinken") and its role; a name two
    different people in the hints share is left alone. Given with the ``body``, a fuller form
    whose added words the body uses in lower case ("Meeting Putin" in a title-case headline) is
    no name."""
    fuller: dict[str, tuple[str, str]] = {}
    common: set[str] | None = None
    for name in dict.fromkeys(s.speaker for s in statements):
        found = full_names_in(hints, name)
        if found and body:
            common = common if common is not None else common_words(body)
            found = {full: role for full, role in found.items()
                     if not any(fold(w) in common for w in full.split() if w not in name.split())}
        if len(found) == 1:
            fuller[name] = next(iter(found.items()))
    if not fuller:
        return statements
    return tuple(
        replace(s, speaker=fuller[s.speaker][0], role=_fuller_role(s.role, fuller[s.speaker][1]))
        if s.speaker in fuller else s
        for s in statements
    )


def _fuller_role(role: str | None, hinted: str) -> str | None:
    """The hint's role when the text gave none, an honorific ("Mr"), or a part of it ("Secretary")."""
    if not hinted:
        return role
    words = {w.lower().rstrip(".") for w in (role or "").split()}
    if not words or words <= PERSONAL_HONORIFICS or words <= {w.lower() for w in hinted.split()}:
        return hinted
    return role
