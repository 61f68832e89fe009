"""The strip under the parallel view: the glossary terms of the entities the current
segment names, and the consistency check's findings for the article.

It shows what it is given; the translate mode reads the library (`terms_in`,
`consistency`) and asks it to show the results. An entity the segment names that has no
term yet is listed too, in italics with a dash for its translation: activating a line
(double-click, Enter, or its context menu) asks for the entity's glossary terms.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from library.translation.glossary import Found, Issue

EntityRole = Qt.ItemDataRole.UserRole + 1
SegmentRole = Qt.ItemDataRole.UserRole + 2


class GlossaryStrip(QWidget):
    check_requested = Signal()
    issue_activated = Signal(str)  # segment id
    term_requested = Signal(str)  # entity id: edit its glossary terms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryStrip")
        self.title = QLabel(self)
        self.title.setObjectName("glossaryTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.check = QPushButton(self)
        self.check.setObjectName("checkConsistency")
        self.check.clicked.connect(self.check_requested)
        self.terms = QListWidget(self)
        self.terms.setObjectName("glossaryTerms")
        self.terms.setFlow(QListWidget.Flow.LeftToRight)
        self.terms.setWrapping(True)
        self.terms.setSpacing(2)
        self.terms.itemActivated.connect(self._term_activated)
        self.terms.itemDoubleClicked.connect(self._term_activated)
        self.terms.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.terms.customContextMenuRequested.connect(self._terms_menu)
        self.empty = QLabel(self)
        self.empty.setObjectName("glossaryEmpty")
        self.empty.setEnabled(False)
        self.issues_title = QLabel(self)
        self.issues = QListWidget(self)
        self.issues.setObjectName("consistencyIssues")
        self.issues.itemActivated.connect(self._issue_activated)
        self.issues.itemClicked.connect(self._issue_activated)
        self.issues_title.hide()
        self.issues.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addWidget(self.empty, 1)
        top.addWidget(self.check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.terms)
        layout.addWidget(self.issues_title)
        layout.addWidget(self.issues)
        layout.addStretch(1)
        self._found: list[Found] = []
        self._issues: list[tuple[Issue, int | None, str]] = []
        self.retranslate()
        self.show_terms([])

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), min(hint.height(), 220))

    # --- what it shows -----------------------------------------------------------------

    def show_terms(self, found: Sequence[Found]) -> None:
        self._found = list(found)
        self.terms.clear()
        for f in self._found:
            item = QListWidgetItem(term_line(f, self.tr("not: %1"), self.isRightToLeft()))
            item.setData(EntityRole, f.entry.entity.id)
            if has_terms(f):
                tip = self.tr("Double-click to change the translation of “%1”")
            else:
                tip = self.tr("“%1” has no glossary term yet: double-click to give it one")
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            item.setToolTip(tip.replace("%1", f.entry.entity.name))
            self.terms.addItem(item)
        self.terms.setVisible(bool(self._found))
        self.empty.setVisible(not self._found)
        row = self.terms.sizeHintForRow(0) if self._found else 0
        lines = 1 if len(self._found) <= 2 else 2
        self.terms.setFixedHeight(row * lines + 8 if self._found else 0)

    def term_texts(self) -> list[str]:
        return [self.terms.item(n).text() for n in range(self.terms.count())]

    def show_issues(self, issues: Sequence[tuple[Issue, int | None, str]]) -> None:
        """The check's findings: (issue, segment number or None, entity name)."""
        self._issues = list(issues)
        self.issues.clear()
        for issue, number, name in self._issues:
            where = self.tr("Segment %1").replace("%1", str(number)) if number else ""
            if issue.kind == "forbidden":
                what = self.tr("uses “%1”, not to be used for %2")
            else:
                what = self.tr("does not use “%1” for %2")
            text = f"{where}: {what.replace('%1', issue.term).replace('%2', name)}"
            item = QListWidgetItem(text)
            item.setData(SegmentRole, issue.segment_id)
            self.issues.addItem(item)
        if not self._issues:
            self.issues_title.setText(
                self.tr("Consistency: every translation uses its glossary terms.")
            )
        else:
            self.issues_title.setText(
                self.tr("Consistency: %1 to look at (click to go there)").replace(
                    "%1", str(len(self._issues))
                )
            )
        self.issues_title.show()
        self.issues.setVisible(bool(self._issues))
        self.issues.setFixedHeight(
            min(self.issues.sizeHintForRow(0) * 4 + 8, 110) if self._issues else 0
        )

    def clear_issues(self) -> None:
        self._issues = []
        self.issues.clear()
        self.issues.hide()
        self.issues_title.hide()

    def issue_texts(self) -> list[str]:
        return [self.issues.item(n).text() for n in range(self.issues.count())]

    def _issue_activated(self, item: QListWidgetItem) -> None:
        segment_id = item.data(SegmentRole)
        if segment_id:
            self.issue_activated.emit(segment_id)

    def _term_activated(self, item: QListWidgetItem) -> None:
        entity_id = item.data(EntityRole)
        if entity_id:
            self.term_requested.emit(entity_id)

    def term_action_text(self, row: int) -> str:
        """What the context menu offers for a line: a first term, or the terms."""
        found = self._found[row] if 0 <= row < len(self._found) else None
        if found is not None and not has_terms(found):
            return self.tr("Add a Term for This Entity…")
        return self.tr("Glossary Terms…")

    def _terms_menu(self, pos: QPoint) -> None:
        item = self.terms.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self.terms)
        menu.setObjectName("glossaryTermMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        action = menu.addAction(self.term_action_text(self.terms.row(item)))
        action.triggered.connect(lambda: self._term_activated(item))
        menu.popup(self.terms.viewport().mapToGlobal(pos))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Glossary"))
        self.empty.setText(self.tr("No glossary term in this segment"))
        self.check.setText(self.tr("Check Consistency"))
        self.check.setToolTip(
            self.tr(
                "List the segments of this article whose translation misses the glossary "
                "term of an entity the Arabic names, or uses a forbidden one"
            )
        )
        self.show_terms(self._found)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def has_terms(found: Found) -> bool:
    return bool(found.entry.preferred or found.entry.forbidden)


def term_line(found: Found, not_text: str, rtl: bool = False) -> str:
    """ "الأمم المتحدة → United Nations (not: UN)": the name as written in the segment,
    isolated so that a mirrored line keeps each part whole."""
    entry = found.entry
    arrow = "←" if rtl else "→"
    parts = [f"\u2068{found.text}\u2069 {arrow} \u2068{entry.preferred or '—'}\u2069"]
    if entry.forbidden:
        parts.append("(" + not_text.replace("%1", ", ".join(entry.forbidden)) + ")")
    return " ".join(parts)
