"""Re-cleaning: every article cleaned again from its raw text under the current rules.

An article keeps its raw text exactly as decoded (`articles.raw`: the lines of its part
of a text file, the whole HTML page, or the JSON of its record), so when the cleaning
rules improve (`library.ingest.cleaning`) the text the reader shows can be made again
without the original files. Each article is read again from its raw text by the reader
of its format, then rule 7b runs with the library's own vocabulary
(`library.storage.vocabulary`), which an import, reading files in worker processes,
does not have. An article whose text changed gets it with
`library.storage.articles.replace_text` (the search index follows) and its annotations
are re-anchored by their quote and context (`library.marks.anchoring`); one that could
not be placed keeps its old offsets and is reported, never moved somewhere else.

An article is left as it is, and reported, when its raw text cannot be read again (a
record imported with `--field`, whose field names were not kept) or when its new text
would be the same as another article's (the library holds each text once).

The rules' version (`cleaning.CLEANING_VERSION`) is recorded in `meta` when a re-clean
finishes, and by an import into an empty library, so `needs_reclean` can tell a library
cleaned under older rules. Work is committed in batches: an interrupted re-clean leaves
whole articles, and running it again completes it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from library.changes import NOTHING, Changes
from library.ingest import cleaning
from library.ingest.formats import html, records, text
from library.ingest.formats.draft import Draft, ReadError
from library.marks.anchoring import reanchor_article
from library.storage import search_index
from library.storage.articles import replace_text
from library.storage.meta import read_meta, write_meta
from library.storage.raw_text import TEMPLATE
from library.storage.store import Library
from library.storage.vocabulary import Vocabulary
from library.translation.segments import reanchor_segments

META_KEY = "cleaning_rules_version"
BATCH_ARTICLES = 200
# Why an article was left as it was: a word an interface can translate, and its text.
KEPT = {
    "unreadable": "its raw text cannot be read again",
    "duplicate": "its new text is the same as another article's",
    "empty": "its raw text cleans to nothing",
}

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass
class RecleanReport:
    articles: int = 0  # articles looked at
    changed: list[int] = field(default_factory=list)  # articles whose text changed
    kept: list[tuple[int, str]] = field(default_factory=list)  # left as they were: why (KEPT)
    reanchored: list[str] = field(default_factory=list)  # annotations given new offsets
    orphaned: list[str] = field(default_factory=list)  # annotations that could not be placed
    cancelled: bool = False
    # For the views: the articles whose text changed, and the annotations that moved.
    changes: Changes = NOTHING

    def to_json(self) -> dict:
        return {
            "articles": self.articles,
            "changed": self.changed,
            "kept": [{"article": a, "reason": why, "message": KEPT[why]} for a, why in self.kept],
            "reanchored": len(self.reanchored),
            "orphaned": self.orphaned,
            "cancelled": self.cancelled,
        }


def cleaned_version(conn: sqlite3.Connection) -> int | None:
    """The cleaning rules' version the library's articles were cleaned under, if known."""
    value = read_meta(conn, META_KEY)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def mark_cleaned(conn: sqlite3.Connection) -> None:
    """Record that every article is cleaned under the current rules."""
    write_meta(conn, META_KEY, str(cleaning.CLEANING_VERSION))


def needs_reclean(lib: Library) -> bool:
    """The library holds articles cleaned under older rules (or under unrecorded ones)."""
    if cleaned_version(lib.conn) == cleaning.CLEANING_VERSION:
        return False
    return lib.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None


def reread(raw: str, fmt: str, encoding: str) -> Draft | None:
    """An article read again from its raw text by its format's reader (rules 1–7a);
    None when that is not possible."""
    try:
        if fmt == "txt":
            drafts = text.read_text(raw, encoding)
            return drafts[0] if len(drafts) == 1 else None
        if fmt == "html":
            return html.read_text(raw, encoding)[0]
        if fmt in ("json", "jsonl", "csv", "tsv"):
            return records.read_record(raw, encoding, fmt)
    except (ReadError, ValueError, RecursionError):
        return None
    return None


_ROWS = (
    f"SELECT id, title, body, captions, hashiya_raw(raw, raw_z, body, {TEMPLATE}), format, "
    "encoding FROM articles WHERE id IN"
)


def reclean(
    lib: Library,
    *,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> RecleanReport:
    """Clean every article again from its raw text (see the module docstring)."""
    report = RecleanReport()
    if not search_index.is_current(lib.conn):
        with lib.transaction():
            search_index.rebuild(lib.conn)
    vocabulary = Vocabulary(lib.conn)
    ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles ORDER BY id")]
    moved_in: set[int] = set()
    for start in range(0, len(ids), BATCH_ARTICLES):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        part = ids[start : start + BATCH_ARTICLES]
        rows = lib.conn.execute(f"{_ROWS} ({', '.join('?' * len(part))})", part).fetchall()
        with lib.transaction():
            for row in rows:
                _reclean_one(lib, row, vocabulary, report, moved_in)
        report.articles += len(rows)
        if progress is not None:
            progress(report.articles, len(ids))
    if not report.cancelled:
        mark_cleaned(lib.conn)
    report.changes = Changes.of(
        content=report.changed, articles=moved_in, annotations=report.reanchored
    )
    return report


def _reclean_one(
    lib: Library, row: tuple, vocabulary: Vocabulary, report: RecleanReport, moved_in: set[int]
) -> None:
    article_id, title, body, captions_json, raw, fmt, encoding = row
    draft = reread(raw, fmt, encoding)
    if draft is None:
        report.kept.append((article_id, "unreadable"))
        return
    new_body = cleaning.split_glued_words(draft.body, vocabulary)
    captions = json.loads(captions_json)
    if (draft.title, new_body, draft.captions) == (title, body, captions):
        return
    if not new_body and not draft.captions:
        report.kept.append((article_id, "empty"))
        return
    try:
        with lib.transaction():
            replace_text(lib, article_id, title=draft.title, body=new_body, captions=draft.captions)
            placed = reanchor_article(lib, article_id)
            reanchor_segments(lib, article_id, body, new_body)  # translations move too
    except sqlite3.IntegrityError:
        report.kept.append((article_id, "duplicate"))
        return
    report.changed.append(article_id)
    for result in placed:
        if result.status == "orphaned":
            report.orphaned.append(result.annotation_id)
        elif result.changed:
            report.reanchored.append(result.annotation_id)
            moved_in.add(article_id)
