"""Operations on article tags: one dialog's worth of tag changes is one edit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from library.changes import Changes
from library.marks import tags
from library.ops.operation import Operation, combine, nothing
from library.storage.store import Library


def tag_articles(lib: Library, article_ids: Sequence[int], name: str) -> Operation[tags.Tagged]:
    """Put a tag (made if new) on articles."""
    done = tags.tag_articles(lib, article_ids, name)
    if not done.added and not done.created:
        return nothing("tags", done)
    return Operation(
        "tags",
        done,
        Changes.of(tags=[done.tag.id], tagged=done.added),
        lambda lib: tags.undo_tag_articles(lib, done),
        lambda lib: tags.redo_tag_articles(lib, done),
    )


def untag_articles(lib: Library, tag: tags.Tag, article_ids: Sequence[int]) -> Operation:
    gone = tags.untag_articles(lib, tag.id, article_ids)
    if not gone:
        return nothing("tags", gone)
    return Operation(
        "tags",
        gone,
        Changes.of(tags=[tag.id], tagged=gone),
        lambda lib: tags.redo_tag_articles(lib, tags.Tagged(tag, False, gone)),
        lambda lib: tags.untag_articles(lib, tag.id, gone),
    )


def rename_tag(lib: Library, tag_id: int, name: str) -> Operation:
    edit = tags.rename_tag(lib, tag_id, name)
    if not edit.changed:
        return nothing("rename-tag", edit)
    return Operation(
        "rename-tag",
        edit,
        Changes.of(tags=[tag_id], tagged=tags.articles_with_tag(lib, tag_id)),
        lambda lib: tags.put_tag(lib, edit.before),
        lambda lib: tags.put_tag(lib, edit.after),
    )


def delete_tag(lib: Library, tag_id: int) -> Operation[tags.TagRemoval]:
    removal = tags.delete_tag(lib, tag_id)
    return Operation(
        "delete-tag",
        removal,
        Changes.of(tags=[tag_id], tagged=removal.articles),
        lambda lib: tags.restore_tag(lib, removal),
        lambda lib: tags.delete_tag(lib, tag_id),
    )


def edit_tags(
    lib: Library,
    article_ids: Sequence[int],
    *,
    add: Sequence[str] = (),
    remove: Sequence[tags.Tag] = (),
    renamed: Mapping[int, str] | None = None,
    deleted: Sequence[tags.Tag] = (),
) -> Operation[list]:
    """What the tags dialog asks, as one edit: tags put on and taken off the articles
    (by the names they had when the dialog opened), then tags renamed and deleted."""
    with lib.transaction():
        parts = [tag_articles(lib, article_ids, name) for name in add]
        parts += [untag_articles(lib, tag, article_ids) for tag in remove]
        parts += [rename_tag(lib, i, name) for i, name in (renamed or {}).items()]
        parts += [delete_tag(lib, tag.id) for tag in deleted]
    return combine("tags", parts)
