"""An engine document (``engine.document``) -> Xapian documents, and stored data -> our records.

    fields -> terms with positions (engine/analysis.py's words, one prefix per field)
           -> boolean terms (id, whole speaker/dateline/source names, the day)
           -> value slots (date, id, source, dateline, month) -> stored data (JSON)

An article gives one document for the articles' database (``xapian_document``) and one per
statement for the statements' (``xapian_statement``: the quote as body words, its speaker as
the speakers field and the whole-name term, the article's dateline, source and date), under
the same prefixes and slots, so queries, filters and facets translate the same for both.

Xapian never analyses text here: every term is what the Whoosh engine indexes for the same
field, so a query (also analysed by engine/analysis.py) finds the same documents in both.
Only body words count in a document's length: the other fields' words keep their positions
(for phrases) with a frequency of 0, and a boolean term says the field is there (ranking.py
scores those fields as the Whoosh engine does, by how many documents have them).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

import xapian

from ...models import Document, Statement
from ..analysis import NewsWordFilter, name_analyzer
from ..store import stored_path, unpack_text
from .layout import (ARTICLE_PREFIX, FIELD_OF_PREFIX, MAX_TERM_BYTES, PREFIXES, SLOT_DATE, SLOT_DATELINE, SLOT_DAY,
                     SLOT_ID, SLOT_MONTH, SLOT_ORDER, SLOT_PEOPLE_DAY, SLOT_SAID, SLOT_SOURCE, SLOT_SPEAKERS,
                     WHOLE_PREFIXES, id_term, present_term)

# Stored with each document: what results, `show` and indexing runs read back.
STORED_KEYS = ("id", "path", "title", "dateline", "source", "date_iso", "speaker_list", "url", "sig", "blob")
_STATEMENT_FIELDS = frozenset(Statement.__dataclass_fields__)


@functools.lru_cache(maxsize=1)
def _text_words() -> NewsWordFilter:
    return NewsWordFilter()


@functools.lru_cache(maxsize=1)
def _names() -> Any:
    return name_analyzer()


def date_value(value: dt.datetime | None) -> str:
    """A date as sortable text (to the microsecond), as the Whoosh engine's naive datetime holds it."""
    return value.strftime("%Y%m%d%H%M%S%f") if value is not None else ""


# Digits of a date turned around, so that ascending text is newest first.
_NEWEST_FIRST = str.maketrans("0123456789", "9876543210")
_UNDATED = ":"  # sorts after every digit: undated documents last


def order_value(date: dt.datetime | None, doc_id: str) -> str:
    """The document's place among equal scores (and in --sort date): newer first, then the lower id."""
    when = date_value(date).translate(_NEWEST_FIRST) if date is not None else _UNDATED
    return f"{when}\x00{doc_id}"


def xapian_document(doc: dict[str, Any], file_documents: int = 1) -> Any:
    """The Xapian document for one engine document; ``file_documents`` is how many its file gave
    (an indexing run killed halfway through a file's documents is then seen as incomplete)."""
    xdoc = xapian.Document()
    for field in ("title", "body"):
        text = doc.get(field)
        if text:
            _add_words(xdoc, PREFIXES[field], _text_words().index_positions(str(text)))
    day = str(doc["date_iso"])[:10] if doc.get("date_iso") else ""
    _add_shared(xdoc, doc, day)
    for name in doc.get("speaker_list") or ():
        _add_whole(xdoc, WHOLE_PREFIXES["speaker"], name)
    if doc.get("speaker_list"):
        xdoc.add_value(SLOT_SPEAKERS, json.dumps(list(doc["speaker_list"]), ensure_ascii=False))
        xdoc.add_value(SLOT_PEOPLE_DAY, json.dumps([list(doc["speaker_list"]), day], ensure_ascii=False))
    # A large text comes as UTF-8 bytes (the Whoosh engine's memory saving): JSON stores text.
    stored = {k: v.decode("utf-8") if isinstance(v, bytes) else v for k in STORED_KEYS if (v := doc.get(k))}
    if file_documents > 1:
        stored["of"] = file_documents
    xdoc.set_data(json.dumps(stored, ensure_ascii=False).encode("utf-8", "surrogateescape"))
    return xdoc


