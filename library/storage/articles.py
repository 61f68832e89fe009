"""Reading and removing articles: what the CLI's `list`/`show` and the reader's list use."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from library.storage import search_index, title_keys
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
) -> tuple[str, list]:
    """WHERE clause for the list's filters: a title substring, folded as search folds
    (`الامم` finds `الأمم`), an entity mentioned in the article (its id), an article tag
    (its name), a publisher, an author, a translation status (`Filters`). `few_titles`: the
    title filter as a list of ids, found first."""
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
) -> int:
    where, params = _where(
        title_filter,
        entity_id,
        tag,
        publisher=publisher,
        author=author,
        translation_status=translation_status,
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
    )
    direction = "DESC" if descending else "ASC"
    sql = f"{_SUMMARY} {where} ORDER BY {order} {direction}, a.id {direction}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [_summary(r) for r in lib.conn.execute(sql, params)]


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
    )
    if sort == "title":
        return _row_in_title_order(lib, article_id, descending, where, params)
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


def _row_in_title_order(
    lib: Library, article_id: int, descending: bool, where: str, params: list
) -> int | None:
    """`row_of` for the title sort: the articles before this one, counted on the title
    key's index (two range counts, no table rows read), where numbering every article
    would read them all. The key is never NULL, so "before" is a plain comparison."""
    key = _KEY
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


def get_article(lib: Library, article_id: int) -> Article:
    row = lib.conn.execute(
        "SELECT id, title, body, captions, source_path, source_index, site, date, url, format, "
        "encoding, raw, content_hash, words, imported_at FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id} in this library")
    return Article(
        id=row[0], title=row[1], body=row[2], captions=json.loads(row[3]), source=row[4],
        source_index=row[5], site=row[6], date=row[7], url=row[8], format=row[9],
        encoding=row[10], raw=row[11], content_hash=row[12], words=row[13], imported_at=row[14],
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
            "content_hash = ? WHERE id = ?",
            (
                title,
                title_keys.title_key(title),
                body,
                json.dumps(new_captions, ensure_ascii=False),
                keys.words,
                content_hash(title, body, new_captions),
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
