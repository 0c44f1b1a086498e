"""Who said what: attributions found in an article's body (``statements``), the names they
give (``names``), how names run in text (``runs``) and where a reported statement's text
begins and ends (``spans``); the word lists they use are data in ``rules``."""

from .statements import extract_statements, speakers_of

__all__ = ["extract_statements", "speakers_of"]
