"""View ▸ Layers: a team's layers over one article, shown, hidden and coloured by author."""

from __future__ import annotations

import pytest
from annotate_helpers import BODY_A, OIC, make_library, reading, span
from PySide6.QtGui import QColor

from library.ops import naming
from reader.annotate.author_layers import layer_colours
from reader.annotate.workspace import LAYER
from reader.views.highlight_painter import SpanStyle


@pytest.fixture
def team(tmp_path):
    lib, a, _b = make_library(tmp_path / "lib.sqlite")
    start, end = span(BODY_A, OIC, 1)
    # Two people tagged the same words; a third only a name.
    naming.tag_entity(lib, a, start, end, entity_type="organisation", author="amal")
    naming.tag_entity(lib, a, start, end, entity_type="organisation", author="bilal")
    name = span(BODY_A, "عادل فهمي")
    naming.tag_entity(lib, a, *name, entity_type="person", author="bilal")
    return lib, a


def underlines(window) -> list[tuple[int, int, str]]:
    spans = window.view._layers.get(LAYER, [])
    return sorted(
        (s.start, s.end, QColor(s.colour).name())
        for s in spans
        if s.style in (SpanStyle.UNDERLINE, SpanStyle.UNDERLINE_LOW)
    )


def layer_action(window, author: str):
    layers = window.annotations.layers
    layers.refresh()  # what opening the menu does
    return next(a for a in layers.menu.actions() if a.objectName() == f"layer:{author}")


def test_hiding_a_layer_hides_its_marks_and_is_remembered(qtbot, team, tmp_path):
    lib, a = team
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        ws = window.annotations
        assert len(ws.marks.annotations) == 3
        assert [layer.author for layer in ws.layers.layers] == ["bilal", "amal"]
        layer_action(window, "bilal").setChecked(False)
        assert [m.author for m in ws.marks.annotations] == ["amal"]
        assert ws.panel.model.rowCount() == 1  # the annotation panel follows
        assert len(underlines(window)) == 1
        # The menu is read again on opening; the choice survives another library's visit.
        assert not layer_action(window, "bilal").isChecked()
        ws.layers.set_library(lib)
        assert ws.layers.hidden == frozenset({"bilal"})
        ws.layers.show_all.trigger()
        assert len(ws.marks.annotations) == 3


def test_colour_by_author_underlines_each_layer_in_its_colour(qtbot, team, tmp_path):
    lib, a = team
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        ws = window.annotations
        by_type = underlines(window)
        # The two organisation mentions share their type's colour.
        org = [c for s, _e, c in by_type if s == span(BODY_A, OIC, 1)[0]]
        assert len(org) == 2 and org[0] == org[1]
        ws.layers.colour_by_layer.setChecked(True)
        colours = layer_colours(["amal", "bilal"])
        by_author = underlines(window)
        org = sorted(c for s, _e, c in by_author if s == span(BODY_A, OIC, 1)[0])
        assert org == sorted([colours["amal"].name(), colours["bilal"].name()])
        assert colours["amal"] != colours["bilal"]
        ws.layers.colour_by_layer.setChecked(False)
        assert underlines(window) == by_type


def test_the_counts_are_read_again_only_after_a_change(qtbot, team, tmp_path, monkeypatch):
    import reader.annotate.author_layers as module

    lib, a = team
    reads = []
    real = module.author_layers
    monkeypatch.setattr(module, "author_layers", lambda lib: reads.append(1) or real(lib))
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        layers = window.annotations.layers
        layers.refresh()
        before = len(reads)
        layers.refresh()
        layers.refresh()  # opening the menu again reads nothing
        assert len(reads) == before
        start, end = span(BODY_A, "الرياض")
        window.annotations.performer.perform(
            "tag-entity",
            lambda lib: naming.tag_entity(lib, a, start, end, entity_type="place", author="camila"),
        )
        layer_action(window, "camila")  # an edit made the counts stale: read once more
        assert len(reads) == before + 1
        assert "camila" in [layer.author for layer in layers.layers]
