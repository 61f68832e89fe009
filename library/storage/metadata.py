"""An article's bibliographic metadata and provenance: who published it, when and where,
and every capture of it (a web archive's record), for the Article Info panel, `show
--json`, the exports' provenance and citations.

    metadata(lib, 7) -> Metadata        metadata_for(lib, [7, 8]) -> {7: Metadata, ...}
    update(lib, 7, authors=("سامي الحسيني",), section="اقتصاد") -> (before, after)
    add_captures(lib, 7, [Capture(uri, date, record_id, file)])

Stored in `articles` (schema 5): title, `site` as the publisher, `date` as the
publication date, `url` as the canonical URL, and `authors` (JSON list), `section`,
`language`, `modified`, `identifier`; captures in their own table. Dates are ISO 8601
text. Empty values are None (an empty tuple for authors), never "".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from library.storage import title_keys
from library.storage.articles import NotFound
from library.storage.filters import AUTHORS_JSON
from library.storage.store import Library


@dataclass(frozen=True)
class Capture:
    uri: str | None = None  # WARC-Target-URI
    date: str | None = None  # WARC-Date, ISO 8601
    record_id: str | None = None  # WARC-Record-ID
    file: str | None = None  # the archive it was read from

    def to_json(self) -> dict:
        return {"uri": self.uri, "date": self.date, "record_id": self.record_id, "file": self.file}


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    section: str | None = None
    language: str | None = None
    url: str | None = None
    published: str | None = None
    modified: str | None = None
    identifier: str | None = None
    captures: tuple[Capture, ...] = field(default_factory=tuple)

    @property
    def author(self) -> str | None:
        """The authors as one line ("A; B"), or None."""
        return "; ".join(self.authors) or None

    @property
    def accessed(self) -> str | None:
        """When the text was captured (the earliest capture), for a citation's "accessed"."""
        dates = sorted(c.date for c in self.captures if c.date)
        return dates[0] if dates else None

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "url": self.url,
            "author": self.author,
            "authors": list(self.authors),
            "publisher": self.publisher,
            "published": self.published,
            "modified": self.modified,
            "section": self.section,
            "language": self.language,
            "identifier": self.identifier,
            "captures": [c.to_json() for c in self.captures],
        }


# Metadata field -> articles column (captures apart).
COLUMNS = {
    "title": "title",
    "authors": "authors",
    "publisher": "site",
    "section": "section",
    "language": "language",
    "url": "url",
    "published": "date",
    "modified": "modified",
    "identifier": "identifier",
}
EDITABLE = tuple(COLUMNS)
_SELECT = "SELECT id, " + ", ".join(COLUMNS.values()) + " FROM articles"


def _authors(value: str | None) -> tuple[str, ...]:
    try:
        found = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(str(a) for a in found if str(a).strip()) if isinstance(found, list) else ()


def _from_row(row, captures: Iterable[Capture]) -> Metadata:
    values = dict(zip(COLUMNS, row[1:], strict=True))
    values["authors"] = _authors(values["authors"])
    values["title"] = values["title"] or ""
    return Metadata(**values, captures=tuple(captures))


def _captures(lib: Library, ids: list[int]) -> dict[int, list[Capture]]:
    out: dict[int, list[Capture]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = lib.conn.execute(
            "SELECT article_id, uri, date, record_id, file FROM captures "
            f"WHERE article_id IN ({marks}) ORDER BY article_id, date, id",
            chunk,
        )
        for article_id, *rest in rows:
            out[article_id].append(Capture(*rest))
    return out


def metadata_for(lib: Library, ids: Iterable[int]) -> dict[int, Metadata]:
    """Metadata of several articles at once (exports); unknown ids are left out."""
    wanted = list(dict.fromkeys(ids))
    captures = _captures(lib, wanted)
    out = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in lib.conn.execute(f"{_SELECT} WHERE id IN ({marks})", chunk):
            out[row[0]] = _from_row(row, captures.get(row[0], ()))
    return out


def metadata(lib: Library, article_id: int) -> Metadata:
    found = metadata_for(lib, [article_id]).get(article_id)
    if found is None:
        raise NotFound(f"no article {article_id}")
    return found


def _clean(name: str, value: object) -> object:
    if name == "authors":
        items = [value] if isinstance(value, str) else list(value or ())  # type: ignore[call-overload]
        return tuple(a.strip() for a in (str(i) for i in items) if a.strip())
    if name == "title":
        text = str(value or "").strip()
        if not text:
            raise ValueError("an article needs a title")
        return text
    text = str(value).strip() if value is not None else ""
    return text or None


def write(lib: Library, article_id: int, meta: Metadata) -> None:
    """Store every editable field of `meta` (inside the caller's transaction)."""
    sets = ", ".join(f'"{c}" = ?' for c in COLUMNS.values())
    values = [
        json.dumps(list(meta.authors), ensure_ascii=False) if f == "authors" else getattr(meta, f)
        for f in COLUMNS
    ]
    lib.conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*values, article_id])
    if meta.title:
        lib.conn.execute(
            "UPDATE articles SET title_key = ? WHERE id = ?",
            (title_keys.title_key(meta.title), article_id),
        )


def update(lib: Library, article_id: int, **changes: object) -> tuple[Metadata, Metadata]:
    """Change some fields of an article's metadata in one transaction; (before, after).
    Undo: `write(lib, article_id, before)` in a transaction. ValueError for an unknown
    field or an empty title."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not a metadata field: {', '.join(sorted(unknown))}")
    with lib.transaction():
        before = metadata(lib, article_id)
        after = replace(before, **{k: _clean(k, v) for k, v in changes.items()})
        if after != before:
            write(lib, article_id, after)
    return before, after


def publishers(lib: Library, limit: int = 200) -> list[tuple[str, int]]:
    """The publishers of the library's articles with their article counts, most first."""
    rows = lib.conn.execute(
        "SELECT site, count(*) FROM articles WHERE site IS NOT NULL AND site != '' "
        "GROUP BY site ORDER BY count(*) DESC, site LIMIT ?",
        (limit,),
    )
    return [(r[0], r[1]) for r in rows]


def authors(lib: Library, limit: int = 200) -> list[tuple[str, int]]:
    """The authors of the library's articles with their article counts, most first."""
    # Each distinct list once, from the index of the articles naming authors
    # (migration 7): a million articles without an author cost nothing here.
    listed = AUTHORS_JSON.replace("a.authors", "g.authors")
    rows = lib.conn.execute(
        "SELECT j.value, sum(g.n) FROM (SELECT a.authors, count(*) AS n FROM articles a "
        "WHERE a.authors != '[]' GROUP BY a.authors) g, "
        f"json_each({listed}) j GROUP BY j.value ORDER BY sum(g.n) DESC, j.value LIMIT ?",
        (limit,),
    )
    return [(r[0], r[1]) for r in rows if isinstance(r[0], str) and r[0].strip()]


def add_captures(lib: Library, article_id: int, captures: Iterable[Capture]) -> int:
    """Record captures of an article (inside the caller's transaction); a record already
    recorded is not added twice. Returns how many were added."""
    added = 0
    for c in captures:
        cursor = lib.conn.execute(
            "INSERT INTO captures (article_id, uri, date, record_id, file) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (article_id, c.uri, c.date, c.record_id, c.file),
        )
        added += cursor.rowcount
    return added


__all__ = [
    "EDITABLE",
    "Capture",
    "Metadata",
    "add_captures",
    "authors",
    "metadata",
    "metadata_for",
    "publishers",
    "update",
    "write",
]
