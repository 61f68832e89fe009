"""Libraries as older Hashiyas left them, for the upgrade tests: each function undoes the
migrations from a version on, on a library the current one made."""

from __future__ import annotations

import sqlite3


def back_to_12(conn: sqlite3.Connection) -> None:
    """Undo migrations 13 and 14: no page templates (every raw text must already be
    packed without one), captures unique by record id, URI and date together."""
    conn.execute("DROP INDEX captures_record")
    conn.execute("DROP INDEX captures_seen")
    conn.execute(
        "CREATE UNIQUE INDEX captures_once ON captures(article_id, coalesce(record_id, ''), "
        "coalesce(uri, ''), coalesce(date, ''))"
    )
    conn.execute("DROP TRIGGER articles_raw_template")
    conn.execute("ALTER TABLE articles DROP COLUMN raw_template")
    conn.execute("DROP TABLE raw_templates")
    conn.execute("DELETE FROM migrations WHERE version >= 13")
    conn.execute("PRAGMA user_version = 12")


def back_to_11(conn: sqlite3.Connection) -> None:
    """Undo migrations 12 on: no list of the index's terms either."""
    back_to_12(conn)
    conn.execute("DROP TABLE index_terms")
    conn.execute("DELETE FROM migrations WHERE version = 12")
    conn.execute("PRAGMA user_version = 11")
