"""An article's segments as a table: the Arabic source, the status, the translation.

The model reads through `library.translation.segments` (never SQL) and never writes: a
translation typed in the view comes out as `target_edited(segment id, text)`, which the
translate mode turns into one operation; the operation's change record comes back
through the window's change stream and `apply_changes` reads the rows again. Rows whose
ids did not change are repainted (`dataChanged`); a split or a merge resets the model.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from library.changes import Changes
from library.storage.articles import NotFound
from library.storage.store import Library
from library.translation.segments import (
    STATUSES,
    Segment,
    get_segment,
    segments,
    stored_segments,
)
from reader.messages import plain_tooltip

SOURCE, STATUS, TARGET = range(3)
COLUMN_COUNT = 3

SegmentRole = Qt.ItemDataRole.UserRole + 1
SegmentIdRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
NoteRole = Qt.ItemDataRole.UserRole + 4

UNDONE = ("new", "draft")  # what "next untranslated" stops at

# Languages written right to left (the target's own direction in the view and editor).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})  # fmt: skip

# Status marks: (light theme, dark theme). Chosen to read against either base colour.
STATUS_COLOURS = {
    "new": ("#8a8478", "#8f939b"),
    "draft": ("#c77c02", "#e0a23a"),
    "translated": ("#2e8540", "#5cc26f"),
    "reviewed": ("#2f62b5", "#74a7f0"),
}

_Index = QModelIndex | QPersistentModelIndex


def status_text(status: str) -> str:
    translate = QCoreApplication.translate
    return {
        "new": translate("SegmentStatus", "New"),
        "draft": translate("SegmentStatus", "Draft"),
        "translated": translate("SegmentStatus", "Translated"),
        "reviewed": translate("SegmentStatus", "Reviewed"),
    }.get(status, status)


def status_colour(status: str, dark: bool) -> QColor:
    light_hex, dark_hex = STATUS_COLOURS.get(status, STATUS_COLOURS["new"])
    return QColor(dark_hex if dark else light_hex)


def language_direction(lang: str) -> Qt.LayoutDirection:
    primary = (lang or "").split("-")[0].lower()
    return (
        Qt.LayoutDirection.RightToLeft
        if primary in RTL_LANGUAGES
        else Qt.LayoutDirection.LeftToRight
    )


class SegmentModel(QAbstractTableModel):
    # A translation typed and committed in the view: (segment id, text). Nothing is
    # written here; the owner runs the operation.
    target_edited = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lib: Library | None = None
        self._article_id: int | None = None
        self._rows: list[Segment] = []
        self._row_of: dict[str, int] = {}
        self._lang = "en"
        self.editable = True

    # --- state -------------------------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        return self._article_id

    @property
    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    def set_library(self, lib: Library | None) -> None:
        self._lib = lib
        self.editable = lib is not None and not lib.readonly
        self.load(None)

    def load(self, article_id: int | None) -> bool:
        """Show `article_id`'s segments (cut on first use). True when the article was cut
        just now (its segments are new to the library)."""
        cut = False
        rows: list[Segment] = []
        if self._lib is not None and article_id is not None:
            rows = stored_segments(self._lib, article_id)
            if not rows:
                rows = segments(self._lib, article_id)
                cut = bool(rows) and not self._lib.readonly
        self.beginResetModel()
        self._article_id = article_id if self._lib is not None else None
        self._set_rows(rows)
        self.endResetModel()
        return cut

    def _set_rows(self, rows: list[Segment]) -> None:
        self._rows = rows
        self._row_of = {s.id: n for n, s in enumerate(rows)}

    def apply_changes(self, changes: Changes) -> bool:
        """Read the rows again when the record may concern them; True if it did."""
        if self._lib is None or self._article_id is None:
            return False
        if not (
            changes.everything
            or self._article_id in changes.content
            or any(sid in self._row_of for sid in changes.segments)
        ):
            return False
        if not changes.everything and self._article_id not in changes.content:
            edited = self._edited(changes.segments)
            if edited is not None:  # the same rows, some changed: read only those
                for row, seg in edited:
                    if seg != self._rows[row]:
                        self._rows[row] = seg
                        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
                return True
        try:
            fresh = stored_segments(self._lib, self._article_id)
        except Exception:  # a library that changed under us: show nothing rather than raise
            fresh = []
        if [s.id for s in fresh] == [s.id for s in self._rows]:
            old = self._rows
            self._set_rows(fresh)
            for n, (before, after) in enumerate(zip(old, fresh, strict=True)):
                if before != after:
                    self.dataChanged.emit(self.index(n, 0), self.index(n, COLUMN_COUNT - 1))
        else:
            self.beginResetModel()
            self._set_rows(fresh)
            self.endResetModel()
        return True

    def _edited(self, ids) -> list[tuple[int, Segment]] | None:
        """The changed rows read again, when every id is one of ours and still there
        with the same span order (a translation, a status, a note); None otherwise."""
        if len(ids) > 50 or not all(sid in self._row_of for sid in ids):
            return None
        out = []
        for sid in ids:
            try:
                seg = get_segment(self._lib, sid)
            except NotFound:
                return None
            row = self._row_of[sid]
            old = self._rows[row]
            if (seg.start, seg.end, seg.article_id) != (old.start, old.end, old.article_id):
                return None
            out.append((row, seg))
        return out

    # --- rows --------------------------------------------------------------------------

    def segment(self, row: int) -> Segment | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, segment_id: str) -> int | None:
        return self._row_of.get(segment_id)

    def segment_ids(self) -> list[str]:
        return [s.id for s in self._rows]

    def progress(self) -> tuple[int, int]:
        """(segments translated or reviewed, segments)."""
        return sum(1 for s in self._rows if s.done), len(self._rows)

    def next_undone(self, row: int, step: int = 1) -> int | None:
        """The next row after `row` (before it, `step` -1) whose segment is new or a
        draft, going round the end; None when every one is translated."""
        count = len(self._rows)
        for n in range(1, count + 1):
            candidate = (row + step * n) % count
            if self._rows[candidate].status in UNDONE:
                return candidate
        return None

    # --- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == TARGET and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        seg = self.segment(index.row()) if index.isValid() else None
        if seg is None:
            return None
        column = index.column()
        roles = {
            SegmentRole: seg,
            SegmentIdRole: seg.id,
            StatusRole: seg.status,
            NoteRole: seg.note,
        }
        if role in roles:
            return roles[role]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return {SOURCE: seg.exact, STATUS: status_text(seg.status), TARGET: seg.target}[column]
        if role == Qt.ItemDataRole.ToolTipRole and (column == STATUS or seg.note):
            tip = status_text(seg.status)
            if seg.note:
                note = QCoreApplication.translate("SegmentModel", "Note: %1")
                tip += "\n" + note.replace("%1", seg.note)
            return plain_tooltip(tip)
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        seg = self.segment(index.row()) if index.isValid() else None
        if seg is None or index.column() != TARGET or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value or "")
        if text != seg.target:
            self.target_edited.emit(seg.id, text)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        translate = QCoreApplication.translate
        return {
            SOURCE: translate("SegmentModel", "Arabic"),
            STATUS: translate("SegmentModel", "Status"),
            TARGET: translate("SegmentModel", "Translation (%1)").replace("%1", self._lang),
        }.get(section)


__all__ = [
    "COLUMN_COUNT",
    "SOURCE",
    "STATUS",
    "STATUSES",
    "TARGET",
    "NoteRole",
    "SegmentIdRole",
    "SegmentModel",
    "SegmentRole",
    "StatusRole",
    "language_direction",
    "status_colour",
    "status_text",
]
