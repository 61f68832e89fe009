"""The entity network drawn: a QGraphicsScene of nodes, one layer of edges, and labels,
and the QGraphicsView that zooms and pans it.

Nodes are items (a click finds them, a tool tip names them); the edges, up to tens of
thousands, are one item that draws them a bundle at a time (one pen per weight band),
and finds the edge under a click itself. Labels keep their size at any zoom and show by
level of detail: the most mentioned entities always, the others once their node is big
enough on the screen, so that 2,000 nodes stay readable.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
)

from library.marks.network import Edge, Node
from reader.pictures.network_layout import node_radius

TOP_LABELS = 25  # the most mentioned entities are always named
LABEL_AT_PX = 9.0  # others once their node's radius on screen reaches this many pixels
BANDS = 4  # co-occurrence edges drawn in this many widths and strengths
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.02, 40.0)
CLICK_PX = 5.0  # how near a click must be to an edge to pick it


class LabelItem(QGraphicsItem):
    """An entity's name under its node, the same size at every zoom, on a faint plate
    of the background colour so that it reads over the edges."""

    def __init__(self, text: str, font: QFont) -> None:
        super().__init__()
        self.setZValue(10)  # over every node, not only its own
        self.text = text
        self.font = font
        self.ink = QColor()
        self.plate = QColor()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Shaped once and kept as a picture: panning over hundreds of names stays smooth.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(text) + 6
        self._rect = QRectF(-width / 2, 0, width, metrics.height() + 2)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.plate)
        painter.drawRoundedRect(self._rect, 3, 3)
        painter.setPen(self.ink)
        painter.setFont(self.font)
        # Qt shapes and orders the Arabic itself (DESIGN.md fact 1): plain logical text.
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class NodeItem(QGraphicsEllipseItem):
    def __init__(self, node: Node, radius: float, rank: int, colour: QColor) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.node = node
        self.radius = radius
        self.rank = rank
        self.colour = colour
        self.label: LabelItem | None = None
        self.setBrush(QBrush(colour))
        self.setZValue(2 + 1 / (rank + 2))  # bigger nodes on top of smaller ones
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_outline(self, colour: QColor, width: float) -> None:
        pen = QPen(colour, width)
        pen.setCosmetic(True)
        self.setPen(pen)


class EdgeLayer(QGraphicsItem):
    """Every edge in one item: co-occurrences as lines in `BANDS` bands of width and
    strength by weight (log scale), relations as arrows in the accent colour with their
    type at the middle when zoomed in enough. The edges of the chosen node or the chosen
    edge are drawn over the rest in the selection colour."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.edges: list[Edge] = []
        self.band_edges: list[np.ndarray] = []
        self.lines = np.zeros((0, 4))
        self.radii = np.zeros(0)  # the target node's radius, where an arrow stops
        self.bands: list[list[QLineF]] = []
        self.arrows: list[int] = []  # indexes of the relation edges
        self.marked: set[int] = set()
        self.relation_names: dict[str, str] = {}
        self.ink = QColor()
        self.accent = QColor()
        self.selected = QColor()
        self.font = QFont()
        self._rect = QRectF()
        self._thinning = 1.0

    def set_edges(
        self,
        edges: list[Edge],
        positions: dict[str, tuple[float, float]],
        radii: dict[str, float],
    ) -> None:
        self.prepareGeometryChange()
        self.edges = edges
        self.lines = np.array(
            [(*positions[e.source], *positions[e.target]) for e in edges], dtype=float
        ).reshape(-1, 4)
        self.radii = np.array([radii[e.target] for e in edges], dtype=float)
        counted = [n for n, e in enumerate(edges) if not e.directed]
        self.arrows = [n for n, e in enumerate(edges) if e.directed]
        heaviest = max((edges[n].weight for n in counted), default=1)
        self.bands = [[] for _ in range(BANDS)]
        members: list[list[int]] = [[] for _ in range(BANDS)]
        for n in counted:
            share = math.log(edges[n].weight) / math.log(heaviest) if heaviest > 1 else 0.0
            band = min(int(share * BANDS), BANDS - 1)
            self.bands[band].append(QLineF(*self.lines[n]))
            members[band].append(n)
        self.band_edges = [np.array(m, dtype=np.int64) for m in members]
        self.marked = set()
        # Thousands of lines at full strength are a black mass: fainter the more there are.
        self._thinning = min(1.0, math.sqrt(3000 / max(len(counted), 1)))
        if len(self.lines):
            xs, ys = self.lines[:, [0, 2]], self.lines[:, [1, 3]]
            # Room around the lines for the relation names drawn at their middles.
            self._rect = QRectF(QPointF(xs.min(), ys.min()), QPointF(xs.max(), ys.max())).adjusted(
                -110, -40, 110, 40
            )
        else:
            self._rect = QRectF()
        self.update()

    def set_marked(self, marked: set[int]) -> None:
        self.marked = marked
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, _widget=None) -> None:
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(self.edges) < 20_000)
        exposed = option.exposedRect
        whole = exposed.contains(self._rect)
        # Zoomed in, the lines that cannot cross the exposed part are not drawn at all.
        for band, every in enumerate(self.bands):
            lines = every if whole or not every else self._crossing(band, exposed)
            if not lines:
                continue
            colour = QColor(self.ink)
            colour.setAlpha(int((40 + 45 * band) * self._thinning))
            pen = QPen(colour, 0.8 * band)  # band 0: the one-pixel line, fastest to draw
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(lines)
        for n in self.arrows:
            self._arrow(painter, n, self.accent, 1.6, scale)
        for n in sorted(self.marked):
            if self.edges[n].directed:
                self._arrow(painter, n, self.selected, 2.6, scale)
            else:
                pen = QPen(self.selected, 2.4)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.drawLine(QLineF(*self.lines[n]))
        if scale >= 0.9:
            painter.setFont(self.font)
            painter.setPen(self.accent)
            for n in self.arrows:
                x1, y1, x2, y2 = self.lines[n]
                painter.save()
                painter.translate((x1 + x2) / 2, (y1 + y2) / 2)
                painter.scale(1 / scale, 1 / scale)
                name = self.relation_names.get(self.edges[n].type, self.edges[n].type)
                painter.drawText(QRectF(-80, -18, 160, 16), Qt.AlignmentFlag.AlignCenter, name)
                painter.restore()

    def _crossing(self, band: int, rect: QRectF) -> list[QLineF]:
        """The parts of the band's lines inside `rect` (Liang–Barsky, on all at once).
        Zoomed in, most lines run far outside the window, and the painter took longer
        to clip them itself than to draw the whole picture."""
        chosen = self.band_edges[band]
        x1, y1, x2, y2 = self.lines[chosen].T
        dx, dy = x2 - x1, y2 - y1
        low, high = np.zeros(len(chosen)), np.ones(len(chosen))
        inside = np.ones(len(chosen), dtype=bool)
        for p, q in (
            (-dx, x1 - rect.left()),
            (dx, rect.right() - x1),
            (-dy, y1 - rect.top()),
            (dy, rect.bottom() - y1),
        ):
            parallel = p == 0
            inside &= ~(parallel & (q < 0))
            with np.errstate(divide="ignore", invalid="ignore"):
                t = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
            entering, leaving = (p < 0) & ~parallel, (p > 0) & ~parallel
            low = np.where(entering, np.maximum(low, t), low)
            high = np.where(leaving, np.minimum(high, t), high)
        keep = np.flatnonzero(inside & (low <= high)).tolist()
        return [
            QLineF(x1[k] + dx[k] * low[k], y1[k] + dy[k] * low[k],
                   x1[k] + dx[k] * high[k], y1[k] + dy[k] * high[k])
            for k in keep
        ]  # fmt: skip

    def _arrow(self, painter: QPainter, n: int, colour: QColor, width: float, scale: float):
        x1, y1, x2, y2 = self.lines[n]
        pen = QPen(colour, width)
        pen.setCosmetic(True)
        painter.setPen(pen)
        length = math.hypot(x2 - x1, y2 - y1)
        if length < 1e-6:
            return
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        tip = QPointF(x2 - ux * self.radii[n], y2 - uy * self.radii[n])
        painter.drawLine(QPointF(x1, y1), tip)
        size = 9.0 / max(scale, 1e-3)  # an arrowhead of nine pixels at any zoom
        back = QPointF(tip.x() - ux * size, tip.y() - uy * size)
        side = QPointF(-uy * size * 0.45, ux * size * 0.45)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, back + side, back - side]))
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def edge_at(self, point: QPointF, tolerance: float) -> int | None:
        """The edge nearest to a point, if one passes within `tolerance` (scene units)."""
        if not len(self.lines):
            return None
        a, b = self.lines[:, :2], self.lines[:, 2:]
        p = np.array([point.x(), point.y()])
        span = b - a
        squared = (span * span).sum(axis=1)
        along = np.clip(((p - a) * span).sum(axis=1) / np.maximum(squared, 1e-12), 0, 1)
        nearest = a + span * along[:, None]
        distance = np.hypot(*(nearest - p).T)
        # A relation and the co-occurrence of the same two entities are one line on the
        # screen: the relation, the rarer and deliberate mark, wins a near tie.
        directed = np.fromiter((e.directed for e in self.edges), bool, len(self.edges))
        best = int((distance - directed * (tolerance / 4)).argmin())
        return best if distance[best] <= tolerance else None


