"""Reading and removing articles: what the CLI's `list`/`show` and the reader's list use."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from library.storage import raw_text, search_index, title_keys
from library.storage.filters import Filters
from library.storage.store import Library

_KEY = title_keys.SORT_EXPRESSION
SORT_COLUMNS = {
    "id": "a.id",
    # Folded, so Arabic collates (library.storage.title_keys); indexed.
    "title": _KEY,
    "source": "coalesce(a.site, a.source_path)",
    "date": "a.date",
    "words": "a.words",
    "annotations": "annotations",
}


class NotFound(LookupError):
    pass


def content_hash(title: str, body: str, captions: list[str]) -> str:
    """Identity of an article: the hash of its cleaned text.

    The same article in another encoding or with other line endings cleans to the same
    text, so it is recognised as a duplicate.
    """
    key = body if body else title + "\n" + "\n".join(captions)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class ArticleSummary:
    id: int
    title: str
    source: str
    site: str | None
    date: str | None
    words: int
    annotations: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "site": self.site,
            "date": self.date,
            "words": self.words,
            "annotations": self.annotations,
        }


@dataclass
class Article:
    id: int
    title: str
    body: str
    captions: list[str]
    source: str
    source_index: int
    site: str | None
    date: str | None
    url: str | None
    format: str
    encoding: str
    raw: str
    content_hash: str
    words: int
    imported_at: str
    annotations: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "captions": self.captions,
            "source": self.source,
            "site": self.site,
            "date": self.date,
            "url": self.url,
            "format": self.format,
            "encoding": self.encoding,
            "words": self.words,
            "imported_at": self.imported_at,
            "annotations": self.annotations,
        }


_SUMMARY = """
SELECT a.id, a.title, a.source_path, a.site, a.date, a.words,
       (SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotations
FROM articles a
"""


def _summary(row) -> ArticleSummary:
    return ArticleSummary(
        id=row[0], title=row[1], source=row[2], site=row[3], date=row[4], words=row[5],
        annotations=row[6],
    )  # fmt: skip


# The folded title filter, read from the title key's index rather than from the table,
# whose rows are long: `>= ''` holds for every title and is what lets the planner see
# that the index serves. A filter that leaves few articles is better run first, on its
# own (`_FEW_TITLES`): the page then costs one index scan, where walking the table in
# another sort order to find them reads every row.
_TITLE_MATCH = f"{_KEY} >= '' AND instr({_KEY}, ?) > 0"
_FEW_TITLES = 5000


def _where(
    title_filter: str,
    entity_id: str | None,
    tag: str | None,
    *,
    publisher: str | None = None,
    author: str | None = None,
    translation_status: str | None = None,
    few_titles: bool = False,
    **dates: str | None,
) -> tuple[str, list]:
    """WHERE clause for the list's filters: a title substring, folded as search folds
    (`الامم` finds `الأمم`), an entity mentioned in the article (its id), an article tag
    (its name), a publisher, an author, a translation status (`Filters`). `few_titles`: the title filter as a list of ids,
    found first."""
    where, params = [], []
    key = title_keys.title_key(title_filter) if title_filter else ""
    if key:
        match = f"a.id IN (SELECT a.id FROM articles a WHERE {_TITLE_MATCH})"
        where.append(match if few_titles else _TITLE_MATCH)
        params.append(key)
    elif title_filter:  # no word in it, only punctuation: look for it as typed
        where.append("instr(a.title, ?) > 0")
        params.append(title_filter)
    extra, extra_params = Filters(
        tag=tag,
        entity_id=entity_id,
        publisher=publisher,
        author=author,
        translation_status=translation_status,
        **dates,  # date_from/date_to, mentions_from/mentions_to: a period (`Filters`)
    ).sql()
    if extra:
        where.append(extra)
        params += extra_params
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _few_titles(lib: Library, title_filter: str) -> bool:
    """Whether the title filter leaves fewer than _FEW_TITLES articles (it stops looking
    at that many, so a filter that keeps most of the library answers at once)."""
    key = title_keys.title_key(title_filter) if title_filter else ""
    if not key:
        return False
    found = lib.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {_TITLE_MATCH} LIMIT ?)",
        [key, _FEW_TITLES],
    ).fetchone()[0]
    return found < _FEW_TITLES


def count(
    lib: Library,
    title_filter: str = "",
    *,
    entity_id: str | None = None,
    tag: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    translation_status: str | None = None,
    **dates: str | None,
) -> int:
    where, params = _where(
        title_filter,
        entity_id,
        tag,
        publisher=publisher,
        author=author,
        translation_status=translation_status,
        **dates,
    )
    return lib.conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]


def list_articles(
    lib: Library,
    *,
    limit: int | None = None,
    offset: int = 0,
    sort: str = "id",
    descending: bool = False,
    title_filter: str = "",
    entity_id: str | None = None,
    tag: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    translation_status: str | None = None,
    **dates: str | None,
) -> list[ArticleSummary]:
    """A page of the library list; `limit=None` for all (the CLI). `entity_id` keeps the
    articles that mention that entity, `tag` those carrying the tag of that name."""
    order = SORT_COLUMNS.get(sort)
    if order is None:
        raise ValueError(f"cannot sort by {sort!r}")
    # In title order the key's index gives the rows in order and filters them as it goes.
    few = sort != "title" and _few_titles(lib, title_filter)
    where, params = _where(
        title_filter,
        entity_id,
        tag,
        publisher=publisher,
        author=author,
        translation_status=translation_status,
        few_titles=few,
        **dates,
    )
    direction = "DESC" if descending else "ASC"
    if sort == "annotations" and limit is not None:
        return _page_by_annotations(lib, where, params, descending, limit=limit, offset=offset)
    if sort == "id" and limit is not None and offset > 0:
        # Counting off `offset` rows in id order would step through every article's row
        # before the page (the table is in id order, a row a few KB): the page's first
        # id is found on the ids' own index instead (migration 7), then the page read
        # from there. The same rows as LIMIT/OFFSET.
        first = (
            f"a.id {'<=' if descending else '>='} (SELECT a.id FROM articles a {where} "
            f"ORDER BY a.id {direction} LIMIT 1 OFFSET ?)"
        )
        sql = f"{_SUMMARY} {where + ' AND' if where else 'WHERE'} {first} ORDER BY a.id {direction} LIMIT ?"
        return [_summary(r) for r in lib.conn.execute(sql, [*params, *params, offset, limit])]
    sql = f"{_SUMMARY} {where} ORDER BY {order} {direction}, a.id {direction}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [_summary(r) for r in lib.conn.execute(sql, params)]


# Articles with annotations, found from the annotations (few) rather than the articles.
_ANNOTATED = "a.id IN (SELECT article_id FROM annotations)"
_COUNT = "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id)"


def _and(where: str) -> str:
    return f"{where} AND" if where else "WHERE"


def _counter(lib: Library, where: str, params: list):
    """count(condition, *values): the articles the filters keep that also meet a
    condition (the row counts of `row_of`, each one range on an index)."""

    def count_where(condition: str, *values) -> int:
        sql = f"SELECT count(*) FROM articles a {_and(where)} {condition}"
        return lib.conn.execute(sql, [*params, *values]).fetchone()[0]

    return count_where


def _unannotated_page(
    lib: Library, where: str, params: list, descending: bool, *, limit: int, offset: int
) -> list[ArticleSummary]:
    """A page of the articles without annotations, in id order, its first id found on
    the ids' index (like the id order's pages)."""
    if limit <= 0:
        return []
    direction = "DESC" if descending else "ASC"
    none = f"{_and(where)} NOT {_ANNOTATED}"
    first = lib.conn.execute(
        f"SELECT a.id FROM articles a {none} ORDER BY a.id {direction} LIMIT 1 OFFSET ?",
        [*params, offset],
    ).fetchone()
    if first is None:
        return []
    rows = lib.conn.execute(
        f"{_SUMMARY} {none} AND a.id {'<=' if descending else '>='} ? "
        f"ORDER BY a.id {direction} LIMIT ?",
        [*params, first[0], limit],
    )
    return [_summary(r) for r in rows]


def _annotated_page(
    lib: Library, where: str, params: list, descending: bool, *, limit: int, offset: int
) -> list[ArticleSummary]:
    if limit <= 0:
        return []
    direction = "DESC" if descending else "ASC"
    rows = lib.conn.execute(
        f"{_SUMMARY} {_and(where)} {_ANNOTATED} "
        f"ORDER BY annotations {direction}, a.id {direction} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [_summary(r) for r in rows]


def _page_by_annotations(
    lib: Library, where: str, params: list, descending: bool, *, limit: int, offset: int
) -> list[ArticleSummary]:
    """`list_articles` sorted by annotation count without counting every article's
    annotations and sorting them all (seconds in a library of a million): the articles
    without any come first in id order (last, descending), the annotated ones (looked
    up from the annotations) sorted among themselves. The same rows as ORDER BY."""
    if not descending:
        rows = _unannotated_page(lib, where, params, False, limit=limit, offset=offset)
        if len(rows) == limit:
            return rows
        total = lib.conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]
        annotated = lib.conn.execute(
            f"SELECT count(*) FROM articles a {_and(where)} {_ANNOTATED}", params
        ).fetchone()[0]
        start = max(0, offset - (total - annotated))
        return rows + _annotated_page(
            lib, where, params, False, limit=limit - len(rows), offset=start
        )
    rows = _annotated_page(lib, where, params, True, limit=limit, offset=offset)
    if len(rows) == limit:
        return rows
    annotated = lib.conn.execute(
        f"SELECT count(*) FROM articles a {_and(where)} {_ANNOTATED}", params
    ).fetchone()[0]
    start = max(0, offset - annotated)
    return rows + _unannotated_page(lib, where, params, True, limit=limit - len(rows), offset=start)


def _row_by_annotations(
    lib: Library, article_id: int, descending: bool, where: str, params: list
) -> int | None:
    """`row_of` sorted by annotation count, counted like `_page_by_annotations` reads."""
    found = lib.conn.execute(
        f"SELECT {_COUNT} FROM articles a {_and(where)} a.id = ?", [*params, article_id]
    ).fetchone()
    if found is None:
        return None
    mine = found[0]
    n = _counter(lib, where, params)

    before = ">" if descending else "<"
    # Among the annotated: a lower count comes before (a higher one, descending), and
    # the same count with an id before.
    if mine:
        among = n(f"{_ANNOTATED} AND ({_COUNT} {before} ? OR ({_COUNT} = ? AND a.id {before} ?))",
                  mine, mine, article_id)  # fmt: skip
        return among if descending else among + n(f"NOT {_ANNOTATED}")
    unannotated = n(f"a.id {before} ?", article_id) - n(f"{_ANNOTATED} AND a.id {before} ?",
                                                       article_id)  # fmt: skip
    return unannotated + n(_ANNOTATED) if descending else unannotated


def row_of(
    lib: Library,
    article_id: int,
    *,
    sort: str = "id",
    descending: bool = False,
    title_filter: str = "",
    entity_id: str | None = None,
    tag: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    translation_status: str | None = None,
    **dates: str | None,
) -> int | None:
    """Where an article falls (0-based) in `list_articles` with the same arguments, in one
    query; None if the filters leave it out. The annotation count is only worked out when
    the list is sorted by it: for every other sort it would cost a subquery per article."""
    order = SORT_COLUMNS.get(sort)
    if order is None:
        raise ValueError(f"cannot sort by {sort!r}")
    where, params = _where(
        title_filter,
        entity_id,
        tag,
        publisher=publisher,
        author=author,
        translation_status=translation_status,
        **dates,
    )
    if sort in _NEVER_NULL:
        return _row_in_key_order(
            lib, article_id, _NEVER_NULL[sort], descending, where=where, params=params
        )
    if sort == "date":
        return _row_in_date_order(lib, article_id, descending, where, params)
    if sort == "annotations":
        return _row_by_annotations(lib, article_id, descending, where, params)
    direction = "DESC" if descending else "ASC"
    counts = (
        ", (SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotations"
        if sort == "annotations"
        else ""
    )
    rows = f"SELECT a.id, a.title, a.site, a.source_path, a.date, a.words{counts} FROM articles a {where}"
    row = lib.conn.execute(
        f"SELECT rn FROM (SELECT a.id, row_number() OVER (ORDER BY {order} {direction}, "
        f"a.id {direction}) AS rn FROM ({rows}) a) WHERE id = ?",
        [*params, article_id],
    ).fetchone()
    return None if row is None else row[0] - 1


# Sort keys that are never NULL, each with its index: "before" is a plain comparison.
_NEVER_NULL = {"title": _KEY, "id": "a.id", "words": "a.words", "source": SORT_COLUMNS["source"]}


def _row_in_key_order(
    lib: Library, article_id: int, key: str, descending: bool, *, where: str, params: list
) -> int | None:
    """`row_of` for a sort by a key that is never NULL: the articles before this one,
    counted on the key's index (two range counts, no table rows read), where numbering
    every article would read them all."""
    where = f"{where} AND" if where else "WHERE"
    found = lib.conn.execute(
        f"SELECT {key} FROM articles a {where} a.id = ?", [*params, article_id]
    ).fetchone()
    if found is None:
        return None
    before = ">" if descending else "<"
    return lib.conn.execute(
        f"SELECT (SELECT count(*) FROM articles a {where} {key} {before} ?)"
        f" + (SELECT count(*) FROM articles a {where} {key} = ? AND a.id {before} ?)",
        [*params, found[0], *params, found[0], article_id],
    ).fetchone()[0]


def _row_in_date_order(
    lib: Library, article_id: int, descending: bool, where: str, params: list
) -> int | None:
    """`row_of` by date, counted on the date's index like `_row_in_key_order`; the
    articles without a date come first (SQLite's NULL order), last when descending."""
    found = lib.conn.execute(
        f"SELECT 1, a.date FROM articles a {_and(where)} a.id = ?", [*params, article_id]
    ).fetchone()
    if found is None:
        return None
    date = found[1]
    n = _counter(lib, where, params)

    if not descending:
        if date is None:
            return n("a.date IS NULL AND a.id < ?", article_id)
        return (
            n("a.date IS NULL")
            + n("a.date < ?", date)
            + n("a.date = ? AND a.id < ?", date, article_id)
        )
    if date is None:
        return n("a.date IS NOT NULL") + n("a.date IS NULL AND a.id > ?", article_id)
    return n("a.date > ?", date) + n("a.date = ? AND a.id > ?", date, article_id)


def get_article(lib: Library, article_id: int) -> Article:
    row = lib.conn.execute(
        "SELECT id, title, body, captions, source_path, source_index, site, date, url, format, "
        f"encoding, raw, content_hash, words, imported_at, raw_z, {raw_text.TEMPLATE} "
        "FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id} in this library")
    return Article(
        id=row[0], title=row[1], body=row[2], captions=json.loads(row[3]), source=row[4],
        source_index=row[5], site=row[6], date=row[7], url=row[8], format=row[9],
        encoding=row[10], raw=raw_text.unpack((row[11], row[15], row[2], row[16])), content_hash=row[12], words=row[13], imported_at=row[14],
    )  # fmt: skip


def delete_article(lib: Library, article_id: int) -> None:
    with lib.transaction():
        article = get_article(lib, article_id)
        search_index.remove(
            lib.conn,
            article.id,
            search_index.keys_for(article.title, article.body, article.captions),
        )
        lib.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def replace_text(
    lib: Library, article_id: int, *, title: str, body: str, captions: list[str] | None = None
) -> None:
    """Store a re-cleaned text for an article, keeping the search index in step.

    Annotations keep their offsets here; re-anchoring them by quote is the caller's job
    (the text they point into has changed).
    """
    with lib.transaction():
        old = get_article(lib, article_id)
        new_captions = old.captions if captions is None else captions
        search_index.remove(
            lib.conn, old.id, search_index.keys_for(old.title, old.body, old.captions)
        )
        keys = search_index.keys_for(title, body, new_captions)
        lib.conn.execute(
            "UPDATE articles SET title = ?, title_key = ?, body = ?, captions = ?, words = ?, "
            "content_hash = ?, raw = '', raw_z = ? WHERE id = ?",
            (
                title,
                title_keys.title_key(title),
                body,
                json.dumps(new_captions, ensure_ascii=False),
                keys.words,
                content_hash(title, body, new_captions),
                # Packed again against the new text and the same page template
                # (library.storage.raw_text).
                raw_text.pack(old.raw, body, raw_text.template_of(lib.conn, article_id)),
                article_id,
            ),
        )
        search_index.add(lib.conn, article_id, keys)


def titles(lib: Library, article_ids: Iterable[int]) -> dict[int, str]:
    """The titles of some articles by id (ids not in the library are left out)."""
    ids = list(dict.fromkeys(article_ids))
    found: dict[int, str] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        rows = lib.conn.execute(
            f"SELECT id, title FROM articles WHERE id IN ({', '.join('?' * len(part))})", part
        )
        found.update((r[0], r[1]) for r in rows)
    return found
