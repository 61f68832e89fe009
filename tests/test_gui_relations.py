"""Relations in the reader: made from the keyboard (R on a mention, a picker, Enter), drawn
over the article as arcs without touching the text's shaping, listed in the annotation
panel, edited and deleted there, undone; lifted to the entity index; their types edited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from annotate_helpers import answer, point, reading, select, span
from gui_helpers import add_article, answer_modals
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMenu

from library.marks import relations as rel
from library.marks.entities import tag_entity
from library.ops import relating
from library.storage.store import open_library
from reader.dialogs.relation_dialog import MentionChoice, RelationDialog, context_of
from reader.dialogs.relation_types_dialog import RelationTypesDialog
from reader.panels.relation_list import NOTE, TYPE
from reader.views.marks import Look

# Written for these tests: short, original, with a lam-alef (لا) inside a mention.
TITLE = "زيارة إلى الميناء"
BODY = (
    "التقت الدكتورة لانا حمدان رئيسة جمعية الصيادين وليد عاصي في بلدة المرسى الصغيرة صباح أمس، "
    "وتحدثا طويلاً عن موسم الصيد وعن الأسعار في السوق.\n"
    "وقالت حمدان إن جمعية الصيادين تنوي فتح مكتب جديد في المرسى قبل نهاية العام."
)
OTHER_TITLE = "خبر آخر"
OTHER_BODY = "زار وليد عاصي بلدة المرسى مرة ثانية، وقابل أعضاء جمعية الصيادين هناك."


@pytest.fixture
def library(tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    a = add_article(lib, TITLE, BODY, folder=tmp_path)
    b = add_article(lib, OTHER_TITLE, OTHER_BODY, folder=tmp_path)

    def tag(article, body, part, kind, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = body.index(part, start + 1)
        return tag_entity(lib, article, start, start + len(part), entity_type=kind).annotation

    m = {
        "lana": tag(a, BODY, "لانا حمدان", "person"),
        "guild": tag(a, BODY, "جمعية الصيادين", "organisation"),
        "walid": tag(a, BODY, "وليد عاصي", "person"),
        "town": tag(a, BODY, "المرسى", "place"),
        "walid_b": tag(b, OTHER_BODY, "وليد عاصي", "person"),
        "guild_b": tag(b, OTHER_BODY, "جمعية الصيادين", "organisation"),
    }
    yield lib, a, b, m
    lib.close()


def caret_on(window, mention) -> None:
    select(window, mention.start + 1, mention.start + 1)


def key(qtbot, window, k) -> None:
    qtbot.keyClick(window.view, k)


def pick(text: str, kind: str | None = None, note: str = "", to_entity: bool = False):
    """Play the user in the picker: filter by `text`, choose the relation, write a note."""

    def fill(dialog: RelationDialog) -> None:
        if to_entity:
            dialog.to_entity.setChecked(True)
        dialog.filter_box.setText(text)
        assert dialog.candidates.count() >= 1
        if kind is not None:
            dialog.type_box.setCurrentIndex(dialog.type_box.findData(kind))
        dialog.note.setText(note)

    return fill


def test_r_on_a_mention_relates_it_and_undo_takes_it_back(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b, m = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        caret_on(window, m["lana"])
        # Typed without the hamza and the letters' forms do not matter: folded like the index.
        shown = answer(monkeypatch, RelationDialog, pick("جمعيه", "heads", "منذ سنتين"))
        key(qtbot, window, Qt.Key.Key_R)
        assert len(shown) == 1
        [view] = rel.relations_in(lib, a)
        r = view.relation
        assert (r.source, r.target_annotation, r.type, r.note) == (
            m["lana"].id, m["guild"].id, "heads", "منذ سنتين",
        )  # fmt: skip
        # Drawn at once, listed at once.
        [arc] = window.view.relations
        assert (arc.source, arc.target) == (
            (m["lana"].start, m["lana"].end), (m["guild"].start, m["guild"].end),
        )  # fmt: skip
        table = window.annotation_panel.relation_table
        assert table.relations.rowCount() == 1
        assert window.annotations.actions.undo.text().startswith("&Undo Relate")
        window.annotations.stack.undo()
        assert rel.relations_in(lib, a) == []
        assert window.view.relations == []
        assert table.relations.rowCount() == 0
        window.annotations.stack.redo()
        assert [v.relation for v in rel.relations_in(lib, a)] == [r]


def test_the_picker_offers_only_the_types_the_two_ends_allow(qtbot, library, tmp_path):
    lib, _a, _b, m = library
    mentions = []
    dialog = RelationDialog(
        "لانا حمدان", "person", mentions=mentions, entities=[], look=Look.read(lib)
    )
    qtbot.addWidget(dialog)
    assert dialog.candidates.count() == 0
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog = RelationDialog(
        "لانا حمدان",
        "person",
        mentions=[
            MentionChoice(m["town"].id, "المرسى", "place", "المرسى"),
            MentionChoice(m["guild"].id, "جمعية الصيادين", "organisation", "جمعية الصيادين"),
        ],
        entities=[],
        look=Look.read(lib),
    )
    qtbot.addWidget(dialog)
    # A person to a place: "heads", "member of", "met with" and "located in" do not fit.
    assert dialog.target_type() == "place"
    kinds = [dialog.type_box.itemData(n) for n in range(dialog.type_box.count())]
    assert kinds == ["said-about"]
    # Down in the filter moves to the organisation: "heads" and "member of" come.
    qtbot.keyClick(dialog.filter_box, Qt.Key.Key_Down)
    kinds = [dialog.type_box.itemData(n) for n in range(dialog.type_box.count())]
    assert kinds == ["heads", "member-of", "said-about"]
    assert dialog.choice().target_annotation == m["guild"].id


def test_a_forbidden_pair_is_explained_and_cannot_be_made(qtbot, library, tmp_path):
    lib, _a, _b, m = library
    only_heads = [t for t in rel.relation_types(lib) if t.id == "heads"]
    look = Look.read(lib)
    look = type(look)(look.colours, look.types, tuple(only_heads))
    dialog = RelationDialog(
        "المرسى", "place",
        mentions=[MentionChoice(m["lana"].id, "لانا حمدان", "person", "لانا حمدان")],
        entities=[], look=look,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    assert dialog.type_box.count() == 0
    assert "Place" in dialog.refusal.text() and "Person" in dialog.refusal.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.choice() is None


def test_relate_to_an_entity_from_the_context_menu_draws_a_line_to_the_margin(
    qtbot, library, tmp_path, monkeypatch
):
    lib, _a, b, m = library
    with reading(qtbot, lib, tmp_path, b) as session:
        window = session.window
        view = window.view
        answer(monkeypatch, RelationDialog, pick("لانا", "met-with", to_entity=True))
        menu = QMenu()
        window.annotations.annotator.extend_menu(menu, point(view, m["walid_b"].start + 2))
        [relate] = [x for x in menu.actions() if x.text().startswith("Relate")]
        relate.trigger()
        [v] = rel.relations_in(lib, b)
        assert (v.relation.source, v.relation.target_entity) == (
            m["walid_b"].id,
            m["lana"].entity_id,
        )
        [arc] = view.relations
        assert arc.target is None and arc.entity == "لانا حمدان"
        [placed] = view.placed_relations()
        # Arabic page: the line leaves to the left margin, where the name is written.
        frame = view.document().rootFrame().frameFormat()
        assert placed.entity_at.x() < frame.leftMargin()
        assert "met with" in placed.entity and "لانا حمدان" in placed.entity


def _render(view) -> QImage:
    return view.viewport().grab().toImage()


def test_arcs_are_painted_over_the_text_and_leave_the_glyphs_alone(qtbot, library, tmp_path):
    """The arcs are an overlay: the document holds no format for them, the pixels away
    from the arcs are exactly those of the page without relations, and the toggle in the
    View menu (remembered) hides them."""
    lib, a, _b, m = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        view = window.view
        view.verticalScrollBar().setValue(0)
        QApplication.processEvents()
        before = _render(view)
        text_before = view.document().toHtml()
        relating.relate(lib, m["lana"].id, m["walid"].id, type="met-with")
        # On different lines: from the first line to the second paragraph.
        relating.relate(lib, m["guild"].id, m["town"].id, type="located-in")
        window.annotations.show_article(a)
        assert len(view.relations) == 2
        placed = view.placed_relations()
        assert len(placed) == 2
        after = _render(view)
        assert after != before  # something is drawn
        assert view.document().toHtml() == text_before  # and not into the text
        # Away from the arcs and their labels every pixel is as it was.
        region = [p.path.controlPointRect().adjusted(-60, -30, 60, 30) for p in placed]
        dy = view.verticalScrollBar().value()
        changed = 0
        for y in range(0, after.height(), 3):
            for x in range(0, after.width(), 3):
                if before.pixel(x, y) != after.pixel(x, y):
                    changed += 1
                    assert any(r.contains(x, y + dy) for r in region), (x, y)
        assert changed > 20
        # View ▸ Show Relations off: the page is the same as without relations.
        toggle = window.annotations.actions.show_relations
        assert toggle in window.menus.view.actions()
        toggle.trigger()
        assert _render(view) == before
        assert session.settings.store.value("view/showRelations", type=bool) is False
    # Remembered: the next window opens with relations hidden.
    with reading(qtbot, lib, tmp_path, a) as session:
        assert not session.window.annotations.actions.show_relations.isChecked()
        assert not session.window.view.relations_shown
        assert len(session.window.view.relations) == 2


def test_the_panel_lists_edits_and_deletes_relations_undoably(
    qtbot, library, tmp_path, monkeypatch
):
    lib, a, _b, m = library
    relating.relate(lib, m["lana"].id, m["guild"].id, type="heads")
    relating.relate(lib, m["lana"].id, target_entity=m["town"].entity_id, type="said-about")
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        table = window.annotation_panel.relation_table
        model = table.relations
        assert model.rowCount() == 2
        texts = {
            model.rows[r].view.relation.type: [model.index(r, c).data() for c in range(4)]
            for r in range(2)
        }
        assert texts["heads"][:3] == ["لانا حمدان", "heads", "جمعية الصيادين"]
        assert texts["said-about"][2] == "⟨المرسى⟩"  # the entity, not a mention
        assert "Relations: 2" in window.annotation_panel.relations_label.text()
        heads = next(r for r in range(2) if model.rows[r].view.relation.type == "heads")
        heads_id = model.rows[heads].id

        def current():
            return rel.get_relation(lib, heads_id)

        # Clicking shows the source mention in the article.
        table.clicked.emit(model.index(heads, 0))
        assert window.view.selection_span() == (m["lana"].start, m["lana"].end)
        # The type, from a box of the allowed types; the note, typed in place.
        model.setData(model.index(heads, TYPE), "member-of")
        qtbot.waitUntil(lambda: current().type == "member-of")
        heads = model.row_of(heads_id)
        model.setData(model.index(heads, NOTE), "حسب البيان")
        qtbot.waitUntil(lambda: current().note == "حسب البيان")
        assert window.annotations.actions.undo.text().startswith("&Undo Edit Relation")
        # Delete on the selected row removes it; undo brings it back.
        table.setFocus()
        table.selectRow(1 - model.row_of(heads_id))
        qtbot.keyClick(table, Qt.Key.Key_Delete)
        assert len(rel.relations_in(lib, a)) == 1
        assert model.rowCount() == 1
        window.annotations.stack.undo()
        assert len(rel.relations_in(lib, a)) == 2
        assert model.rowCount() == 2
        # A refused type (the library checks again) is explained and changes nothing.
        seen = answer_modals(monkeypatch)
        window.annotations.relating.edit(heads_id, "type", "located-in")
        assert seen and "relation goes" in seen[0]
        assert current().type == "member-of"


def test_the_arabic_interface_shows_the_arabic_names_of_relation_types(qtbot, library, tmp_path):
    lib, a, _b, m = library
    relating.relate(lib, m["lana"].id, m["guild"].id, type="heads")
    with reading(qtbot, lib, tmp_path, a, language="ar") as session:
        model = session.window.annotation_panel.relation_table.relations
        assert model.index(0, TYPE).data() == "رئيس"
        assert session.window.view.relations[0].label == "رئيس"


def test_the_entity_index_lists_an_entitys_relations_and_opens_their_mention(
    qtbot, library, tmp_path
):
    lib, a, b, m = library
    relating.relate(lib, m["walid"].id, m["guild"].id, type="member-of")
    relating.relate(lib, m["walid_b"].id, m["guild_b"].id, type="member-of")
    relating.relate(lib, m["lana"].id, m["walid"].id, type="met-with")
    with reading(qtbot, lib, tmp_path, b) as session:
        window = session.window
        window.entity_dock.show()
        index = window.entity_index
        assert index.select_entity(m["walid"].entity_id)
        pane = index.relations_pane
        rows = [(r.type, r.outgoing, r.count, r.articles) for r in pane.model.rows]
        assert rows == [("member-of", True, 2, 2), ("met-with", False, 1, 1)]
        assert pane.model.index(0, 2).data() == "جمعية الصيادين"
        assert pane.model.index(1, 2).data() == "لانا حمدان"
        # Activating the incoming "met with" opens article A at Walid's mention there.
        pane.table.activated.emit(pane.model.index(1, 0))
        assert window.view.article.id == a
        assert window.view.selection_span() == (m["walid"].start, m["walid"].end)


def test_relation_types_are_edited_in_a_dialog_and_undone(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b, m = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window

        def fill(dialog: RelationTypesDialog) -> None:
            dialog.add_type()
            dialog.label.setText("funds")
            dialog.label.textEdited.emit("funds")
            dialog.label_ar.setText("يموّل")
            dialog.label_ar.textEdited.emit("يموّل")
            organisation = next(
                dialog.sources.item(n) for n in range(dialog.sources.count())
                if dialog.sources.item(n).data(Qt.ItemDataRole.UserRole) == "organisation"
            )  # fmt: skip
            organisation.setCheckState(Qt.CheckState.Checked)
            # And "said about" goes first.
            dialog.list.setCurrentRow(4)
            dialog.move(-1)

        answer(monkeypatch, RelationTypesDialog, fill)
        action = window.annotations.actions.relation_types
        assert action in window.annotations.actions.menu.actions()
        action.trigger()
        types = rel.relation_types(lib)
        assert [t.id for t in types][3:] == ["said-about", "located-in", "relation"]
        assert (types[-1].label, types[-1].label_ar, types[-1].source_types) == (
            "funds", "يموّل", ("organisation",),
        )  # fmt: skip
        assert window.annotations.look.relations == tuple(types)
        window.annotations.stack.undo()
        assert [t.id for t in rel.relation_types(lib)] == [
            "heads", "member-of", "met-with", "located-in", "said-about",
        ]  # fmt: skip
        # A type in use cannot be removed: the library says why, nothing changes.
        relating.relate(lib, m["lana"].id, m["guild"].id, type="heads")
        seen = answer_modals(monkeypatch)
        answer(
            monkeypatch, RelationTypesDialog, lambda d: (d.list.setCurrentRow(0), d.remove_type())
        )
        action.trigger()
        assert seen and "used by 1 relation" in seen[0]
        assert rel.relation_types(lib)[0].id == "heads"


def test_the_picker_works_from_the_keyboard(qtbot, library):
    lib, _a, _b, m = library
    dialog = RelationDialog(
        "لانا حمدان", "person",
        mentions=[
            MentionChoice(m["guild"].id, "جمعية الصيادين", "organisation", "جمعية الصيادين"),
            MentionChoice(m["walid"].id, "وليد عاصي", "person", "وليد عاصي"),
        ],
        entities=[], look=Look.read(lib),
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.filter_box)
    dialog.filter_box.insert("وليد")  # QTest cannot type letters outside Latin-1
    assert dialog.candidates.count() == 1
    qtbot.keyClick(dialog.filter_box, Qt.Key.Key_Return)
    assert dialog.result() == RelationDialog.DialogCode.Accepted
    choice = dialog.choice()
    assert (choice.target_annotation, choice.type) == (m["walid"].id, "met-with")


def test_r_without_a_mention_under_the_caret_says_what_to_do(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b, _m = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        shown = answer(monkeypatch, RelationDialog)
        start, _ = span(BODY, "موسم")
        select(window, start + 1, start + 1)
        key(qtbot, window, Qt.Key.Key_R)
        assert shown == []
        assert "tagged entity" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("language", "theme"), [("en", "light"), ("en", "dark"), ("ar", "light"), ("ar", "dark")]
)
def test_relation_screenshots(qtbot, library, tmp_path, language, theme):
    """Pictures to look at: the article with its arcs and the panel's relations, the entity
    index's relations, the picker. HASHIYA_RELATION_SHOTS=folder keeps them there."""
    lib, a, _b, m = library
    relating.relate(lib, m["lana"].id, m["guild"].id, type="heads")
    relating.relate(lib, m["lana"].id, m["walid"].id, type="met-with", note="في المرسى")
    relating.relate(lib, m["guild"].id, m["town"].id, type="located-in")
    relating.relate(lib, m["walid"].id, target_entity=m["town"].entity_id, type="said-about")
    relating.relate(lib, m["walid_b"].id, m["guild_b"].id, type="member-of")
    folder = Path(os.environ.get("HASHIYA_RELATION_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = f"{language}-{theme}"
    with reading(qtbot, lib, tmp_path, a, language=language, theme=theme) as session:
        window = session.window
        window.resize(1400, 860)
        window.annotation_dock.show()
        window.annotation_panel.splitter.setSizes([300, 260])
        QApplication.processEvents()
        shot = window.grab()
        assert shot.save(str(folder / f"relations-article-{suffix}.png"))
        window.entity_dock.show()
        window.entity_dock.raise_()
        index = window.entity_index
        assert index.select_entity(m["lana"].entity_id)
        index.details.setCurrentWidget(index.relations_pane)
        QApplication.processEvents()
        assert index.relations_pane.model.rowCount() == 2
        assert index.grab().save(str(folder / f"relations-entity-index-{suffix}.png"))
        marks = window.annotations.marks
        mentions = [
            MentionChoice(x.id, x.exact, marks.entities[x.entity_id].type,
                          marks.entities[x.entity_id].name, context_of(BODY, x.start, x.end))
            for x in marks.annotations if x.id != m["lana"].id
        ]  # fmt: skip
        dialog = RelationDialog(
            "لانا حمدان", "person", mentions=mentions, entities=[], look=Look.read(lib),
            parent=window,
        )  # fmt: skip
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.filter_box.setText("الصيادين")
        dialog.note.setText("منذ عامين")
        QApplication.processEvents()
        assert dialog.grab().save(str(folder / f"relations-picker-{suffix}.png"))
        dialog.close()
        dialog.deleteLater()
        look = Look.read(lib)
        types = RelationTypesDialog(look.relations, look, window)
        types.show()
        qtbot.waitExposed(types)
        assert types.list.count() == 5
        assert types.grab().save(str(folder / f"relation-types-{suffix}.png"))
        types.close()
        types.deleteLater()


def test_names_in_the_relation_dialogs_are_shown_as_plain_text(qtbot, library):
    """A mention or a type named like markup is shown as written, never as rich text."""
    lib, _a, _b, _m = library
    evil = '<b>Evil</b> <img src="file:///etc/hostname">'
    look = Look.read(lib)
    picker = RelationDialog(evil, "person", mentions=[], entities=[], look=look)
    types = RelationTypesDialog(look.relations, look)
    for dialog in (picker, types):
        qtbot.addWidget(dialog)
        for label in dialog.findChildren(QLabel):
            rich = label.textFormat() == Qt.TextFormat.RichText or (
                label.textFormat() == Qt.TextFormat.AutoText and "<" in label.text()
            )
            assert not rich, label.text()
    assert evil in picker.header.text()


def test_arcs_follow_the_text_when_it_is_laid_out_again(qtbot, library, tmp_path):
    lib, a, _b, m = library
    relating.relate(lib, m["lana"].id, m["walid"].id, type="met-with")
    with reading(qtbot, lib, tmp_path, a) as session:
        view = session.window.view
        [before] = view.placed_relations()
        view.zoom_in()
        view.zoom_in()
        [after] = view.placed_relations()
        # Measured again on the new layout: the ends moved with the words.
        assert after.path.pointAtPercent(0) != before.path.pointAtPercent(0)
        assert view.relations and view.relations_shown
