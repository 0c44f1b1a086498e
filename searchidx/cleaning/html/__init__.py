"""Saved web pages -> paragraphs: metadata read from the whole page first, then the article's text.

``doc.parse_html`` parses with lxml, reads the page's metadata (``meta``), picks the element
holding the article (``article``), removes hidden parts and inserted boxes and reads the
rest as blocks of text (``text``); the patterns they use are data in ``rules``.
"""

from .doc import HtmlDoc, parse_html

__all__ = ["HtmlDoc", "parse_html"]
