"""Hits, articles and reports -> terminal text, JSON, JSON lines or CSV. The only place markup is added.

Document text can carry control characters and terminal escape sequences (a saved page
is hostile input), so everything taken from a document is stripped of them before it is
printed; emphasis is added afterwards, and only when the caller asks for colour. CSV is
for spreadsheets, which run a cell that starts like a formula: such cells are neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from .models import Article, Copy, Document, Hit, Snippet

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_C1 = re.compile(r"[\x7f-\x9f]")
BOLD, RESET = "\x1b[1;33m", "\x1b[0m"
DIM = "\x1b[2m"


def safe(text: str | None) -> str:
    """Document text made safe for a terminal: escape sequences and control characters removed."""
    return _CONTROL.sub("", text or "")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _when(value: dt.date | None) -> str:
    if isinstance(value, dt.datetime):
        zone = value.isoformat()[19:]  # "+08:00", or "" when naive
        return value.strftime("%Y-%m-%d %H:%M") + (f" UTC{zone}" if zone else "")
    return value.isoformat() if value else ""


def _line(text: str | None) -> str:
    """Document text on one line: control characters removed, white space runs made one space."""
    return _SPACE.sub(" ", safe(text))


def snippet_text(snippet: Snippet, color: bool) -> str:
    """The snippet on one line, with matches emphasised (ANSI bold) or left plain."""
    text = snippet.text
    if not color or not snippet.matches:
        return _line(text)
    out, pos = [], 0
    for start, end in snippet.matches:
        out.append(_line(text[pos:start]))
        out.append(f"{BOLD}{_line(text[start:end])}{RESET}")
        pos = end
    out.append(_line(text[pos:]))
    return "".join(out)


def hit_dict(hit: Hit) -> dict[str, Any]:
    """A hit as JSON-ready data (the `query --json` contract)."""
    return {
        "rank": hit.rank,
        "id": hit.id,
        "path": hit.path,
        "title": hit.title,
        "date": _iso(hit.date),
        "source": hit.source,
        "dateline": hit.dateline,
        "speakers": list(hit.speakers),
        "url": hit.url,
        "score": round(hit.score, 4),
        "snippet": hit.snippet.text,
        "matches": [list(m) for m in hit.snippet.matches],
        "copies": [copy_dict(c) for c in hit.copies],
    }


def copy_dict(copy: Copy) -> dict[str, Any]:
    """Another article of a hit's duplicate group, as JSON-ready data."""
    return {"id": copy.id, "path": copy.path, "title": copy.title, "date": _iso(copy.date),
            "source": copy.source, "url": copy.url}


