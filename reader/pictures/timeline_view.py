"""The timeline of the library: articles per day, week or month as bars, the mentions of
chosen entities over time as lines, and a brush that narrows the library list to a range
of days.

The numbers come from `library.marks.timeline` on the runner's quick lane (a few GROUP
BY queries); the picture is `TimelineChart` (QPainter; time runs right to left in an
Arabic interface, see there). Mentions are placed by their article's date or by the date
their article mentions nearest to them (the date mentions' ISO values), as the user
chooses; the brush then narrows the list by the same kind of date (`Period.mentioned`).
The chosen range is announced as `period_changed` (a `Period`, or None when cleared); the
window hands it to the library list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from library.changes import Changes
from library.marks.entities import EntityStats, entity_index
from library.marks.entity_types import EntityType, entity_types
from library.marks.timeline import (
    AUTO,
    BY_ARTICLE,
    BY_MENTIONED,
    DAY,
    MONTH,
    WEEK,
    Timeline,
    timeline,
)
from library.storage.store import Library
from reader.pictures.timeline_chart import TimelineChart
from reader.views.library_model import Period
from reader.views.marks import swatch
from reader.workers.runner import QUICK, Runner

UNITS = (AUTO, DAY, WEEK, MONTH)
PLACINGS = (BY_ARTICLE, BY_MENTIONED)
EntityIdRole = Qt.ItemDataRole.UserRole + 1
REFRESH_MS = 300  # edits come in bursts: the picture is worked out once after them


@dataclass(frozen=True)
class Choices:
    """What the entity list offers: the entities by mentions, and the types' colours."""

    entities: list[EntityStats]
    types: list[EntityType]


def _load_choices(lib: Library, _handle) -> Choices:
    stats = sorted(entity_index(lib), key=lambda s: (-s.mentions, s.entity.name))
    return Choices(stats, entity_types(lib))


def _compute(unit: str, entity_ids: list[str], by: str):
    def job(lib: Library, _handle) -> Timeline:
        return timeline(lib, unit=unit, entity_ids=entity_ids, by=by)

    return job


