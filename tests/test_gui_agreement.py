"""Team ▸ Agreement: the dialog computes on the runner and shows the numbers the core
computes, for two and for three annotators; what it says when it cannot; screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_agreement import BODY, LAYERS, OTHER, tag

from library.storage.store import open_library
from library.team.agreement import agreement
from reader.team.agreement_dialog import (
    A_ONLY,
    ALPHA,
    B_ONLY,
    BOTH,
    F1,
    KAPPA,
    TYPE,
    number,
)

SHOTS = Path(os.environ.get("HASHIYA_TEAM_SHOTS", "/tmp/hashiya-team-shots"))


def make(tmp_path: Path):
    lib = open_library(tmp_path / "lib.sqlite")
    article = add_article(lib, "زيارة إلى حلب", BODY, folder=tmp_path)
    for author, marks in LAYERS.items():
        for part, kind in marks:
            tag(lib, article, part, kind, author)
    return lib, article


def open_dialog(qtbot, window):
    window.menus.team_actions.agreement.trigger()
    dialog = window.menus.team_actions.agreement_dialog
    qtbot.waitExposed(dialog)
    return dialog


def cell(dialog, row, column):
    return dialog.model.index(row, column).data()


def check(dialog, name, on=True):
    for row in range(dialog.authors.count()):
        item = dialog.authors.item(row)
        if item.text().startswith(f"\u2068{name}\u2069"):
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            return
    raise AssertionError(name)


def test_the_table_shows_what_the_core_computes(qtbot, tmp_path):
    lib, _ = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        dialog = open_dialog(qtbot, session.window)
        assert dialog.chosen() == ["amal", "bilal"]  # the first two, to begin with
        qtbot.waitUntil(lambda: dialog.result is not None)
        expected = agreement(lib, ["amal", "bilal"])
        rows = [*expected.per_type.items(), ("Overall", expected.overall)]
        assert dialog.model.rowCount() == len(rows) == 5
        for row, (kind, s) in enumerate(rows):
            assert cell(dialog, row, TYPE) == {"person": "Person", "place": "Place",
                "organisation": "Organisation", "date": "Date"}.get(kind, kind)  # fmt: skip
            assert [cell(dialog, row, c) for c in (F1, KAPPA, ALPHA, BOTH, A_ONLY, B_ONLY)] == [
                number(s.f1), number(s.kappa), number(s.alpha),
                str(s.both), str(s.a_only), str(s.b_only),
            ]  # fmt: skip
        assert cell(dialog, 4, F1) == "0.333" and cell(dialog, 4, KAPPA) == "0.420"
        header = dialog.model.headerData(A_ONLY, Qt.Orientation.Horizontal)
        assert header == "Only \u2068amal\u2069"
        assert "Cohen's kappa" in dialog.summary.text()
        assert "1 article(s) in common" in dialog.summary.text()
        assert not dialog.pairs.isVisibleTo(dialog)

        check(dialog, "camila")
        qtbot.waitUntil(lambda: dialog.result is not None and len(dialog.result.authors) == 3)
        three = agreement(lib, ["amal", "bilal", "camila"])
        assert cell(dialog, 4, KAPPA) == number(three.overall.kappa)
        assert cell(dialog, 4, F1) == number(three.overall.f1)
        assert "Fleiss' kappa" in dialog.summary.text()
        assert dialog.pairs.isVisibleTo(dialog) and dialog.pairs_model.rowCount() == 3
        pair = dialog.pairs_model.index(1, 1).data()
        assert pair == number(three.pairs[1].overall.f1) == "0.667"

        check(dialog, "amal", on=False)
        check(dialog, "bilal", on=False)
        assert dialog.summary.text() == "Check at least two annotators."
        assert dialog.model.rowCount() == 0
        dialog.close()


def test_no_article_in_common_is_said_in_the_dialog(qtbot, tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    first = add_article(lib, "خبر", BODY, folder=tmp_path)
    second = add_article(lib, "خبر آخر", OTHER, folder=tmp_path)
    tag(lib, first, "حلب", "place", "amal")
    tag(lib, second, "حمص", "place", "bilal")
    with open_window(qtbot, lib, tmp_path) as session:
        dialog = open_dialog(qtbot, session.window)
        qtbot.waitUntil(lambda: "no article in common" in dialog.summary.text())
        assert dialog.model.rowCount() == 0
        dialog.close()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(qtbot, tmp_path, language, theme):
    lib, _ = make(tmp_path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
        dialog = open_dialog(qtbot, session.window)
        check(dialog, "camila")
        qtbot.waitUntil(lambda: dialog.result is not None and len(dialog.result.authors) == 3)
        QApplication.processEvents()
        path = SHOTS / f"agreement-{language}-{theme}.png"
        assert dialog.grab().save(str(path))
        assert path.stat().st_size > 10_000
        dialog.close()
