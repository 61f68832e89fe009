"""Article tags: collections such as "to translate" or "Gaza", and the library list's filter.

Tag names are unique as written (after trimming white space). Changes return what an
undo needs: `tag_articles` → `Tagged` (undo: `undo_tag_articles`), `untag_articles` →
the article ids untagged (undo: `tag_articles` with the same name), `rename_tag` →
`Edit[Tag]` (undo: `put_tag(before)`), `delete_tag` → `TagRemoval` (undo: `restore_tag`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from library.edits import Edit
from library.marks.annotations import AnnotationError
from library.storage.articles import NotFound
from library.storage.store import Library


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    articles: int = 0  # how many articles carry it (when read with counts)

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "articles": self.articles}


def _clean(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise AnnotationError("a tag needs a name")
    return cleaned


_WITH_COUNT = (
    "SELECT g.id, g.name, (SELECT count(*) FROM article_tags x WHERE x.tag_id = g.id) FROM tags g"
)


def tags(lib: Library) -> list[Tag]:
    """Every tag with its number of articles, by name."""
    return [Tag(*r) for r in lib.conn.execute(_WITH_COUNT + " ORDER BY g.name, g.id")]


def tags_for(lib: Library, article_id: int) -> list[Tag]:
    rows = lib.conn.execute(
        _WITH_COUNT + " JOIN article_tags t ON t.tag_id = g.id WHERE t.article_id = ? "
        "ORDER BY g.name",
        (article_id,),
    )
    return [Tag(*r) for r in rows]


def get_tag(lib: Library, tag: int | str) -> Tag:
    """A tag by id or by name."""
    column = "g.id" if isinstance(tag, int) else "g.name"
    value = tag if isinstance(tag, int) else " ".join(tag.split())
    row = lib.conn.execute(f"{_WITH_COUNT} WHERE {column} = ?", (value,)).fetchone()
    if row is None:
        raise NotFound(f"no tag {tag!r}")
    return Tag(*row)


def find_tag(lib: Library, name: str) -> Tag | None:
    try:
        return get_tag(lib, name)
    except NotFound:
        return None


def articles_with_tag(lib: Library, tag: int | str) -> list[int]:
    """Ids of the articles carrying a tag (by id or name); [] for an unknown tag."""
    column = "t.tag_id" if isinstance(tag, int) else "g.name"
    value = tag if isinstance(tag, int) else " ".join(tag.split())
    rows = lib.conn.execute(
        "SELECT t.article_id FROM article_tags t JOIN tags g ON g.id = t.tag_id "
        f"WHERE {column} = ? ORDER BY t.article_id",
        (value,),
    )
    return [r[0] for r in rows]


def put_tag(lib: Library, tag: Tag) -> None:
    """Write a tag row exactly as given (insert or overwrite by id)."""
    with lib.transaction():
        lib.conn.execute(
            "INSERT INTO tags (id, name) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            (tag.id, tag.name),
        )


@dataclass(frozen=True)
class Tagged:
    tag: Tag
    created: bool  # the tag did not exist before
    added: tuple[int, ...]  # articles that did not carry it before


def tag_articles(lib: Library, article_ids: Iterable[int], name: str) -> Tagged:
    """Put a tag (created if new) on articles; those already tagged are left as they are."""
    name = _clean(name)
    ids = list(dict.fromkeys(article_ids))
    with lib.transaction():
        existing = find_tag(lib, name)
        if existing is None:
            tag_id = lib.conn.execute("INSERT INTO tags (name) VALUES (?)", (name,)).lastrowid
            tag = Tag(tag_id, name)
        else:
            tag = existing
        added = []
        for article_id in ids:
            if (
                lib.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
                is None
            ):
                raise NotFound(f"no article {article_id} in this library")
            cursor = lib.conn.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                (article_id, tag.id),
            )
            if cursor.rowcount:
                added.append(article_id)
    return Tagged(tag, existing is None, tuple(added))


def undo_tag_articles(lib: Library, tagged: Tagged) -> None:
    """Reverse `tag_articles`: the articles it tagged lose the tag; a tag it created goes."""
    with lib.transaction():
        untag_articles(lib, tagged.tag.id, tagged.added)
        if tagged.created:
            lib.conn.execute("DELETE FROM tags WHERE id = ?", (tagged.tag.id,))


def redo_tag_articles(lib: Library, tagged: Tagged) -> None:
    """Apply `tag_articles` again after an undo, with the same tag id."""
    with lib.transaction():
        put_tag(lib, tagged.tag)
        lib.conn.executemany(
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
            [(a, tagged.tag.id) for a in tagged.added],
        )


def untag_articles(lib: Library, tag_id: int, article_ids: Iterable[int]) -> tuple[int, ...]:
    """Take a tag off articles; returns those that had it (undo: tag them again)."""
    removed = []
    with lib.transaction():
        for article_id in dict.fromkeys(article_ids):
            cursor = lib.conn.execute(
                "DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?",
                (article_id, tag_id),
            )
            if cursor.rowcount:
                removed.append(article_id)
    return tuple(removed)


def rename_tag(lib: Library, tag_id: int, name: str) -> Edit[Tag]:
    name = _clean(name)
    with lib.transaction():
        before = get_tag(lib, tag_id)
        other = find_tag(lib, name)
        if other is not None and other.id != tag_id:
            raise AnnotationError(f"there is already a tag {name!r}")
        lib.conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tag_id))
        after = get_tag(lib, tag_id)
    return Edit(before, after)


@dataclass(frozen=True)
class TagRemoval:
    tag: Tag
    articles: tuple[int, ...]


def delete_tag(lib: Library, tag_id: int) -> TagRemoval:
    """Delete a tag and take it off every article (undo: `restore_tag`)."""
    with lib.transaction():
        tag = get_tag(lib, tag_id)
        articles = tuple(articles_with_tag(lib, tag_id))
        lib.conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
    return TagRemoval(tag, articles)


def restore_tag(lib: Library, removal: TagRemoval) -> None:
    with lib.transaction():
        put_tag(lib, removal.tag)
        lib.conn.executemany(
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
            [(a, removal.tag.id) for a in removal.articles],
        )