class TimelineView(QWidget):
    period_changed = Signal(object)  # a Period, or None: the brush was cleared
    computed = Signal()  # a new picture is shown

    def __init__(
        self, runner: Runner, library_path: Callable[[], Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self._runner = runner
        self._library_path = library_path
        self._ticket = 0
        self._choices_ticket = 0
        self._colours: dict[str, QColor] = {}
        self._names: dict[str, str] = {}
        self._stale = True
        self._period: Period | None = None
        self._filling = False  # the entity list is being (re)filled: no tick is the user's
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.recompute)
        self._build()
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)
        self.retranslate()

    # --- construction ----------------------------------------------------------------

    def _build(self) -> None:
        self.unit_box = QComboBox(self)
        self.unit_box.setObjectName("timelineUnit")
        self.placing_box = QComboBox(self)
        self.placing_box.setObjectName("timelinePlacing")
        for box, values in ((self.unit_box, UNITS), (self.placing_box, PLACINGS)):
            for value in values:
                box.addItem("", value)
            box.currentIndexChanged.connect(self.recompute)
        self.unit_label = QLabel(self)
        self.unit_label.setBuddy(self.unit_box)
        self.placing_label = QLabel(self)
        self.placing_label.setBuddy(self.placing_box)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("timelineClear")
        self.clear_button.setEnabled(False)
        self.range_label = QLabel(self)
        self.range_label.setObjectName("timelineRange")
        self._build_chooser()
        self._build_chart()
        self._lay_out()

    def _build_chooser(self) -> None:
        """The entities to draw as lines: a filter and a list with check boxes."""
        self.entity_filter = QLineEdit(self)
        self.entity_filter.setObjectName("timelineEntityFilter")
        self.entity_filter.setClearButtonEnabled(True)
        self.entity_model = QStandardItemModel(self)
        self.entity_proxy = QSortFilterProxyModel(self)
        self.entity_proxy.setSourceModel(self.entity_model)
        self.entity_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.entity_filter.textChanged.connect(self.entity_proxy.setFilterFixedString)
        self.entity_list = QListView(self)
        self.entity_list.setObjectName("timelineEntities")
        self.entity_list.setModel(self.entity_proxy)
        self.entity_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entity_list.setUniformItemSizes(True)
        self.entity_model.itemChanged.connect(self._entity_ticked)

    def _build_chart(self) -> None:

        self.chart = TimelineChart(self)
        self.chart.range_chosen.connect(self._range_chosen)
        self.chart.range_cleared.connect(self._range_cleared)
        self.clear_button.clicked.connect(self.chart.clear_brush)
        self.status = QLabel(self)
        self.status.setObjectName("timelineStatus")
        self.status.setWordWrap(True)

    def _lay_out(self) -> None:

        bar = QHBoxLayout()
        for widget in (self.unit_label, self.unit_box, self.placing_label, self.placing_box):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.range_label)
        bar.addWidget(self.clear_button)
        chooser = QWidget(self)
        side = QVBoxLayout(chooser)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.entity_filter)
        side.addWidget(self.entity_list, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(chooser)
        split.addWidget(self.chart)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.unit_label.setText(self.tr("&Bars:"))
        units = (
            self.tr("Automatic"),
            self.tr("Per day"),
            self.tr("Per week"),
            self.tr("Per month"),
        )
        for row, text in enumerate(units):
            self.unit_box.setItemText(row, text)
        self.placing_label.setText(self.tr("&Mentions by:"))
        self.placing_box.setItemText(0, self.tr("Article date"))
        self.placing_box.setItemText(1, self.tr("Dates in the text"))
        self.placing_box.setToolTip(
            self.tr(
                "Article date: a mention counts when its article was published. Dates in "
                "the text: it counts at the tagged date nearest to it in its article."
            )
        )
        self.clear_button.setText(self.tr("&Clear Range"))
        self.clear_button.setToolTip(self.tr("Show the articles of every date again (Esc)"))
        self.entity_filter.setPlaceholderText(self.tr("Find an entity to draw…"))
        self.chart.empty_text = self.tr("No article has a date yet.")
        self.chart.setToolTip(self.tr("Drag across the dates to show only those articles"))
        self._show_range()
        self._show_status()
        self.chart.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    # --- the library -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the entity list again, then the picture."""
        self._stale = False
        self._choices_ticket = self._runner.submit(
            self._library_path(), _load_choices, lane=QUICK, channel="timeline-choices"
        )

    def set_library(self, _lib: Library | None = None) -> None:
        self.chart.clear_brush()
        self.entity_model.clear()
        self._stale = True
        if self.isVisible():
            self.reload()

    def apply_changes(self, changes: Changes) -> None:
        """Articles came or went, dates or mentions changed: drawn again when shown."""
        if not (changes.everything or changes.content or changes.articles or changes.entities):
            return
        if changes.everything or changes.entities or changes.content or not self.isVisible():
            self._stale = True  # read again, the entity list too, when next shown
        if self.isVisible():
            if self._stale:
                self.reload()
            else:
                self._refresh.start()

    def chosen_entities(self) -> list[str]:
        model = self.entity_model
        return [
            model.item(row).data(EntityIdRole)
            for row in range(model.rowCount())
            if model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def choose_entities(self, entity_ids: list[str]) -> None:
        """Tick these entities (and only these) in the list."""
        wanted = set(entity_ids)
        self._filling = True
        for row in range(self.entity_model.rowCount()):
            item = self.entity_model.item(row)
            checked = item.data(EntityIdRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._filling = False
        self.recompute()

    @property
    def unit(self) -> str:
        return self.unit_box.currentData()

    def set_unit(self, unit: str) -> None:
        self.unit_box.setCurrentIndex(UNITS.index(unit))

    @property
    def placing(self) -> str:
        return self.placing_box.currentData()

    def set_placing(self, by: str) -> None:
        self.placing_box.setCurrentIndex(PLACINGS.index(by))

    def recompute(self) -> None:
        self._refresh.stop()
        self._ticket = self._runner.submit(
            self._library_path(),
            _compute(self.unit or AUTO, self.chosen_entities(), self.placing or BY_ARTICLE),
            lane=QUICK,
            channel="timeline",
        )

    def _done(self, ticket: int, result: object) -> None:
        if ticket == self._choices_ticket and isinstance(result, Choices):
            self._fill_entities(result)
            self.recompute()
        elif ticket == self._ticket and isinstance(result, Timeline):
            series = [
                (self._names.get(e, e), self._colours.get(e, QColor("#888888")), counts)
                for e, counts in result.series.items()
            ]
            self.chart.set_timeline(result, series)
            self._keep_range(result)
            self._show_status()
            self.computed.emit()

    def _failed(self, ticket: int, message: str, _title: str) -> None:
        if ticket in (self._ticket, self._choices_ticket):
            self.status.setText(message)

    def _entity_ticked(self, _item: QStandardItem) -> None:
        if not self._filling:
            self._refresh.start()

    def _fill_entities(self, choices: Choices) -> None:
        chosen = set(self.chosen_entities())
        hexes = {t.id: t.colour for t in choices.types}
        labels = {t.id: t.label for t in choices.types}
        self._colours, self._names = {}, {}
        icons: dict[str, QIcon] = {}
        # Not with the model's signals blocked: the filter proxy must hear of the rows.
        self._filling = True
        self.entity_model.clear()
        for stats in choices.entities:
            entity = stats.entity
            colour = QColor(hexes.get(entity.type, "#888888"))
            self._colours[entity.id] = colour
            self._names[entity.id] = entity.name
            if entity.type not in icons:  # one swatch a type, not one an entity
                icons[entity.type] = swatch(colour.name())
            item = QStandardItem(icons[entity.type], f"{entity.name} ({stats.mentions})")
            item.setToolTip(labels.get(entity.type, entity.type))
            item.setData(entity.id, EntityIdRole)
            item.setCheckable(True)
            item.setCheckState(
                Qt.CheckState.Checked if entity.id in chosen else Qt.CheckState.Unchecked
            )
            self.entity_model.appendRow(item)
        self._filling = False

    # --- the brush -------------------------------------------------------------------

    @property
    def period(self) -> Period | None:
        return self._period

    def _range_chosen(self, first: int, last: int) -> None:
        line = self.chart.timeline
        if line is None or not line.buckets:
            return
        start, end = line.range_of(first, last)
        self._period = Period(start, end, mentioned=line.by == BY_MENTIONED)
        self._show_range()
        self.period_changed.emit(self._period)

    def _keep_range(self, line: Timeline) -> None:
        """A new picture (an edit, another unit): the chosen range stays chosen if its
        buckets are still there, whole; otherwise it is cleared, and the list with it."""
        period = self._period
        if period is None:
            return
        starts = {b: i for i, b in enumerate(line.buckets)}
        first, last = starts.get(period.start), None
        for index, bucket in enumerate(line.buckets):
            if bucket <= period.end:
                last = index
        same = first is not None and last is not None and line.range_of(first, last) == (
            period.start, period.end
        )  # fmt: skip
        if same and period.mentioned == (line.by == BY_MENTIONED):
            self.chart.set_brush(first, last)
        else:
            self._range_cleared()

    def _range_cleared(self) -> None:
        if self._period is None:
            return
        self._period = None
        self._show_range()
        self.period_changed.emit(None)

    def _show_range(self) -> None:
        period = self._period
        self.clear_button.setEnabled(period is not None)
        if period is None:
            self.range_label.setText("")
            return
        locale = self.locale()
        start, end = (
            locale.toString(QDate.fromString(d, "yyyy-MM-dd"), "d MMM yyyy")
            for d in (period.start, period.end)
        )
        self.range_label.setText(
            self.tr("Library list: %1 – %2").replace("%1", start).replace("%2", end)
        )

    def _show_status(self) -> None:
        line = self.chart.timeline
        if line is None:
            self.status.setText("")
            return
        parts = []
        locale = self.locale()
        if line.undated:
            parts.append(
                self.tr("Articles without a date (not drawn): %1").replace(
                    "%1", locale.toString(line.undated)
                )
            )
        unplaced = sum(line.unplaced.values())
        if unplaced:
            parts.append(
                self.tr("Mentions with no date to place them (not drawn): %1").replace(
                    "%1", locale.toString(unplaced)
                )
            )
        self.status.setText(" · ".join(parts))

    def stop(self) -> None:
        self._refresh.stop()
        self._runner.cancel(self._ticket)
        self._runner.cancel(self._choices_ticket)
