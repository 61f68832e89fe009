"""The Article Info panel: the open article's metadata, to read and correct, and the web
archive captures it was read from.

Each field saves when the user leaves it or presses Enter (as Zotero's info pane does),
as one edit of `library.ops.describing` through the window's undo stack, so Edit ▸ Undo
takes back one field at a time; Escape puts back what is stored. What cannot be stored
(an empty title, a date that is not ISO 8601) is said under the field and not saved.
The panel reads the metadata again when the change stream names its article, or
everything (another process wrote); a field being typed in keeps what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from library.changes import Changes
from library.ops import describing
from library.ops.operation import Operation
from library.storage.articles import NotFound
from library.storage.metadata import Metadata, metadata
from library.storage.store import Library
from reader.messages import plain_tooltip
from reader.views.article_document import paragraph_direction

Perform = Callable[[str, Callable[[Library], Operation]], Operation | None]

FIELDS = (
    "title",
    "authors",
    "publisher",
    "section",
    "language",
    "url",
    "published",
    "modified",
    "identifier",
)
# Addresses, dates, codes: always left to right, whatever the interface's direction.
LEFT_TO_RIGHT = frozenset({"url", "published", "modified", "identifier", "language"})
_AUTHOR_SEPARATORS = re.compile("[;؛]")
_WEB = ("http", "https")


def authors_text(authors: tuple[str, ...]) -> str:
    return "; ".join(authors)


def parse_authors(text: str) -> tuple[str, ...]:
    """Names separated by ";" (or the Arabic "؛")."""
    return tuple(name.strip() for name in _AUTHOR_SEPARATORS.split(text) if name.strip())


def _shown(meta: Metadata, name: str) -> str:
    value = getattr(meta, name)
    if name == "authors":
        return authors_text(value)
    return value or ""


def _value(name: str, text: str) -> object:
    """A field's text as the library stores it."""
    if name == "authors":
        return parse_authors(text)
    if name == "title":
        return text.strip()
    return text.strip() or None


_SELECTING_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


def _select_from_start(edit: QLineEdit) -> None:
    if edit.hasFocus() and edit.selectedText() == edit.text():
        edit.setSelection(len(edit.text()), -len(edit.text()))


def _show_start(edit: QLineEdit) -> None:
    if not edit.hasFocus():
        edit.setCursorPosition(0)


