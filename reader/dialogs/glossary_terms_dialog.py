"""An entity's glossary terms in the library's translation language: the translation to
use and the spellings not to use (one a line).

`GlossaryTermsDialog.edit` runs the dialog and returns the answer (tests patch `exec`);
`edit_glossary_terms` is the whole command the entity index and the glossary strip
share: read the entity's entry, ask, and save the answer as one undoable operation
(`library.ops.translating.set_glossary`) through the window's performer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from library.ops import translating
from library.ops.operation import Operation
from library.storage.articles import NotFound
from library.storage.store import Library
from library.translation.glossary import Entry, entry, fold_target
from reader.dialogs.translation_language_dialog import language_name
from reader.views.marks import isolate

Perform = Callable[[str, Callable[[Library], Operation]], Operation | None]


@dataclass(frozen=True)
class GlossaryEdit:
    preferred: str  # "" when the entity has no translation to use
    forbidden: tuple[str, ...]


def _lines(text: str) -> tuple[str, ...]:
    """The variants typed, one a line, each with its white space made single, once each."""
    out: list[str] = []
    for line in text.splitlines():
        term = " ".join(line.split())
        if term and term not in out:
            out.append(term)
    return tuple(out)


def language_label(lang: str) -> str:
    name = language_name(lang)
    return f"{name} ({lang})" if name else lang


class GlossaryTermsDialog(QDialog):
    def __init__(self, current: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryTermsDialog")
        self.setWindowTitle(self.tr("Glossary Terms"))
        self.heading = QLabel(
            self.tr("How “%1” is translated into %2")
            .replace("%1", isolate(current.entity.name))
            .replace("%2", isolate(language_label(current.lang))),
            self,
        )
        self.heading.setObjectName("glossaryHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a name as the user typed it
        self.heading.setWordWrap(True)
        # The terms are written in the target language, in its own direction.
        direction = QLocale(current.lang.replace("-", "_")).textDirection()
        self.preferred = QLineEdit(current.preferred or "", self)
        self.preferred.setObjectName("glossaryPreferred")
        self.preferred.setClearButtonEnabled(True)
        self.preferred.setLayoutDirection(direction)
        self.preferred.setPlaceholderText(self.tr("The translation to use"))
        self.forbidden = QPlainTextEdit("\n".join(current.forbidden), self)
        self.forbidden.setObjectName("glossaryForbidden")
        self.forbidden.setLayoutDirection(direction)
        self.forbidden.setTabChangesFocus(True)
        self.forbidden.setPlaceholderText(self.tr("Spellings not to use, one a line"))
        self.hint = QLabel(
            self.tr(
                "The consistency check lists the translations that name this entity "
                "without the translation to use, or with a spelling not to use. Leave "
                "both empty to take the entity out of the glossary."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.problem = QLabel(self)
        self.problem.setObjectName("glossaryProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Translation to use:"), self.preferred)
        form.addRow(self.tr("Not to use:"), self.forbidden)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.preferred.textChanged.connect(self._check)
        self.forbidden.textChanged.connect(self._check)
        self._check()
        self.preferred.setFocus()
        self.preferred.selectAll()
        self.resize(460, 320)

    def answer(self) -> GlossaryEdit:
        return GlossaryEdit(
            " ".join(self.preferred.text().split()), _lines(self.forbidden.toPlainText())
        )

    def _check(self) -> None:
        """A term cannot be both the one to use and one not to use (folded as the check
        compares them): said at once, and Save waits until it is resolved."""
        edit = self.answer()
        folded = fold_target(edit.preferred)
        clash = next((t for t in edit.forbidden if folded and fold_target(t) == folded), None)
        if clash is not None:
            self.problem.setText(
                self.tr("“%1” cannot be both the translation to use and one not to use.").replace(
                    "%1", isolate(clash)
                )
            )
        self.problem.setVisible(clash is not None)
        self.ok.setEnabled(clash is None)

    @classmethod
    def edit(cls, parent: QWidget | None, current: Entry) -> GlossaryEdit | None:
        """The terms chosen, or None if the user cancelled."""
        dialog = cls(current, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.answer()
        finally:
            dialog.deleteLater()


def edit_glossary_terms(
    parent: QWidget, lib: Library, entity_id: str, perform: Perform
) -> Operation | None:
    """Ask for an entity's terms in the library's translation language and save them as
    one operation; None if there is no such entity, the user cancelled or nothing
    changed."""
    try:
        current = entry(lib, entity_id)
    except NotFound:
        return None
    answer = GlossaryTermsDialog.edit(parent, current)
    if answer is None or (answer.preferred or None, answer.forbidden) == (
        current.preferred,
        current.forbidden,
    ):
        return None
    return perform(
        "glossary",
        lambda lib: translating.set_glossary(
            lib,
            entity_id,
            preferred=answer.preferred,
            forbidden=list(answer.forbidden),
            lang=current.lang,
        ),
    )
