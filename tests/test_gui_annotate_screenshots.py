"""Pictures of annotation, to be looked at: an annotated article with its panel (light,
English; dark, Arabic) and the entity index.

    HASHIYA_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_gui_annotate_screenshots.py

writes them to resources/screenshots/; without the variable they go to a temporary
folder and are only checked.
"""

from __future__ import annotations

import os

import pytest
from annotate_helpers import settle, span
from gui_helpers import ROOT, add_article, open_window, sample_library
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from test_gui_screenshots import BODY, CAPTION, TITLE

from library.marks.annotations import add_article_note, add_highlight, add_note
from library.marks.entities import tag_entity
from library.marks.tags import tag_articles

SHOTS = ROOT / "resources" / "screenshots"


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory):
    if os.environ.get("HASHIYA_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        return SHOTS
    return tmp_path_factory.mktemp("annotation-screenshots")


def annotate(lib, article_id: int) -> None:
    """Overlapping highlights, entities (one inside a highlight), notes, and tags."""
    body = BODY
    add_highlight(lib, article_id, *span(body, "فتح الأرشيف الكامل لصحفها"), "yellow")
    add_highlight(lib, article_id, *span(body, "لصحفها الصادرة بين عامي 1950 و1990"), "blue")
    tag_entity(lib, article_id, *span(body, "مكتبة المدينة العامة"), entity_type="organisation")
    # سامي الحسيني is left for the suggestions (dotted).
    tag_entity(lib, article_id, *span(body, "1950"), entity_type="date")
    add_note(
        lib, article_id, *span(body, "ثلاث سنوات"), "Three years: check against the 2021 report."
    )
    add_highlight(
        lib, article_id, *span(body, "يَحفظُ ذاكرةَ المدينةِ"), "green", note="اقتباس للعنوان"
    )
    add_highlight(lib, article_id, *span(body, "ممزقة أو باهتة الحبر"), "pink")
    add_article_note(lib, article_id, "مقال مناسب لملف الأرشيف الرقمي.")
    tag_articles(lib, [article_id], "للترجمة")
    tag_articles(lib, [article_id], "أرشيف")


@pytest.mark.parametrize(
    "case",
    [
        ("en", "light", "annotated-article.png", "annotations"),
        ("ar", "dark", "annotated-article-ar-dark.png", "annotations"),
        ("en", "light", "entity-index.png", "entities"),
    ],
)
def test_annotation_screenshot(qtbot, tmp_path, shots_dir, case):
    language, theme, name, panel = case
    lib = sample_library(tmp_path / "lib.sqlite")
    article_id = add_article(lib, TITLE, BODY, [CAPTION], folder=tmp_path)
    annotate(lib, article_id)
    other = lib.conn.execute(
        "SELECT id, body FROM articles WHERE id != ? LIMIT 1", (article_id,)
    ).fetchone()
    tag_entity(lib, other[0], 0, len(other[1].split()[0]), entity_type="other")
    try:
        with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
            window = session.window
            window.resize(1400, 860)
            assert window.open_article(article_id)
            window.library_panel.select_article(article_id)
            settle(qtbot, window)
            if panel == "annotations":
                window.annotation_dock.show()
                window.annotation_dock.raise_()
                window.resizeDocks([window.annotation_dock], [430], Qt.Orientation.Horizontal)
                assert window.annotation_panel.model.rowCount() == 8
                assert window.annotations.suggestions.items
            else:
                window.entity_dock.show()
                window.entity_dock.raise_()
                window.resizeDocks([window.entity_dock], [560], Qt.Orientation.Horizontal)
                index = window.entity_index
                qtbot.waitUntil(lambda: index.model.rowCount() == 3)
                chosen = next(
                    s.entity.id for s in index.model.rows if s.entity.type == "organisation"
                )
                index.select_entity(chosen)
                assert index.mentions.rowCount() == 1
            window.view.scroll_to_offset(0)
            qtbot.wait(50)
            path = shots_dir / name
            assert window.grab().save(str(path))
    finally:
        lib.close()
    image = QImage(str(path))
    assert image.width() >= 1400
