"""One change record for every edit, instead of a signal per kind of change.

Every undo command (and a change seen from another process) ends with one `Change`
sent through the window's `ChangeHub`; each view looks at it and decides what to
refresh: the article page and the annotation panel when their article is among
`articles`, the entity index when `entities` or mentions changed, the library list's
counts and filters, and so on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Change:
    articles: frozenset[int] = field(default_factory=frozenset)  # annotations changed here
    annotations: bool = False  # highlights, notes or mentions were written
    entities: bool = False  # entity rows (names, aliases, types, merges)
    tags: bool = False  # article tags
    palette: bool = False  # highlight colours or entity types
    decisions: bool = False  # suggestions rejected or forgotten
    everything: bool = False  # another process changed the file: refresh all

    @classmethod
    def of_articles(cls, article_ids: Iterable[int], **kinds: bool) -> Change:
        return cls(articles=frozenset(article_ids), annotations=True, **kinds)

    def touches(self, article_id: int | None) -> bool:
        """Whether the annotations (or what paints them) of an article may have changed."""
        if article_id is None:
            return False
        return (
            self.everything
            or self.palette
            or self.entities
            or self.decisions
            or article_id in self.articles
        )

    def merged(self, other: Change) -> Change:
        return Change(
            self.articles | other.articles,
            self.annotations or other.annotations,
            self.entities or other.entities,
            self.tags or other.tags,
            self.palette or other.palette,
            self.decisions or other.decisions,
            self.everything or other.everything,
        )


EVERYTHING = Change(everything=True, annotations=True, entities=True, tags=True, palette=True)


class ChangeHub(QObject):
    """Where commands report what they changed, and views listen."""

    changed = Signal(object)  # Change
    failed = Signal(str, str)  # what was being done, why it failed (for the user)

    def publish(self, change: Change) -> None:
        self.changed.emit(change)
