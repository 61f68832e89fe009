"""The Find bar under the article (Ctrl+F): the same Arabic-aware matching as the search."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QStyle, QToolButton, QWidget

from reader.look.labels import key_text

FIND_DELAY_MS = 150


class FindBar(QWidget):
    query_changed = Signal(str)
    step_requested = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.box = QLineEdit(self)
        self.box.setObjectName("findBox")
        self.box.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.previous = QToolButton(self)
        self.next = QToolButton(self)
        self.close_button = QToolButton(self)
        for button in (self.previous, self.next, self.close_button):
            button.setAutoRaise(True)
            # The bar's own buttons are reached with Enter/Shift+Enter/Escape from the box.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.close_button)
        self.setFocusProxy(self.box)

        self._timer = QTimer(self, singleShot=True, interval=FIND_DELAY_MS)
        self._timer.timeout.connect(lambda: self.query_changed.emit(self.box.text()))
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.installEventFilter(self)
        self.previous.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next.clicked.connect(lambda: self.step_requested.emit(1))
        self.close_button.clicked.connect(self.close_bar)
        self._current, self._total = -1, 0
        self.retranslate()

    def set_icons(self, previous: QIcon, next_: QIcon) -> None:
        self.previous.setIcon(previous)
        self.next.setIcon(next_)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton)
        )

    def open_bar(self, text: str = "") -> None:
        if text:
            self.box.setText(text)
        self.show()
        self.box.setFocus()
        self.box.selectAll()
        if self.box.text():
            self.query_changed.emit(self.box.text())

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()

    @property
    def query(self) -> str:
        return self.box.text() if self.isVisible() else ""

    def set_count(self, current: int, total: int) -> None:
        self._current, self._total = current, total
        self._show_count()

    def _show_count(self) -> None:
        locale = QLocale()
        if not self.box.text().strip():
            self.count.setText("")
        elif self._total == 0:
            self.count.setText(self.tr("Not found"))
        else:
            self.count.setText(
                self.tr("%1 of %2")
                .replace("%1", locale.toString(self._current + 1))
                .replace("%2", locale.toString(self._total))
            )

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self._timer.stop()
                    self.query_changed.emit(self.box.text())
                    return True
                back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.step_requested.emit(-1 if back else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.box.setPlaceholderText(self.tr("Find in this article"))
        self.box.setAccessibleName(self.tr("Find in this article"))
        self.previous.setToolTip(
            self.tr("Previous match (%1)").replace("%1", key_text(QKeySequence("Shift+F3")))
        )
        self.next.setToolTip(self.tr("Next match (%1)").replace("%1", key_text(QKeySequence("F3"))))
        self.close_button.setToolTip(self.tr("Close the Find bar (Esc)"))
        self.previous.setAccessibleName(self.tr("Previous match"))
        self.next.setAccessibleName(self.tr("Next match"))
        self.close_button.setAccessibleName(self.tr("Close the Find bar"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
