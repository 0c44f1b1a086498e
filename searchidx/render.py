"""Hits, quotes, people, articles and reports -> terminal text, JSON, JSON lines or CSV. The only
place markup is added.

Document text can carry control characters and terminal escape sequences (a saved page
is hostile input), so everything taken from a document is stripped of them before it is
printed; emphasis is added afterwards, and only when the caller asks for colour. JSON lines
and CSV carry the fields of the JSON, one record a line or a row; CSV is for spreadsheets,
which run a cell that starts like a formula: such cells are neutralised.
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

from .models import Article, Copy, Document, Facets, Hit, Person, Quote, Snippet

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode's invisible format characters (category Cf): bidirectional overrides and isolates
# (U+202A-202E, U+2066-2069) reorder what a terminal shows, so a file name or a title can
# pretend to be another; zero-width characters hide text. Shown text loses them.
INVISIBLE = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
             "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
             "\U000e0001\U000e0020-\U000e007f")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Unicode's line and paragraph separators end a line in some terminals: a line break here.
_SEPARATORS = re.compile("[\u2028\u2029]")
_SPACE = re.compile(r"\s+")
# What JSON output escapes beyond json.dumps: DEL and C1 controls, separators, invisible characters.
_JSON_ESCAPED = re.compile(f"[\x7f-\x9f\u2028\u2029{INVISIBLE}]")
BOLD, RESET = "\x1b[1;33m", "\x1b[0m"
DIM = "\x1b[2m"
QUOTE_MARKS = "\"“”„«»'‘’"
# Characters of the longest bar in a facet's timeline.
TIMELINE_WIDTH = 40


def safe(text: str | None) -> str:
    """Document text made safe for a terminal: escape sequences, control and invisible format
    characters removed, Unicode line separators made line breaks."""
    return _SEPARATORS.sub("\n", _INVISIBLE.sub("", _CONTROL.sub("", text or "")))


def one_line(text: str) -> str:
    """Text kept to one line and otherwise as it is (a file name): a line break is shown as \\n."""
    return safe(_SEPARATORS.sub("\n", text).replace("\n", "\\n"))


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
    """JSON that keeps non-ASCII text readable yet escapes every control and invisible character.

    json.dumps escapes only C0 controls; DEL and C1 (U+009B is a one-character CSI), line
    separators and bidirectional overrides would reach a terminal raw. They can only occur
    inside JSON strings, so escaping them is safe: the data read back is the same.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_ESCAPED.sub(_json_escape, text)


def _json_escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # as a UTF-16 surrogate pair, as JSON spells characters past the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def results_dict(total: int | None, key: str, items: Sequence[dict[str, Any]], facets: Facets | None,
                 **more: Any) -> dict[str, Any]:
    """A search's results as one JSON-ready object: ``{"total": N, **more, key: [...], "facets": {...} or null}``
    (``more``: what else the search counted, e.g. ``stories``)."""
    return {"total": total, **more, key: list(items), "facets": facets_dict(facets) if facets else None}


def results_json(total: int | None, key: str, items: Sequence[dict[str, Any]], facets: Facets | None,
                 **more: Any) -> str:
    """A search's results as one JSON object (results_dict)."""
    return to_json(results_dict(total, key, items, facets, **more), indent=1)


def facets_dict(f: Facets) -> dict[str, list[dict[str, Any]]]:
    """Facets as JSON-ready data: each a list of {"value", "count"}, months in date order."""
    return {name: [{"value": v, "count": n} for v, n in getattr(f, name)]
            for name in ("speakers", "sources", "datelines", "months")}


def facets_text(f: Facets, total: int | None, what: str = "matches") -> str:
    """Facets as small tables and a month-by-month bar chart; ``what`` the matches are ("matches",
    or "matching articles (41 stories)")."""
    blocks = [counts_text(title, getattr(f, name)) for title, name in
              (("speakers", "speakers"), ("sources", "sources"), ("datelines", "datelines"))]
    if f.months:
        widest = max(n for _, n in f.months)
        width = len(str(widest))
        bars = [f"  {m}  {n:>{width}}  {'#' * max(1, round(TIMELINE_WIDTH * n / widest))}" for m, n in f.months]
        blocks.append("by month:\n" + "\n".join(bars))
    head = f"counts over all {total} {what}" if total is not None else f"counts over all {what}"
    return head + "\n" + "\n".join(blocks)


def quote_dict(q: Quote) -> dict[str, Any]:
    """A quote as JSON-ready data (the `quotes --json` contract)."""
    a = q.article
    return {
        "rank": q.rank,
        "speaker": q.speaker,
        "said_as": q.said_as,
        "role": q.role,
        "cue": q.cue,
        "quote": q.snippet.text,
        "matches": [list(m) for m in q.snippet.matches],
        "score": round(q.score, 4),
        "article": {"id": a.id, "path": a.path, "title": a.title, "date": _iso(a.date), "source": a.source,
                    "dateline": a.dateline, "url": a.url},
    }