class ArticleInfoPanel(QWidget):
    def __init__(self, perform: Perform, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleInfoPanel")
        self._perform = perform
        self.lib: Library | None = None
        self.article_id: int | None = None
        self.meta: Metadata | None = None
        self._saving = False  # a message box opened by a save takes the focus: no re-entry

        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        form_page = self._build_form()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form_page)

        self.empty = QLabel()
        self.empty.setObjectName("info-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setFocusProxy(self.edits["title"])
        self._colour_errors()
        self.retranslate()
        self._fill()

    def _build_form(self) -> QWidget:
        form_page = QWidget()
        form_page.setObjectName("articleInfoForm")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        for name in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"info-{name}")
            edit.editingFinished.connect(lambda n=name: self._save(n))
            edit.textChanged.connect(lambda _text, n=name: self._set_direction(n))
            edit.installEventFilter(self)
            self.edits[name] = edit
            error = QLabel()
            error.setObjectName(f"info-{name}-error")
            error.setWordWrap(True)
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.hide()
            self.errors[name] = error
            cell = QVBoxLayout()
            cell.setContentsMargins(0, 0, 0, 0)
            cell.setSpacing(2)
            if name == "url":
                row = QHBoxLayout()
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(edit, 1)
                self.open_url = QToolButton()
                self.open_url.setObjectName("info-open-url")
                self.open_url.clicked.connect(self.open_address)
                row.addWidget(self.open_url)
                cell.addLayout(row)
            else:
                cell.addWidget(edit)
            cell.addWidget(error)
            label = QLabel()
            label.setBuddy(edit)
            self.labels[name] = label
            self.form.addRow(label, cell)
        self._add_captures_heading()
        page = QVBoxLayout(form_page)
        page.setContentsMargins(6, 6, 6, 6)
        page.addLayout(self.form)
        page.addStretch(1)
        return form_page

    def _add_captures_heading(self) -> None:
        """The captures go in the same form, under a heading, so that their labels line
        up with the fields'; one read-only row per value (a table of four columns would
        not fit a panel's width, and addresses and record ids are long)."""
        self.captures_label = QLabel()
        self.captures_label.setObjectName("info-captures-heading")
        font = self.captures_label.font()
        font.setBold(True)
        self.captures_label.setFont(font)
        self.captures_label.setContentsMargins(0, 8, 0, 0)
        self.form.addRow(self.captures_label)
        self.no_captures = QLabel()
        self.no_captures.setObjectName("info-no-captures")
        self.no_captures.setWordWrap(True)
        self.form.addRow(self.no_captures)
        self._fixed_rows = self.form.rowCount()
        self.capture_rows: list[dict[str, QLineEdit]] = []

    # --- what is shown -------------------------------------------------------------------

    def set_library(self, lib: Library) -> None:
        """Another library: nothing of the old one is shown (nor saved into the new one)."""
        self.lib = lib
        self.article_id = None
        self.meta = None
        self._fill()

    def show_article(self, article_id: int | None) -> None:
        """The window opened another article (or none): what was typed for the one shown
        is saved first, as leaving the field would have."""
        if article_id != self.article_id:
            self.save_all()
            self.article_id = article_id
        self._read()

    def apply_changes(self, changes: Changes) -> None:
        """Subscribed to the window's change stream."""
        if self.article_id is None:
            return
        if changes.everything or self.article_id in changes.articles | changes.content:
            self._read()

    def sizeHint(self) -> QSize:
        # Wide enough for a date and time, an address's start, a few names.
        return QSize(self.fontMetrics().horizontalAdvance("M") * 30, 400)

    def sync_writable(self) -> None:
        writable = self.lib is not None and not self.lib.readonly
        for edit in self.edits.values():
            edit.setReadOnly(not writable)
        self.edits["title"].setToolTip("" if writable else self.tr("This library is read-only."))

    def _read(self) -> None:
        meta = None
        if self.lib is not None and self.article_id is not None:
            try:
                meta = metadata(self.lib, self.article_id)
            except NotFound:
                self.article_id = None
        self.meta = meta
        self._fill()

    def _fill(self) -> None:
        meta = self.meta
        self.pages.setCurrentIndex(0 if meta is None else 1)
        self.sync_writable()
        if meta is None:
            for name in FIELDS:
                self._show_field(name, "")
            self._fill_captures(Metadata())
            return
        for name in FIELDS:
            edit = self.edits[name]
            typing = edit.hasFocus() and edit.isModified()
            if not typing:  # a field being typed in keeps what was typed
                self._show_field(name, _shown(meta, name))
        self._fill_captures(meta)
        self._sync_open()

    def _show_field(self, name: str, text: str) -> None:
        edit = self.edits[name]
        if edit.text() != text:
            edit.setText(text)  # also clears isModified()
            edit.setCursorPosition(0)
        else:
            edit.setModified(False)
        self.errors[name].hide()
        self._set_direction(name)

    def _fill_captures(self, meta: Metadata) -> None:
        shown = [
            {"date": c.date, "uri": c.uri, "record_id": c.record_id, "file": c.file}
            for c in meta.captures
        ]
        self.no_captures.setVisible(not shown)
        if [{k: e.text() or None for k, e in row.items()} for row in self.capture_rows] == shown:
            return
        while self.form.rowCount() > self._fixed_rows:
            self.form.removeRow(self._fixed_rows)
        self.capture_rows = []
        for n, capture in enumerate(shown):
            if n:
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.HLine)
                rule.setFrameShadow(QFrame.Shadow.Sunken)
                self.form.addRow(rule)
            row: dict[str, QLineEdit] = {}
            for key, label in self._capture_labels().items():
                field = QLineEdit(capture[key] or "")
                field.setObjectName(f"info-capture-{key}")
                field.setReadOnly(True)
                field.setFrame(False)
                field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
                field.setCursorPosition(0)
                if capture[key]:
                    field.setToolTip(plain_tooltip(capture[key]))
                self.form.addRow(QLabel(label), field)
                row[key] = field
            self.capture_rows.append(row)

    def _capture_labels(self) -> dict[str, str]:
        return {
            "date": self.tr("Captured:"),
            "uri": self.tr("Address:"),
            "record_id": self.tr("Record:"),
            "file": self.tr("File:"),
        }

    def _set_direction(self, name: str) -> None:
        edit = self.edits[name]
        interface = QGuiApplication.layoutDirection()
        if name in LEFT_TO_RIGHT:
            direction = Qt.LayoutDirection.LeftToRight
        else:
            # The first strong letter decides, as in the article: an Arabic title reads
            # right to left in an English interface, a Latin name left to right in Arabic.
            direction = paragraph_direction(edit.text(), interface)
        if edit.layoutDirection() != direction:
            edit.setLayoutDirection(direction)
        if name == "url":
            self._sync_open()

    def _sync_open(self) -> None:
        url = QUrl(self.edits["url"].text().strip())
        self.open_url.setEnabled(url.isValid() and url.scheme().lower() in _WEB)

    def open_address(self) -> None:
        """Open the article's address in the web browser."""
        url = QUrl(self.edits["url"].text().strip())
        if url.isValid() and url.scheme().lower() in _WEB:
            QDesktopServices.openUrl(url)

    # --- saving --------------------------------------------------------------------------

    def save_all(self) -> None:
        """Save every field typed in and not saved yet (leaving the article, closing)."""
        for name in FIELDS:
            if self.edits[name].isModified():
                self._save(name)

    def _save(self, name: str) -> None:
        edit = self.edits[name]
        meta, article_id = self.meta, self.article_id
        if self._saving or meta is None or article_id is None or self.lib is None:
            return
        if edit.isReadOnly():
            return
        value = _value(name, edit.text())
        if value == getattr(meta, name):
            self._show_field(name, _shown(meta, name))  # as stored ("a;b" → "a; b")
            return
        if name == "title" and not value:
            self._show_field(name, meta.title)
            self._error(name, self.tr("An article needs a title: the title was kept."))
            return
        if name in describing.DATES and value and not describing.iso_date(str(value)):
            self._error(
                name,
                self.tr("Not a date: write it as 2024-05-01 (or 2024-05, or a date and time)."),
            )
            return
        edit.setModified(False)  # what was typed is handed over: the refresh may show it
        self._saving = True
        try:
            op = self._perform(
                describing.LABEL,
                lambda lib: describing.edit_metadata(lib, article_id, **{name: value}),
            )
        except ValueError as exc:  # refused by the library for a reason not checked here
            self._error(name, str(exc))
            return
        finally:
            self._saving = False
        if op is None or not op.changed:
            self._read()  # refused (the user was told), or the same as stored

    def _error(self, name: str, text: str) -> None:
        self.errors[name].setText(text)
        self.errors[name].show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            reason = event.reason()
            if reason in _SELECTING_FOCUS and watched.text():
                # Qt selects it all with the caret at the end, which scrolls a long
                # title to its end: keep it selected, but show where it starts.
                QTimer.singleShot(0, lambda e=watched: _select_from_start(e))
        elif event.type() == QEvent.Type.FocusOut and isinstance(watched, QLineEdit):
            # Left alone, a field shows where its text starts, not where the caret was.
            QTimer.singleShot(0, lambda e=watched: _show_start(e))
        # Escape puts back what is stored, as in Zotero.
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and isinstance(watched, QLineEdit)
            and self.meta is not None
        ):
            name = next((n for n, e in self.edits.items() if e is watched), None)
            if name is not None and (watched.isModified() or self.errors[name].isVisible()):
                self._show_field(name, _shown(self.meta, name))
                return True
        return super().eventFilter(watched, event)

    # --- texts and colours ---------------------------------------------------------------

    def retranslate(self) -> None:
        texts = {
            "title": self.tr("Title:"),
            "authors": self.tr("Authors:"),
            "publisher": self.tr("Publisher:"),
            "section": self.tr("Section:"),
            "language": self.tr("Language:"),
            "url": self.tr("Address:"),
            "published": self.tr("Published:"),
            "modified": self.tr("Modified:"),
            "identifier": self.tr("Identifier:"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
            self.edits[name].setAccessibleName(text.rstrip(":").strip())
        self.edits["authors"].setPlaceholderText(self.tr("Names, separated by ;"))
        self.edits["language"].setPlaceholderText(self.tr("ar, en…"))
        for name in describing.DATES:
            self.edits[name].setPlaceholderText("YYYY-MM-DD")
        self.edits["url"].setPlaceholderText("https://")
        self.open_url.setText(self.tr("Open"))
        self.open_url.setToolTip(self.tr("Open the address in the web browser"))
        self.captures_label.setText(self.tr("Captures"))
        self.captures_label.setToolTip(self.tr("The web archive records the article was read from"))
        if self.meta is not None and self.capture_rows:
            self.capture_rows = []  # labelled again in the new language
            self._fill_captures(self.meta)
        self.no_captures.setText(self.tr("No web archive capture is recorded."))
        self.empty.setText(self.tr("Open an article to see its details."))
        self.sync_writable()

    def _colour_errors(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colour = "#ff8a80" if dark else "#b3261e"
        for label in self.errors.values():
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif kind == QEvent.Type.PaletteChange:
            self._colour_errors()
        elif kind == QEvent.Type.LayoutDirectionChange:
            for name in FIELDS:
                self._set_direction(name)
        super().changeEvent(event)
