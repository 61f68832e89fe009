"""Preferences: language, theme, the reading face, its size and spacing, diacritics, how
sure a suggestion must be (and whether suggestions learn from the user's tagging), and who
the user is in the open library (the author of what they make there)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from library.marks.identity import Identity
from reader.i18n import NATIVE_NAMES
from reader.look.fonts import article_family
from reader.settings import Preferences

SAMPLE_TEXT = "يَقْرَأُ الباحثُ المقالاتِ ويكتبُ ملاحظاتِه في الهامش منذ عام 2025."


class PreferencesDialog(QDialog):
    def __init__(
        self,
        prefs: Preferences,
        parent: QWidget | None = None,
        identity: Identity | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        self._prefs = prefs
        self._identity = identity

        self._make_identity_fields(identity)

        self.language = QComboBox(self)
        self.language.addItem(self.tr("Same as the system"), "system")
        for code in ("en", "ar"):
            self.language.addItem(NATIVE_NAMES[code], code)
        self.theme = QComboBox(self)
        self.theme.addItem(self.tr("Same as the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.family = QFontComboBox(self)
        self.family.setWritingSystem(QFontDatabase.WritingSystem.Arabic)
        self.size = QDoubleSpinBox(self)
        self.size.setRange(9, 72)
        self.size.setDecimals(0)
        self.size.setSuffix(self.tr(" pt"))
        self.spacing = QSpinBox(self)
        self.spacing.setRange(80, 300)
        self.spacing.setSingleStep(5)
        self.spacing.setSuffix(" %")
        self.diacritics = QCheckBox(self.tr("Show diacritics (harakat)"), self)
        self._make_suggestion_fields()
        self.preview = QLabel(SAMPLE_TEXT, self)
        self.preview.setObjectName("fontPreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(90)
        self.preview.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

        self._lay_out()
        self._select(self.language, prefs.language)
        self._select(self.theme, prefs.theme)
        self.family.setCurrentFont(QFont(article_family(prefs.font_family)))
        self.size.setValue(prefs.font_size)
        self.spacing.setValue(prefs.line_spacing)
        self.diacritics.setChecked(prefs.show_diacritics)
        self.confidence.setValue(prefs.suggestion_confidence)
        self.learning.setChecked(prefs.learn_from_tagging)
        self.family.currentFontChanged.connect(self._update_preview)
        self.size.valueChanged.connect(self._update_preview)
        self._update_preview()

    def _make_suggestion_fields(self) -> None:
        self.confidence = QSpinBox(self)
        self.confidence.setObjectName("suggestionConfidence")
        self.confidence.setRange(0, 100)
        self.confidence.setSingleStep(5)
        self.confidence.setSuffix(" %")
        self.confidence.setSpecialValueText(self.tr("Show every suggestion"))
        self.confidence.setToolTip(
            self.tr("Suggestions less sure than this are not shown (0: every suggestion).")
        )
        self.learning = QCheckBox(self.tr("Learn from my tagging in this library"), self)
        self.learning.setObjectName("learnFromTagging")
        self.learning.setToolTip(
            self.tr(
                "Suggestions also come from a model trained, on this computer, on the "
                "entities you tagged, accepted and rejected."
            )
        )

    def _make_identity_fields(self, identity: Identity | None) -> None:
        # Who the user is in this library: None when no library is open (nothing to
        # record the name in), and then the two fields are not shown.
        self.author_name = QLineEdit(self)
        self.author_name.setObjectName("authorName")
        self.author_name.setPlaceholderText(self.tr("Your name, as your team knows you"))
        self.author_name.setToolTip(
            self.tr(
                "Recorded as the author of the annotations, relations, translations and "
                "entities you make in this library; empty: your computer's user name."
            )
        )
        self.author_email = QLineEdit(self)
        self.author_email.setObjectName("authorEmail")
        self.author_email.setPlaceholderText(self.tr("Optional"))
        if identity is not None:
            self.author_name.setText(identity.name or "")
            self.author_email.setText(identity.email or "")

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Interface language:"), self.language)
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow(self.tr("Article font:"), self.family)
        form.addRow(self.tr("Font size:"), self.size)
        form.addRow(self.tr("Line spacing:"), self.spacing)
        form.addRow("", self.diacritics)
        form.addRow(self.tr("Suggest when at least:"), self.confidence)
        form.addRow("", self.learning)
        if self._identity is not None:
            form.addRow(self.tr("Your name in this library:"), self.author_name)
            form.addRow(self.tr("Email:"), self.author_email)
        else:
            self.author_name.hide()
            self.author_email.hide()
        note = QLabel(self.tr("A new interface language applies at once."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _update_preview(self, *_args: object) -> None:
        font = QFont(self.family.currentFont().family())
        font.setPointSizeF(self.size.value())
        self.preview.setFont(font)

    def preferences(self) -> Preferences:
        return replace(
            self._prefs,
            language=self.language.currentData(),
            theme=self.theme.currentData(),
            font_family=self.family.currentFont().family(),
            font_size=float(self.size.value()),
            line_spacing=int(self.spacing.value()),
            show_diacritics=self.diacritics.isChecked(),
            suggestion_confidence=int(self.confidence.value()),
            learn_from_tagging=self.learning.isChecked(),
        )

    def identity(self) -> Identity | None:
        """The identity the user chose, or None if the dialog was given none."""
        if self._identity is None:
            return None
        name = self.author_name.text().strip() or None
        return Identity(name, (self.author_email.text().strip() or None) if name else None)

    @classmethod
    def edit(
        cls, prefs: Preferences, parent: QWidget | None = None, identity: Identity | None = None
    ) -> tuple[Preferences, Identity | None] | None:
        """Run the dialog; the new preferences and identity, or None if the user cancelled."""
        dialog = cls(prefs, parent, identity)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.preferences(), dialog.identity()
            return None
        finally:
            dialog.deleteLater()
