"""What the Arabic interface says: no English left, one digit style in a view, the right
plural forms, isolated mixed-direction names, and export names that follow the format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import Qt
from test_export_library import build_library

from library.storage.store import open_library
from reader.dialogs.export_dialog import ExportDialog
from reader.views.library_model import DATE, WORDS

LATIN_DIGIT = re.compile(r"[0-9]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
ARABIC_INDIC = re.compile(r"[٠-٩]")


@pytest.fixture(scope="module")
def library_file(tmp_path_factory) -> Path:
    return build_library(tmp_path_factory.mktemp("arabic-ui"))


@pytest.fixture
def arabic_window(qtbot, library_file, tmp_path):
    """A window in Arabic on the exported library (the dialogs are its children)."""
    lib = open_library(library_file)
    with open_window(qtbot, lib, tmp_path, language="ar") as session:
        yield session.window
    lib.close()


def test_the_export_dialog_names_colours_types_and_formats_in_arabic(
    qtbot, arabic_window, library_file
):
    dialog = ExportDialog(library_file, runner=arabic_window.runner, parent=arabic_window)
    colours = [dialog.colours.item(i).text() for i in range(dialog.colours.count())]
    types = [dialog.types.item(i).text() for i in range(dialog.types.count())]
    assert "اقتباس" in colours and "شخص" in types
    assert not [t for t in colours + types if LATIN_WORD.search(t)]
    formats = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    # Latin runs inside Arabic names are isolated, so the mirrored combo box reads right.
    for name in formats:
        for run in LATIN_WORD.findall(name):
            start = name.index(run)
            assert "\u2068" in name[:start], name


def test_an_export_name_follows_the_format_and_says_so(
    qtbot, arabic_window, library_file, tmp_path
):
    dialog = ExportDialog(library_file, runner=arabic_window.runner, parent=arabic_window)
    dialog.select_format("csv")
    dialog.path.setText(str(tmp_path / "notes.docx"))  # a name from an earlier export
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)
    assert (tmp_path / "notes.csv").exists() and not (tmp_path / "notes.docx").exists()
    status = dialog.status.text()
    assert ".csv" in status and "صار الاسم" in status
    # Two articles are "مقالين" after من, not "2 مقالًا"; the counts in Arabic digits.
    result = dialog.last_result
    assert result.articles >= 2
    if result.articles == 2:
        assert "مقالين" in status
    assert not LATIN_DIGIT.search(status.split("\u2066")[0])


def test_one_digit_style_in_the_library_list(qtbot, tmp_path, lib):
    add_article(lib, "الأمين العام يزور المدينة", "زار الأمين العام المدينة أمس.", folder=tmp_path)
    lib.conn.execute("UPDATE articles SET date = '2024-10-02T09:00:00'")
    lib.conn.commit()
    with open_window(qtbot, lib, tmp_path, language="ar") as session:
        model = session.window.model
        date = model.index(0, DATE).data()
        words = model.index(0, WORDS).data()
        assert ARABIC_INDIC.search(words) and ARABIC_INDIC.search(date)
        assert not LATIN_DIGIT.search(date + words)


def test_a_query_that_cannot_run_is_explained_in_arabic(qtbot, tmp_path, lib):
    add_article(lib, "خبر", "نص قصير عن المدينة.", folder=tmp_path)
    with open_window(qtbot, lib, tmp_path, language="ar") as session:
        window = session.window
        window.search.search_now("-المدينة")
        status = window.search_panel.status
        qtbot.waitUntil(lambda: "المقالات" in status.text(), timeout=5000)
        assert not LATIN_WORD.search(status.text().replace("-", ""))


def test_a_list_of_shortcuts_reads_as_one_left_to_right_run(qtbot, tmp_path, lib):
    from PySide6.QtGui import QAction, QKeySequence

    from reader.dialogs.shortcuts_dialog import shortcut_rows

    action = QAction("Search Library…")
    action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])
    ((_label, keys),) = shortcut_rows([action])
    # One isolate around the whole list: inside it the comma keeps the keys in order.
    assert keys.startswith("\u2066") and keys.endswith("\u2069")
    assert keys.count("\u2066") == 1 and keys.index("K") < keys.index("F")


def test_counts_take_their_arabic_plural_forms(qtbot, tmp_path, lib):
    from library.storage.maintenance import CheckReport
    from reader.window.maintenance_menu import CheckDialog

    with open_window(qtbot, lib, tmp_path, language="ar") as session:
        texts = {}
        for articles, annotations in [(1, 2), (2, 1), (7, 11), (11, 100)]:
            dialog = CheckDialog(
                CheckReport(articles=articles, annotations=annotations), session.window
            )
            texts[articles] = dialog.summary.text()
            dialog.deleteLater()
        assert "مقال واحد" in texts[1] and "تعليقان" in texts[1]
        assert "مقالان" in texts[2] and "تعليق واحد" in texts[2]
        assert "٧ مقالات" in texts[7] and "١١ تعليقًا" in texts[7]
        assert "١١ مقالًا" in texts[11] and "١٠٠ تعليق" in texts[11]
        assert not LATIN_DIGIT.search("".join(texts.values()))
