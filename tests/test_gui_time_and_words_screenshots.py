"""Pictures of the timeline and the concordance, to be looked at: English and Arabic
interface, light and dark, on a small library of dated articles with tagged entities.

    HASHIYA_SHOTS_DIR=/tmp/shots .venv/bin/python -m pytest tests/test_gui_time_and_words_screenshots.py

writes them to that folder; without the variable they go to a temporary folder and are
only checked (the repository keeps only the README's screenshots).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from gui_helpers import open_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.marks.timeline import MONTH

# Our own sentences, put together at random (seeded) into short dated articles.
PEOPLE = ("سلمى العريان", "ماهر الشامي", "رنا حداد")
ORGS = ("نقابة الصيادين", "جمعية المزارعين")
PLACES = ("ميناء صور", "سهل البقاع", "مدينة زحلة")
VERBS = ("زار", "انتقد", "دعم", "التقى", "تحدث عن")
TAILS = (
    "وسط اهتمام السكان بمستقبل السوق المحلي.",
    "وأكد أن السوق يحتاج إلى تنظيم جديد قبل الصيف.",
    "في جولة شملت المحال القديمة قرب السوق.",
    "بعد شكاوى متكررة من ارتفاع الأسعار.",
    "وطالب بخطة واضحة لدعم الإنتاج.",
)


def _articles(count: int = 90) -> list[dict]:
    rng = random.Random(7)
    out = []
    for _n in range(count):
        month = 1 + min(5, int(rng.triangular(0, 6, 4)))
        day = rng.randint(1, 28)
        person, org, place = rng.choice(PEOPLE), rng.choice(ORGS), rng.choice(PLACES)
        body = (
            f"{person} {rng.choice(VERBS)} {org} في {place} {rng.choice(TAILS)} "
            f"وقال مصدر في {org} إن اللقاء المقبل سيكون في {place} {rng.choice(TAILS)}"
        )
        out.append(
            {"title": f"{person} في {place}", "body": body, "date": f"2024-{month:02d}-{day:02d}"}
        )
    return out


def build_library(lib, folder: Path) -> dict[str, str]:
    """The articles, with every name of PEOPLE, ORGS and PLACES tagged; entity ids by name."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    path.write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in _articles()), encoding="utf-8"
    )
    ids = import_paths(lib, [path]).articles
    known: dict[str, str] = {}
    kinds = [(n, "person") for n in PEOPLE] + [(n, "organisation") for n in ORGS]
    kinds += [(n, "place") for n in PLACES]
    for article_id in ids:
        body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()[
            0
        ]
        for name, kind in kinds:
            start = body.find(name)
            if start >= 0:
                tagging = tag_entity(
                    lib, article_id, start, start + len(name), entity_type=kind,
                    entity_id=known.get(name),
                )  # fmt: skip
                known[name] = tagging.entity.id
    return known


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory):
    chosen = os.environ.get("HASHIYA_SHOTS_DIR")
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        return Path(chosen)
    return tmp_path_factory.mktemp("time-and-words-shots")


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("picture", ["timeline", "concordance"])
def test_screenshot(qtbot, lib, tmp_path, shots_dir, language, theme, picture):  # noqa: PLR0917
    known = build_library(lib, tmp_path / "articles")
    with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
        window = session.window
        window.resize(1400, 900)
        docks = window.time_and_words
        if picture == "timeline":
            view = docks.timeline
            with qtbot.waitSignal(view.computed, timeout=10_000):
                docks.show_timeline()
            qtbot.waitUntil(lambda: view.entity_model.rowCount() == len(known), timeout=10_000)
            with qtbot.waitSignal(view.computed, timeout=10_000):
                view.set_unit(MONTH)
            with qtbot.waitSignal(view.computed, timeout=10_000):
                view.choose_entities(
                    [known["سلمى العريان"], known["ماهر الشامي"], known["نقابة الصيادين"]]
                )
            window.resizeDocks([docks.timeline_dock], [430], Qt.Orientation.Vertical)
            qtbot.wait(50)
            chart = view.chart
            y = int(chart.plot_rect().center().y())
            a, b = QPoint(int(chart.centre_x(2)), y), QPoint(int(chart.centre_x(3)), y)
            with qtbot.waitSignal(view.period_changed, timeout=5_000):
                qtbot.mousePress(chart, Qt.MouseButton.LeftButton, pos=a)
                qtbot.mouseMove(chart, pos=b)
                qtbot.mouseRelease(chart, Qt.MouseButton.LeftButton, pos=b)
            assert window.library_panel.model.rowCount() == sum(chart.timeline.articles[2:4])
        else:
            view = docks.concordance
            docks.show_concordance()
            with qtbot.waitSignal(view.finished, timeout=10_000):
                view.query_box.setText("السوق")
                view.run("السوق")
            with qtbot.waitSignal(view.finished, timeout=10_000):
                view.sort_box.setCurrentIndex(1)  # 1st word before
            window.resizeDocks([docks.concordance_dock], [430], Qt.Orientation.Vertical)
            assert view.model.rowCount() > 50
        qtbot.wait(80)
        path = shots_dir / f"{picture}-{language}-{theme}.png"
        assert window.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 1400
