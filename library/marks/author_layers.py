"""Authors' layers: everything one person made in a library (their annotations, relations
and translations), told apart by the `author` every row records (`library.marks.identity`).

A team's library holds several layers over the same articles: the user's own, the ones
imported from colleagues' files (`import-annotations --author`) or synced from the team's
server, and the curated one. The reader shows, hides and colours them; every export can
take some of them only (`Selection.authors`); agreement compares them.

Rows made before authors were recorded, or imported from files that name nobody, have no
author: they form the layer of `None` (shown as "unattributed").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from library.storage.store import Library


@dataclass(frozen=True)
class AuthorLayer:
    author: str | None  # None: rows that name no author
    annotations: int  # all kinds
    mentions: int  # entity mentions among them
    articles: int  # articles the layer annotates
    relations: int
    segments: int  # translated segments (non-empty target)

    def to_json(self) -> dict:
        return {
            "author": self.author,
            "annotations": self.annotations,
            "mentions": self.mentions,
            "articles": self.articles,
            "relations": self.relations,
            "segments": self.segments,
        }


def author_layers(lib: Library) -> list[AuthorLayer]:
    """Every layer of the library with its counts, the biggest first (then by name)."""
    conn = lib.conn
    found: dict[str | None, dict[str, int]] = {}

    def add(rows, *names: str) -> None:
        for author, *counts in rows:
            entry = found.setdefault(author or None, {})
            for name, count in zip(names, counts, strict=True):
                entry[name] = entry.get(name, 0) + count

    add(
        conn.execute(
            "SELECT author, count(*), sum(kind = 'entity'), count(DISTINCT article_id) "
            "FROM annotations GROUP BY author"
        ),
        "annotations",
        "mentions",
        "articles",
    )
    add(conn.execute("SELECT author, count(*) FROM relations GROUP BY author"), "relations")
    add(
        conn.execute("SELECT author, count(*) FROM segments WHERE target != '' GROUP BY author"),
        "segments",
    )
    layers = [
        AuthorLayer(
            author,
            counts.get("annotations", 0),
            counts.get("mentions", 0),
            counts.get("articles", 0),
            counts.get("relations", 0),
            counts.get("segments", 0),
        )
        for author, counts in found.items()
    ]
    layers.sort(key=lambda layer: (-layer.annotations, layer.author is None, layer.author or ""))
    return layers


def author_condition(
    authors: Sequence[str | None] | None, column: str = "author"
) -> tuple[str, list]:
    """An SQL condition keeping the rows of these layers (None in `authors`: the rows that
    name no author); no authors given: every row."""
    if authors is None:
        return "1", []
    named = [a for a in authors if a]
    parts = []
    if named:
        parts.append(f"{column} IN ({', '.join('?' * len(named))})")
    if any(not a for a in authors):
        parts.append(f"coalesce({column}, '') = ''")
    return ("(" + " OR ".join(parts) + ")") if parts else "0", named
