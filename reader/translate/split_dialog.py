"""Split a segment: its Arabic in a read-only text box, the caret where it is cut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.views.text_map import TextMap


class SplitDialog(QDialog):
    def __init__(self, source: str, font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitSegmentDialog")
        self.setWindowTitle(self.tr("Split Segment"))
        self.source = source
        self._map = TextMap(source)
        label = QLabel(self.tr("Put the cursor where the segment is to be cut:"), self)
        label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("splitSource")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text.setFont(font)
        self.text.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.text.setPlainText(source)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Split"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.set_offset(_middle(source))
        self.resize(520, 240)

    def set_offset(self, offset: int) -> None:
        """Put the caret before code point `offset` of the source."""
        cursor = self.text.textCursor()
        cursor.setPosition(self._map.to_doc(offset))
        self.text.setTextCursor(cursor)

    def offset(self) -> int:
        """The caret, as a code point of the source."""
        return self._map.to_store(self.text.textCursor().position())

    @classmethod
    def choose(cls, parent: QWidget | None, source: str, font: QFont) -> int | None:
        """Where to cut (a code point of `source`), or None if the user cancelled."""
        dialog = cls(source, font, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.offset()
        finally:
            dialog.deleteLater()


def _middle(text: str) -> int:
    """The space nearest the middle (a first guess at the cut)."""
    middle = len(text) // 2
    before, after = text.rfind(" ", 0, middle), text.find(" ", middle)
    candidates = [p for p in (before, after) if p > 0]
    return min(candidates, key=lambda p: abs(p - middle)) if candidates else middle
