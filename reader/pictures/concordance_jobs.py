"""The concordance's background work, as plain functions the runner calls (no Qt): the
lines streamed in batches with their articles' titles, and a sort of lines already read."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from library.exchange.atomic import write_bytes
from library.marks.entities import find_entity, get_entity
from library.search.concordance import (
    ENTITY_PREFIX,
    Line,
    concordance,
    csv_bytes,
    in_batches,
    word_key,
)
from library.search.query import QueryError
from library.storage.articles import NotFound, titles
from library.storage.store import Library

SCREEN = 50  # the first batch: about a screen of lines, shown before the rest is read
BATCH = 1000
MAX_LINES = 50_000  # a word in every article has more lines than anyone reads


@dataclass(frozen=True)
class Batch:
    lines: list[Line]
    titles: dict[int, str]


@dataclass(frozen=True)
class Finished:
    total: int
    capped: bool  # stopped at MAX_LINES
    stopped: bool  # asked to stop
    problem: str = ""  # QueryError.reason when the query could not be run
    detail: str = ""  # its message (English, for the log)


def resolved(lib: Library, query: str) -> str:
    """`entity:` and an entity's id, or its name or an alias (folded, as the entity index
    finds it) made into its id; any other query as it is. QueryError for an unknown one."""
    if not query.startswith(ENTITY_PREFIX):
        return query
    given = query[len(ENTITY_PREFIX) :].strip()
    found = find_entity(lib, given) if given else None
    if found is not None:
        return f"{ENTITY_PREFIX}{found.id}"
    if given:
        with contextlib.suppress(NotFound):
            return f"{ENTITY_PREFIX}{get_entity(lib, given).id}"
    raise QueryError(
        f"no entity called {given!r}" if given else "no entity named", "unknown-entity"
    )


def stream_lines(query: str, width: int, limit: int = MAX_LINES):
    """A runner job: every batch is reported as progress (a `Batch`); returns `Finished`."""

    def job(lib: Library, handle) -> Finished:
        total = 0
        try:
            lines = concordance(lib, resolved(lib, query), width=width, limit=limit + 1)
            batches = in_batches(lines, first=SCREEN, size=BATCH)
            first = next(batches, None)  # a query that cannot be run fails here
        except QueryError as error:
            return Finished(0, False, False, error.reason, str(error))
        for batch in itertools.chain([first] if first else [], batches):
            if handle.should_cancel():
                return Finished(total, False, True)
            kept = batch[: limit - total]
            if kept:
                handle.progress(Batch(kept, titles(lib, {x.article_id for x in kept})))
            total += len(kept)
            if total >= limit:
                return Finished(total, True, False)
        return Finished(total, False, False)

    return job


def sorted_lines(lines: Sequence[Line], side: str, position: int):
    """A runner job that sorts a copy of the lines (by article order when `side` is "")."""
    copy = list(lines)

    def job(_lib: Library, _handle) -> list[Line]:
        if not side:
            return sorted(copy, key=lambda x: (x.article_id, x.start))
        return sorted(copy, key=lambda x: word_key(x, side, position))

    return job


def write_csv(path: Path, lines: Sequence[Line], titles: dict[int, str]):
    """A runner job (on the long lane, given the library's path, which it does not use):
    the lines as CSV, written at once or not at all; returns the path."""
    data_lines, data_titles = list(lines), dict(titles)

    def job(_library: Path, _handle) -> Path:
        # The user confirmed replacing an existing file in the save dialog.
        return write_bytes(path, csv_bytes(data_lines, data_titles), force=True)

    return job
