"""The Export dialog: a format, a file, filters; the export runs on the window's Runner.

    result = ExportDialog.run(parent, lib_path, runner=runner, article_ids=[...], query="...")

`article_ids` (the articles selected in the list) and `query` (the current search) are
offered as the scope when given. Everything is exported by `library.exchange.export`
(atomic: a temporary file renamed into place); an existing file is only replaced after
the user says so. The export is a job on the runner's long lane, reading the library on
the read-only connection the runner opens for it in the worker thread. Closing the
dialog while it runs does not wait: the file is still written, the result is not shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from library.exchange import (
    CITATIONS,
    DESCRIPTIONS,
    FORMATS,
    SUFFIXES,
    ExportResult,
    Selection,
    export,
    relations_path,
    replace_refusal,
)
from library.storage.database import is_library_file
from library.storage.store import Library, open_library
from reader.dialogs.file_dialogs import FileDialog
from reader.messages import ask, show_error
from reader.views.marks import isolate, shown_name, swatch
from reader.workers.runner import LONG, Handle, Runner


def _suffix(fmt: str) -> str:
    """What the name ends in: brat writes a .zip here, a bag is a folder (no suffix)."""
    if fmt == "bagit":
        return ""
    return SUFFIXES[fmt] or ".zip"


def _known_suffixes() -> set[str]:
    return {_suffix(f) for f in FORMATS} - {""}


def _with_suffix_of(path: Path, fmt: str) -> tuple[Path, bool]:
    """The path ending as the format writes: a name typed with another format's suffix
    (notes.docx while PDF is chosen) takes this format's; True when it was changed.
    Other suffixes (notes.txt for Markdown) are the user's choice and stay."""
    wanted = _suffix(fmt)
    if path.suffix.lower() == wanted or path.suffix.lower() not in _known_suffixes():
        return path, False
    return path.with_suffix(wanted), True


