"""Page -> statements: the speaker cascade, most reliable evidence first.

1. A transcript (press conference, briefing, interview) is read by its turns
   (:mod:`~searchidx.extracting.speakers.transcript`): the person who answers speaks, the people
   who ask and those their questions mention do not.
2. Any other page is read by attributions (:mod:`~searchidx.extracting.speakers.statements`).
3. Either way, a bare surname that the page's head spells out in full takes that full name and
   role (:mod:`~searchidx.extracting.speakers.canonical`); in a transcript, one that only its text
   spells out takes the name from there.
"""

from __future__ import annotations

from ...models import Page, Statement
from .canonical import canonical_speakers, name_hints
from .statements import extract_statements
from .transcript import transcript_statements


def extract_speakers(page: Page, title: str | None) -> tuple[Statement, ...]:
    """Who said what on ``page``, whose headline is ``title``."""
    hints = name_hints(page, title)
    transcript = transcript_statements(page.body, title)
    statements = extract_statements(page.body, tuple(hints)) if transcript is None else transcript
    statements = canonical_speakers(statements, hints, page.body)
    if transcript is not None:
        # a transcript's labels give surnames ("MS CHUNG:") that the head does not spell out;
        # its text may ("… turn it over to Assistant Secretary Julie Chung.")
        statements = canonical_speakers(statements, [page.body], page.body)
    return statements
