"""The Team menu: Agreement… and Curate This Article…

The menu is given what it needs as one `TeamServices` value, asked for when an action runs
(the window's library, runner and open article change while the window lives).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QWidget

from library.marks.entity_types import entity_types
from library.storage.store import Library
from library.team.agreement import authors
from reader.editing.changes import ChangeStream
from reader.look.theme import ArticleColours
from reader.team.agreement_dialog import AgreementDialog
from reader.team.curation_view import CurationView, Perform
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
        self.agreement_dialog: AgreementDialog | None = None
        self.curation_view: CurationView | None = None
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.agreement, self.curate]

    def retranslate(self) -> None:
        self.agreement.setText(self.tr("&Agreement Between Annotators…"))
        self.curate.setText(self.tr("&Curate This Article…"))
        for dialog in (self.agreement_dialog, self.curation_view):
            if dialog is not None:
                dialog.retranslate()

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
    )
