"""What an edit changed, said once by the core so every view (and the CLI) can act on it.

Every operation (`library.ops`) returns one `Changes`; so do imports, maintenance and a
change seen from another process (`EVERYTHING`: we cannot know what it touched). A view
reads the record and refreshes only what it shows: the article page when its article is
in `articles`, the entity index when `entities` is not empty, the library list's rows
in `articles | tagged | content`, and so on. It is a small value, not a set of signals:
records merge with `|` (a compound edit, or changes coalesced before a repaint).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


def _ids(values: Iterable) -> frozenset:
    return frozenset(v for v in values if v is not None)


@dataclass(frozen=True)
class Changes:
    # Articles whose annotations (highlights, notes, mentions) were made, changed or removed.
    articles: frozenset[int] = field(default_factory=frozenset)
    # Ids of the annotations made, changed or removed.
    annotations: frozenset[str] = field(default_factory=frozenset)
    # Ids of entities made, renamed, retyped, merged, removed, or given/lost an alias.
    entities: frozenset[str] = field(default_factory=frozenset)
    # Ids of article tags made, renamed or removed, and the articles whose tags changed.
    tags: frozenset[int] = field(default_factory=frozenset)
    tagged: frozenset[int] = field(default_factory=frozenset)
    palette: bool = False  # highlight colours or entity types: every mark may repaint
    decisions: bool = False  # suggestions rejected or forgotten
    # Articles added, removed or whose text changed (import, re-clean, repair): list rows,
    # search results and the open article may all be stale.
    content: frozenset[int] = field(default_factory=frozenset)
    everything: bool = False  # another process wrote: nothing is known, refresh all
    # Ids of translation segments made, changed (target, status, note, span) or removed;
    # `library.translation.segments.articles_of` says which articles hold them.
    segments: frozenset[str] = field(default_factory=frozenset)
    # Ids of relations between mentions made, changed or removed (`library.marks.relations`).
    relations: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        *,
        articles: Iterable[int] = (),
        annotations: Iterable[str] = (),
        entities: Iterable[str | None] = (),
        tags: Iterable[int] = (),
        tagged: Iterable[int] = (),
        content: Iterable[int] = (),
        palette: bool = False,
        decisions: bool = False,
        segments: Iterable[str] = (),
        relations: Iterable[str] = (),
    ) -> Changes:
        return cls(
            _ids(articles),
            _ids(annotations),
            _ids(entities),
            _ids(tags),
            _ids(tagged),
            palette,
            decisions,
            _ids(content),
            segments=_ids(segments),
            relations=_ids(relations),
        )

    @classmethod
    def of_annotations(cls, rows: Iterable, **more) -> Changes:
        """Annotations made, changed or removed: their articles, ids and entities."""
        rows = list(rows)
        return cls.of(
            articles=[a.article_id for a in rows],
            annotations=[a.id for a in rows],
            entities=[*(a.entity_id for a in rows), *more.pop("entities", ())],
            **more,
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.annotations | other.annotations,
            self.entities | other.entities,
            self.tags | other.tags,
            self.tagged | other.tagged,
            self.palette or other.palette,
            self.decisions or other.decisions,
            self.content | other.content,
            self.everything or other.everything,
            self.segments | other.segments,
            self.relations | other.relations,
        )

    @property
    def empty(self) -> bool:
        return self == NOTHING

    def touches(self, article_id: int | None) -> bool:
        """Whether what is painted on an article (its marks, their colours, the names of
        the entities they link to, its suggestions) may have changed."""
        if article_id is None:
            return False
        return (
            self.everything
            or self.palette
            or self.decisions
            or bool(self.entities)
            or article_id in self.articles
            or article_id in self.content
        )

    @property
    def marks(self) -> bool:
        """Annotations changed somewhere (counts in the list, the entity index)."""
        return self.everything or bool(self.articles or self.annotations or self.content)

    def to_json(self) -> dict:
        """For `--json` output: lists sorted, so the output is stable."""
        return {
            "articles": sorted(self.articles),
            "annotations": sorted(self.annotations),
            "entities": sorted(self.entities),
            "tags": sorted(self.tags),
            "tagged": sorted(self.tagged),
            "content": sorted(self.content),
            "palette": self.palette,
            "decisions": self.decisions,
            "everything": self.everything,
            "segments": sorted(self.segments),
            "relations": sorted(self.relations),
        }


NOTHING = Changes()
EVERYTHING = Changes(everything=True, palette=True, decisions=True)
