"""The library's translation language: a few common ones to pick, or any language tag."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

COMMON = ("en", "fr", "es", "de", "it", "pt", "tr", "fa", "ur", "ru", "zh", "ja", "id", "ms", "he", "nl", "sv")  # fmt: skip


def valid_tag(text: str) -> bool:
    """A BCP 47-like tag: letters and digits in parts joined by hyphens (en, pt-BR)."""
    parts = text.split("-")
    return bool(text) and all(part.isascii() and part.isalnum() for part in parts)


def language_name(tag: str) -> str:
    locale = QLocale(tag.replace("-", "_"))
    if locale.language() == QLocale.Language.C:
        return ""
    return QLocale.languageToString(locale.language())


class TranslationLanguageDialog(QDialog):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translationLanguageDialog")
        self.setWindowTitle(self.tr("Translation Language"))
        label = QLabel(
            self.tr(
                "The language this library's articles are translated into. Pick one or "
                "type a language tag (for example pt-BR). This is a setting of the "
                "library, not an edit: it is not undone with Undo."
            ),
            self,
        )
        label.setWordWrap(True)
        self.combo = QComboBox(self)
        self.combo.setObjectName("translationLanguage")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for tag in COMMON:
            name = language_name(tag)
            self.combo.addItem(f"{name} ({tag})" if name else tag, tag)
        row = self.combo.findData(current)
        if row < 0:
            self.combo.addItem(current, current)
            row = self.combo.count() - 1
        self.combo.setCurrentIndex(row)
        self.combo.lineEdit().setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.error = QLabel(self)
        self.error.setObjectName("translationLanguageError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.combo.editTextChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._check()
        self.resize(420, 180)

    def language(self) -> str:
        """The tag chosen: an item's own tag, or what was typed ("Français (fr)" → fr)."""
        text = self.combo.currentText().strip()
        row = self.combo.findText(text)
        if row >= 0:
            return str(self.combo.itemData(row))
        if text.endswith(")") and "(" in text:
            text = text[text.rindex("(") + 1 : -1].strip()
        return text

    def _check(self) -> None:
        ok = valid_tag(self.language())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.error.setText("" if ok else self.tr("Type a language tag such as en, fr or pt-BR."))

    @classmethod
    def choose(cls, parent: QWidget | None, current: str) -> str | None:
        """The language tag chosen, or None if the user cancelled."""
        dialog = cls(current, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            tag = dialog.language()
            return tag if valid_tag(tag) else None
        finally:
            dialog.deleteLater()
