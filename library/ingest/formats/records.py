"""Scraper exports: JSON, JSON Lines, CSV and TSV, one article per object or row.

Field names vary between scrapers, so each of our fields accepts the usual names
(compared without case, spaces, `_` or `-`), and a caller can name others with a field
map such as {"body": "story", "title": "headline_ar"}.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from library.ingest import cleaning
from library.ingest.decoding import decode_bytes
from library.ingest.formats.draft import Draft, ReadError
from library.ingest.formats.html import fragment_text

FIELDS = (
    "title", "body", "date", "url", "site", "captions",
    "authors", "section", "language", "modified", "identifier",
)  # fmt: skip

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "subject", "name", "عنوان", "العنوان"),
    "body": (
        "body", "text", "content", "article", "articlebody", "articletext", "fulltext",
        "story", "maintext", "النص", "المحتوى", "المتن", "description", "summary",
    ),
    "date": (
        "date", "published", "publishedat", "publishdate", "publicationdate",
        "datepublished", "pubdate", "datetime", "time", "timestamp", "created",
        "createdat", "التاريخ",
    ),
    "url": ("url", "link", "href", "permalink", "canonical", "الرابط"),
    "site": (
        "source", "site", "sitename", "publisher", "outlet", "domain", "website",
        "newspaper", "المصدر", "الموقع",
    ),
    "captions": ("captions", "caption", "imagecaption", "photocaption"),
    "authors": (
        "authors", "author", "byline", "writer", "writers", "creator", "creators",
        "authorname", "الكاتب", "المؤلف", "الكتاب",
    ),
    "section": ("section", "category", "categories", "articlesection", "desk", "القسم", "التصنيف"),
    "language": ("language", "lang", "inlanguage", "locale", "اللغة"),
    "modified": (
        "modified", "datemodified", "updated", "updatedat", "lastmodified", "modifiedat",
        "modifieddate", "lastupdated",
    ),
    "identifier": ("identifier", "id", "guid", "uuid", "articleid", "docid", "doi", "المعرف"),
}  # fmt: skip

_CONTAINERS = ("articles", "items", "data", "results", "posts", "entries", "records", "docs")
_LOOKS_HTML = re.compile(r"<(p|div|br|span|a|strong|em|b|i|h[1-6]|ul|li)\b[^>]*>", re.IGNORECASE)
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%Y", "%a, %d %b %Y %H:%M:%S %z")


def _squash(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).casefold()


def _field_lookup(keys: Iterable[str], field_map: dict[str, str]) -> dict[str, str]:
    """Our field → the record's key for it."""
    by_squashed = {_squash(k): k for k in keys}
    found: dict[str, str] = {}
    for name in FIELDS:
        if name in field_map:
            wanted = _squash(field_map[name])
            if wanted in by_squashed:
                found[name] = by_squashed[wanted]
            continue
        for alias in ALIASES[name]:
            if alias in by_squashed and by_squashed[alias] not in found.values():
                found[name] = by_squashed[alias]
                break
    return found


