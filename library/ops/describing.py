"""Correcting an article's metadata (the Article Info panel, one field at a time): one
edit, with the search index kept in step when the title changes.

    edit_metadata(lib, 7, authors=("ليلى حداد",), published="2024-05-01") -> Operation

The title is searched (`library.storage.search_index` holds its keys with the
captions'), so a new title takes the article's old keys out of the index and puts the
new ones in, in the same transaction as the field itself; undo and redo do the same.
Dates must be ISO 8601 (`iso_date`): a year, a month, a day, or a day and a time.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from library.changes import Changes
from library.ops.operation import Operation, Step, nothing
from library.storage import metadata as meta
from library.storage import search_index
from library.storage.articles import get_article
from library.storage.store import Library

LABEL = "edit-metadata"
DATES = ("published", "modified")
# What the article page and the list's sortable columns show: a change to one of them
# may change the page (its title, the source and date line) and move the article's row.
_SHOWN = ("title", "publisher", "published")
_YEAR_OR_MONTH = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> bool:
    """Whether `text` is an ISO 8601 date as the library stores them: "2024", "2024-05",
    "2024-05-01", or a day and a time ("2024-05-01T09:30:00+03:00", "…Z")."""
    text = text.strip()
    if _YEAR_OR_MONTH.fullmatch(text):
        return True
    if not _DAY.fullmatch(text[:10]) or (len(text) > 10 and text[10] not in "T "):
        return False
    try:
        datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return False
    return True


def _check_dates(changes: dict[str, object]) -> None:
    for name in DATES:
        value = changes.get(name)
        if value is not None and str(value).strip() and not iso_date(str(value)):
            raise ValueError(f"not an ISO 8601 date: {str(value).strip()!r} (e.g. 2024-05-01)")


def _reindex(lib: Library, article_id: int, old_title: str, new_title: str) -> None:
    """Swap the title's search keys (inside the caller's transaction)."""
    article = get_article(lib, article_id)
    old = search_index.keys_for(old_title, article.body, article.captions)
    search_index.remove(lib.conn, article_id, old)
    search_index.add(
        lib.conn, article_id, search_index.keys_for(new_title, article.body, article.captions)
    )


def _put(article_id: int, value: meta.Metadata, fields: tuple[str, ...]) -> Step:
    """Undo or redo: put back the fields the edit changed, as they are in `value`; the
    others keep what they hold now (another process may have changed them since)."""

    def step(lib: Library) -> None:
        with lib.transaction():
            now = meta.metadata(lib, article_id)
            target = replace(now, **{f: getattr(value, f) for f in fields})
            if now.title != target.title:
                _reindex(lib, article_id, now.title, target.title)
            meta.write(lib, article_id, target)

    return step


def edit_metadata(lib: Library, article_id: int, **changes: object) -> Operation[meta.Metadata]:
    """Change some metadata fields of one article (`library.storage.metadata.EDITABLE`;
    authors as a sequence, or one string for one author). ValueError for an unknown
    field, an empty title or a date that is not ISO 8601; NotFound for no such article.
    The result is the metadata after the edit."""
    _check_dates(changes)
    with lib.transaction():
        before, after = meta.update(lib, article_id, **changes)
        if after.title != before.title:
            _reindex(lib, article_id, before.title, after.title)
    if after == before:
        return nothing(LABEL, after)
    fields = tuple(f for f in meta.EDITABLE if getattr(before, f) != getattr(after, f))
    shown = any(f in _SHOWN for f in fields)
    return Operation(
        LABEL,
        after,
        # The page, the list's order and filter and the search results show the title,
        # the publisher and the date; the other fields only the list's row and the panel.
        Changes.of(content=[article_id]) if shown else Changes.of(articles=[article_id]),
        _put(article_id, before, fields),
        _put(article_id, after, fields),
    )
