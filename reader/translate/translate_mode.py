"""The translate mode of the article page: the parallel view and the glossary strip in
place of the article, the Translate menu, the progress in the status bar.

Every edit goes through the window's `Performer` as one operation of
`library.ops.translating` (one undo step each: a committed translation, a status, a
note, a split, a merge, a glossary term); the view refreshes from the change stream
like every other view. Typing never reaches the library: the editor holds the text
until it is committed, and the commit is one `translate` operation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from library.changes import Changes
from library.marks.entities import get_entity
from library.ops import translating
from library.ops.operation import Operation
from library.storage.articles import NotFound
from library.storage.store import Library
from library.translation import glossary
from library.translation.segments import SegmentError, translation_language
from library.translation.segments import set_translation_language as store_language
from reader.dialogs.glossary_terms_dialog import edit_glossary_terms
from reader.dialogs.note_dialog import NoteDialog
from reader.dialogs.translation_language_dialog import TranslationLanguageDialog
from reader.editing.changes import ChangeStream
from reader.editing.undo import label_texts
from reader.look.fonts import article_font
from reader.messages import show_error
from reader.translate.actions import TranslateActions
from reader.translate.glossary_strip import GlossaryStrip
from reader.translate.parallel_view import ParallelView
from reader.translate.segment_model import SegmentModel
from reader.translate.split_dialog import SplitDialog
from reader.views.article_document import ReadingStyle

log = logging.getLogger(__name__)

TERMS_DELAY_MS = 120  # holding Down does not look up the glossary at every row
Perform = Callable[[str, Callable[[Library], Operation]], Operation | None]


class TranslateMode(QObject):
    active_changed = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        lib: Library,
        *,
        changes: ChangeStream,
        perform: Perform,
        status_bar: QStatusBar,
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.lib = lib
        self.changes = changes
        self._perform = perform
        self._status = status
        self._article_id: int | None = None  # the article the window shows
        self._active = False
        self.model = SegmentModel(self)
        self.page = QWidget()
        self.page.setObjectName("parallelPage")
        self.view = ParallelView(self.model, self.page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.strip = GlossaryStrip(self.page)
        splitter = QSplitter(Qt.Orientation.Vertical, self.page)
        splitter.setObjectName("parallelSplitter")
        splitter.addWidget(self.view)
        splitter.addWidget(self.strip)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self.page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.page.setFocusProxy(self.view)
        self.page.hide()
        self.actions = TranslateActions(window, self.page)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("translationProgress")
        status_bar.addPermanentWidget(self.progress_label)
        self.progress_label.hide()
        self._terms_timer = QTimer(self, singleShot=True, interval=TERMS_DELAY_MS)
        self._terms_timer.timeout.connect(self.show_terms)
        self._connect()
        self.set_library(lib)

    def _connect(self) -> None:
        a = self.actions
        a.mode.toggled.connect(self.set_active)
        a.language.triggered.connect(self.choose_language)
        a.confirm.triggered.connect(self.confirm_and_next)
        a.next_untranslated.triggered.connect(lambda: self.next_untranslated(1))
        a.previous_untranslated.triggered.connect(lambda: self.next_untranslated(-1))
        a.reviewed.triggered.connect(self.toggle_reviewed)
        a.note.triggered.connect(self.edit_note)
        a.remove_note.triggered.connect(self.remove_note)
        for status, action in a.statuses.items():
            action.triggered.connect(lambda _on=False, s=status: self.set_status(s))
        a.split.triggered.connect(self.split)
        a.merge.triggered.connect(self.merge)
        a.check.triggered.connect(self.check_consistency)
        self.model.target_edited.connect(self._translate)
        self.view.current_segment_changed.connect(lambda _sid: self._current_changed())
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.strip.check_requested.connect(self.check_consistency)
        self.strip.issue_activated.connect(self._go_to_issue)
        self.strip.term_requested.connect(self.edit_term)
        self.changes.changed.connect(self.apply_changes)

    # --- the window's side -------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._active

    def set_library(self, lib: Library) -> None:
        self.view.commit_editor()
        self.lib = lib
        self.model.set_library(lib)
        self.view.set_target_language(translation_language(lib))
        self.strip.show_terms([])
        self.strip.clear_issues()
        if self._active and self._article_id is not None:
            self._load(self._article_id)
        self.sync_writable()

    def set_style(self, style: ReadingStyle) -> None:
        """The article's font and size (zoom follows); the translation in the interface's
        face, at a size that sits beside the Arabic."""
        source = article_font(style.family, style.point_size * 0.9)
        target = QFont(self.view.font())
        target.setPointSizeF(max(style.point_size * 0.7, target.pointSizeF()))
        self.view.set_fonts(source, target)

    def show_article(self, article_id: int | None) -> None:
        """The window shows another article (or none)."""
        if article_id == self._article_id and self.model.article_id == article_id:
            return
        self._article_id = article_id
        if self._active:
            self._load(article_id)

    def set_active(self, on: bool) -> None:
        """Switch the article page between the article and the parallel view."""
        if on == self._active:
            return
        if not on:
            self.view.commit_editor()
        self._active = on
        self.actions.mode.setChecked(on)
        if on and self.model.article_id != self._article_id:
            self._load(self._article_id)
        self.page.setVisible(on)
        self.progress_label.setVisible(on)
        self.sync_writable()
        self._update_progress()
        if on:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self._current_changed()
        self.active_changed.emit(on)

    def commit(self) -> None:
        """Commit a translation being typed (the window closes, the library changes)."""
        self.view.commit_editor()

    def shortcut_actions(self) -> list:
        return self.actions.shortcut_actions()

    def retranslate(self) -> None:
        self.actions.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.view.set_fonts(self.view.delegate.source_font, self.view.delegate.target_font)
        self._update_progress()

    def shutdown(self) -> None:
        self._terms_timer.stop()

    def sync_writable(self) -> None:
        """Edits on or off with the library's writability (and the mode)."""
        writable = not self.lib.readonly
        self.model.editable = writable
        for action in self.actions.segment_actions():
            action.setEnabled(self._active)
        for action in self.actions.edit_actions():
            action.setEnabled(self._active and writable)
        self.actions.language.setEnabled(writable)

    def _load(self, article_id: int | None) -> None:
        self.view.commit_editor()
        try:
            cut = self.model.load(article_id)
        except NotFound:
            cut = self.model.load(None)
        self.strip.clear_issues()
        if self.model.rowCount():
            self.view.go_to_row(0)
        self._update_progress()
        self._current_changed()
        if cut:
            # The article was cut just now: the list's progress column learns of it.
            self.changes.publish(Changes.of(segments=self.model.segment_ids()))

    # --- keeping in step -----------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        if changes.everything:
            lang = translation_language(self.lib)
            if lang != self.model.language:
                self.view.set_target_language(lang)
        if not self._active:
            return
        current = self._current_segment_id()
        rows_changed = self.model.apply_changes(changes)
        if rows_changed:
            if current is not None and self.view.current_row() < 0:
                self.view.go_to_segment(current)
            self._update_progress()
        # A glossary term given or changed (an entity's change) can settle or raise issues.
        if (rows_changed or changes.entities) and (
            self.strip.issues.isVisible() or self.strip.issues_title.isVisible()
        ):
            self.check_consistency()
        if changes.entities or changes.segments or changes.everything:
            self._terms_timer.start()

    def _update_progress(self) -> None:
        done, total = self.model.progress()
        locale = QLocale()
        self.progress_label.setText(
            self.tr("%1 of %2 translated")
            .replace("%1", locale.toString(done))
            .replace("%2", locale.toString(total))
            if total
            else ""
        )

    def _current_segment_id(self) -> str | None:
        seg = self.model.segment(self.view.current_row())
        return seg.id if seg else None

    def _current_changed(self) -> None:
        self._terms_timer.start()

    def show_terms(self) -> None:
        """The glossary entries of the entities the current segment names."""
        seg = self.model.segment(self.view.current_row())
        if seg is None or self.model.article_id is None:
            self.strip.show_terms([])
            return
        try:
            # Entities with no term yet too: the strip is where a first one is given.
            found = glossary.terms_in(self.lib, self.model.article_id, seg, every_entity=True)
        except Exception:  # a segment removed meanwhile, a library being replaced
            log.exception("cannot read the glossary terms of segment %s", seg.id)
            found = []
        self.strip.show_terms(found)

    # --- edits ---------------------------------------------------------------------------

    def _run(self, label: str, work: Callable[[Library], Operation]) -> Operation | None:
        """`perform`, with the segment edits' own refusals told as the others are."""
        try:
            return self._perform(label, work)
        except (SegmentError, ValueError) as exc:
            show_error(self.window, label_texts()[label], str(exc))
            return None

    def _translate(self, segment_id: str, text: str) -> None:
        self._run("translate", lambda lib: translating.translate(lib, segment_id, text))

    def _here(self):
        """The current segment after committing what is typed, or None."""
        self.view.commit_editor()
        return self.model.segment(self.view.current_row())

    def confirm_and_next(self) -> None:
        """Keep the translation (typed or shown) as translated, then edit the next
        segment still to translate: one operation."""
        pending = self.view.drop_editor()
        row = pending.row if pending else self.view.current_row()
        seg = self.model.segment(row)
        if seg is None:
            return
        text = pending.text if pending else seg.target
        if text.strip() and not (seg.status == "reviewed" and text == seg.target):
            self._run(
                "translate",
                lambda lib: translating.translate(lib, seg.id, text, status="translated"),
            )
        elif pending is not None and text != seg.target:
            self._translate(seg.id, text)
        row = self.model.row_of(seg.id)
        following = self.model.next_undone(row if row is not None else -1)
        if following is None:
            self._status(self.tr("Every segment of this article is translated."))
            return
        self.view.go_to_row(following, edit=self.model.editable)

    def next_untranslated(self, step: int = 1) -> None:
        self.view.commit_editor()
        row = self.view.current_row()
        following = self.model.next_undone(row, step)
        if following is None:
            self._status(self.tr("Every segment of this article is translated."))
            return
        self.view.go_to_row(following)

    def toggle_reviewed(self) -> None:
        seg = self._here()
        if seg is None:
            return
        if not seg.target.strip():
            self._status(self.tr("Translate the segment before marking it reviewed."))
            return
        status = "translated" if seg.status == "reviewed" else "reviewed"
        self._run("segment-status", lambda lib: translating.set_status(lib, seg.id, status))

    def set_status(self, status: str) -> None:
        seg = self._here()
        if seg is not None:
            self._run("segment-status", lambda lib: translating.set_status(lib, seg.id, status))

    def edit_note(self) -> None:
        seg = self._here()
        if seg is None:
            return
        note = NoteDialog.get_note(self.window, seg.exact, seg.note or "")
        if note is not None:
            self._run("segment-note", lambda lib: translating.set_note(lib, seg.id, note))

    def remove_note(self) -> None:
        seg = self._here()
        if seg is not None and seg.note:
            self._run("segment-note", lambda lib: translating.set_note(lib, seg.id, None))

    def split(self) -> None:
        seg = self._here()
        if seg is None:
            return
        offset = SplitDialog.choose(self.window, seg.exact, self.view.delegate.source_font)
        if offset is None:
            return
        self._run(
            "split-segment", lambda lib: translating.split_segment(lib, seg.id, seg.start + offset)
        )
        self.view.go_to_segment(seg.id)

    def merge(self) -> None:
        seg = self._here()
        if seg is not None:
            self._run("merge-segments", lambda lib: translating.merge_segments(lib, seg.id))
            self.view.go_to_segment(seg.id)

    def edit_term(self, entity_id: str) -> None:
        """An entity's glossary terms: the translation to use and the spellings not to
        use (both empty: out of the glossary). One operation; the strip and the check
        follow through the change stream."""
        if self.lib.readonly:
            self._status(self.tr("This library is read-only: its glossary cannot be changed."))
            return
        edit_glossary_terms(self.window, self.lib, entity_id, self._run)

    def check_consistency(self) -> None:
        self.view.commit_editor()
        article_id = self.model.article_id
        if article_id is None:
            self.strip.clear_issues()
            return
        found = []
        names: dict[str, str] = {}
        for issue in glossary.consistency(self.lib, article_id):
            if issue.entity_id not in names:
                try:
                    names[issue.entity_id] = get_entity(self.lib, issue.entity_id).name
                except NotFound:
                    names[issue.entity_id] = issue.entity_id
            row = self.model.row_of(issue.segment_id)
            found.append((issue, row + 1 if row is not None else None, names[issue.entity_id]))
        self.strip.show_issues(found)

    def _go_to_issue(self, segment_id: str) -> None:
        self.view.go_to_segment(segment_id)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_language(self) -> None:
        lang = TranslationLanguageDialog.choose(self.window, translation_language(self.lib))
        if lang is None or lang == translation_language(self.lib):
            return
        try:
            store_language(self.lib, lang)
        except (SegmentError, ValueError) as exc:
            show_error(self.window, self.tr("Translation Language"), str(exc))
            return
        self.view.set_target_language(lang)
        self.strip.clear_issues()
        self._terms_timer.start()
        self._status(self.tr("Translations are now in %1.").replace("%1", lang))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.go_to_row(index.row())
        menu = QMenu(self.view)
        menu.setObjectName("segmentMenu")
        a = self.actions
        menu.addActions([a.confirm, a.reviewed, a.note, a.remove_note])
        menu.addMenu(a.status_menu)
        menu.addSeparator()
        menu.addActions([a.split, a.merge])
        menu.addSeparator()
        menu.addAction(a.check)
        menu.popup(self.view.viewport().mapToGlobal(pos))
