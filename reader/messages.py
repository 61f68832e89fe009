"""Message boxes for the user. Texts are set as plain text: they often quote file names
or article data, which must never be read as markup."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` exactly: Qt would otherwise guess it is rich text."""
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'
