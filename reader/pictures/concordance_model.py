"""The concordance's lines as a table model: the preceding context, the keyword, the
following context and the article's title, one occurrence a row.

Lines arrive in batches while the background job still reads (`append`), so the first
screen shows before the last article is read; a sort replaces every row at once
(`set_lines`) with the order the job worked out off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from library.search.concordance import Line

BEFORE, KEYWORD, AFTER, ARTICLE = range(4)
COLUMN_COUNT = 4
LineRole = Qt.ItemDataRole.UserRole + 1  # the Line of a row
ArticleRole = Qt.ItemDataRole.UserRole + 2  # its article id

_Index = QModelIndex | QPersistentModelIndex


def shown_before(line: Line) -> str:
    """The context before the keyword without the word the cut split (its far end): a
    line starts on a whole word. The exported lines keep the context as it was cut."""
    cut = line.start > len(line.left)
    if cut and " " in line.left:
        return line.left.split(" ", 1)[1]
    return line.left


def shown_after(line: Line, width: int) -> str:
    """The context after the keyword without a word the cut split at its far end."""
    if len(line.right) >= width and " " in line.right:
        return line.right.rsplit(" ", 1)[0]
    return line.right


class ConcordanceModel(QAbstractTableModel):
    def __init__(self, width: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._width = width  # the context's width the lines were cut at
        self._lines: list[Line] = []
        self._titles: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # --- the rows --------------------------------------------------------------------

    @property
    def lines(self) -> list[Line]:
        return self._lines

    def title(self, article_id: int) -> str:
        return self._titles.get(article_id, "")

    @property
    def titles(self) -> dict[int, str]:
        return self._titles

    def clear(self) -> None:
        self.beginResetModel()
        self._lines = []
        self._titles = {}
        self.endResetModel()

    def append(self, lines: Sequence[Line], titles: dict[int, str]) -> None:
        if not lines:
            return
        self._titles.update(titles)
        first = len(self._lines)
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self._lines.extend(lines)
        self.endInsertRows()

    def set_lines(self, lines: Sequence[Line]) -> None:
        """The same lines in another order."""
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> Line | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    # --- Qt model --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            title = self._titles.get(line.article_id, str(line.article_id))
            if column == BEFORE:
                return shown_before(line)
            if column == AFTER:
                return shown_after(line, self._width)
            return line.match if column == KEYWORD else title
        values = {
            Qt.ItemDataRole.AccessibleTextRole: f"{line.left} {line.match} {line.right}",
            LineRole: line,
            ArticleRole: line.article_id,
        }
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column == KEYWORD else None
        return values.get(role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            BEFORE: self.tr("Before"),
            KEYWORD: self.tr("Keyword"),
            AFTER: self.tr("After"),
            ARTICLE: self.tr("Article"),
        }.get(section)
