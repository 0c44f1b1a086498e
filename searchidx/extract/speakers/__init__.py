"""Who said what: the cascade over a page (``page``: transcripts by their turns in ``transcript``,
other pages by attributions), attributions found in an article's body (``statements``), the names they
give (``names``), how names run in text (``runs``) and where a reported statement's text
begins and ends (``spans``), and the full names the page's own head spells out (``canonical``);
the word lists they use are data in ``rules``."""

from .page import extract_speakers
from .statements import extract_statements, speakers_of

__all__ = ["extract_speakers", "extract_statements", "speakers_of"]
