"""The entity network window: who is mentioned with whom, and who is related to whom.

Entities are nodes (sized by their mentions, coloured by their type), relations are
arrows and co-occurrences (in one sentence or one article) are lines, heavier for more.
The controls choose the entity types, a date range, a tag, a search query, the kind of
co-occurrence, the lightest co-occurrence drawn and how many entities at most; each
change draws the picture again after a short pause. The network is read and laid out
on the window's runner (reader.workers.runner), so the window stays responsive, shows
the progress and can stop it; a newer drawing supersedes one still running.

Clicking a node lists its mentions in their sentences beside the picture, clicking an
edge lists the sentences that support it; double-clicking a line opens the article
there. The network shown can be saved as GraphML or GEXF (Gephi) or a CSV edge list,
and the picture as PNG or SVG.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QImage, QKeySequence, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from library.changes import Changes
from library.marks.network import (
    Edge,
    Network,
    Passage,
    edge_passages,
    node_passages,
    write_network,
)
from library.marks.tags import tags
from library.storage.store import Library
from reader.dialogs.file_dialogs import FileDialog
from reader.pictures.network_job import BUILDING, NetworkPicture, NetworkRequest, network_job
from reader.pictures.network_scene import NetworkCanvas, NetworkScene
from reader.views.marks import Look, isolate, relation_label, swatch
from reader.views.sentence_delegate import InContext, SentenceDelegate, SentenceRole
from reader.workers.runner import LONG, Runner

log = logging.getLogger(__name__)

CHANNEL = "network"
DEBOUNCE_MS = 400
PASSAGE_LIMIT = 200  # sentences listed at most: read on a click, on the GUI thread
NO_DATE = QDate(1000, 1, 1)  # the date boxes' "any date"
PassageRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class PassageModel(QAbstractListModel):
    """The sentences of a node's mentions or of an edge's support, one a row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Passage] = []
        self.captions: list[str] = []

    def reset(self, rows: list[Passage], captions: list[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.captions = captions or [p.title for p in rows]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        if role == PassageRole:
            return p
        if role == SentenceRole:
            start, end = p.spans[0] if p.spans else (p.sentence_start, p.sentence_start)
            return InContext(
                self.captions[index.row()],
                p.sentence,
                start - p.sentence_start,
                end - p.sentence_start,
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self.captions[index.row()]}: {p.sentence}"
        return None


class NetworkWindow(QWidget):
    """See the module's docstring. `open_at(article_id, start, end)` opens an article
    at a passage; `explain(reason)` says why a query could not be run."""

    drawn = Signal()  # a picture is on the canvas (tests and screenshots wait for it)

    def __init__(
        self,
        lib: Library,
        runner: Runner,
        *,
        open_at: Callable[[int, int, int], None],
        explain: Callable[[str], str],
        mark_colour: Callable[[], QColor],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("networkWindow")
        self._lib = lib
        self._runner = runner
        self._open_at = open_at
        self._explain = explain
        self._ticket = 0
        self._stale = True
        self.picture: NetworkPicture | None = None
        self._chosen: str | Edge | None = None  # the node or edge whose sentences are listed
        self.look = Look()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.redraw)
        self._build_controls()
        self._build_picture(mark_colour)
        self._lay_out()
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)
        runner.progressed.connect(self._progressed)
        self.retranslate()
        self.resize(1200, 780)

    # --- construction ------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.types_button = QToolButton(self)
        self.types_button.setObjectName("networkTypes")
        self.types_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.types_menu = QMenu(self.types_button)
        self.types_button.setMenu(self.types_menu)
        self.type_actions: dict[str, QAction] = {}
        self.cooccurrence = QComboBox(self)
        self.cooccurrence.setObjectName("networkCooccurrence")
        for key in ("sentence", "article", None):
            self.cooccurrence.addItem("", key)
        self.cooccurrence.setCurrentIndex(1)
        self.relations = QCheckBox(self)
        self.relations.setObjectName("networkRelations")
        self.relations.setChecked(True)
        self.min_weight = QSpinBox(self)
        self.min_weight.setObjectName("networkMinWeight")
        self.min_weight.setRange(1, 1_000_000)
        self.max_nodes = QSpinBox(self)
        self.max_nodes.setObjectName("networkMaxNodes")
        self.max_nodes.setRange(2, 5000)
        self.max_nodes.setSingleStep(50)
        self.max_nodes.setValue(NetworkRequest().max_nodes)
        self.date_from = self._date_box("networkDateFrom")
        self.date_to = self._date_box("networkDateTo")
        self.tag = QComboBox(self)
        self.tag.setObjectName("networkTag")
        self.tag.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.query = QLineEdit(self)
        self.query.setObjectName("networkQuery")
        self.query.setClearButtonEnabled(True)
        for box in (self.cooccurrence, self.tag):
            box.currentIndexChanged.connect(self._schedule)
        self.relations.toggled.connect(self._schedule)
        for spin in (self.min_weight, self.max_nodes):
            spin.valueChanged.connect(self._schedule)
        for date in (self.date_from, self.date_to):
            date.dateChanged.connect(self._schedule)
        self.query.textChanged.connect(self._schedule)

    def _date_box(self, name: str) -> QDateEdit:
        box = QDateEdit(self)
        box.setObjectName(name)
        box.setCalendarPopup(True)
        box.setDisplayFormat("yyyy-MM-dd")
        box.setMinimumDate(NO_DATE)
        box.setDate(NO_DATE)
        return box

    def _build_picture(self, mark_colour: Callable[[], QColor]) -> None:
        self.scene = NetworkScene(self)
        self.canvas = NetworkCanvas(self.scene, self)
        self.scene.node_clicked.connect(self.show_node)
        self.scene.edge_clicked.connect(self.show_edge)
        self.detail = QLabel(self)
        self.detail.setObjectName("networkDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.passages = PassageModel(self)
        self.passage_list = QListView(self)
        self.passage_list.setObjectName("networkPassages")
        self.passage_list.setModel(self.passages)
        self.passage_list.setItemDelegate(SentenceDelegate(mark_colour, self.passage_list))
        self.passage_list.setUniformItemSizes(True)
        self.passage_list.setAlternatingRowColors(True)
        self.passage_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.passage_list.activated.connect(self._open_passage)
        self.status = QLabel(self)
        self.status.setObjectName("networkStatus")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("networkProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("networkStop")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.zoom_in = self._tool("networkZoomIn", lambda: self.canvas.zoom_by(1.25))
        self.zoom_out = self._tool("networkZoomOut", lambda: self.canvas.zoom_by(0.8))
        self.fit_button = self._tool("networkFit", self.canvas.fit)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("networkExport")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.exports: dict[str, QAction] = {}
        for key in ("graphml", "gexf", "csv", None, "png", "svg"):
            if key is None:
                self.export_menu.addSeparator()
                continue
            action = self.export_menu.addAction("")
            action.setObjectName(f"networkExport-{key}")
            action.triggered.connect(partial(self.export, key))
            self.exports[key] = action
        self.export_button.setMenu(self.export_menu)
        for name, keys, slot in (
            ("zoomIn", ["Ctrl+=", "Ctrl++"], lambda: self.canvas.zoom_by(1.25)),
            ("zoomOut", ["Ctrl+-"], lambda: self.canvas.zoom_by(0.8)),
            ("fit", ["Ctrl+0"], self.canvas.fit),
            ("close", [QKeySequence.StandardKey.Close], self.close),
        ):
            action = QAction(self)
            action.setObjectName(f"network-{name}")
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _tool(self, name: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        self.labels: dict[str, QLabel] = {}
        first = QHBoxLayout()
        second = QHBoxLayout()
        for row, items in (
            (first, [("types", self.types_button), ("cooccurrence", self.cooccurrence),
                     (None, self.relations), ("min", self.min_weight), ("max", self.max_nodes)]),
            (second, [("from", self.date_from), ("to", self.date_to), ("tag", self.tag),
                      ("query", self.query)]),
        ):  # fmt: skip
            for key, widget in items:
                if key is not None:
                    label = QLabel(self)
                    label.setBuddy(widget)
                    self.labels[key] = label
                    row.addWidget(label)
                row.addWidget(widget, 1 if widget is self.query else 0)
                row.addSpacing(8)
            row.addStretch(0 if row is second else 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail)
        side_layout.addWidget(self.passage_list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([820, 360])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.stop_button)
        for button in (self.zoom_out, self.zoom_in, self.fit_button, self.export_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    def sizeHint(self) -> QSize:
        return QSize(1200, 780)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Entity Network"))
        texts = {
            "types": self.tr("&Types:"),
            "cooccurrence": self.tr("&Linked when in:"),
            "min": self.tr("Lightest &link:"),
            "max": self.tr("&Entities at most:"),
            "from": self.tr("&From:"),
            "to": self.tr("T&o:"),
            "tag": self.tr("T&ag:"),
            "query": self.tr("&Search:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        for n, text in enumerate(
            (self.tr("one sentence"), self.tr("one article"), self.tr("(relations only)"))
        ):
            self.cooccurrence.setItemText(n, text)
        self.relations.setText(self.tr("&Relations"))
        self.relations.setToolTip(self.tr("Draw the relations tagged between mentions"))
        self.min_weight.setToolTip(
            self.tr("Draw only the co-occurrences seen at least this many times")
        )
        self.max_nodes.setToolTip(self.tr("Draw only the most mentioned entities"))
        for box in (self.date_from, self.date_to):
            box.setSpecialValueText(self.tr("any date"))
        self.query.setPlaceholderText(self.tr("Only articles matching a search"))
        self.stop_button.setText(self.tr("Stop"))
        self.zoom_in.setText(self.tr("Zoom In"))
        self.zoom_out.setText(self.tr("Zoom Out"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole network (Ctrl+0)"))
        self.export_button.setText(self.tr("Export"))
        self.exports["graphml"].setText(self.tr("Network as &GraphML (Gephi)…"))
        self.exports["gexf"].setText(self.tr("Network as G&EXF (Gephi)…"))
        self.exports["csv"].setText(self.tr("Network as &CSV Edge List…"))
        self.exports["png"].setText(self.tr("Picture as &PNG…"))
        self.exports["svg"].setText(self.tr("Picture as &SVG…"))
        self.passage_list.setToolTip(self.tr("Double-click a sentence to open its article there"))
        self._fill_choices()
        self._update_status()
        self._update_detail()

    # --- the library ------------------------------------------------------------------

    def set_library(self, lib: Library) -> None:
        self._lib = lib
        self.cancel()
        self.picture = None
        self.scene.show_network([], [], {}, colours={}, relation_names={}, font=self.font())
        self.passages.reset([])
        self._chosen = None
        self.mark_stale()

    def changes_seen(self, changes: Changes) -> None:
        """Anything that changes the mentions, relations, entities, tags or articles."""
        if changes.empty or not (
            changes.articles or changes.annotations or changes.entities or changes.tags
            or changes.tagged or changes.content or changes.everything or changes.palette
        ):  # fmt: skip
            return
        self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._fill_choices()
            self._schedule()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._fill_choices()
            self.redraw()

    def _fill_choices(self) -> None:
        """The entity types (each checked unless the user unchecked it) and the tags."""
        look = Look.read(self._lib)
        unchecked = {t for t, a in self.type_actions.items() if not a.isChecked()}
        self.types_menu.clear()
        self.type_actions = {}
        for t in look.types:
            action = self.types_menu.addAction(swatch(t.colour), look.type_label(t.id))
            action.setCheckable(True)
            action.setChecked(t.id not in unchecked)
            action.toggled.connect(self._types_changed)
            self.type_actions[t.id] = action
        self.look = look
        self._types_changed(schedule=False)
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("Any tag"), None)
        for tag in tags(self._lib):
            self.tag.addItem(tag.name, tag.name)
        self.tag.setCurrentIndex(max(self.tag.findData(current), 0))
        self.tag.blockSignals(False)

    def _types_changed(self, *_args, schedule: bool = True) -> None:
        chosen = [t for t, a in self.type_actions.items() if a.isChecked()]
        if len(chosen) == len(self.type_actions):
            self.types_button.setText(self.tr("All types"))
        else:
            names = [self.look.type_label(t) for t in chosen]
            self.types_button.setText("، ".join(names) if names else self.tr("No type"))
        if schedule:
            self._schedule()

    # --- drawing ------------------------------------------------------------------------

    def request(self) -> NetworkRequest:
        chosen = tuple(t for t, a in self.type_actions.items() if a.isChecked())
        every = len(chosen) == len(self.type_actions)

        def day(box: QDateEdit) -> str | None:
            return None if box.date() == NO_DATE else box.date().toString("yyyy-MM-dd")

        return NetworkRequest(
            cooccurrence=self.cooccurrence.currentData(),
            relations=self.relations.isChecked(),
            # No type checked draws nothing, which an empty tuple would not say.
            types=() if every else (chosen or ("\x00none",)),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            tag=self.tag.currentData(),
            query=self.query.text().strip(),
            min_weight=self.min_weight.value(),
            max_nodes=self.max_nodes.value(),
        )

    def _schedule(self, *_args) -> None:
        self._timer.start()

    def redraw(self) -> None:
        """Read and lay out the network for the controls now, in the background."""
        self._timer.stop()
        self._stale = False
        if self._lib.path is None:
            return
        self._ticket = self._runner.submit(
            self._lib.path, partial(network_job, self.request()), lane=LONG, channel=CHANNEL
        )
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.show()
        self.status.setText(self.tr("Reading the network…"))

    def cancel(self) -> None:
        if self._ticket:
            self._runner.cancel(self._ticket)
            self._ticket = 0
        self._finish_progress()

    def stop(self) -> None:
        """The Stop button: the picture on the canvas stays as it was."""
        self.cancel()
        self._update_status()

    def busy(self) -> bool:
        return bool(self._ticket)

    def _finish_progress(self) -> None:
        self.progress.hide()
        self.stop_button.hide()

    def _progressed(self, ticket: int, value: object) -> None:
        if ticket != self._ticket or not isinstance(value, float):
            return
        if value == BUILDING:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Reading the network…"))
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(value * 100))
            self.status.setText(self.tr("Laying out the network…"))

    def _failed(self, ticket: int, message: str, _title: str) -> None:
        if ticket != self._ticket:
            return
        self._ticket = 0
        self._finish_progress()
        self.status.setText(self.tr("The network could not be read: %1").replace("%1", message))

    def _done(self, ticket: int, result: object) -> None:
        if ticket != self._ticket:
            return
        self._ticket = 0
        self._finish_progress()
        if not isinstance(result, NetworkPicture):
            self._update_status()
            return
        if result.problem:
            log.info("network query refused: %s", result.detail)
            self.status.setText(self._explain(result.problem))
            return
        self.show_picture(result)

    def show_picture(self, picture: NetworkPicture) -> None:
        chosen = self._chosen
        self.picture = picture
        net = picture.network
        names = {t.id: relation_label(t) for t in self.look.relations}
        self.scene.show_network(
            list(net.nodes.values()),
            net.edges,
            picture.positions,
            colours=self.look.type_hex(),
            relation_names=names,
            font=self.font(),
        )
        self.canvas.fit()
        self._update_status()
        if isinstance(chosen, str) and chosen in net.nodes:
            self.show_node(chosen)
        else:
            self._chosen = None
            self.passages.reset([])
            self._update_detail()
        self.drawn.emit()

    def _update_status(self) -> None:
        picture = self.picture
        if picture is None:
            self.status.setText("")
            return
        net = picture.network
        if self.type_actions and not any(a.isChecked() for a in self.type_actions.values()):
            self.status.setText(self.tr("Choose at least one entity type to draw."))
            return
        if not picture.total_nodes:
            self.status.setText(self.tr("No entity is tagged in these articles."))
            return
        text = self.tr("%1 of %2 entities, %3 of %4 links")
        for n, value in enumerate(
            (len(net.nodes), picture.total_nodes, len(net.edges), picture.total_edges), 1
        ):
            text = text.replace(f"%{n}", self.locale().toString(value))
        self.status.setText(text)

    # --- the side list ------------------------------------------------------------------

    def show_node(self, entity_id: str) -> None:
        """List the node's mentions in their sentences."""
        request = self.picture.request if self.picture else self.request()
        self._chosen = entity_id
        self.scene.choose_node(entity_id)
        found = node_passages(
            self._lib,
            entity_id,
            filters=request.filters(),
            query=request.query or None,
            limit=PASSAGE_LIMIT,
        )
        self.passages.reset(found)
        self._update_detail()

    def show_edge(self, edge: Edge) -> None:
        """List the sentences that support the edge."""
        request = self.picture.request if self.picture else self.request()
        self._chosen = edge
        found = edge_passages(
            self._lib,
            edge,
            cooccurrence=request.cooccurrence or "article",
            filters=request.filters(),
            query=request.query or None,
            limit=PASSAGE_LIMIT,
        )
        names = {t.id: relation_label(t) for t in self.look.relations}
        captions = [
            " — ".join(x for x in (p.title, names.get(p.relation or "", p.relation), p.note) if x)
            for p in found
        ]
        self.passages.reset(found, captions)
        self._update_detail()

    def _update_detail(self) -> None:
        chosen = self._chosen
        net = self.picture.network if self.picture else Network()
        if isinstance(chosen, str) and chosen in net.nodes:
            node = net.nodes[chosen]
            text = self.tr("%1 (%2): %3 mentions").replace("%1", isolate(node.name))
            text = text.replace("%2", self.look.type_label(node.type))
            text = text.replace("%3", self.locale().toString(node.mentions))
        elif isinstance(chosen, Edge) and chosen.source in net.nodes:
            a, b = net.nodes[chosen.source].name, net.nodes[chosen.target].name
            if chosen.directed:
                names = {t.id: relation_label(t) for t in self.look.relations}
                text = self.tr("%1 → %2: %3").replace("%1", isolate(a)).replace("%2", isolate(b))
                text = text.replace("%3", names.get(chosen.type, chosen.type))
            else:
                text = self.tr("%1 and %2 together %3 times")
                text = text.replace("%1", isolate(a)).replace("%2", isolate(b))
                text = text.replace("%3", self.locale().toString(chosen.weight))
        else:
            text = self.tr(
                "Click an entity to see its mentions, or a link to see the sentences behind it."
            )
        if self.passages.rowCount() >= PASSAGE_LIMIT:
            more = self.tr("(the first %1 sentences)")
            text = f"{text} {more.replace('%1', self.locale().toString(PASSAGE_LIMIT))}"
        self.detail.setText(text)

    def _open_passage(self, index: QModelIndex) -> None:
        passage: Passage | None = index.data(PassageRole)
        if passage is None:
            return
        start, end = passage.spans[0] if passage.spans else (passage.sentence_start,) * 2
        self._open_at(passage.article_id, start, end)
        window = self.parentWidget()
        if window is not None:
            window.activateWindow()
            window.raise_()

    def set_content_font(self, font: QFont) -> None:
        delegate = self.passage_list.itemDelegate()
        if isinstance(delegate, SentenceDelegate):
            delegate.content_font = font
            self.passage_list.reset()

    # --- export -------------------------------------------------------------------------

    def export(self, fmt: str) -> str:
        """Ask for a file and write the network shown (or the picture) there; the path
        written, or "" when nothing was."""
        if self.picture is None:
            return ""
        filters = {
            "graphml": self.tr("GraphML (*.graphml)"),
            "gexf": self.tr("GEXF (*.gexf)"),
            "csv": self.tr("CSV edge list (*.csv)"),
            "png": self.tr("PNG picture (*.png)"),
            "svg": self.tr("SVG picture (*.svg)"),
        }
        start = str(Path.home() / f"network.{fmt}")
        path = FileDialog.save_file(self, self.tr("Export the Network"), start, filters[fmt])
        if not path:
            return ""
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(f".{fmt}")
        try:
            self.write(fmt, target)
        except (OSError, ValueError) as error:
            self.status.setText(self.tr("Could not write %1: %2").replace("%1", str(target))
                                .replace("%2", str(error)))  # fmt: skip
            return ""
        self.status.setText(self.tr("Saved %1").replace("%1", str(target)))
        return str(target)

    def write(self, fmt: str, path: Path) -> None:
        if self.picture is None:
            raise ValueError("nothing is drawn yet")
        if fmt in ("graphml", "gexf", "csv"):
            write_network(self.picture.network, path, fmt)
        elif fmt == "png":
            self._write_png(path)
        elif fmt == "svg":
            self._write_svg(path)
        else:
            raise ValueError(f"unknown format {fmt!r}")

    def _write_png(self, path: Path) -> None:
        size = self.canvas.viewport().size() * 2  # twice the screen's pixels: sharp in print
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(self.scene.backgroundBrush().color())
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.canvas.render_to(painter, QRectF(image.rect()))
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")

    def _write_svg(self, path: Path) -> None:
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        size = self.canvas.viewport().size()
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self.windowTitle())
        painter = QPainter(generator)
        self.canvas.render_to(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        if not path.exists():
            raise OSError(f"cannot write {path}")

    def closeEvent(self, event) -> None:
        self.cancel()
        super().closeEvent(event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.PaletteChange, event.Type.ApplicationPaletteChange):
            self.scene.restyle()
        elif event.type() == event.Type.LanguageChange:
            self.retranslate()