def normalise_date(value: Any) -> str | None:
    """ISO 8601 (date, or date and time) when the value is a date we can read."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            # Scrapers write epoch seconds or milliseconds.
            seconds = value / 1000 if value > 1e11 else value
            return datetime.fromtimestamp(seconds).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.date().isoformat() if len(text) <= 10 else parsed.isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text[:40] or None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or value.get("value") or ""
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    return str(value)


def _names(value: Any) -> list[str]:
    """Authors from a list, an object with a name, or one text ("A; B", "A and B" kept)."""
    items = value if isinstance(value, list) else re.split(r"\s*[;|]\s*", _text(value))
    names = (" ".join(_text(v).split()) for v in items)
    return list(dict.fromkeys(n for n in names if n))


def _first_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if _text(v).strip()), None)
    return " ".join(_text(value).split()) or None


def _body_text(value: Any) -> str:
    text = _text(value)
    if _LOOKS_HTML.search(text):
        try:
            return fragment_text(text)
        except ReadError:
            return ""
    return cleaning.clean_text(text)


def _draft(record: dict[str, Any], raw: str, encoding: str, fmt: str, fields: dict[str, str]):
    body = _body_text(record.get(fields["body"]))
    if not body:
        return None
    title = cleaning.clean_title(_text(record.get(fields["title"]))) if "title" in fields else ""
    captions_value = record.get(fields["captions"]) if "captions" in fields else None
    captions = [
        c
        for c in (
            cleaning.clean_title(_text(v))
            for v in (captions_value if isinstance(captions_value, list) else [captions_value])
        )
        if c
    ]

    def value(name: str) -> str | None:
        return _text(record.get(fields[name])).strip() or None if name in fields else None

    return Draft(
        title=title or " ".join(body.split()[:12]),
        body=body,
        raw=raw,
        encoding=encoding,
        format=fmt,
        captions=captions,
        date=normalise_date(record.get(fields["date"])) if "date" in fields else None,
        url=_text(record.get(fields["url"])).strip() or None if "url" in fields else None,
        site=_text(record.get(fields["site"])).strip() or None if "site" in fields else None,
        authors=_names(record.get(fields["authors"])) if "authors" in fields else [],
        section=_first_text(record.get(fields["section"])) if "section" in fields else None,
        language=value("language"),
        modified=normalise_date(record.get(fields["modified"])) if "modified" in fields else None,
        identifier=value("identifier"),
    )


def read_record(raw: str, encoding: str, fmt: str) -> Draft | None:
    """One article again from its stored raw record (the JSON of the object or row), for
    re-cleaning; None when its fields cannot be found without the import's field map."""
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    fields = _field_lookup(record.keys(), {})
    return _draft(record, raw, encoding, fmt, fields) if "body" in fields else None


def _json_records(text: str) -> Iterator[dict[str, Any]]:
    try:
        doc = json.loads(text)
    except RecursionError as exc:
        raise ReadError("JSON nested too deeply to be an article export") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    if isinstance(doc, dict):
        if any(_squash(k) in ALIASES["body"] for k in doc):
            yield doc
            return
        for key in doc:
            if _squash(key) in _CONTAINERS and isinstance(doc[key], list):
                doc = doc[key]
                break
        else:
            raise ReadError("JSON object without an article list or an article body")
    if not isinstance(doc, list):
        raise ReadError("JSON that is neither an article nor a list of articles")
    yield from (item for item in doc if isinstance(item, dict))


def _jsonl_records(text: str) -> Iterator[tuple[dict[str, Any], str]]:
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            continue  # one broken line must not cost the others
        if isinstance(item, dict):
            yield item, line


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[dict[str, Any], str]]:
    csv.field_size_limit(64 * 1024 * 1024)
    table = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in table:
            clean = {k: v for k, v in row.items() if isinstance(k, str)}
            yield clean, json.dumps(clean, ensure_ascii=False)
    except csv.Error as exc:
        raise ReadError(f"broken CSV at line {table.line_num}: {exc}") from exc


def read(data: bytes, suffix: str, field_map: dict[str, str]) -> list[Draft]:
    decoded = decode_bytes(data)
    text = decoded.text.removeprefix("\ufeff")
    fmt = suffix.lstrip(".")
    if suffix == ".json":
        pairs: Iterable[tuple[dict[str, Any], str]] = (
            (r, json.dumps(r, ensure_ascii=False)) for r in _json_records(text)
        )
    elif suffix in (".jsonl", ".ndjson"):
        fmt = "jsonl"
        pairs = _jsonl_records(text)
    else:
        first = text.split("\n", 1)[0]
        delimiter = (
            "\t" if suffix == ".tsv" else (";" if first.count(";") > first.count(",") else ",")
        )
        pairs = _csv_records(text, delimiter)
    drafts: list[Draft] = []
    fields: dict[str, str] | None = None
    seen_keys: set[str] = set()
    for record, raw in pairs:
        seen_keys.update(record)
        if fields is None or not set(fields.values()) <= set(record):
            fields = _field_lookup(record.keys(), field_map)
        if "body" not in fields:
            continue
        draft = _draft(record, raw, decoded.encoding, fmt, fields)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        names = ", ".join(sorted(seen_keys)[:12]) or "none"
        raise ReadError(
            f"no record with an article body (fields found: {names}); "
            "name the body field with --field body=NAME",
            "no_article",
        )
    return drafts
