"""The Team menu: Agreement…, Curate This Article…, and the sync with the team's
PostgreSQL library (Sync with the Team Library…, Sync Now).

The menu is given what it needs as one `TeamServices` value, asked for when an action runs
(the window's library, runner and open article change while the window lives).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QWidget

from library.marks.entity_types import entity_types
from library.storage.store import Library
from library.team.agreement import authors
from reader.editing.changes import ChangeStream
from reader.look.theme import ArticleColours
from reader.team.agreement_dialog import AgreementDialog
from reader.team.curation_view import CurationView, Perform
from reader.team.sync_dialog import SyncController, SyncDialog
from reader.views.marks import shown_name
from reader.workers.runner import Runner


@dataclass(frozen=True)
class TeamServices:
    lib: Library
    path: Path
    runner: Runner
    perform: Perform
    changes: ChangeStream
    article_id: int | None  # the article open in the window
    colours: Callable[[], ArticleColours]
    content_font: QFont | None
    status: Callable[[str], None]
    settings: QSettings | None = None
    current_library: Callable[[], Library] | None = None


class TeamMenu(QObject):
    def __init__(self, window: QWidget, services: Callable[[], TeamServices]) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.agreement = QAction(window)
        self.agreement.setObjectName("teamAgreement")
        self.agreement.triggered.connect(self.show_agreement)
        self.curate = QAction(window)
        self.curate.setObjectName("teamCurate")
        self.curate.triggered.connect(self.show_curation)
        self.sync_settings = QAction(window)
        self.sync_settings.setObjectName("teamSyncSettings")
        self.sync_settings.triggered.connect(self.show_sync)
        self.sync_action = QAction(window)
        self.sync_action.setObjectName("teamSyncNow")
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_now)
        self.agreement_dialog: AgreementDialog | None = None
        self.curation_view: CurationView | None = None
        self.sync_dialog: SyncDialog | None = None
        self.syncer: SyncController | None = None
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.agreement, self.curate, self.sync_settings, self.sync_action]

    def retranslate(self) -> None:
        self.agreement.setText(self.tr("&Agreement Between Annotators…"))
        self.curate.setText(self.tr("&Curate This Article…"))
        self.sync_settings.setText(self.tr("S&ync with the Team Library…"))
        self.sync_settings.setStatusTip(
            self.tr("Share your work through the team's PostgreSQL database, and settle conflicts")
        )
        self.sync_action.setText(self.tr("Sync &Now"))
        self.sync_action.setStatusTip(
            self.tr("Send your changes to the team library and get theirs")
        )
        for dialog in (self.agreement_dialog, self.curation_view, self.sync_dialog):
            if dialog is not None:
                dialog.retranslate()

    def start(self) -> None:
        """The sync's controller, and its automatic sync if this library has one: called
        by the window once its runner and change stream exist (the menu is built first)."""
        s = self.services()
        current = s.current_library or (lambda: s.lib)
        self.syncer = SyncController(current, s.runner, s.changes, s.settings, self)
        self.syncer.finished.connect(self._synced)
        self.syncer.failed.connect(lambda message: self.services().status(message))

    def show_sync(self) -> None:
        syncer = self.syncer
        if syncer is None:  # not started: a window still being built
            return
        if self.sync_dialog is None:
            self.sync_dialog = SyncDialog(syncer, self.window)
        self.sync_dialog.show_conflicts()
        self.sync_dialog.show()
        self.sync_dialog.raise_()
        self.sync_dialog.activateWindow()

    def sync_now(self) -> None:
        """Ctrl+Shift+S: sync with the server set in the dialog, or open the dialog."""
        syncer = self.syncer
        if syncer is None:
            return
        if not syncer.url:
            self.show_sync()
            return
        if syncer.sync_now():
            self.services().status(self.tr("Syncing with the team library…"))

    def _synced(self, report) -> None:
        text = self.tr("Synced: %1 sent, %2 received.")
        text = text.replace("%1", str(report.pushed)).replace("%2", str(report.pulled))
        if report.open_conflicts:
            text += " " + self.tr("%Ln conflict(s) to settle.", "", report.open_conflicts)
        self.services().status(text)

    def shutdown(self) -> None:
        if self.syncer is not None:
            self.syncer.shutdown()

    def show_agreement(self) -> None:
        s = self.services()
        names = {t.id: shown_name(t.id, t.label) for t in entity_types(s.lib)}
        if self.agreement_dialog is not None:
            self.agreement_dialog.close()
        self.agreement_dialog = AgreementDialog(
            s.path, authors(s.lib), names, s.runner, self.window
        )
        self.agreement_dialog.finished.connect(self._agreement_closed)
        self.agreement_dialog.show()

    def _agreement_closed(self) -> None:
        if self.agreement_dialog is not None:
            self.agreement_dialog.deleteLater()
            self.agreement_dialog = None

    def show_curation(self) -> None:
        s = self.services()
        if s.article_id is None:
            s.status(self.tr("Open an article to curate it."))
            return
        view = self.curation_view
        if view is not None and view.lib is s.lib:
            view.show_article(s.article_id)
        else:
            if view is not None:
                view.close()
                view.deleteLater()
            view = self.curation_view = CurationView(
                s.lib,
                s.article_id,
                perform=s.perform,
                changes=s.changes,
                colours=s.colours,
                content_font=s.content_font,
                parent=self.window,
            )
        view.show()
        view.raise_()
        view.activateWindow()


def window_services(window) -> TeamServices:
    """What the Team menu needs, taken from the main window at the moment an action runs
    (the menu bar is built before the window's runner and undo stack exist)."""
    from reader.look.fonts import article_font

    article = window.view.article
    style = window.view.style
    return TeamServices(
        lib=window.lib,
        path=window.lib.path,
        runner=window.runner,
        perform=window.annotations.performer.perform,
        changes=window.changes,
        article_id=article.id if article is not None else None,
        colours=lambda: window.theme.article_colours,
        content_font=article_font(style.family, style.point_size),
        status=lambda text: window.statusBar().showMessage(text, 5000),
        settings=window.settings.store,
        current_library=lambda: window.lib,
    )
