"""What the reader reads from the library to show an article's marks, in a few queries.

`ArticleMarks`: the open article's annotations in reading order and the entities its
mentions link to. `Look`: the highlight palette and the entity types (names and
colours), read once and again only when they change. The default names of both come
translated (a user's own names are shown as written).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from library.marks.annotations import Annotation, annotations_for
from library.marks.entities import entities_in
from library.marks.entity_types import EntityType, entity_types
from library.marks.palette import Colour, colours
from library.marks.relations import RelationType, relation_types
from library.storage.store import Library

# The names the library gives its defaults (library.storage.migrations), for lupdate.
DEFAULT_NAMES = {
    ("yellow", "Highlight"): QT_TRANSLATE_NOOP("Look", "Highlight"),
    ("green", "Quote"): QT_TRANSLATE_NOOP("Look", "Quote"),
    ("blue", "Claim"): QT_TRANSLATE_NOOP("Look", "Claim"),
    ("pink", "Check"): QT_TRANSLATE_NOOP("Look", "Check"),
    ("orange", "Important"): QT_TRANSLATE_NOOP("Look", "Important"),
    ("person", "Person"): QT_TRANSLATE_NOOP("Look", "Person"),
    ("organisation", "Organisation"): QT_TRANSLATE_NOOP("Look", "Organisation"),
    ("place", "Place"): QT_TRANSLATE_NOOP("Look", "Place"),
    ("date", "Date"): QT_TRANSLATE_NOOP("Look", "Date"),
    ("event", "Event"): QT_TRANSLATE_NOOP("Look", "Event"),
    ("other", "Other"): QT_TRANSLATE_NOOP("Look", "Other"),
}


def isolate(text: str) -> str:
    """User or article text set into an interface sentence: bidi-isolated, so an Arabic
    name inside an English sentence (or the reverse) keeps both in their order."""
    return f"\u2068{text}\u2069"


def shown_name(item_id: str, name: str) -> str:
    """A palette or type name as the interface shows it."""
    if (item_id, name) in DEFAULT_NAMES:
        return QCoreApplication.translate("Look", name)
    return name


def swatch(colour: str | QColor, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class Look:
    colours: tuple[Colour, ...] = ()
    types: tuple[EntityType, ...] = ()
    relations: tuple[RelationType, ...] = ()

    @classmethod
    def read(cls, lib: Library) -> Look:
        return cls(tuple(colours(lib)), tuple(entity_types(lib)), tuple(relation_types(lib)))

    def colour_hex(self) -> dict[str, str]:
        return {c.id: c.colour for c in self.colours}

    def type_hex(self) -> dict[str, str]:
        return {t.id: t.colour for t in self.types}

    def colour_name(self, colour_id: str | None) -> str:
        found = next((c for c in self.colours if c.id == colour_id), None)
        return shown_name(found.id, found.name) if found else (colour_id or "")

    def type_label(self, type_id: str | None) -> str:
        found = next((t for t in self.types if t.id == type_id), None)
        return shown_name(found.id, found.label) if found else (type_id or "")

    def relation_label(self, type_id: str | None) -> str:
        found = next((t for t in self.relations if t.id == type_id), None)
        return relation_label(found) if found else (type_id or "")


def relation_label(kind: RelationType) -> str:
    """A relation type's name in the interface's language: each type carries its own
    Arabic name (the user edits both), so these are not in the translation files."""
    if QLocale().language() == QLocale.Language.Arabic and kind.label_ar:
        return kind.label_ar
    return kind.label


@dataclass(frozen=True)
class EntityRef:
    id: str
    name: str
    type: str


@dataclass
class ArticleMarks:
    article_id: int | None = None
    annotations: list[Annotation] = field(default_factory=list)
    entities: dict[str, EntityRef] = field(default_factory=dict)

    @classmethod
    def read(
        cls, lib: Library, article_id: int, hidden: frozenset[str | None] = frozenset()
    ) -> ArticleMarks:
        """The article's marks, less those of the authors' layers in `hidden` (None:
        the rows that name no author)."""
        rows = annotations_for(lib, article_id)
        if hidden:
            rows = [a for a in rows if (a.author or None) not in hidden]
        linked = entities_in(lib, article_id)
        return cls(article_id, rows, {e.id: EntityRef(e.id, e.name, e.type) for e in linked})

    def entity_types(self) -> dict[str, str]:
        return {e.id: e.type for e in self.entities.values()}

    def at(self, start: int, end: int | None = None) -> list[Annotation]:
        """Annotations over [start, end) or, for a position, those touching it."""
        if end is None or end <= start:
            inside = [a for a in self.annotations if a.start <= start < a.end]
            return inside or [a for a in self.annotations if a.end == start > a.start]
        return [a for a in self.annotations if a.start < end and a.end > start]
