"""Dialogs about entities: tag a mention (type + a name that completes), link a name as an
alias, pick an entity (to merge into), edit an entity's name, type and aliases.

Each one has a classmethod that runs it and returns the answer, so the tests drive them
by patching `exec`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from library.marks.entities import Entity
from reader.views.marks import Look, isolate, swatch

EntityRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class EntityChoice:
    type: str
    name: str
    keep_clitic: bool = False


def type_box(parent: QWidget, look: Look, current: str | None = None) -> QComboBox:
    box = QComboBox(parent)
    for t in look.types:
        box.addItem(swatch(t.colour), look.type_label(t.id), t.id)
    if current is not None and (n := box.findData(current)) >= 0:
        box.setCurrentIndex(n)
    return box


def name_completer(parent: QWidget, names: Sequence[str]) -> QCompleter:
    completer = QCompleter(sorted(set(names)), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


class EntityDialog(QDialog):
    """Tag a passage as a mention: the entity's type and name.

    `lookup(name, type)` says which existing entity a name would link to (None: a new
    one is created); `names` (every entity name and alias, with its entity) feed the
    completer, and choosing one selects its entity's type.
    """

    def __init__(
        self,
        quote: str,
        look: Look,
        names: dict[str, Entity],
        lookup: Callable[[str, str], Entity | None],
        *,
        entity_type: str | None = None,
        name: str | None = None,
        clitic: str = "",
        title: str | None = None,
        similar: Callable[[str, str], Sequence[Entity]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entityDialog")
        self._similar = similar
        self.setWindowTitle(title or self.tr("Tag Entity"))
        self._names = names
        self._lookup = lookup
        self._look = look
        self.quote = QLabel(f"«{quote}»", self)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        self.type_box = type_box(self, look, entity_type)
        self.type_box.setObjectName("entityType")
        self.name_box = QLineEdit(name if name is not None else quote, self)
        self.name_box.setObjectName("entityName")
        self.name_box.setClearButtonEnabled(True)
        self.completer = name_completer(self, list(names))
        self.name_box.setCompleter(self.completer)
        self.completer.activated[str].connect(self._completed)
        self.clitic = QCheckBox(self)
        self.clitic.setObjectName("keepClitic")
        self.clitic.setText(
            self.tr("Include the attached “%1” in the mention").replace("%1", isolate(clitic))
        )
        self.clitic.setVisible(bool(clitic))
        self.match = QLabel(self)
        self.match.setObjectName("entityMatch")
        self.match.setTextFormat(Qt.TextFormat.PlainText)  # an entity's name, as typed
        self.match.setWordWrap(True)
        self.match.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tag"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Type:"), self.type_box)
        form.addRow(self.tr("Name:"), self.name_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        layout.addWidget(self.clitic)
        layout.addWidget(self.match)
        layout.addWidget(self.buttons)
        self.name_box.textChanged.connect(self._update_match)
        self.type_box.currentIndexChanged.connect(self._update_match)
        self._update_match()
        self.name_box.selectAll()
        self.name_box.setFocus()
        self.resize(440, self.sizeHint().height())

    def _completed(self, text: str) -> None:
        entity = self._names.get(text)
        if entity is not None and (n := self.type_box.findData(entity.type)) >= 0:
            self.type_box.setCurrentIndex(n)

    def _update_match(self, *_args: object) -> None:
        name = self.name_box.text().strip()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name) and self.type_box.currentIndex() >= 0)
        if not name:
            self.match.setText("")
            return
        found = self._lookup(name, self.type_box.currentData())
        close = (
            self._similar(name, self.type_box.currentData())
            if found is None and self._similar is not None
            else ()
        )
        if close:
            # What the next step asks: the same promise here, not "a new entity".
            self.match.setText(
                self.tr("Close to “%1” (%2): you will be asked whether it is another name of it.")
                .replace("%1", isolate(close[0].name))
                .replace("%2", self._look.type_label(close[0].type))
            )
        elif found is None:
            self.match.setText(self.tr("A new entity will be created."))
        else:
            self.match.setText(
                self.tr("Links to “%1” (%2).")
                .replace("%1", isolate(found.name))
                .replace("%2", self._look.type_label(found.type))
            )

    def choice(self) -> EntityChoice:
        return EntityChoice(
            self.type_box.currentData(),
            " ".join(self.name_box.text().split()),
            not self.clitic.isHidden() and self.clitic.isChecked(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, quote: str, look: Look, names, lookup, **kw):
        """The type and name chosen, or None if the user cancelled."""
        dialog = cls(quote, look, names, lookup, parent=parent, **kw)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            choice = dialog.choice()
            return choice if choice.name and choice.type else None
        finally:
            dialog.deleteLater()


class AliasDialog(QDialog):
    """A new name holds or is held by known entities: link it to one as an alias?"""

    NEW = "new"
    ALIAS = "alias"

    def __init__(
        self, name: str, candidates: Sequence[Entity], look: Look, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aliasDialog")
        self.setWindowTitle(self.tr("Another Name?"))
        label = QLabel(
            self.tr("Is “%1” another name of an entity you tagged before?").replace(
                "%1", isolate(name)
            ),
            self,
        )
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setObjectName("aliasCandidates")
        for entity in candidates:
            item = QListWidgetItem(
                swatch(look.type_hex().get(entity.type, "#999999")),
                f"{entity.name} — {look.type_label(entity.type)}",
            )
            item.setData(EntityRole, entity)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(self)
        self.link = self.buttons.addButton(
            self.tr("Link as an Alias"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.new = self.buttons.addButton(
            self.tr("New Entity"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.answer: str | None = None
        self.link.clicked.connect(lambda: self._answer(self.ALIAS))
        self.new.clicked.connect(lambda: self._answer(self.NEW))
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self._answer(self.ALIAS))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.link.setDefault(True)

    def _answer(self, answer: str) -> None:
        self.answer = answer
        self.accept()

    def chosen(self) -> Entity | None:
        item = self.list.currentItem()
        return item.data(EntityRole) if item is not None else None

    @classmethod
    def choose(
        cls, parent: QWidget | None, name: str, candidates: Sequence[Entity], look: Look
    ) -> tuple[str, Entity | None] | None:
        """("alias", entity), ("new", None), or None if the user cancelled."""
        dialog = cls(name, candidates, look, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            answer = dialog.answer or cls.ALIAS
            if answer == cls.ALIAS:
                entity = dialog.chosen()
                return (cls.ALIAS, entity) if entity is not None else None
            return (cls.NEW, None)
        finally:
            dialog.deleteLater()


class EntityPickerDialog(QDialog):
    """Choose one entity from a list narrowed as the user types (e.g. to merge into)."""

    def __init__(
        self,
        entities: Sequence[Entity],
        look: Look,
        title: str,
        prompt: str,
        parent: QWidget | None = None,
        *,
        likely: Entity | None = None,
        confirm: Callable[[Entity], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entityPicker")
        self._confirm = confirm
        self.setWindowTitle(title)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_box = QLineEdit(self)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setPlaceholderText(self.tr("Filter names"))
        self.names = QStringListModel(
            [f"{e.name} — {look.type_label(e.type)}" for e in entities], self
        )
        self._entities = list(entities)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.names)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView(self)
        self.list.setObjectName("entityPickerList")
        self.list.setModel(self.proxy)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("entityPickerOk")
        self._ok_text = self.ok.text()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.list.selectionModel().currentChanged.connect(self._chosen_changed)
        # Nothing is chosen for the user (Enter would merge into whoever comes first),
        # unless one entity is clearly the likely one (its name holds the other's).
        if likely is not None:
            self.select(likely.id)
        self._chosen_changed()
        self.resize(420, 420)

    def _chosen_changed(self, *_args: object) -> None:
        chosen = self.chosen()
        self.ok.setEnabled(chosen is not None)
        if self._confirm is not None:
            self.ok.setText(self._confirm(chosen) if chosen is not None else self._ok_text)

    def select(self, entity_id: str) -> None:
        for row, entity in enumerate(self._entities):
            if entity.id == entity_id:
                self.list.setCurrentIndex(self.proxy.mapFromSource(self.names.index(row, 0)))

    def chosen(self) -> Entity | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self._entities[self.proxy.mapToSource(index).row()]

    @classmethod
    def pick(
        cls,
        parent: QWidget | None,
        entities: Sequence[Entity],
        look: Look,
        title: str,
        prompt: str,
        **kw,
    ) -> Entity | None:
        """The entity chosen, or None if the user cancelled; `likely` preselects one and
        `confirm(entity)` names the OK button for it."""
        dialog = cls(entities, look, title, prompt, parent, **kw)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            dialog.deleteLater()


@dataclass(frozen=True)
class EntityEdit:
    name: str
    type: str
    aliases: tuple[str, ...]


class EntityEditDialog(QDialog):
    """An entity's preferred name, type and aliases (one a line)."""

    def __init__(self, entity: Entity, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityEditDialog")
        self.setWindowTitle(self.tr("Edit Entity"))
        self.name_box = QLineEdit(entity.name, self)
        self.name_box.setObjectName("entityEditName")
        self.type_box = type_box(self, look, entity.type)
        self.aliases = QPlainTextEdit("\n".join(entity.aliases), self)
        self.aliases.setObjectName("entityEditAliases")
        self.aliases.setPlaceholderText(self.tr("Other names, one a line"))
        self.aliases.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name_box.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name_box)
        form.addRow(self.tr("Type:"), self.type_box)
        form.addRow(self.tr("Aliases:"), self.aliases)
        form.addRow(buttons)
        self.resize(440, 320)

    def result_edit(self) -> EntityEdit:
        aliases = tuple(
            line.strip() for line in self.aliases.toPlainText().splitlines() if line.strip()
        )
        return EntityEdit(
            " ".join(self.name_box.text().split()), self.type_box.currentData(), aliases
        )

    @classmethod
    def edit(cls, parent: QWidget | None, entity: Entity, look: Look) -> EntityEdit | None:
        dialog = cls(entity, look, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            result = dialog.result_edit()
            return result if result.name else None
        finally:
            dialog.deleteLater()
