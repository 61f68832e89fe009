"""Salvaging a damaged library: what can still be read goes into a new library beside it.

SQLite's `.recover` idea, in Python: the damaged file is only ever read (a plain
`mode=ro` connection, so a file too damaged to open as a Hashiya library still gives up
its readable rows). A new library `NAME.recovered-YYYYMMDD-HHMMSS.sqlite` is made beside
it (`open_library` creates the schema), each table is copied by ranges of its key,
falling back to single rows when a range cannot be read, keeping ids; rows that cannot be
read, or that point to a row that was lost, are counted as lost. Then the search index
and the title keys are rebuilt. The original file is never written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from library.storage import search_index, title_keys
from library.storage.database import LibraryError, connect_readonly
from library.storage.store import open_library

# Parents before children (foreign keys stay on); the key each table is read by.
TABLES = (
    ("raw_templates", "rowid"),  # before the articles packed against them
    ("articles", "rowid"),
    ("entity_types", "rowid"),
    ("highlight_colours", "rowid"),
    ("entities", "rowid"),
    ("annotations", "rowid"),
    ("tags", "rowid"),
    ("article_tags", "article_id"),
    ("suggestion_decisions", "rowid"),
    ("captures", "rowid"),
    ("segments", "rowid"),  # its triggers fill the translation index again
    ("entity_terms", "rowid"),
    ("meta", "rowid"),
)
# Rows the new library already holds (the defaults) that the user's own replace.
REPLACED = {"entity_types", "highlight_colours"}
# meta rows the new library writes for itself (the rules it was built under).
OWN_META = {search_index.META_KEY, title_keys.META_KEY}
RANGE = 64


@dataclass
class TableSalvage:
    saved: int = 0
    lost: int = 0
    error: str | None = None  # the whole table could not be read
    # Articles saved without their raw text: the page template it was packed against
    # (library.storage.page_templates) was lost.
    without_raw: int = 0

    def to_json(self) -> dict:
        out: dict = {"saved": self.saved, "lost": self.lost}
        if self.error:
            out["error"] = self.error
        if self.without_raw:
            out["without_raw_text"] = self.without_raw
        return out


@dataclass
class SalvageReport:
    path: Path
    tables: dict[str, TableSalvage] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"path": str(self.path), "tables": {k: v.to_json() for k, v in self.tables.items()}}

    def lines(self) -> list[str]:
        out = [f"salvaged what could be read into {self.path}"]
        for name, t in self.tables.items():
            text = f"  {name}: {t.saved} saved, {t.lost} lost"
            if t.without_raw:
                text += f", {t.without_raw} of them without their raw text"
            if t.error:
                text += f" (could not be read: {t.error})"
            out.append(text)
        return out


def recovered_path(path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = path.name[: -len(path.suffix)] if path.suffix else path.name
    candidate = path.with_name(f"{base}.recovered-{stamp}.sqlite")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{base}.recovered-{stamp}-{n}.sqlite")
        n += 1
    return candidate


def salvage(path: str | Path, target: str | Path | None = None) -> SalvageReport:
    """Copy what can be read of the library at `path` into a new library (`target`, by
    default `recovered_path(path)`); the original is only read."""
    path = Path(path)
    target = Path(target) if target is not None else recovered_path(path)
    if target.exists():
        raise LibraryError(f"{target} exists; the salvage never overwrites a file")
    try:
        src = _open_source(path)
    except sqlite3.Error as exc:
        raise LibraryError(f"cannot read {path} at all ({exc}); restore a backup") from exc
    report = SalvageReport(target)
    try:
        src.execute("PRAGMA query_only = ON")
        new = open_library(target)
        try:
            for table, key in TABLES:
                report.tables[table] = _copy_table(src, new.conn, table, key)
            with new.transaction():
                search_index.rebuild(new.conn)
                title_keys.rekey(new.conn)
        finally:
            new.close()
    finally:
        src.close()
    return report


def _open_source(path: Path) -> sqlite3.Connection:
    """A connection that reads `path` and writes nothing, not even SQLite's -shm beside
    it: `immutable` when there is no log to read, `mode=ro` when commits wait in one."""
    if not path.is_file():
        raise LibraryError(f"no library file at {path}")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        conn = connect_readonly(path)
    else:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _bounds(src: sqlite3.Connection, table: str, key: str) -> tuple[int, int] | None:
    ends = []
    for order in ("", " DESC"):
        ends.append(
            src.execute(f"SELECT {key} FROM {table} ORDER BY {key}{order} LIMIT 1").fetchone()
        )
    if ends[0] is None or ends[1] is None:
        return None
    return int(ends[0][0]), int(ends[1][0])


def _keep_without_lost_template(
    dst: sqlite3.Connection, columns: list[str], row: tuple, result: TableSalvage
) -> tuple:
    """An article whose page template was lost keeps everything but its raw text, which
    cannot be read back without it (library.storage.raw_text): one damaged template
    must not cost every article of its site."""
    if "raw_template" not in columns:
        return row
    at = columns.index("raw_template")
    template = row[at]
    if (
        template is None
        or dst.execute("SELECT 1 FROM raw_templates WHERE id = ?", (template,)).fetchone()
    ):
        return row
    result.without_raw += 1
    lost = {"raw_template": None, "raw_z": None, "raw": ""}
    return tuple(lost.get(c, v) for c, v in zip(columns, row, strict=True))


def _copy_table(
    src: sqlite3.Connection, dst: sqlite3.Connection, table: str, key: str
) -> TableSalvage:
    result = TableSalvage()
    try:
        theirs = set(_columns(src, table))
        columns = [c for c in _columns(dst, table) if c in theirs]
        bounds = _bounds(src, table, key)
    except sqlite3.DatabaseError as exc:
        result.error = str(exc)
        return result
    if bounds is None or not columns:
        return result
    names = ", ".join(f'"{c}"' for c in columns)
    select = f"SELECT {names} FROM {table} WHERE {key} BETWEEN ? AND ?"
    # One row by equality: a range, even of one key, steps on to the next cell.
    single = f"SELECT {names} FROM {table} WHERE {key} = ?"
    conflict = "OR REPLACE" if table in REPLACED else "OR IGNORE"
    marks = ", ".join("?" * len(columns))
    insert = f"INSERT {conflict} INTO {table} ({names}) VALUES ({marks})"
    lo, hi = bounds
    dst.execute("BEGIN")
    try:
        for start in range(lo, hi + 1, RANGE):
            end = min(start + RANGE - 1, hi)
            try:
                rows = src.execute(select, (start, end)).fetchall()
            except sqlite3.DatabaseError:
                rows = []
                for one in range(start, end + 1):
                    try:
                        rows += src.execute(single, (one,)).fetchall()
                    except sqlite3.DatabaseError:
                        result.lost += 1
            for found in rows:
                if table == "meta" and found[columns.index("key")] in OWN_META:
                    continue
                row = tuple(found)
                if table == "articles":
                    row = _keep_without_lost_template(dst, columns, row, result)
                try:
                    cursor = dst.execute(insert, row)
                except sqlite3.DatabaseError:  # points to a lost row, or unreadable values
                    result.lost += 1
                    continue
                if cursor.rowcount > 0 or table in REPLACED:
                    result.saved += 1
        dst.execute("COMMIT")
    except BaseException:
        dst.execute("ROLLBACK")
        raise
    return result