def to_json(data: Any, indent: int | None = None) -> str:
    """JSON that keeps non-ASCII text readable yet escapes every control character.

    json.dumps escapes only C0 controls; DEL and C1 (U+009B is a one-character CSI) would
    reach a terminal raw. They can only occur inside JSON strings, so escaping them is safe.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def hits_json(hits: Sequence[Hit]) -> str:
    """All hits as one JSON array."""
    return to_json([hit_dict(h) for h in hits], indent=1)


def hits_jsonl(hits: Sequence[Hit]) -> str:
    """One JSON object per hit per line (the fields of hits_json), for streams."""
    return "\n".join(to_json(hit_dict(h)) for h in hits)


# Characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell
# starting with one, even after spaces, is prefixed with a single quote so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters a cell keeps: line breaks and tabs inside a quoted cell are text.
_CELL_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def csv_cell(value: Any) -> Any:
    """One value as a CSV cell: numbers as they are; a list of words joined by "; "; other
    structures as JSON text; text without control characters, neutralised if formula-like."""
    if isinstance(value, bool) or value is None:
        value = "" if value is None else str(value).lower()
    elif isinstance(value, (int, float)):
        return value
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        value = "; ".join(value)
    elif isinstance(value, (list, tuple, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text = _CELL_CONTROL.sub("", str(value))
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        text = "'" + text
    return text


def rows_csv(rows: Sequence[dict[str, Any]]) -> str:
    """Rows of JSON-ready data as CSV with a header line (the keys of the first row); every text
    cell quoted, so commas, quotes and line breaks stay inside their cell."""
    out = io.StringIO()
    if rows:
        writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        names = list(rows[0])
        writer.writerow(names)
        for row in rows:
            writer.writerow([csv_cell(row.get(name)) for name in names])
    return out.getvalue()


def hits_csv(hits: Sequence[Hit]) -> str:
    """The hits as CSV for spreadsheets: the fields of hits_json, one row per hit."""
    return rows_csv([hit_dict(h) for h in hits])


def hits_text(hits: Sequence[Hit], *, color: bool = False) -> str:
    """Hits as a readable list for a terminal."""
    blocks = []
    for h in hits:
        head = f"{h.rank}. {_line(h.title).strip() or '(untitled)'}"
        facts = [f.strip() for f in (_when(h.date), _line(h.dateline), _line(h.source)) if f.strip()]
        if h.speakers:
            facts.append("speakers: " + ", ".join(_line(s).strip() for s in h.speakers))
        lines = [f"{BOLD if color else ''}{head}{RESET if color else ''}"]
        if facts:
            lines.append("   " + " · ".join(facts))
        # A file name may hold a newline: show it escaped so each hit keeps its shape.
        path = safe(h.id.replace("\n", "\\n"))
        lines.append(f"   {DIM if color else ''}{path}{RESET if color else ''}")
        if h.snippet.text:
            lines.append("   " + snippet_text(h.snippet, color))
        if h.copies:
            lines.append(f"   {DIM if color else ''}{copies_text(h.copies)}{RESET if color else ''}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# Copies named on a hit's line before "and N more".
COPIES_NAMED = 5


def copies_text(copies: Sequence[Copy]) -> str:
    """"+2 copies: Xinhua 2020-02-16, china-daily.html": each copy's source (or file name) and day."""
    names = []
    for c in copies[:COPIES_NAMED]:
        name = _line(c.source).strip() or _line(c.path.replace("\\", "/").rsplit("/", 1)[-1]).strip()
        day = _iso(c.date)
        names.append(f"{name} {day[:10]}" if day else name)
    more = f" and {len(copies) - COPIES_NAMED} more" if len(copies) > COPIES_NAMED else ""
    return f"+{len(copies)} {'copy' if len(copies) == 1 else 'copies'}: {', '.join(names)}{more}"


def article_dict(article: Article, *, body: bool = True) -> dict[str, Any]:
    """An extracted article as JSON-ready data (the `extract --json` contract)."""
    data: dict[str, Any] = {
        "path": article.path,
        "id": article.id,
        "title": article.title,
        "date": article.date_iso(),
        "source": article.source,
        "dateline": article.dateline,
        "speakers": list(article.speakers),
        "url": article.url,
        "statements": [asdict(s) for s in article.statements],
    }
    if article.record is not None:
        data["record"] = article.record
    if body:
        data["body"] = article.body
    return data


def document_dict(doc: Document) -> dict[str, Any]:
    """A stored article as JSON-ready data (the `show --json` contract)."""
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "date": _iso(doc.date),
        "source": doc.source,
        "dateline": doc.dateline,
        "speakers": list(doc.speakers),
        "url": doc.url,
        "statements": [asdict(s) for s in doc.statements],
        "body": doc.body,
    }


def document_text(doc: Document) -> str:
    """A stored article for reading in a terminal."""
    rows = [("id", doc.id), ("title", doc.title), ("date", _iso(doc.date)), ("source", doc.source),
            ("dateline", doc.dateline), ("speakers", ", ".join(doc.speakers)), ("url", doc.url)]
    head = "\n".join(f"{k:>9}: {safe(v)}" for k, v in rows if v)
    return f"{head}\n\n{safe(doc.body)}"


def article_text(article: Article) -> str:
    """An extracted article for reading in a terminal."""
    rows = [
        ("path", article.id), ("title", article.title), ("date", article.date_iso()),
        ("source", article.source), ("dateline", article.dateline),
        ("speakers", ", ".join(article.speakers)), ("url", article.url),
    ]
    head = "\n".join(f"{k:>9}: {safe(v)}" for k, v in rows if v)
    return f"{head}\n\n{safe(article.body)}"


def counts_text(title: str, rows: Iterable[tuple[str, int]]) -> str:
    """A small frequency table."""
    rows = list(rows)
    if not rows:
        return f"{title}: none"
    width = max(len(str(n)) for _, n in rows)
    return f"{title}:\n" + "\n".join(f"  {n:>{width}}  {safe(k)}" for k, n in rows)
