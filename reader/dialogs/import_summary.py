"""What an import did: counts, and every file that was skipped with the reason."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from library.ingest.importer import ImportReport
from reader.messages import plain_tooltip


class ImportSummaryDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.report = report
        locale = QLocale()
        self.setWindowTitle(
            self.tr("Import finished") if not report.cancelled else self.tr("Import cancelled")
        )
        lines = []
        if report.cancelled:
            lines.append(
                self.tr("The import was cancelled; what was imported before stays in the library.")
            )
        lines.append(
            self.tr("Imported: %1 · Duplicates: %2 · Skipped: %3")
            .replace("%1", locale.toString(report.imported))
            .replace("%2", locale.toString(report.duplicates))
            .replace("%3", locale.toString(len(report.failed)))
        )
        if report.duplicates:
            lines.append(
                self.tr(
                    "Duplicates are articles already in the library; they were not added again."
                )
            )
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setObjectName("importSummaryText")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)

        self.skipped = QTreeWidget(self)
        self.skipped.setObjectName("importSkipped")
        self.skipped.setRootIsDecorated(False)
        self.skipped.setHeaderLabels([self.tr("Skipped file"), self.tr("Why")])
        self.skipped.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.skipped.header().setStretchLastSection(True)
        for failure in report.failed:
            # Isolated: a path in an Arabic window must keep its slashes where they are.
            item = QTreeWidgetItem([f"\u2066{failure.path}\u2069", self.reason(failure)])
            item.setToolTip(0, plain_tooltip(failure.path))
            item.setToolTip(1, plain_tooltip(failure.error))
            self.skipped.addTopLevelItem(item)
        self.skipped.setVisible(bool(report.failed))
        if report.failed:
            self.skipped.header().resizeSection(0, 360)
            layout.addWidget(QLabel(self.tr("These files were not imported:"), self))
            layout.addWidget(self.skipped, 1)
            self.resize(720, 380)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def reason(self, failure) -> str:
        """Why a file was skipped, in the interface's language; the tooltip keeps the detail."""
        reasons = {
            "missing": self.tr("No such file or folder"),
            "unsupported": self.tr("Not a kind of file Hashiya reads"),
            "too_large": self.tr("Too large"),
            "empty": self.tr("Empty file"),
            "binary": self.tr("Not a text file"),
            "undecodable": self.tr("Text in an unknown encoding"),
            "malformed": self.tr("Damaged or not in the expected format"),
            "no_article": self.tr("No article text found"),
            "unreadable": self.tr("Could not be read"),
            "not_a_file": self.tr("Not a regular file (a device, pipe or socket)"),
        }
        return reasons.get(getattr(failure, "kind", ""), failure.error)
