"""The pages shown instead of an article: an empty library, or no article chosen yet."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reader.look.icons import app_icon


class WelcomePage(QWidget):
    """First run: the library is empty, so offer the sample collection or the user's files."""

    import_sample = Signal()
    import_files = Signal()
    import_folder = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.logo = QLabel(self)
        self.logo.setPixmap(app_icon().pixmap(96, 96))
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("welcomeHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.sample_button = QPushButton(self)
        self.sample_button.setObjectName("importSampleButton")
        self.files_button = QPushButton(self)
        self.folder_button = QPushButton(self)
        self.drop_hint = QLabel(self)
        self.drop_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setEnabled(False)
        # A column of readable width in the middle of the page; wrapped labels need a
        # bounded width to know their height.
        column = QWidget(self)
        column.setMaximumWidth(520)
        inner = QVBoxLayout(column)
        inner.setSpacing(10)
        for label in (self.logo, self.heading, self.text, self.drop_hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.logo)
        inner.addWidget(self.heading)
        inner.addWidget(self.text)
        inner.addSpacing(12)
        for button in (self.sample_button, self.files_button, self.folder_button):
            button.setMinimumHeight(int(button.sizeHint().height() * 1.3))
            inner.addWidget(button)
        inner.addSpacing(8)
        inner.addWidget(self.drop_hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
        self.sample_button.clicked.connect(self.import_sample)
        self.files_button.clicked.connect(self.import_files)
        self.folder_button.clicked.connect(self.import_folder)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Your library is empty"))
        self.text.setText(
            self.tr(
                "Hashiya keeps your articles in one library file. Start with the sample collection or bring your own."
            )
        )
        self.sample_button.setText(self.tr("Import the Sample Collection"))
        self.files_button.setText(self.tr("Import Files…"))
        self.folder_button.setText(self.tr("Import a Folder…"))
        self.drop_hint.setText(self.tr("You can also drop files or folders on this window."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HintPage(QWidget):
    """The library has articles but none is open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hintPage")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(
            self.tr("Choose an article in the library, or search all of them (Ctrl+K).")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
