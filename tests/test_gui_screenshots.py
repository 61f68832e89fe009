"""Pictures of the main window, to be looked at: English and Arabic, light and dark, an
article open with search hits marked.

    HASHIYA_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_gui_screenshots.py

writes them to resources/screenshots/ (main-window.png is the one in the README);
without the variable they go to a temporary folder and are only checked.
"""

from __future__ import annotations

import os

import pytest
from gui_helpers import ROOT, add_article, open_window, sample_library
from PySide6.QtGui import QImage

SHOTS = ROOT / "resources" / "screenshots"

# Written for these pictures.
TITLE = "«مكتبة المدينة» تفتح أرشيف الصحف القديمة للباحثين"
CAPTION = "باحثون يتصفحون أعداداً قديمة من الصحف في قاعة الأرشيف"
BODY = "\n".join(
    [
        "أعلنت مكتبة المدينة العامة، أمس، فتح الأرشيف الكامل لصحفها الصادرة بين عامي 1950 و1990 "
        "أمام الباحثين والطلاب، بعد مشروع رقمنة استمر ثلاث سنوات وشمل أكثر من أربعين ألف عدد.",
        "وقال مدير المكتبة الدكتور سامي الحسيني إن الأرشيف «يَحفظُ ذاكرةَ المدينةِ كما كتبها "
        "الصحفيون يوماً بيوم»، مضيفاً أن الباحثين يستطيعون الآن البحث في النصوص الكاملة وتدوين "
        "ملاحظاتهم في الهوامش.",
        "The archive can be searched in Arabic and in English, and every article keeps a link "
        "to the scanned page it came from.",
        "وأوضح الحسيني أن فريق المشروع واجه صعوبات في قراءة الأعداد القديمة، إذ كانت بعض الصفحات "
        "ممزقة أو باهتة الحبر، فاستعان بخبراء في الترميم قبل تصويرها.",
        "ومن المقرر أن تنظم المكتبة الشهر المقبل ورشة عمل للصحفيين الشباب حول استخدام الأرشيف في "
        "التحقيقات الاستقصائية، بمشاركة أساتذة من كلية الإعلام.",
    ]
)


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory):
    if os.environ.get("HASHIYA_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        return SHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize(
    "case",
    [
        ("en", "light", "main-window.png", "library"),
        ("ar", "light", "main-window-ar.png", "library"),
        ("en", "dark", "main-window-dark.png", "search"),
        ("ar", "dark", "main-window-ar-dark.png", "search"),
    ],
)
def test_screenshot(qtbot, tmp_path, shots_dir, case):
    language, theme, name, panel = case
    lib = sample_library(tmp_path / "lib.sqlite")
    article_id = add_article(lib, TITLE, BODY, [CAPTION], folder=tmp_path)
    try:
        with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
            window = session.window
            window.resize(1280, 800)
            window.search_panel.box.setText("المدينة")
            window.search.search_now("المدينة")
            qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=5000)
            hit = next(h for h in window.search_panel.model.hits if h.article_id == article_id)
            window.open_hit(hit)
            qtbot.waitUntil(lambda: window.library_panel.current_article() == article_id)
            window.search_panel.results.clearSelection()
            (window.search_dock if panel == "search" else window.library_dock).raise_()
            window.view.scroll_to_offset(0)
            qtbot.wait(50)
            path = shots_dir / name
            assert window.grab().save(str(path))
    finally:
        lib.close()
    image = QImage(str(path))
    assert image.width() >= 1280
    lightness = sum(
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 40)
        for y in range(0, image.height(), 40)
    ) / ((image.width() // 40 + 1) * (image.height() // 40 + 1))
    assert (lightness > 150) if theme == "light" else (lightness < 110), lightness
