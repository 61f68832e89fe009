"""View ▸ Layers: which authors' layers the article shows, and whether entity mentions are
coloured by their author instead of their type.

A team's library holds several people's annotations over the same words (imported from a
colleague's file, synced, curated); reading one layer at a time, or all of them with each
author in their own colour, is how a team compares them before measuring agreement. The
counts come from `library.marks.author_layers`; what is hidden is remembered per library
(QSettings), and nothing in the library changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMenu, QWidget

from library.marks.author_layers import AuthorLayer, author_layers
from library.storage.store import Library
from reader.views.marks import isolate, swatch

# Okabe and Ito's colours, told apart by people with any common colour blindness; past
# eight layers they repeat (a team of more than eight reads a few layers at a time).
LAYER_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c564b",
                 "#7f7f7f")  # fmt: skip
HIDDEN_KEY = "layers/hidden/{library}"
BY_LAYER_KEY = "layers/colourByLayer"


def _library_key(lib: Library) -> str:
    raw = str(lib.path.resolve()) if lib.path is not None else ":memory:"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def layer_colours(authors: list[str | None]) -> dict[str | None, QColor]:
    """A colour per author, by the order of their names, so a layer keeps its colour
    from one session to the next while the team stays the same."""
    ordered = sorted(authors, key=lambda a: (a is None, a or ""))
    return {a: QColor(LAYER_COLOURS[n % len(LAYER_COLOURS)]) for n, a in enumerate(ordered)}


class AuthorLayers(QObject):
    """The Layers menu and what it decides: hidden authors, colour by layer."""

    changed = Signal()

    def __init__(self, parent: QWidget, lib: Library, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.lib = lib
        self._layers: list[AuthorLayer] = []
        # The counts are grouped over every annotation, relation and segment: read again
        # only when an edit or an import changed them (`mark_stale`), not at each opening.
        self._stale = True
        self.hidden: frozenset[str | None] = frozenset()
        self.menu = QMenu(parent)
        self.menu.setObjectName("layersMenu")
        self.colour_by_layer = QAction(parent)
        self.colour_by_layer.setObjectName("colourByLayer")
        self.colour_by_layer.setCheckable(True)
        if settings is not None:
            self.colour_by_layer.setChecked(settings.value(BY_LAYER_KEY, False, type=bool))
        self.colour_by_layer.toggled.connect(self._colour_toggled)
        self.show_all = QAction(parent)
        self.show_all.setObjectName("showAllLayers")
        self.show_all.triggered.connect(lambda: self.set_hidden(frozenset()))
        self.menu.aboutToShow.connect(self.refresh)
        self.set_library(lib)
        self.retranslate()
        # Its own texts follow the interface language, without the window naming it.
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Layers"))
        self.colour_by_layer.setText(self.tr("&Colour Mentions by Author"))
        self.colour_by_layer.setStatusTip(
            self.tr("Underline each entity mention in its author's colour, not its type's")
        )
        self.show_all.setText(self.tr("Show &All Layers"))

    # --- state --------------------------------------------------------------------------

    def set_library(self, lib: Library) -> None:
        self.lib = lib
        hidden: list = []
        if self._settings is not None:
            raw = self._settings.value(HIDDEN_KEY.format(library=_library_key(lib)), "[]")
            try:
                hidden = json.loads(raw) if isinstance(raw, str) else []
            except ValueError:  # a hand-edited settings file: show everything
                hidden = []
        self.hidden = frozenset(a if isinstance(a, str) and a else None for a in hidden)
        self.mark_stale()

    def set_hidden(self, hidden: frozenset[str | None]) -> None:
        if hidden == self.hidden:
            return
        self.hidden = frozenset(hidden)
        if self._settings is not None:
            names = sorted("" if a is None else a for a in self.hidden)
            key = HIDDEN_KEY.format(library=_library_key(self.lib))
            self._settings.setValue(key, json.dumps(names, ensure_ascii=False))
        # The menu's own actions are not rebuilt here: one of them may be the sender.
        # It is read again each time it opens.
        self.show_all.setEnabled(bool(self.hidden))
        self.changed.emit()

    def colours(self) -> Mapping[str | None, QColor] | None:
        """The author colours to paint mentions with, or None to colour them by type."""
        if not self.colour_by_layer.isChecked():
            return None
        return layer_colours([layer.author for layer in self.layers])

    def _colour_toggled(self, on: bool) -> None:
        if self._settings is not None:
            self._settings.setValue(BY_LAYER_KEY, on)
        self.changed.emit()

    # --- the menu -------------------------------------------------------------------------

    def mark_stale(self) -> None:
        """Annotations, relations or translations changed: the counts are read again when
        they are next shown."""
        self._stale = True

    @property
    def layers(self) -> list[AuthorLayer]:
        """The library's layers, biggest first, read again only if something changed."""
        self._read_layers()
        return self._layers

    def _read_layers(self) -> None:
        if self._stale:
            self._layers = author_layers(self.lib)
            self._stale = False

    def refresh(self) -> None:
        """Rebuild the menu (each time it opens); `layers` is read again only if stale."""
        self.menu.clear()
        self.menu.addAction(self.colour_by_layer)
        self.menu.addSeparator()
        self.menu.addAction(self.show_all)
        self.show_all.setEnabled(bool(self.hidden))
        colours = layer_colours([layer.author for layer in self.layers])
        for layer in self.layers:
            action = self.menu.addAction(swatch(colours[layer.author]), self._label(layer))
            action.setCheckable(True)
            action.setChecked(layer.author not in self.hidden)
            action.setObjectName(f"layer:{layer.author or ''}")
            action.toggled.connect(lambda on, who=layer.author: self._toggle(who, on))
        if not self.layers:
            none = self.menu.addAction(self.tr("No annotations yet"))
            none.setEnabled(False)

    def _label(self, layer: AuthorLayer) -> str:
        who = isolate(layer.author) if layer.author is not None else self.tr("Unattributed")
        return self.tr("%1 — %Ln annotation(s)", "", layer.annotations).replace("%1", who)

    def _toggle(self, author: str | None, on: bool) -> None:
        self.set_hidden(self.hidden - {author} if on else self.hidden | {author})
