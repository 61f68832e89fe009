"""Giving an entity its glossary terms in the reader: the dialog (translation to use,
spellings not to use), reached from the entity index's context menu and from the
glossary strip of the parallel view, where an entity with no term yet is listed too.
Each save is one operation with its undo; the strip and the consistency check follow
through the change stream."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from annotate_helpers import answer
from gui_helpers import add_article, open_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from library.marks.entities import tag_entity
from library.ops import translating
from library.storage.store import open_library
from library.translation.glossary import entry, terms
from library.translation.segments import segments, set_translation_language
from reader.dialogs.glossary_terms_dialog import GlossaryEdit, GlossaryTermsDialog
from reader.panels.entity_index import NAME

# Written for these tests: a made-up valley, named in the first and third sentences
# (the third time after the clitic ب).
NAME_AR = "وادي الصنوبر"
BODY = (
    "زار الوفد وادي الصنوبر صباح أمس. "
    "وتحدث المزارعون عن موسم الأمطار. "
    "ويعيش الفلاحون بوادي الصنوبر منذ زمن بعيد."
)


def make(tmp_path: Path):
    lib = open_library(tmp_path / "lib.sqlite")
    article_id = add_article(lib, "زيارة إلى الوادي", BODY, folder=tmp_path)
    start = BODY.index(NAME_AR)
    valley = tag_entity(
        lib, article_id, start, start + len(NAME_AR), entity_type="place", name=NAME_AR
    ).entity
    return lib, article_id, valley


def fill(preferred: str, forbidden: str = ""):
    def play(dialog: GlossaryTermsDialog) -> None:
        dialog.preferred.setText(preferred)
        dialog.forbidden.setPlainText(forbidden)

    return play


def choose_in_menu(name: str) -> list[str]:
    """When the next context menu is up, trigger its action called `name` and close it
    (as a user would); returns the texts of the actions it offered."""
    offered: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, pick)
            return
        offered.extend(a.text() for a in menu.actions() if a.text())
        (action,) = [a for a in menu.actions() if a.objectName() == name]
        action.trigger()
        menu.close()

    QTimer.singleShot(0, pick)
    return offered


def saved(lib, entity_id: str) -> list[tuple[str, bool]]:
    return [(t.term, t.forbidden) for t in terms(lib, entity_id, "en")]


# --- the dialog ----------------------------------------------------------------------------


def test_the_dialog_shows_the_terms_and_refuses_a_term_both_used_and_not(qtbot, tmp_path):
    lib, _article_id, valley = make(tmp_path)
    translating.set_glossary(lib, valley.id, preferred="Pine Valley", forbidden=["Pines Vale"])
    dialog = GlossaryTermsDialog(entry(lib, valley.id))
    qtbot.addWidget(dialog)
    assert dialog.preferred.text() == "Pine Valley"
    assert dialog.forbidden.toPlainText() == "Pines Vale"
    assert NAME_AR in dialog.heading.text() and "English (en)" in dialog.heading.text()
    assert dialog.ok.isEnabled() and dialog.problem.isHidden()
    # The same words, folded as the check folds them, on both sides: said, and no Save.
    dialog.forbidden.setPlainText("Pines Vale\n  PINE   valley ")
    assert not dialog.ok.isEnabled() and not dialog.problem.isHidden()
    assert "PINE valley" in dialog.problem.text()
    dialog.forbidden.setPlainText("Pines Vale\n\n  Pine   Vally \nPines Vale")
    assert dialog.ok.isEnabled() and dialog.problem.isHidden()
    assert dialog.answer() == GlossaryEdit("Pine Valley", ("Pines Vale", "Pine Vally"))


def test_a_right_to_left_target_language_is_typed_right_to_left(qtbot, tmp_path):
    lib, _article_id, valley = make(tmp_path)
    set_translation_language(lib, "fa")
    dialog = GlossaryTermsDialog(entry(lib, valley.id))
    qtbot.addWidget(dialog)
    assert dialog.preferred.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "(fa)" in dialog.heading.text()


# --- from the entity index -----------------------------------------------------------------


def test_the_entity_index_gives_a_first_term_in_one_undoable_step(qtbot, tmp_path, monkeypatch):
    lib, _article_id, valley = make(tmp_path)
    shown = answer(monkeypatch, GlossaryTermsDialog, fill("Pine Valley", "Pines Vale\nPine Vale"))

    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        index = window.entity_index
        window.entity_dock.show()
        window.entity_dock.raise_()
        qtbot.waitUntil(lambda: index.model.rowCount() == 1)
        rect = index.table.visualRect(index.proxy.index(0, NAME))
        offered = choose_in_menu("entity-glossary")
        index.table.customContextMenuRequested.emit(rect.center())
        assert "Glossary Terms…" in offered
        assert len(shown) == 1
        assert saved(lib, valley.id) == [
            ("Pine Valley", False),
            ("Pine Vale", True),
            ("Pines Vale", True),
        ]
        stack = window.annotations.stack
        assert stack.undoText() == "Edit Glossary"
        stack.undo()
        assert saved(lib, valley.id) == []
        stack.redo()
        assert ("Pine Valley", False) in saved(lib, valley.id)
        # Emptying both fields takes the entity out of the glossary; cancelling changes nothing.
        answer(monkeypatch, GlossaryTermsDialog, fill("", ""))
        choose_in_menu("entity-glossary")
        index.table.customContextMenuRequested.emit(rect.center())
        assert saved(lib, valley.id) == []
        count = stack.count()
        answer(monkeypatch, GlossaryTermsDialog, fill("Other"), result=0)
        choose_in_menu("entity-glossary")
        index.table.customContextMenuRequested.emit(rect.center())
        assert saved(lib, valley.id) == [] and stack.count() == count


# --- from the glossary strip ---------------------------------------------------------------


def translate_on(qtbot, window, article_id: int):
    assert window.open_article(article_id)
    window.translating.actions.mode.trigger()
    view = window.translating.view
    qtbot.waitUntil(view.isVisible)
    return view


def test_the_strip_lists_an_entity_without_a_term_and_gives_it_one(qtbot, tmp_path, monkeypatch):
    lib, article_id, valley = make(tmp_path)
    shown = answer(monkeypatch, GlossaryTermsDialog, fill("Pine Valley"))
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, article_id)
        strip = window.translating.strip
        view.go_to_row(2)  # بوادي الصنوبر: the clitic is not part of the name
        qtbot.waitUntil(lambda: strip.term_texts() != [])
        (line,) = strip.term_texts()
        assert NAME_AR in line and "—" in line
        item = strip.terms.item(0)
        assert item.font().italic()
        assert strip.term_action_text(0) == "Add a Term for This Entity…"
        # A translation that names the valley otherwise; the check has nothing to say yet.
        rows = segments(lib, article_id)
        window.annotations.performer.perform(
            "translate",
            lambda lib: translating.translate(
                lib, rows[2].id, "Farmers have long lived in the valley."
            ),
        )
        strip.check.click()
        assert strip.issue_texts() == []
        # Enter on the line: the dialog; saved: the strip and the check follow.
        strip.terms.setCurrentRow(0)
        strip.terms.setFocus()
        qtbot.keyClick(strip.terms, Qt.Key.Key_Return)
        assert len(shown) == 1
        assert saved(lib, valley.id) == [("Pine Valley", False)]
        qtbot.waitUntil(lambda: "Pine Valley" in " ".join(strip.term_texts()))
        assert not strip.terms.item(0).font().italic()
        assert strip.term_action_text(0) == "Glossary Terms…"
        (issue,) = strip.issue_texts()
        assert issue.startswith("Segment 3") and "Pine Valley" in issue
        # Undo: the term goes, the strip shows the dash again, the issue goes.
        window.annotations.stack.undo()
        qtbot.waitUntil(lambda: "—" in " ".join(strip.term_texts()))
        assert strip.issue_texts() == []
        assert saved(lib, valley.id) == []


def test_the_strip_context_menu_asks_for_the_terms(qtbot, tmp_path, monkeypatch):
    lib, article_id, valley = make(tmp_path)
    translating.set_glossary(lib, valley.id, preferred="Pine Valley")
    answer(monkeypatch, GlossaryTermsDialog, fill("Pine Valley", "Pine Vale"))
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, article_id)
        strip = window.translating.strip
        view.go_to_row(0)
        qtbot.waitUntil(lambda: strip.term_texts() != [])
        strip.terms.customContextMenuRequested.emit(
            strip.terms.visualItemRect(strip.terms.item(0)).center()
        )
        menu = strip.terms.findChild(QMenu, "glossaryTermMenu")
        assert menu is not None
        (action,) = menu.actions()
        assert action.text() == "Glossary Terms…"
        action.trigger()
        menu.close()
        assert saved(lib, valley.id) == [("Pine Valley", False), ("Pine Vale", True)]
        qtbot.waitUntil(lambda: "Pine Vale)" in " ".join(strip.term_texts()))


def test_a_read_only_library_asks_nothing(qtbot, tmp_path, monkeypatch):
    lib, _article_id, valley = make(tmp_path)
    shown = answer(monkeypatch, GlossaryTermsDialog, fill("Pine Valley"))
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        lib.readonly = True
        window.translating.edit_term(valley.id)
        assert shown == [] and saved(lib, valley.id) == []
        assert "read-only" in window.statusBar().currentMessage()


SHOTS = Path(os.environ.get("HASHIYA_GLOSSARY_SHOTS", "/tmp"))


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(qtbot, tmp_path, language, theme):
    lib, article_id, valley = make(tmp_path)
    translating.set_glossary(lib, valley.id, preferred="Pine Valley", forbidden=["Pines Vale"])
    with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
        window = session.window
        window.resize(1100, 700)
        view = translate_on(qtbot, window, article_id)
        view.go_to_row(0)
        strip = window.translating.strip
        qtbot.waitUntil(lambda: strip.term_texts() != [])
        dialog = GlossaryTermsDialog(entry(lib, valley.id))  # qtbot closes it first
        qtbot.addWidget(dialog)
        dialog.forbidden.setPlainText("Pines Vale\nPine valley")  # shows the refusal
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        path = SHOTS / f"glossary-terms-{language}-{theme}.png"
        assert dialog.grab().save(str(path))
        assert path.stat().st_size > 5_000
        strip_path = SHOTS / f"glossary-strip-{language}-{theme}.png"
        assert window.grab().save(str(strip_path))