def xapian_statement(doc: dict[str, Any]) -> Any:
    """The Xapian document for one statement's engine document (``engine.writing._statement``'s fields)."""
    xdoc = xapian.Document()
    if doc.get("body"):
        _add_words(xdoc, PREFIXES["body"], _text_words().index_positions(str(doc["body"])))
    _add_shared(xdoc, doc, _text(doc.get("day")))
    _add_whole(xdoc, ARTICLE_PREFIX, str(doc["article"]))
    speaker = _text(doc.get("speaker_name"))
    if speaker:
        _add_whole(xdoc, WHOLE_PREFIXES["speaker"], speaker)
        xdoc.add_value(SLOT_SPEAKERS, json.dumps([speaker], ensure_ascii=False))
        xdoc.add_value(SLOT_SAID, json.dumps([speaker, _text(doc.get("role_name"))], ensure_ascii=False))
    stored = {"id": doc["id"], "article": doc["article"], "blob": doc["blob"]}
    xdoc.set_data(json.dumps(stored, ensure_ascii=False).encode("utf-8", "surrogateescape"))
    return xdoc


def _add_shared(xdoc: Any, doc: dict[str, Any], day: str) -> None:
    """What an article and a statement both hold, under the same prefixes and slots (so one query,
    filter or facet serves both): the name fields' words, the id, the whole dateline, source and
    ``day`` (ISO, or ""), and the date, month, id and order slots."""
    for field in ("speakers", "dateline", "source"):
        if doc.get(field):
            _add_names(xdoc, PREFIXES[field], str(doc[field]))
    xdoc.add_boolean_term(id_term(str(doc["id"])))
    for key, slot in (("dateline", SLOT_DATELINE), ("source", SLOT_SOURCE)):
        if doc.get(key):
            _add_whole(xdoc, WHOLE_PREFIXES[key], str(doc[key]))
            xdoc.add_value(slot, str(doc[key]))
    if day:
        _add_whole(xdoc, WHOLE_PREFIXES["day"], day)
        xdoc.add_value(SLOT_DAY, day)
        xdoc.add_value(SLOT_MONTH, day[:7])
    if doc.get("date") is not None:
        xdoc.add_value(SLOT_DATE, date_value(doc["date"]))
    xdoc.add_value(SLOT_ID, str(doc["id"]))
    xdoc.add_value(SLOT_ORDER, order_value(doc.get("date"), str(doc["id"])))


def _text(value: Any) -> str:
    """A column value of the Whoosh engine's document (UTF-8 bytes) as text; "" for none."""
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else str(value or "")


def _add_words(xdoc: Any, prefix: str, words: Mapping[bytes, Sequence[int]]) -> None:
    pre = prefix.encode("ascii")
    counted = 0 if prefix else 1  # only body words count in the length (see the module's docstring)
    for term, positions in words.items():
        if len(term) + len(pre) > MAX_TERM_BYTES:
            continue
        full = pre + term
        for pos in positions:
            xdoc.add_posting(full, pos + 1, counted)  # Xapian counts positions from 1
    if prefix and words:
        xdoc.add_boolean_term(present_term(FIELD_OF_PREFIX[prefix]))


def _add_names(xdoc: Any, prefix: str, text: str) -> None:
    added = False
    for token in _names()(text, positions=True):
        term = prefix + token.text
        if len(term.encode("utf-8")) <= MAX_TERM_BYTES:
            xdoc.add_posting(term, token.pos + 1, 0)
            added = True
    if added:
        xdoc.add_boolean_term(present_term(FIELD_OF_PREFIX[prefix]))


def _add_whole(xdoc: Any, prefix: str, value: str) -> None:
    term = prefix + value
    if len(term.encode("utf-8", "surrogateescape")) <= MAX_TERM_BYTES:
        xdoc.add_boolean_term(term.encode("utf-8", "surrogateescape"))


def stored(xdoc: Any) -> dict[str, Any]:
    """A Xapian document's stored data."""
    data: dict[str, Any] = json.loads(xdoc.get_data().decode("utf-8", "surrogateescape"))
    return data


def to_document(fields: dict[str, Any]) -> Document:
    """Our Document from a document's stored data (the same fields the Whoosh engine stores)."""
    from ..reader import parse_iso

    data: dict[str, Any] = unpack_text(fields["blob"]) if fields.get("blob") else {"body": "", "statements": []}
    statements = tuple(Statement(**{k: v for k, v in st.items() if k in _STATEMENT_FIELDS})
                       for st in data.get("statements") or ())
    return Document(
        id=fields["id"],
        path=stored_path(fields),
        body=str(data.get("body", "")),
        title=fields.get("title") or None,
        date=parse_iso(fields.get("date_iso")),
        source=fields.get("source") or None,
        dateline=fields.get("dateline") or None,
        speakers=tuple(fields.get("speaker_list") or ()),
        statements=statements,
        url=fields.get("url"),
    )