def quotes_text(quotes: Sequence[Quote], *, color: bool = False) -> str:
    """Quotes as a readable list: who (role), the cue, the quote, then the article."""
    blocks = []
    for q in quotes:
        who = _line(q.speaker).strip() + (f" ({_line(q.role).strip()})" if q.role else "")
        if q.said_as != q.speaker:
            who += f", as {_line(q.said_as).strip()}"
        cue = _line(q.cue).strip()
        cue = f" {cue}" if any(c.isalpha() for c in cue) else ""  # a transcript's "NAME:" label has no verb
        head = f"{q.rank}. {BOLD if color else ''}{who}{RESET if color else ''}{cue}:"
        a = q.article
        facts = [f.strip() for f in (_when(a.date), _line(a.dateline), _line(a.source)) if f.strip()]
        where = " · ".join([_line(a.title).strip() or "(untitled)", *facts])
        path = safe(a.id.replace("\n", "\\n"))
        said = snippet_text(q.snippet, color)
        if not (q.snippet.text[:1] in QUOTE_MARKS and q.snippet.text.rstrip()[-1:] in QUOTE_MARKS):
            said = f"“{said}”"  # the quote's own marks when the extractor kept them
        blocks.append(f"{head}\n   {said}\n   {where}\n"
                      f"   {DIM if color else ''}{path}{RESET if color else ''}")
    return "\n\n".join(blocks)


def person_dict(p: Person) -> dict[str, Any]:
    """A person of the registry as JSON-ready data (the `people --json` contract)."""
    return {"name": p.name, "aliases": list(p.aliases), "roles": list(p.roles), "statements": p.statements,
            "articles": p.articles, "first_date": p.first_date, "last_date": p.last_date}


def people_text(people: Sequence[Person]) -> str:
    """The registry as a table: articles, statements, name, then aliases and roles."""
    if not people:
        return "no people"
    rows = []
    for p in people:
        line = f"{p.articles:>5} {p.statements:>6}  {_line(p.name)}"
        when = f"{p.first_date} to {p.last_date}" if p.first_date else ""
        extra = [f"also: {', '.join(_line(a) for a in p.aliases[1:])}" if len(p.aliases) > 1 else "",
                 f"roles: {', '.join(_line(r) for r in p.roles[:3])}" if p.roles else "", when]
        rows.append(line + "".join(f"\n{'':>14}{e}" for e in extra if e))
    return f"{'articles':>5} {'quotes':>6}  name\n" + "\n".join(rows)


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
        path = one_line(h.id)
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
    head = _head(rows)
    said = [f"  - {_line(st.speaker)}" + (f" ({_line(st.role)})" if st.role else "")
            + f" {_line(st.cue)}: “{_line(st.text)}”" for st in doc.statements]
    statements = "\n\nstatements:\n" + "\n".join(said) if said else ""
    return f"{head}\n\n{safe(doc.body)}{statements}"


def _head(rows: list[tuple[str, str | None]]) -> str:
    """Label: value lines; a value keeps to its line (a file name may hold a newline: shown as \\n)."""
    return "\n".join(f"{k:>9}: {one_line(v)}" for k, v in rows if v)


def article_text(article: Article) -> str:
    """An extracted article for reading in a terminal."""
    rows = [
        ("path", article.id), ("title", article.title), ("date", article.date_iso()),
        ("source", article.source), ("dateline", article.dateline),
        ("speakers", ", ".join(article.speakers)), ("url", article.url),
    ]
    return f"{_head(rows)}\n\n{safe(article.body)}"


def counts_text(title: str, rows: Iterable[tuple[str, int]]) -> str:
    """A small frequency table."""
    rows = list(rows)
    if not rows:
        return f"{title}: none"
    width = max(len(str(n)) for _, n in rows)
    return f"{title}:\n" + "\n".join(f"  {n:>{width}}  {_line(k)}" for k, n in rows)


def records_jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One JSON object per record per line (the fields of the JSON output), for streams."""
    return "".join(to_json(r) + "\n" for r in records)


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


def flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record's nested objects spread into columns of their own (``article.title``); lists stay whole."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def rows_csv(records: Sequence[dict[str, Any]]) -> str:
    """Records (JSON-ready data) as CSV with a header line (the fields of the first record, nested
    ones spread into columns); every text cell quoted, so commas, quotes and line breaks stay
    inside their cell. A list of records such as a hit's copies is one cell of JSON text."""
    out = io.StringIO()
    if records:
        rows = [flat(r) for r in records]
        writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        names = list(rows[0])
        writer.writerow(names)
        for row in rows:
            writer.writerow([csv_cell(row.get(name)) for name in names])
    return out.getvalue()
