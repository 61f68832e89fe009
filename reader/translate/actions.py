"""The Translate menu's actions: texts, keys, where they work.

View ▸ Translate (the mode) and Translation Language work anywhere in the window; the
segment commands live on the parallel page with a widget-with-children context, so they
work while the keyboard is in the parallel view or its editor (F9 there, and nowhere
else) and from the menu.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from library.translation.segments import STATUSES
from reader.look.labels import make_action, set_action_text
from reader.translate.segment_model import status_text


class TranslateActions(QObject):
    def __init__(self, window: QWidget, page: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._page = page
        make = self._make
        self.mode = make(window, "translateMode", ["Ctrl+Shift+T"], checkable=True)
        self.language = make(window, "translationLanguage", [])
        self.confirm = make(page, "confirmSegment", ["Ctrl+Return", "Ctrl+Enter"])
        self.next_untranslated = make(page, "nextUntranslated", ["F9"])
        self.previous_untranslated = make(page, "previousUntranslated", ["Shift+F9"])
        self.reviewed = make(page, "markReviewed", ["Ctrl+R"])
        self.note = make(page, "segmentNote", ["Ctrl+M"])
        self.remove_note = make(page, "removeSegmentNote", [])
        self.statuses = {s: make(page, f"segmentStatus-{s}", []) for s in STATUSES}
        self.split = make(page, "splitSegment", [])
        self.merge = make(page, "mergeSegments", [])
        self.check = make(page, "checkConsistency", [])
        self.menu = QMenu(window)
        self.menu.setObjectName("translateMenu")
        self.menu.addAction(self.mode)
        self.menu.addSeparator()
        self.menu.addActions(
            [self.confirm, self.next_untranslated, self.previous_untranslated, self.reviewed]
        )
        self.status_menu = self.menu.addMenu("")
        self.status_menu.addActions(list(self.statuses.values()))
        self.menu.addActions([self.note, self.remove_note])
        self.menu.addSeparator()
        self.menu.addActions([self.split, self.merge])
        self.menu.addSeparator()
        self.menu.addActions([self.check, self.language])
        self.retranslate()

    def _make(self, owner: QWidget, name: str, keys: list, *, checkable: bool = False) -> QAction:
        return make_action(owner, name, keys, checkable=checkable, local=owner is self._page)

    def segment_actions(self) -> list[QAction]:
        """The commands on a segment: on only while the parallel view shows."""
        return [a for a in self._page.actions() if a.objectName()]

    def edit_actions(self) -> list[QAction]:
        """Those that change the library (off for a read-only one)."""
        return [self.confirm, self.reviewed, self.note, self.remove_note, *self.statuses.values(),
                self.split, self.merge]  # fmt: skip

    def shortcut_actions(self) -> list[QAction]:
        """For the keyboard-shortcuts window."""
        return [self.mode, *(a for a in self.segment_actions() if not a.shortcut().isEmpty())]

    def _set(self, action: QAction, text: str, tip: str) -> None:
        set_action_text(action, text, tip)

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("T&ranslate"))
        self.status_menu.setTitle(self.tr("Segment &Status"))
        texts = {
            self.mode: (self.tr("&Translate"), self.tr("Show the article's sentences beside their translations")),
            self.confirm: (self.tr("&Confirm and Go to Next Untranslated"), self.tr("Keep the translation as translated and go to the next segment still to translate")),
            self.next_untranslated: (self.tr("&Next Untranslated Segment"), self.tr("Go to the next segment that is new or a draft")),
            self.previous_untranslated: (self.tr("&Previous Untranslated Segment"), self.tr("Go to the previous segment that is new or a draft")),
            self.reviewed: (self.tr("Mark &Reviewed"), self.tr("Mark the segment's translation reviewed (again: back to translated)")),
            self.note: (self.tr("Segment N&ote…"), self.tr("A note on the segment for yourself or the reviewer")),
            self.remove_note: (self.tr("Remove Segment Note"), self.tr("Remove the segment's note")),
            self.split: (self.tr("S&plit Segment…"), self.tr("Cut the segment in two where you put the cursor")),
            self.merge: (self.tr("&Merge with Next Segment"), self.tr("Join the segment and the next one into one")),
            self.check: (self.tr("Check &Consistency"), self.tr("List the translations that miss a glossary term or use a forbidden one")),
            self.language: (self.tr("Translation &Language…"), self.tr("The language this library is translated into (a setting of the library, not undone with Undo)")),
        }  # fmt: skip
        for action, (text, tip) in texts.items():
            self._set(action, text, tip)
        for status, action in self.statuses.items():
            self._set(
                action,
                status_text(status),
                self.tr("Set the segment's status to “%1”").replace("%1", status_text(status)),
            )
