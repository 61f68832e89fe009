"""Relate a mention: pick the other end (another mention of the article, or an entity of
the library), the relation's type and an optional note.

Typing filters the list (folded as the entity index filters: hamza forms, diacritics and
tatweel do not matter); Up and Down move in the list while the filter has the focus, so
the whole gesture works from the keyboard: Ctrl+L, a few letters, Enter. The type box
offers only the types whose constraints allow the two ends' entity types, and says so
when none does. `RelationDialog.ask` runs it (tests patch `exec`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from library.marks.entities import Entity
from library.marks.relations import RelationType
from library.text.arabic import fold
from reader.views.marks import Look, isolate, relation_label, swatch

ChoiceRole = Qt.ItemDataRole.UserRole + 1
KeyRole = Qt.ItemDataRole.UserRole + 2
CONTEXT_WORDS = 4


@dataclass(frozen=True)
class MentionChoice:
    """Another mention of the article, as the picker lists it."""

    annotation_id: str
    text: str
    entity_type: str
    entity_name: str
    context: str = ""  # a few words around it


@dataclass(frozen=True)
class RelationChoice:
    type: str
    target_annotation: str | None = None
    target_entity: str | None = None
    note: str | None = None


def allowed(kind: RelationType, source_type: str, target_type: str) -> bool:
    """Whether the type's constraints let a relation go between these entity types (the
    library checks it again: `library.marks.relations.check_relation`)."""
    return (not kind.source_types or source_type in kind.source_types) and (
        not kind.target_types or target_type in kind.target_types
    )


def context_of(body: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """A few words either side of a mention, on one line."""
    before = body[:start].split()[-words:]
    after = body[end:].split()[:words]
    return " ".join([*before, body[start:end], *after])


class RelationDialog(QDialog):
    MENTIONS, ENTITIES = 0, 1

    def __init__(
        self,
        quote: str,
        source_type: str,
        *,
        mentions: Sequence[MentionChoice],
        entities: Sequence[Entity],
        look: Look,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relationDialog")
        self._source_type = source_type
        self._look = look
        self._mentions = list(mentions)
        self._entities = list(entities)
        self.header = QLabel(self)
        self.header.setObjectName("relationSource")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setText(
            self.tr("Relate “%1” (%2) to:")
            .replace("%1", isolate(" ".join(quote.split())))
            .replace("%2", look.type_label(source_type))
        )
        self.to_mention = QRadioButton(self)
        self.to_mention.setObjectName("toMention")
        self.to_entity = QRadioButton(self)
        self.to_entity.setObjectName("toEntity")
        self.ends = QButtonGroup(self)
        self.ends.addButton(self.to_mention, self.MENTIONS)
        self.ends.addButton(self.to_entity, self.ENTITIES)
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("relationFilter")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.installEventFilter(self)
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("relationTargets")
        self.candidates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.candidates.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.candidates.setAlternatingRowColors(True)
        self.type_box = QComboBox(self)
        self.type_box.setObjectName("relationType")
        self.refusal = QLabel(self)
        self.refusal.setObjectName("relationRefusal")
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setWordWrap(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("relationNote")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.ends.idToggled.connect(self._end_kind_changed)
        self.filter_box.textChanged.connect(self._fill)
        self.candidates.currentItemChanged.connect(self._target_changed)
        self.candidates.itemActivated.connect(lambda _item: self.accept())
        self.retranslate()
        (self.to_mention if self._mentions else self.to_entity).setChecked(True)
        self._fill()
        self.filter_box.setFocus()

    def _lay_out(self) -> None:
        ends = QHBoxLayout()
        ends.addWidget(self.to_mention)
        ends.addWidget(self.to_entity)
        ends.addStretch(1)
        form = QFormLayout()
        self.type_label = QLabel(self)
        self.type_label.setBuddy(self.type_box)
        self.note_label = QLabel(self)
        self.note_label.setBuddy(self.note)
        form.addRow(self.type_label, self.type_box)
        form.addRow(self.note_label, self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(ends)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.candidates, 1)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.resize(520, 480)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Relate"))
        self.to_mention.setText(self.tr("A &mention in this article"))
        self.to_entity.setText(self.tr("An &entity in the library"))
        self.filter_box.setPlaceholderText(self.tr("Type to filter"))
        self.filter_box.setAccessibleName(self.tr("Filter"))
        self.candidates.setAccessibleName(self.tr("Relate to"))
        self.type_label.setText(self.tr("&Relation:"))
        self.note_label.setText(self.tr("N&ote:"))
        self.note.setPlaceholderText(self.tr("Optional"))

    # --- the list ---------------------------------------------------------------------

    @property
    def end_kind(self) -> int:
        return self.ends.checkedId()

    def _end_kind_changed(self, _id: int, checked: bool) -> None:
        if checked:
            self._fill()

    def _fill(self, *_args: object) -> None:
        wanted = fold(self.filter_box.text().strip())
        look = self._look
        self.candidates.clear()
        if self.end_kind == self.MENTIONS:
            # Two lines: the mention and its type, then the words around it. The filter
            # looks at the mention and its entity's name, not at the context.
            rows = [
                (m, f"{m.text} · {look.type_label(m.entity_type)}\n{m.context}", m.entity_type,
                 fold(f"{m.text} {m.entity_name}"))
                for m in self._mentions
            ]  # fmt: skip
        else:
            rows = [
                (e, f"{e.name} · {look.type_label(e.type)}", e.type, fold(" ".join(e.names)))
                for e in self._entities
            ]
        colours = look.type_hex()
        for value, text, entity_type, key in rows:
            if wanted and wanted not in key:
                continue
            item = QListWidgetItem(swatch(colours.get(entity_type, "#999999")), text)
            item.setData(ChoiceRole, value)
            item.setData(KeyRole, entity_type)
            self.candidates.addItem(item)
        if self.candidates.count():
            self.candidates.setCurrentRow(0)
        else:
            self._target_changed(None)

    def eventFilter(self, watched, event: QEvent) -> bool:
        # Up and Down in the filter move in the list, so the hands stay on the keys.
        if (
            watched is self.filter_box
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.candidates.count()
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.candidates.currentRow() + step, 0), self.candidates.count() - 1)
            self.candidates.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    # --- the type ---------------------------------------------------------------------

    def target_type(self) -> str | None:
        item = self.candidates.currentItem()
        return item.data(KeyRole) if item is not None else None

    def _target_changed(self, *_args: object) -> None:
        target = self.target_type()
        current = self.type_box.currentData()
        self.type_box.clear()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if target is None:
            self.refusal.setText(self.tr("Nothing to relate to: change the filter."))
            self.type_box.setEnabled(False)
            ok.setEnabled(False)
            return
        for kind in self._look.relations:
            if allowed(kind, self._source_type, target):
                self.type_box.addItem(relation_label(kind), kind.id)
        self.type_box.setCurrentIndex(max(self.type_box.findData(current), 0))
        possible = self.type_box.count() > 0
        self.type_box.setEnabled(possible)
        ok.setEnabled(possible)
        self.refusal.setText(
            ""
            if possible
            else self.tr(
                "No relation type goes from a %1 to a %2. Edit the relation types to allow it."
            )
            .replace("%1", self._look.type_label(self._source_type))
            .replace("%2", self._look.type_label(target))
        )

    def choice(self) -> RelationChoice | None:
        item = self.candidates.currentItem()
        type_id = self.type_box.currentData()
        if item is None or type_id is None:
            return None
        value = item.data(ChoiceRole)
        note = self.note.text().strip() or None
        if isinstance(value, MentionChoice):
            return RelationChoice(type_id, target_annotation=value.annotation_id, note=note)
        return RelationChoice(type_id, target_entity=value.id, note=note)

    def accept(self) -> None:
        if self.choice() is not None:
            super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        quote: str,
        source_type: str,
        *,
        mentions: Sequence[MentionChoice],
        entities: Sequence[Entity],
        look: Look,
    ) -> RelationChoice | None:
        dialog = cls(
            quote, source_type, mentions=mentions, entities=entities, look=look, parent=parent
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()
