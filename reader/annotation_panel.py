"""The side panel the annotation work fills in; for now it lists what an article holds.

It shows the article's stored annotations read-only, so the area, its toggle and its
place in the saved window layout exist before the annotation tools arrive.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from library.annotations import Annotation


class AnnotationPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setEnabled(False)
        self.list = QListWidget(self)
        self.list.setObjectName("annotationList")
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)
        self._annotations: list[Annotation] = []
        self._has_article = False
        self.retranslate()

    def show_annotations(self, annotations: list[Annotation] | None) -> None:
        self._has_article = annotations is not None
        self._annotations = list(annotations or [])
        self.list.clear()
        for annotation in self._annotations:
            text = (
                annotation.exact
                if not annotation.note
                else f"{annotation.exact}\n{annotation.note}"
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, annotation.id)
            self.list.addItem(item)
        self._update_status()

    def _update_status(self) -> None:
        if not self._has_article:
            self.status.setText(self.tr("Open an article to see its notes."))
        elif not self._annotations:
            self.status.setText(self.tr("This article has no highlights or notes yet."))
        else:
            self.status.setText(self.tr("Highlights and notes in this article:"))

    def retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Highlights and notes"))
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
