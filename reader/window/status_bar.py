"""The status bar's lasting part: words, reading position, the current match, text size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class ReaderStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits_label = self._label("hitsLabel")
        self.words_label = self._label("wordsLabel")
        self.position_label = self._label("positionLabel")
        self.zoom_label = self._label("zoomLabel")
        self._words: int | None = None
        self._position = (0, 0, 0)
        self._hits = (-1, 0)
        self._size = 0.0

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.addPermanentWidget(label)
        return label

    def set_article_words(self, words: int | None) -> None:
        """The open article's word count, or None when no article is open."""
        self._words = words
        self._update()

    def set_position(self, paragraph: int, paragraphs: int, percent: int) -> None:
        self._position = (paragraph, paragraphs, percent)
        self._update()

    def set_hits(self, current: int, total: int) -> None:
        self._hits = (current, total)
        self._update()

    def set_point_size(self, size: float) -> None:
        self._size = size
        self._update()

    def _update(self) -> None:
        locale = QLocale()
        self.zoom_label.setText(self.tr("%1 pt").replace("%1", locale.toString(round(self._size))))
        if self._words is None:
            for label in (self.words_label, self.position_label, self.hits_label):
                label.setText("")
            self.reformat()
            return
        self.words_label.setText(self.tr("Words: %1").replace("%1", locale.toString(self._words)))
        paragraph, paragraphs, percent = self._position
        self.position_label.setText(
            self.tr("Paragraph %1 of %2 · %3%")
            .replace("%1", locale.toString(paragraph))
            .replace("%2", locale.toString(paragraphs))
            .replace("%3", locale.toString(percent))
        )
        current, total = self._hits
        self.hits_label.setText(
            self.tr("Match %1 of %2")
            .replace("%1", locale.toString(current + 1))
            .replace("%2", locale.toString(total))
            if total
            else ""
        )
        # QStatusBar does not lay out its permanent widgets again when their texts grow.
        self.reformat()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._update()
        super().changeEvent(event)