def export_job(
    fmt: str,
    output: Path,
    selection: Selection,
    force: bool,
    lib: Library,
    _handle: Handle,
    *,
    conll_dialect: str = "conll2003",
) -> ExportResult:
    return export(lib, fmt, output, selection, force=force, conll_dialect=conll_dialect)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        lib_path: Path,
        *,
        runner: Runner,
        article_ids: Sequence[int] | None = None,
        query: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export annotations"))
        self.lib_path = Path(lib_path)
        self.article_ids = list(article_ids or [])
        self.query = query or None
        self.last_result: ExportResult | None = None
        self._runner = runner
        self._ticket = 0
        self._note = ""  # what the dialog changed in the name, said with the result
        self._build()
        self._load_choices()
        runner.done.connect(self._finished)
        runner.failed.connect(self._failed)
        self._connected = True

    # --- widgets ------------------------------------------------------------------------

    def _build(self) -> None:
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        labels = {
            "markdown": self.tr("Markdown notes"),
            "csv": self.tr("CSV (one row per annotation)"),
            "json": self.tr("W3C Web Annotation (JSON-LD)"),
            "brat": self.tr("brat standoff (.txt + .ann, zipped)"),
            "conll": self.tr("CoNLL IOB2 (entity tags)"),
            "tei": self.tr("TEI P5 XML"),
            "docx": self.tr("Word document (DOCX)"),
            "pdf": self.tr("PDF"),
            "csl-json": self.tr("Citations: CSL-JSON (Zotero, citeproc)"),
            "ris": self.tr("Citations: RIS (EndNote, Zotero, Mendeley)"),
            "bibtex": self.tr("Citations: BibTeX (biblatex)"),
            "bagit": self.tr("Archival package: BagIt folder (articles, metadata, annotations)"),
            "xliff": self.tr("Translation: XLIFF 2.1 (CAT tools)"),
            "xliff12": self.tr("Translation: XLIFF 1.2 (CAT tools)"),
            "tmx": self.tr("Translation memory: TMX 1.4b"),
            "tbx": self.tr("Glossary: TBX-Basic"),
            "omegat": self.tr("Glossary: OmegaT (tab-separated)"),
            "bilingual-docx": self.tr("Translation: bilingual Word document (DOCX)"),
        }
        for fmt in FORMATS:
            self.format.addItem(labels.get(fmt, DESCRIPTIONS[fmt]), fmt)
        self.conll_dialect = QComboBox(self)
        self.conll_dialect.setObjectName("exportConllDialect")
        self.conll_dialect.addItem(
            self.tr("CoNLL-2003 (-DOCSTART- between articles; spaCy, seqeval)"), "conll2003"
        )
        self.conll_dialect.addItem(
            self.tr("With comment lines (# doc_id, # title; Hashiya's earlier layout)"),
            "commented",
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        self.path.setPlaceholderText(self.tr("Where to write the export"))
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self.choose_path)
        self.format.currentIndexChanged.connect(self._format_changed)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)

        self._build_filters()

        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        self._lay_out(path_row)
        self._format_changed()

    def _build_filters(self) -> None:
        self.scope_all = QRadioButton(self.tr("All articles"), self)
        self.scope_selected = QRadioButton(
            self.tr("Selected articles (%n)", "", len(self.article_ids)), self
        )
        self.scope_search = QRadioButton(
            self.tr("Search result: %1").replace("%1", self.query or ""), self
        )
        self.scope_selected.setEnabled(bool(self.article_ids))
        self.scope_search.setEnabled(bool(self.query))
        self.scope = QButtonGroup(self)
        for button in (self.scope_all, self.scope_selected, self.scope_search):
            self.scope.addButton(button)
        (
            self.scope_selected
            if self.article_ids
            else self.scope_search
            if self.query
            else self.scope_all
        ).setChecked(True)

        self.kinds = {
            "highlight": QCheckBox(self.tr("Highlights"), self),
            "note": QCheckBox(self.tr("Notes"), self),
            "entity": QCheckBox(self.tr("Entity mentions"), self),
        }
        for box in self.kinds.values():
            box.setChecked(True)
        self.colours = QListWidget(self)
        self.colours.setObjectName("exportColours")
        self.types = QListWidget(self)
        self.types.setObjectName("exportTypes")
        # Whose annotations: each author's layer (all checked: no filter).
        self.layers = QListWidget(self)
        self.layers.setObjectName("exportLayers")
        for widget in (self.colours, self.types, self.layers):
            widget.setMaximumHeight(110)
        self.tag = QComboBox(self)
        self.tag.setObjectName("exportTag")
        self.use_dates = QCheckBox(self.tr("Only articles dated from"), self)
        self.date_from = QDateEdit(QDate.currentDate().addYears(-1), self)
        self.date_to = QDateEdit(QDate.currentDate(), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)

    def _lay_out(self, path_row: QHBoxLayout) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("CoNLL dialect:"), self.conll_dialect)
        form.addRow(self.tr("File:"), path_row)
        scope_box = QGroupBox(self.tr("Articles"), self)
        scope_layout = QVBoxLayout(scope_box)
        for button in (self.scope_all, self.scope_selected, self.scope_search):
            scope_layout.addWidget(button)
        tag_row = QFormLayout()
        tag_row.addRow(self.tr("With the tag:"), self.tag)
        scope_layout.addLayout(tag_row)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.date_to)
        scope_layout.addLayout(dates)
        filters = QGroupBox(self.tr("Annotations"), self)
        filter_layout = QVBoxLayout(filters)
        kinds_row = QHBoxLayout()
        for box in self.kinds.values():
            kinds_row.addWidget(box)
        filter_layout.addLayout(kinds_row)
        lists = QHBoxLayout()
        for label, widget in (
            (self.tr("Colours"), self.colours),
            (self.tr("Entity types"), self.types),
            (self.tr("Layers"), self.layers),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(label, self))
            column.addWidget(widget)
            lists.addLayout(column)
        filter_layout.addLayout(lists)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scope_box)
        layout.addWidget(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _load_choices(self) -> None:
        from library.marks.author_layers import author_layers
        from library.marks.entity_types import entity_types
        from library.marks.palette import colours
        from library.marks.tags import tags

        with open_library(self.lib_path) as lib:
            palette, types, all_tags = colours(lib), entity_types(lib), tags(lib)
            layers = author_layers(lib)
        # The default names in the interface's language, as everywhere else.
        for colour in palette:
            item = QListWidgetItem(
                swatch(colour.colour), shown_name(colour.id, colour.name), self.colours
            )
            item.setData(Qt.ItemDataRole.UserRole, colour.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        for entity_type in types:
            item = QListWidgetItem(
                swatch(entity_type.colour),
                shown_name(entity_type.id, entity_type.label),
                self.types,
            )
            item.setData(Qt.ItemDataRole.UserRole, entity_type.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        for layer in layers:
            who = layer.author if layer.author is not None else self.tr("Unattributed")
            item = QListWidgetItem(
                self.tr("%1 (%Ln)", "", layer.annotations).replace("%1", isolate(who)),
                self.layers,
            )
            item.setData(Qt.ItemDataRole.UserRole, layer.author or "")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.tag.addItem(self.tr("Any tag"), None)
        for tag in all_tags:
            self.tag.addItem(tag.name, tag.name)

    def _format_changed(self) -> None:
        """Follow the format in the file name's suffix (brat: a .zip in the dialog)."""
        self.conll_dialect.setEnabled(self.current_format() == "conll")
        suffix = _suffix(self.current_format())
        text = self.path.text().strip()
        if not text:
            self.path.setText(str(Path.home() / f"hashiya-notes{suffix}"))
            return
        old = Path(text)
        if old.suffix.lower() in _known_suffixes():
            self.path.setText(str(old.with_suffix(suffix)))

    # --- reading the choices -------------------------------------------------------------

    def current_format(self) -> str:
        return self.format.currentData()

    def select_format(self, fmt: str) -> None:
        self.format.setCurrentIndex(self.format.findData(fmt))

    @staticmethod
    def _checked(widget: QListWidget) -> tuple[str, ...] | None:
        items = [widget.item(i) for i in range(widget.count())]
        chosen = tuple(
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        )
        return None if len(chosen) == len(items) else chosen

    def selection(self) -> Selection:
        kinds = tuple(k for k, box in self.kinds.items() if box.isChecked())
        dates = (None, None)
        if self.use_dates.isChecked():
            dates = (
                self.date_from.date().toString("yyyy-MM-dd"),
                self.date_to.date().toString("yyyy-MM-dd"),
            )
        return Selection(
            article_ids=tuple(self.article_ids) if self.scope_selected.isChecked() else None,
            query=self.query if self.scope_search.isChecked() else None,
            tag=self.tag.currentData(),
            date_from=dates[0],
            date_to=dates[1],
            kinds=kinds,  # explicit: colour and type filters then narrow their own kind only
            colours=self._checked(self.colours),
            entity_types=self._checked(self.types),
            authors=self._layers(),
        )

    def _layers(self) -> tuple[str | None, ...] | None:
        chosen = self._checked(self.layers)
        return None if chosen is None else tuple(a or None for a in chosen)

    # --- running -------------------------------------------------------------------------

    def choose_path(self) -> None:
        fmt = self.current_format()
        suffix = _suffix(fmt)
        name = FileDialog.save_file(
            self,
            self.tr("Export to"),
            self.path.text(),
            f"{self.format.currentText()} (*{suffix});;" + self.tr("All files (*)"),
        )
        if name:
            self.path.setText(name)

    @property
    def running(self) -> bool:
        return self._ticket != 0

    def start_export(self) -> bool:
        if self.running:
            return False
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to write the export."))
            return False
        output, renamed = _with_suffix_of(Path(text).expanduser(), self.current_format())
        if renamed:  # notes.docx typed with PDF chosen: write notes.pdf, and say so
            self.path.setText(str(output))
        citations = self.current_format() in CITATIONS  # articles only, no annotations
        if not citations and not any(self.kinds[k].isChecked() for k in self.kinds):
            self.status.setText(self.tr("Choose at least one kind of annotation."))
            return False
        refusal = (
            self.tr("That is the library's own file: choose another name.")
            if is_library_file(output, self.lib_path)  # never opened, not even to look at
            else replace_refusal(self.current_format(), output)
        )
        if refusal:  # a file or folder of the user's, a device: not even with their yes
            self.status.setText(refusal)
            return False
        force = False
        if output.exists():
            answer = ask(
                self,
                self.tr("Replace the file?"),
                self.tr("%1 exists. Replace it?").replace("%1", f"\u2066{output}\u2069"),
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.status.setText(self.tr("Nothing was written."))
                return False
            force = True
        fmt = self.current_format()
        job = partial(
            export_job,
            fmt,
            output,
            self.selection(),
            force,
            conll_dialect=self.conll_dialect.currentData(),
        )
        self._ticket = self._runner.submit(self.lib_path, job, lane=LONG)
        self.export_button.setEnabled(False)
        self._note = (
            self.tr("The name now ends in %1, as the format chosen writes.").replace(
                "%1", f"\u2066{output.suffix}\u2069"
            )
            if renamed
            else ""
        )
        self.status.setText(" ".join(filter(None, [self.tr("Exporting…"), self._note])))
        return True

    def _stop(self) -> None:
        self._ticket = 0
        self.export_button.setEnabled(True)

    def _finished(self, ticket: int, result: ExportResult) -> None:
        if ticket != self._ticket:
            return
        self._stop()
        self.last_result = result
        # Counts as phrases of their own: Arabic needs the plural form of each number.
        done = (
            self.tr("Exported %1 from %2 to %3.")
            .replace("%1", self.tr("%Ln annotation(s)", "", result.annotations))
            .replace("%2", self.tr("%Ln article(s)", "", result.articles))
            .replace("%3", f"\u2066{result.output}\u2069")
        )
        parts = [done, self._relations(result), self._left_out(result), self._note]
        self.status.setText(" ".join(filter(None, parts)))
        self.exported.emit(result)

    def _relations(self, result: ExportResult) -> str:
        """The relations between mentions the export holds ("" when none)."""
        if not result.relations:
            return ""
        if result.format == "csv":
            return self.tr("%Ln relation(s) between mentions in %1.", "", result.relations).replace(
                "%1", f"\u2066{relations_path(result.output).name}\u2069"
            )
        return self.tr("%Ln relation(s) between mentions included.", "", result.relations)

    def _left_out(self, result: ExportResult) -> str:
        """What the format could not hold, said with the result ("" when nothing)."""
        if not result.left_out:
            return ""
        # Relations are counted apart: they are not annotations.
        annotations = [i for i in result.left_out if i.get("kind") != "relation"]
        relations = [i for i in result.left_out if i.get("kind") == "relation"]
        reasons = {
            "article-note": self.tr("notes on a whole article (brat has no document notes)"),
            "not-a-mention": self.tr("highlights and notes (CoNLL holds entity mentions only)"),
            "nested": self.tr("mentions inside or across another mention (CoNLL is flat)"),
            "no-entity": self.tr("mentions whose entity is not exported"),
            "relation-target-filtered": self.tr("their target mention is not exported"),
            "relation-no-mention": self.tr(
                "they point at an entity not mentioned again in the article "
                "(brat links mentions only)"
            ),
            "relation-not-held": self.tr("this format has no place for links between mentions"),
        }
        out = []
        for items, count in (
            (annotations, self.tr("%Ln annotation(s)", "", len(annotations))),
            (relations, self.tr("%Ln relation(s)", "", len(relations))),
        ):
            if not items:
                continue
            said = dict.fromkeys(
                reasons.get(item.get("reason", ""), item.get("why", "")) for item in items
            )
            out.append(
                self.tr("Left out %1: %2.")
                .replace("%1", count)
                .replace("%2", "; ".join(filter(None, said)))
            )
        return " ".join(out)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket != self._ticket:
            return
        self._stop()
        self.status.setText(self.tr("The export failed: %1").replace("%1", message))
        show_error(self, self.tr("Export failed"), self.tr("The export failed."), message)

    def done(self, result: int) -> None:
        if self._ticket:  # closing while exporting: the file is still written, unreported
            self._runner.cancel(self._ticket)
            self._ticket = 0
        if self._connected:
            self._connected = False
            self._runner.done.disconnect(self._finished)
            self._runner.failed.disconnect(self._failed)
        super().done(result)

    @classmethod
    def run(
        cls,
        parent: QWidget | None,
        lib_path: Path,
        *,
        runner: Runner,
        article_ids: Sequence[int] | None = None,
        query: str | None = None,
    ) -> ExportResult | None:
        """Show the dialog; the last successful export's result, or None."""
        dialog = cls(lib_path, runner=runner, article_ids=article_ids, query=query, parent=parent)
        dialog.exec()
        result = dialog.last_result
        dialog.deleteLater()
        return result
