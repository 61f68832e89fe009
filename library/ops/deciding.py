"""Operations on suggestions: accept one, accept all, reject one."""

from __future__ import annotations

from collections.abc import Sequence

from library.changes import Changes
from library.marks import entities as ents
from library.marks import suggest
from library.marks.suggest import Suggestion
from library.ops.naming import tagged
from library.ops.operation import Operation, nothing
from library.storage.store import Library


def accept(
    lib: Library, article_id: int, suggestion: Suggestion, *, author: str | None = None
) -> Operation[ents.Tagging]:
    return tagged("accept", suggest.accept(lib, article_id, suggestion, author=author))


def accept_all(
    lib: Library,
    article_id: int,
    suggestions: Sequence[Suggestion],
    *,
    author: str | None = None,
) -> Operation[list[ents.Tagging]]:
    taggings = suggest.accept_all(lib, article_id, suggestions, author=author)
    if not taggings:
        return nothing("accept-all", [])
    return Operation(
        "accept-all",
        taggings,
        Changes.of_annotations(
            [t.annotation for t in taggings], entities=[t.entity.id for t in taggings]
        ),
        lambda lib: suggest.undo_accept_all(lib, taggings),
        lambda lib: suggest.redo_accept_all(lib, taggings),
    )


def reject(
    lib: Library, article_id: int, suggestion: Suggestion, *, everywhere: bool = False
) -> Operation[suggest.Decision]:
    """Reject a suggestion in this article (or everywhere): it is not offered again."""
    decision = suggest.reject(lib, article_id, suggestion, everywhere=everywhere)
    return Operation(
        "reject",
        decision,
        Changes.of(articles=[] if everywhere else [article_id], decisions=True),
        lambda lib: suggest.forget_decision(lib, decision.id),
        lambda lib: suggest.restore_decision(lib, decision),
    )
