"""Who said what: the cascade over a page (``page``): transcripts by their turns
(``transcript``), other pages by attributions (``statements``, with inline ``labels`` and
pronouns and titles ``resolve``-d to names); the names they give (``names``), how names run in
text (``runs``), where a reported statement's text begins and ends (``spans``), the full names
the page's own head spells out (``canonical``). The word lists they use are data in ``rules``;
``cues`` turns them into patterns."""

from .page import extract_speakers
from .statements import extract_statements, speakers_of

__all__ = ["extract_speakers", "extract_statements", "speakers_of"]
