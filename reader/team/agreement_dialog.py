"""Team ▸ Agreement: how far annotators' entity layers agree, per type and overall.

The authors are a checkable list of the library's layers; the measures
(`library.team.agreement`) are computed on the window's runner, off the GUI thread, each
time the choice changes (a newer computation supersedes an older one on its channel).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from library.team.agreement import Agreement, AgreementError, Scores, agreement
from library.team.curation import CURATED_AUTHOR
from reader.views.marks import isolate
from reader.workers.runner import QUICK, Handle, Runner

_Index = QModelIndex | QPersistentModelIndex
AuthorRole = Qt.ItemDataRole.UserRole + 1
TYPE, F1, KAPPA, ALPHA, BOTH, A_ONLY, B_ONLY = range(7)
COLUMNS = 7


def measure(who: Sequence[str], source, _handle: Handle) -> Agreement | str:
    """The runner's job: the agreement, or the reason it cannot be measured."""
    try:
        return agreement(source, list(who))
    except AgreementError as exc:
        return str(exc)


def number(value: float | None) -> str:
    """A measure with three decimals, in the interface's digits; a dash when undefined."""
    return "—" if value is None else QLocale().toString(value, "f", 3)


class ScoresModel(QAbstractTableModel):
    """Rows of (name, Scores): each entity type, then "overall"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, Scores]] = []
        self.type_names: dict[str, str] = {}
        self.first = self.second = ""
        self.undefined: dict[str | None, str] = {}

    def show(self, result: Agreement | None, type_names: dict[str, str], overall: str) -> None:
        self.beginResetModel()
        self.type_names = type_names
        if result is None:
            self.rows = []
        else:
            self.rows = [*result.per_type.items(), (overall, result.overall)]
            self.first, self.second = result.authors[:2]
            self.undefined = {u["type"]: u["reason"] for u in result.undefined}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        name, s = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(name, s, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == TYPE:
                return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == KAPPA and s.kappa is None:
            last = index.row() == len(self.rows) - 1
            return self.undefined.get(None if last else name)
        return None

    def _text(self, name: str, s: Scores, column: int) -> str:
        if column == TYPE:
            return self.type_names.get(name, name)
        values = {
            F1: number(s.f1),
            KAPPA: number(s.kappa),
            ALPHA: number(s.alpha),
            BOTH: QLocale().toString(s.both),
            A_ONLY: QLocale().toString(s.a_only),
            B_ONLY: QLocale().toString(s.b_only),
        }
        return values[column]

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        # self.tr written out: lupdate files an aliased tr under no class, and then the
        # headers would never be translated.
        return {
            TYPE: self.tr("Type"),
            F1: self.tr("Span F1"),
            KAPPA: self.tr("Kappa"),
            ALPHA: self.tr("Alpha"),
            BOTH: self.tr("Both"),
            A_ONLY: self.tr("Only %1").replace("%1", isolate(self.first)),
            B_ONLY: self.tr("Only %1").replace("%1", isolate(self.second)),
        }[section]


class AgreementDialog(QDialog):
    def __init__(
        self,
        path: Path,
        authors: Sequence[tuple[str, int, int]],
        type_names: dict[str, str],
        runner: Runner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agreementDialog")
        self.path = path
        self.runner = runner
        self.type_names = type_names
        self.result: Agreement | None = None
        self._ticket = -1
        self._closed = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.authors = QListWidget()
        self.authors.setObjectName("agreementAuthors")
        self._fill_authors(authors)
        self.authors.itemChanged.connect(lambda _item: self.compute())

        self.summary = QLabel()
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        self.model = ScoresModel(self)
        self.table = self._table(self.model, "agreementTable")
        self.pairs_model = PairsModel(self)
        self.pairs = self._table(self.pairs_model, "agreementPairs")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("agreementNote")
        self._lay_out()
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)
        self.retranslate()
        self.compute()

    def _fill_authors(self, authors: Sequence[tuple[str, int, int]]) -> None:
        checked = 0
        for name, mentions, articles in authors:
            item = QListWidgetItem()
            item.setData(AuthorRole, (name, mentions, articles))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # The first two annotators to begin with; the curated layer is one to compare
            # with on purpose, so it starts unchecked.
            on = checked < 2 and name != CURATED_AUTHOR
            checked += on
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.authors.addItem(item)

    def _lay_out(self) -> None:
        results = QWidget()
        column = QVBoxLayout(results)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.table, 3)
        column.addWidget(self.pairs, 2)
        column.addWidget(self.note)
        split = QSplitter()
        split.addWidget(self.authors)
        split.addWidget(results)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 660])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.resize(980, 540)

    def _table(self, model, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Agreement Between Annotators"))
        self.intro.setText(
            self.tr(
                "Check two or more annotators. Only the articles all of them tagged "
                "entities in are compared."
            )
        )
        for row in range(self.authors.count()):
            item = self.authors.item(row)
            name, mentions, articles = item.data(AuthorRole)
            shown = self.tr("Curated layer") if name == CURATED_AUTHOR else name
            item.setText(
                self.tr("%1 — %n mention(s)", "", mentions).replace("%1", isolate(shown))
                + self.tr(", %n article(s)", "", articles)
            )
        self.note.setText(
            self.tr(
                "Span F1: same start, end and type (more than two annotators: the mean of "
                "every pair). Kappa: word by word, Cohen's for two annotators, Fleiss' for "
                "more; per type, that type or not. Alpha: Krippendorff's alpha, nominal, "
                "word by word (not the unitizing alpha)."
            )
        )
        self._show()

    def chosen(self) -> list[str]:
        return [
            self.authors.item(row).data(AuthorRole)[0]
            for row in range(self.authors.count())
            if self.authors.item(row).checkState() == Qt.CheckState.Checked
        ]

    def compute(self) -> None:
        who = self.chosen()
        self.result = None
        if len(who) < 2:
            self._ticket = -1
            self._show(self.tr("Check at least two annotators."))
            return
        self._show(self.tr("Measuring…"))
        self._ticket = self.runner.submit(
            self.path, lambda source, handle: measure(who, source, handle),
            lane=QUICK, channel="agreement",
        )  # fmt: skip

    def _done(self, ticket: int, result: object) -> None:
        if ticket != self._ticket:
            return
        self._ticket = -1
        if isinstance(result, Agreement):
            self.result = result
            self._show()
        else:
            self._show(str(result))

    def _failed(self, ticket: int, message: str, _title: str) -> None:
        if ticket == self._ticket:
            self._ticket = -1
            self._show(message)

    def _show(self, message: str | None = None) -> None:
        result = self.result
        self.model.show(result, self.type_names, self.tr("Overall"))
        self.pairs_model.show(result)
        self.pairs.setVisible(bool(result and result.pairs))
        if message is not None or result is None:
            self.summary.setText(message or "")
            return
        kappa = (
            self.tr("Cohen's kappa") if result.kappa_kind == "cohen" else self.tr("Fleiss' kappa")
        )
        self.summary.setText(
            self.tr("%n article(s) in common", "", len(result.articles))
            + self.tr(", %n word(s)", "", result.tokens)
            + " · "
            + kappa
        )

    def done(self, code: int) -> None:
        # The runner outlives the dialog: a late result must not reach a closed one.
        if self._ticket >= 0:
            self.runner.cancel(self._ticket)
            self._ticket = -1
        if not self._closed:
            self._closed = True
            self.runner.done.disconnect(self._done)
            self.runner.failed.disconnect(self._failed)
        super().done(code)


class PairsModel(QAbstractTableModel):
    """For more than two annotators: every pair's span F1 and Cohen's kappa."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def show(self, result: Agreement | None) -> None:
        self.beginResetModel()
        self.rows = list(result.pairs) if result is not None else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        pair = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"{isolate(pair.a)} / {isolate(pair.b)}"
            return number(pair.overall.f1 if index.column() == 1 else pair.overall.kappa)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() > 0:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Pair"), self.tr("Span F1"), self.tr("Cohen's kappa"))[section]
