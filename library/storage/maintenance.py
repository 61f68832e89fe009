"""`hashiya check`: is the library sound, and `--repair` what can be rebuilt.

Checked: SQLite's own integrity and foreign keys; the search index (built under the
current rules, every article indexed exactly once with its current text, no rows for
articles that are gone); every annotation inside its article's body with its quote
matching. Repaired: the index (rebuilt from the articles) and annotations (re-anchored
by their quote and context); what cannot be repaired is reported, never deleted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from library.changes import EVERYTHING, NOTHING, Changes
from library.storage import index_terms, search_index
from library.storage.store import Library


@dataclass
class Problem:
    kind: str  # integrity, foreign-key, index, annotation
    message: str
    repaired: bool = False


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    annotations: int = 0
    # What a repair changed, for the views: the re-anchored annotations and their
    # articles; a rebuilt index changes every search result, so it says "everything".
    changes: Changes = NOTHING

    @property
    def ok(self) -> bool:
        return all(p.repaired for p in self.problems)

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "articles": self.articles,
            "annotations": self.annotations,
            "problems": [asdict(p) for p in self.problems],
        }


def _integrity(lib: Library, report: CheckReport) -> None:
    try:
        rows = [r[0] for r in lib.conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        # So damaged that SQLite stops checking: that is the report.
        report.problems.append(Problem("integrity", f"the library file is damaged ({exc})"))
        return
    if rows != ["ok"]:
        report.problems += [Problem("integrity", r) for r in rows]
    for table, rowid, parent, _ in lib.conn.execute("PRAGMA foreign_key_check"):
        report.problems.append(
            Problem("foreign-key", f"{table} row {rowid} points to a missing {parent}")
        )


def _docsize_counts(blob: bytes) -> list[int]:
    """FTS5 stores each row's token count per column as SQLite varints (big-endian,
    seven bits a byte, the high bit set on every byte but the last)."""
    counts, value = [], 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            counts.append(value)
            value = 0
    return counts


def index_problems(lib: Library) -> list[Problem]:
    problems: list[Problem] = []
    if not search_index.is_current(lib.conn):
        problems.append(Problem("index", "the search index was built under other rules"))
        return problems
    # FTS5's own check is an INSERT command: a library that cannot be written refuses it,
    # which says nothing about the index (the counts below are still compared).
    if not lib.readonly:
        try:
            lib.conn.execute("INSERT INTO article_index (article_index) VALUES ('integrity-check')")
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc) and "read-only" not in str(exc):
                problems.append(Problem("index", f"the search index is damaged ({exc})"))
                return problems
        except Exception as exc:  # any other failure here means a damaged index
            problems.append(Problem("index", f"the search index is damaged ({exc})"))
            return problems
    indexed = {
        rowid: _docsize_counts(sz)
        for rowid, sz in lib.conn.execute("SELECT id, sz FROM article_index_docsize")
    }
    missing = orphans = stale = 0
    for article_id, title, body, captions in lib.conn.execute(
        "SELECT id, title, body, captions FROM articles"
    ):
        counts = indexed.pop(article_id, None)
        if counts is None:
            missing += 1
            continue
        keys = search_index.keys_for(title, body, json.loads(captions))
        expected = [
            len(k.split()) for k in (keys.title, keys.title_stem, keys.body, keys.body_stem)
        ]
        if counts != expected:
            stale += 1
    orphans = len(indexed)
    if missing:
        problems.append(Problem("index", f"{missing} article(s) missing from the search index"))
    if orphans:
        problems.append(Problem("index", f"{orphans} search index row(s) for deleted articles"))
    if stale:
        problems.append(Problem("index", f"{stale} article(s) indexed with outdated text"))
    unlisted = index_terms.missing(lib.conn)
    if unlisted:
        # A prefix would miss the articles of these words (library.search.prefixes).
        problems.append(Problem("index", f"{unlisted} search term(s) missing from the term list"))
    return problems


def annotation_problems(lib: Library) -> list[tuple[str, int, str]]:
    """(annotation id, article id, what is wrong) for every misplaced annotation."""
    out = []
    for ann_id, article_id, start, end, exact, body in lib.conn.execute(
        'SELECT n.id, n.article_id, n.start, n."end", n.exact, a.body '
        "FROM annotations n JOIN articles a ON a.id = n.article_id"
    ):
        if not 0 <= start <= end <= len(body):
            out.append((ann_id, article_id, f"offsets {start}-{end} outside the text"))
        elif body[start:end] != exact:
            out.append((ann_id, article_id, f"quote no longer matches the text at {start}-{end}"))
    return out


Reanchor = Callable[[Library, int], object]


def check(lib: Library, *, repair: bool = False, reanchor: Reanchor | None = None) -> CheckReport:
    """Check the library; with `repair`, rebuild the index and re-anchor annotations.

    `reanchor(lib, article_id)` re-anchors one article's annotations (the annotation
    module provides it); without one, misplaced annotations are only reported.
    """
    report = CheckReport()
    try:
        report.articles = lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        report.annotations = lib.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        report.problems.append(Problem("integrity", f"the library file is damaged ({exc})"))
        return report
    _integrity(lib, report)
    if any(p.kind == "integrity" for p in report.problems):
        return report  # nothing else can be trusted; repair starts from a backup
    index = index_problems(lib)
    if index and repair:
        with lib.transaction():
            search_index.rebuild(lib.conn)
        for p in index:
            p.repaired = True
        report.changes = EVERYTHING
    report.problems += index
    misplaced = annotation_problems(lib)
    if misplaced and repair and reanchor is not None:
        for article_id in sorted({a for _, a, _ in misplaced}):
            reanchor(lib, article_id)
        still = {ann for ann, _, _ in annotation_problems(lib)}
        moved = [(ann, article) for ann, article, _ in misplaced if ann not in still]
        report.changes = report.changes | Changes.of(
            articles=[article for _, article in moved], annotations=[ann for ann, _ in moved]
        )
    else:
        still = {ann for ann, _, _ in misplaced}
    for ann_id, article_id, what in misplaced:
        fixed = ann_id not in still
        note = " (re-anchored)" if fixed else (" (could not be re-anchored)" if repair else "")
        report.problems.append(
            Problem(
                "annotation", f"annotation {ann_id} in article {article_id}: {what}{note}", fixed
            )
        )
    return report
