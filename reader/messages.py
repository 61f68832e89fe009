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


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
) -> QMessageBox.StandardButton:
    """A Yes/No question, as QMessageBox.question asks it but in plain text: questions
    quote entity names and file names, which must never be read as markup."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("questionBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
