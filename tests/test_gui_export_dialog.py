"""The Export dialog, driven through its widgets against a real temporary library."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from test_export_library import TITLE_B, build_library, ids_by_title

from library.storage.store import open_library
from reader.dialogs.export_dialog import ExportDialog
from reader.workers.runner import Runner


@pytest.fixture(scope="module")
def library_file(tmp_path_factory) -> Path:
    return build_library(tmp_path_factory.mktemp("dialog"))


@pytest.fixture
def runner(qtbot):
    r = Runner()
    yield r
    assert r.shutdown()


@pytest.fixture
def dialog(qtbot, library_file, runner):
    d = ExportDialog(library_file, runner=runner)
    qtbot.addWidget(d)
    yield d
    if d.running:
        qtbot.waitUntil(lambda: not d.running, timeout=10_000)


def run_export(qtbot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)


def uncheck(widget, data: str) -> None:
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == data:
            widget.item(i).setCheckState(Qt.CheckState.Unchecked)


def test_filters_from_the_widgets(qtbot, dialog, tmp_path):
    assert dialog.scope_all.isChecked() and not dialog.scope_selected.isEnabled()
    dialog.select_format("csv")
    assert dialog.path.text().endswith(".csv")
    target = tmp_path / "notes.csv"
    dialog.path.setText(str(target))
    dialog.kinds["note"].setChecked(False)
    uncheck(dialog.colours, "pink")
    uncheck(dialog.types, "person")
    with qtbot.waitSignal(dialog.exported, timeout=15_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    kinds = sorted({(r["kind"], r["colour"] or r["entity_type"]) for r in rows})
    assert kinds == [("entity", "date"), ("entity", "event"), ("entity", "organisation"),
                     ("entity", "place"), ("highlight", "green"), ("highlight", "yellow")]  # fmt: skip
    assert str(target) in dialog.status.text() and dialog.last_result.annotations == len(rows)


def test_tag_and_date_filters(qtbot, dialog, tmp_path):
    dialog.select_format("json")
    dialog.path.setText(str(tmp_path / "gaza.jsonld"))
    dialog.tag.setCurrentIndex(dialog.tag.findData("Gaza"))
    dialog.use_dates.setChecked(True)
    dialog.date_from.setDate(dialog.date_from.date().fromString("2024-01-01", "yyyy-MM-dd"))
    dialog.date_to.setDate(dialog.date_to.date().fromString("2024-12-31", "yyyy-MM-dd"))
    run_export(qtbot, dialog)
    doc = json.loads((tmp_path / "gaza.jsonld").read_text(encoding="utf-8"))
    titles = {i["target"]["source"]["dc:title"] for i in doc["first"]["items"]}
    assert titles == {TITLE_B}


def test_selected_articles_and_search_result_scopes(qtbot, library_file, tmp_path, runner):
    with open_library(library_file) as lib:
        b = ids_by_title(lib)[TITLE_B]
    d = ExportDialog(library_file, runner=runner, article_ids=[b], query="الوساطة")
    qtbot.addWidget(d)
    assert d.scope_selected.isChecked() and d.scope_search.isEnabled()
    d.select_format("markdown")
    d.path.setText(str(tmp_path / "sel.md"))
    run_export(qtbot, d)
    assert TITLE_B in (tmp_path / "sel.md").read_text(encoding="utf-8")
    d.scope_search.setChecked(True)
    d.path.setText(str(tmp_path / "search.md"))
    run_export(qtbot, d)
    text = (tmp_path / "search.md").read_text(encoding="utf-8")
    assert TITLE_B not in text and "الوساطة" in text


def test_asks_before_overwriting(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "keep.md"
    target.write_text("# Hashiya notes\n\nmine", encoding="utf-8")  # an earlier export
    dialog.select_format("markdown")
    dialog.path.setText(str(target))
    answers = []

    def answer(reply):
        def question(*args, **kwargs):
            answers.append(args[2])
            return reply

        return question

    monkeypatch.setattr("reader.dialogs.export_dialog.ask", answer(QMessageBox.StandardButton.No))
    assert dialog.start_export() is False
    assert target.read_text(encoding="utf-8").endswith("mine") and "keep.md" in answers[0]
    monkeypatch.setattr("reader.dialogs.export_dialog.ask", answer(QMessageBox.StandardButton.Yes))
    run_export(qtbot, dialog)
    assert target.read_text(encoding="utf-8").startswith("# Hashiya notes")


@pytest.mark.timeout(30)
def test_refuses_to_replace_what_no_export_wrote(qtbot, dialog, tmp_path, monkeypatch):
    import os

    thesis = tmp_path / "thesis.md"
    thesis.write_text("my thesis", encoding="utf-8")
    folder = tmp_path / "Documents"
    (folder / "papers").mkdir(parents=True)
    (folder / "thesis.txt").write_text("my thesis", encoding="utf-8")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    asked = []
    monkeypatch.setattr(
        "reader.dialogs.export_dialog.ask",
        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes,
    )
    for fmt, target, words in (
        ("markdown", thesis, "not an earlier Markdown export"),
        ("brat", folder, "thesis.txt"),
        ("markdown", fifo, "named pipe"),
    ):
        dialog.select_format(fmt)
        dialog.path.setText(str(target))
        assert dialog.start_export() is False
        assert words in dialog.status.text() and not dialog.running
    assert asked == []  # refused before asking: the user's "yes" would not change it
    assert thesis.read_text(encoding="utf-8") == "my thesis"
    assert sorted(p.name for p in folder.iterdir()) == ["papers", "thesis.txt"]
    assert fifo.is_fifo()


def test_a_failure_is_shown_and_nothing_written(qtbot, dialog, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "reader.dialogs.export_dialog.show_error",
        lambda parent, title, text, details="": shown.append(details),
    )
    dialog.select_format("tei")
    dialog.path.setText(str(tmp_path / "missing-folder" / "x.xml"))
    run_export(qtbot, dialog)
    assert shown and "does not exist" in shown[0]
    assert "failed" in dialog.status.text() and dialog.export_button.isEnabled()
    assert not (tmp_path / "missing-folder").exists()


def test_pdf_on_the_worker_thread(qtbot, dialog, tmp_path):
    dialog.select_format("pdf")
    assert dialog.path.text().endswith(".pdf")
    dialog.path.setText(str(tmp_path / "notes.pdf"))
    run_export(qtbot, dialog)
    assert (tmp_path / "notes.pdf").read_bytes().startswith(b"%PDF-")
    dialog.grab().save(str(tmp_path / "export-dialog.png"))


def test_run_classmethod_returns_the_result(qtbot, library_file, tmp_path, monkeypatch, runner):
    target = tmp_path / "run.conll"

    def fake_exec(self):
        self.select_format("conll")
        self.path.setText(str(target))
        self.start_export()
        qtbot.waitUntil(lambda: not self.running, timeout=15_000)
        return QDialog.DialogCode.Rejected  # closed with Close after the export

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    result = ExportDialog.run(None, library_file, runner=runner)
    assert result is not None and result.output == target and result.format == "conll"
    assert target.read_text(encoding="utf-8").startswith("-DOCSTART- -X- O O\n\n")
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert ExportDialog.run(None, library_file, runner=runner) is None


def test_conll_dialect_choice_and_what_was_left_out(qtbot, dialog, tmp_path):
    assert not dialog.conll_dialect.isEnabled()  # Markdown: no dialect to choose
    dialog.select_format("conll")
    assert dialog.conll_dialect.isEnabled()
    assert dialog.conll_dialect.currentData() == "conll2003"
    dialog.conll_dialect.setCurrentIndex(dialog.conll_dialect.findData("commented"))
    target = tmp_path / "commented.conll"
    dialog.path.setText(str(target))
    run_export(qtbot, dialog)
    assert target.read_text(encoding="utf-8").startswith("# doc_id = urn:hashiya:article:")
    result = dialog.last_result
    # 7 mentions written; the 3 notes and 3 highlights are not CoNLL's, and said so.
    assert result.annotations == 7 and len(result.left_out) == 6
    assert "Left out" in dialog.status.text() and "CoNLL" in dialog.status.text()
    dialog.select_format("brat")
    assert not dialog.conll_dialect.isEnabled()
    dialog.path.setText(str(tmp_path / "notes.zip"))
    run_export(qtbot, dialog)
    assert dialog.last_result.annotations == 12 and len(dialog.last_result.left_out) == 1
    assert "whole article" in dialog.status.text()


def test_file_menu_opens_the_export_dialog_with_the_article_and_search(
    qtbot, tmp_path, monkeypatch
):
    from gui_helpers import open_window, sample_library

    from reader.dialogs.export_dialog import ExportDialog

    calls = []
    monkeypatch.setattr(
        ExportDialog, "run", classmethod(lambda cls, parent, path, **kw: calls.append((path, kw)))
    )
    lib = sample_library(tmp_path / "lib.sqlite")
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        assert window.acts.export_notes in window.menus.file.actions()
        window.open_article(2)
        window.search_panel.box.setText("المياه")
        window.acts.export_notes.trigger()
        runner = window.runner
    lib.close()
    assert calls == [(lib.path, {"runner": runner, "article_ids": [2], "query": "المياه"})]