class _Placed:
    """Label boxes already placed (view pixels), in a grid of cells for quick lookup."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[QRectF]] = {}

    def _cells(self, box: QRectF):
        for cx in range(int(box.left() // self.CELL), int(box.right() // self.CELL) + 1):
            for cy in range(int(box.top() // self.CELL), int(box.bottom() // self.CELL) + 1):
                yield cx, cy

    def overlaps(self, box: QRectF) -> bool:
        return any(
            box.intersects(other) for cell in self._cells(box) for other in self.cells.get(cell, ())
        )

    def add(self, box: QRectF) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)


class NetworkScene(QGraphicsScene):
    node_clicked = Signal(str)  # entity id
    edge_clicked = Signal(object)  # Edge
    cleared = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}
        self.edge_layer = EdgeLayer()
        self.addItem(self.edge_layer)
        self.chosen: str | Edge | None = None
        self._scale = 1.0
        self._label_font = QFont()

    # --- filling ----------------------------------------------------------------------

    def show_network(
        self,
        nodes: list[Node],
        edges: list[Edge],
        positions: dict[str, tuple[float, float]],
        *,
        colours: dict[str, str],
        relation_names: dict[str, str],
        font: QFont,
    ) -> None:
        for item in self.nodes.values():
            self.removeItem(item)
            if item.label is not None:
                self.removeItem(item.label)
        self.nodes = {}
        self.chosen = None
        self._label_font = QFont(font)
        most = max((n.mentions for n in nodes), default=1)
        ranked = sorted(nodes, key=lambda n: (-n.mentions, n.name, n.id))
        radii = {}
        for rank, node in enumerate(ranked):
            radius = node_radius(node.mentions, most)
            radii[node.id] = radius
            item = NodeItem(node, radius, rank, QColor(colours.get(node.type, "#999999")))
            item.setPos(*positions[node.id])
            item.setToolTip(node.name)
            self.addItem(item)
            self.nodes[node.id] = item
        self.edge_layer.relation_names = relation_names
        self.edge_layer.set_edges(edges, positions, radii)
        # The nodes' extent, not the items': the edge layer keeps room for relation names.
        bounds = QRectF()
        for item in self.nodes.values():
            bounds = bounds.united(item.sceneBoundingRect())
        margin = max(bounds.width(), bounds.height(), 200) * 0.05 + 20
        self.setSceneRect(bounds.adjusted(-margin, -margin, margin, margin))
        self.restyle()
        self.update_labels(self._scale)

    def restyle(self) -> None:
        """Colours from the palette: after a theme change too."""
        palette = QApplication.palette()
        self.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
        ink = palette.color(QPalette.ColorRole.Text)
        plate = QColor(palette.color(QPalette.ColorRole.Base))
        plate.setAlpha(200)
        layer = self.edge_layer
        layer.ink = ink
        layer.accent = QColor("#d1603d") if ink.lightness() < 128 else QColor("#f0a070")
        layer.selected = palette.color(QPalette.ColorRole.Highlight)
        layer.font = self._label_font
        outline = QColor(ink)
        outline.setAlpha(150)
        for item in self.nodes.values():
            chosen = item.node.id == self.chosen
            item.set_outline(layer.selected if chosen else outline, 3.0 if chosen else 0.8)
            if item.label is not None and (item.label.ink, item.label.plate) != (ink, plate):
                item.label.ink, item.label.plate = ink, plate
                item.label.update()  # its cached picture was drawn in the old colours
        layer.update()

    # --- level of detail ----------------------------------------------------------------

    def update_labels(self, scale: float) -> None:
        """Name the nodes that can be read at this zoom: the most mentioned ones and those
        big enough on the screen are candidates, the chosen node and its neighbours first;
        a candidate whose label would cover one already placed stays unnamed, so the names
        shown never pile up (they appear as the user zooms in). The chosen node (or the
        two ends of the chosen edge) is always named."""
        self._scale = scale
        near = self._neighbours()
        forced = {self.chosen} if isinstance(self.chosen, str) else near
        order = sorted(
            self.nodes.values(),
            key=lambda i: (i.node.id not in forced, i.node.id not in near, i.rank),
        )
        placed = _Placed()
        for item in order:
            wanted = (
                item.node.id in near or item.rank < TOP_LABELS or item.radius * scale >= LABEL_AT_PX
            )
            spot = None
            if wanted:
                spot = self._label_spot(item, scale, placed, force=item.node.id in forced)
                wanted = spot is not None
            if wanted and item.label is None:
                item.label = LabelItem(item.node.name, self._label_font)
                self.addItem(item.label)
            if spot is not None:
                item.label.setPos(item.pos() + spot)
                palette = QApplication.palette()
                item.label.ink = palette.color(QPalette.ColorRole.Text)
                item.label.plate = QColor(palette.color(QPalette.ColorRole.Base))
                item.label.plate.setAlpha(200)
            if item.label is not None:
                item.label.setVisible(wanted)

    def _label_spot(
        self, item: NodeItem, scale: float, placed: _Placed, *, force: bool
    ) -> QPointF | None:
        """Where the name goes, from the node's centre in scene units: below the node,
        else above, right or left of it, the first place that covers no name already
        placed (None: nowhere); `force` takes the first place whatever it covers."""
        width, height = self._label_size(item)
        r = item.radius * scale + 1  # view pixels from the centre to the node's rim
        x, y = item.pos().x() * scale, item.pos().y() * scale
        # Each place as the label's anchor (its top middle) in view pixels from the centre.
        for dx, dy in ((0, r), (0, -r - height), (r + width / 2, -height / 2),
                       (-r - width / 2, -height / 2)):  # fmt: skip
            box = QRectF(x + dx - width / 2, y + dy, width, height)
            if force or not placed.overlaps(box):
                placed.add(box)
                return QPointF(dx / scale, dy / scale)
        return None

    def _label_size(self, item: NodeItem) -> tuple[float, float]:
        if item.label is not None:
            rect = item.label.boundingRect()
            return rect.width(), rect.height()
        metrics = QFontMetricsF(self._label_font)
        return metrics.horizontalAdvance(item.node.name) + 6, metrics.height() + 2

    def labelled(self) -> list[str]:
        return [
            i.node.id for i in self.nodes.values() if i.label is not None and i.label.isVisible()
        ]

    def _neighbours(self) -> set[str]:
        if isinstance(self.chosen, str):
            found = {self.chosen}
            for e in self.edge_layer.edges:
                if self.chosen in (e.source, e.target):
                    found |= {e.source, e.target}
            return found
        if isinstance(self.chosen, tuple):  # an Edge
            return {self.chosen.source, self.chosen.target}
        return set()

    # --- choosing ------------------------------------------------------------------------

    def choose_node(self, entity_id: str | None) -> None:
        self.chosen = entity_id if entity_id in self.nodes else None
        edges = self.edge_layer.edges
        marked = {n for n, e in enumerate(edges) if self.chosen in (e.source, e.target)}
        self.edge_layer.set_marked(marked if self.chosen else set())
        self.restyle()
        self.update_labels(self._scale)

    def choose_edge(self, index: int) -> None:
        self.chosen = self.edge_layer.edges[index]
        self.edge_layer.set_marked({index})
        self.restyle()
        self.update_labels(self._scale)

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        view = event.widget().parent() if event.widget() is not None else None
        scale = view.transform().m11() if isinstance(view, QGraphicsView) else 1.0
        item = next((i for i in self.items(event.scenePos()) if isinstance(i, NodeItem)), None)
        if item is not None:
            self.choose_node(item.node.id)
            self.node_clicked.emit(item.node.id)
            event.accept()
            return
        found = self.edge_layer.edge_at(event.scenePos(), CLICK_PX / max(scale, 1e-3))
        if found is not None:
            self.choose_edge(found)
            self.edge_clicked.emit(self.edge_layer.edges[found])
            event.accept()
            return
        super().mousePressEvent(event)  # an empty spot: the view pans from here


class NetworkCanvas(QGraphicsView):
    """Zoom with the wheel (under the pointer) or Ctrl+= / Ctrl+-, pan by dragging, fit
    the whole picture with Ctrl+0."""

    zoomed = Signal(float)

    def __init__(self, scene: NetworkScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("networkCanvas")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        # The picture has no reading direction: it is not mirrored in Arabic.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def network_scene(self) -> NetworkScene:
        return self.scene()  # type: ignore[return-value]

    def scale_now(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        target = min(max(self.scale_now() * factor, low), high)
        factor = target / self.scale_now()
        if abs(factor - 1) > 1e-9:
            self.scale(factor, factor)
            self._zoomed()

    def fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._zoomed()

    def _zoomed(self) -> None:
        self.network_scene().update_labels(self.scale_now())
        self.zoomed.emit(self.scale_now())

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Equal, Qt.Key.Key_Plus)
        ):
            self.zoom_by(ZOOM_STEP)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.key() == Qt.Key.Key_Minus
        ):
            self.zoom_by(1 / ZOOM_STEP)
        elif (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_0
        ):
            self.fit()
        else:
            super().keyPressEvent(event)

    def render_to(self, painter: QPainter, target: QRectF) -> None:
        """What the view shows now, drawn into `target` (PNG and SVG exports)."""
        self.render(painter, target, self.viewport().rect())
