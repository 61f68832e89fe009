"""The note editor: plain text in any language, on a passage or on the whole article."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.views.article_document import paragraph_direction

QUOTE_CHARS = 160


class NoteDialog(QDialog):
    def __init__(self, quote: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Note") if quote else self.tr("Note on the Article"))
        self.quote = QLabel(self)
        self.quote.setObjectName("noteQuote")
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        shown = quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…"
        self.quote.setText(f"«{shown}»" if quote else self.tr("A note on the whole article."))
        self.quote.setLayoutDirection(paragraph_direction(quote, self.layoutDirection()))
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(self.tr("Write your note (any language)"))
        self.editor.textChanged.connect(self._sync_direction)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Enter saves, as in a chat box; Enter alone starts a new line.
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self._sync_direction()
        self._sync_save()
        self.editor.textChanged.connect(self._sync_save)
        self.resize(460, 280)

    def _sync_direction(self) -> None:
        direction = paragraph_direction(self.editor.toPlainText(), self.layoutDirection())
        option = self.editor.document().defaultTextOption()
        option.setTextDirection(direction)
        self.editor.document().setDefaultTextOption(option)

    def _sync_save(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.editor.toPlainText().strip())
        )

    def note(self) -> str:
        return self.editor.toPlainText().strip()

    @classmethod
    def get_note(cls, parent: QWidget | None, quote: str, text: str = "") -> str | None:
        """The note written, or None if the user cancelled."""
        dialog = cls(quote, text, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.note():
                return None
            return dialog.note()
        finally:
            dialog.deleteLater()
