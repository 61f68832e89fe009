"""The entity network window: drawn off the GUI thread, filtered, clicked, exported, and
pictured in both languages and themes.

    HASHIYA_NETWORK_SHOTS=/tmp/shots .venv/bin/python -m pytest tests/test_gui_network.py

writes the screenshots there; without the variable they go to a temporary folder.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import networkx as nx
import pytest
from gui_helpers import open_window
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from library.changes import Changes
from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.marks.network import COOCCURS
from library.marks.tags import tag_articles
from library.ops import relating
from reader.dialogs.file_dialogs import FileDialog
from reader.pictures import network_view
from reader.pictures.network_scene import NodeItem
from reader.pictures.network_view import NetworkWindow, PassageRole
from reader.workers.runner import Runner

WAIT = 30_000

# Written for these tests: three short articles, three people, two organisations, a place.
SMALL = (
    ("لقاء في الميناء", "2024-02-03",
     "التقت رنا خوري بوفد نقابة الصيادين في مرفأ الشمال. وقال باسل عيسى إن اللقاء كان مثمراً."),
    ("مشروع جديد", "2024-05-11",
     "أعلنت نقابة الصيادين مشروعاً في مرفأ الشمال. ورحبت رنا خوري بالمشروع."),
    ("تقرير مالي", "2024-09-20",
     "نشر مصرف السهل تقريره السنوي. وعلّق باسل عيسى على أرقامه."),
)  # fmt: skip
SMALL_MARKS = (
    (0, "رنا خوري", "person"), (0, "نقابة الصيادين", "organisation"),
    (0, "مرفأ الشمال", "place"), (0, "باسل عيسى", "person"),
    (1, "نقابة الصيادين", "organisation"), (1, "مرفأ الشمال", "place"),
    (1, "رنا خوري", "person"),
    (2, "مصرف السهل", "organisation"), (2, "باسل عيسى", "person"),
)  # fmt: skip


def add(lib, folder: Path, title: str, date: str, body: str) -> int:
    path = folder / f"{abs(hash((title, body)))}.json"
    record = {"title": title, "body": body, "date": date, "site": "الموقع"}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (article,) = import_paths(lib, [path]).articles
    return article


def fill_small(lib, folder: Path) -> dict:
    articles = [add(lib, folder, *a) for a in SMALL]
    marks = {}
    for n, name, kind in SMALL_MARKS:
        body = SMALL[n][2]
        start = body.index(name)
        marks[(n, name)] = tag_entity(
            lib, articles[n], start, start + len(name), entity_type=kind
        ).annotation
    relating.relate(
        lib, marks[(0, "نقابة الصيادين")].id, marks[(0, "مرفأ الشمال")].id, type="located-in"
    )
    tag_articles(lib, [articles[2]], "اقتصاد")
    return {"articles": articles, "marks": marks}


@pytest.fixture
def small(lib, tmp_path):
    return lib, fill_small(lib, tmp_path)


@pytest.fixture
def network(qtbot, small):
    lib, data = small
    runner = Runner()
    opened: list[tuple[int, int, int]] = []
    view = NetworkWindow(
        lib,
        runner,
        open_at=lambda *at: opened.append(at),
        explain=lambda reason: f"refused: {reason}",
        mark_colour=lambda: QColor("#f5d76e"),
    )
    qtbot.addWidget(view)
    view.opened = opened
    view.data = data
    view.runner = runner
    yield view
    view.cancel()
    runner.shutdown()


def drawn(qtbot, view, action) -> None:
    with qtbot.waitSignal(view.drawn, timeout=WAIT):
        action()


def names(view) -> set[str]:
    return {item.node.name for item in view.scene.nodes.values()}


def test_drawn_off_the_gui_thread(qtbot, network, monkeypatch):
    threads = []
    job = network_view.network_job

    def watched(request, lib, handle):
        threads.append(threading.current_thread().name)
        return job(request, lib, handle)

    monkeypatch.setattr(network_view, "network_job", watched)
    drawn(qtbot, network, network.show)
    assert threads == ["runner-long"]
    assert names(network) == {
        "رنا خوري",
        "باسل عيسى",
        "نقابة الصيادين",
        "مرفأ الشمال",
        "مصرف السهل",
    }
    sizes = {i.node.name: i.radius for i in network.scene.nodes.values()}
    assert sizes["رنا خوري"] > sizes["مصرف السهل"]  # two mentions against one
    colours = network.look.type_hex()
    assert network.scene.nodes[
        network.data["marks"][(2, "مصرف السهل")].entity_id
    ].brush().color() == QColor(colours["organisation"])
    edges = network.scene.edge_layer.edges
    assert {e.type for e in edges} == {"located-in", COOCCURS}
    assert not network.progress.isVisible() and not network.busy()
    assert "5" in network.status.text()


def test_filters_change_the_nodes(qtbot, network):
    drawn(qtbot, network, network.show)
    drawn(qtbot, network, lambda: network.type_actions["person"].setChecked(False))
    assert names(network) == {"نقابة الصيادين", "مرفأ الشمال", "مصرف السهل"}
    drawn(qtbot, network, lambda: network.type_actions["person"].setChecked(True))
    drawn(qtbot, network, lambda: network.tag.setCurrentIndex(network.tag.findData("اقتصاد")))
    assert names(network) == {"مصرف السهل", "باسل عيسى"}
    drawn(qtbot, network, lambda: network.tag.setCurrentIndex(0))
    drawn(
        qtbot,
        network,
        lambda: network.date_to.setDate(
            network.date_to.date().fromString("2024-03-01", "yyyy-MM-dd")
        ),
    )
    assert names(network) == {"رنا خوري", "باسل عيسى", "نقابة الصيادين", "مرفأ الشمال"}
    drawn(qtbot, network, lambda: network.date_to.setDate(network_view.NO_DATE))
    drawn(qtbot, network, lambda: network.query.setText("مشروعاً"))
    assert names(network) == {"رنا خوري", "نقابة الصيادين", "مرفأ الشمال"}
    drawn(qtbot, network, network.query.clear)
    drawn(qtbot, network, lambda: network.max_nodes.setValue(2))
    assert len(network.scene.nodes) == 2
    assert "2 of 5 entities" in network.status.text()
    drawn(qtbot, network, lambda: network.max_nodes.setValue(300))
    drawn(qtbot, network, lambda: network.min_weight.setValue(2))
    assert [e.type for e in network.scene.edge_layer.edges if not e.directed] == [COOCCURS] * 3


def test_a_query_that_cannot_run_keeps_the_picture(qtbot, network):
    drawn(qtbot, network, network.show)
    before = names(network)
    with qtbot.waitSignal(network.runner.done, timeout=WAIT):
        network.query.setText("-مشروعاً")
    qtbot.waitUntil(lambda: not network.busy())
    assert network.status.text() == "refused: only-exclusions"
    assert names(network) == before


def click_scene(qtbot, view, point: QPointF) -> None:
    qtbot.mouseClick(
        view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=view.canvas.mapFromScene(point)
    )


def test_clicking_a_node_lists_its_mentions_and_opens_them(qtbot, network):
    drawn(qtbot, network, network.show)
    rana = network.data["marks"][(0, "رنا خوري")]
    item = network.scene.nodes[rana.entity_id]
    click_scene(qtbot, network, item.scenePos())
    model = network.passages
    assert model.rowCount() == 2
    first = model.index(0, 0).data(PassageRole)
    assert first.article_id == network.data["articles"][0]
    assert first.sentence.startswith("التقت رنا خوري")
    assert "رنا خوري" in network.detail.text() and "2" in network.detail.text()
    assert rana.entity_id in network.scene.labelled()
    network.passage_list.scrollTo(model.index(1, 0))
    rect = network.passage_list.visualRect(model.index(1, 0))
    qtbot.mouseClick(network.passage_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(network.passage_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    second = model.index(1, 0).data(PassageRole)
    assert network.opened == [(second.article_id, *second.spans[0])]
    body = SMALL[1][2]
    assert body[second.spans[0][0] : second.spans[0][1]] == "رنا خوري"


def test_clicking_an_edge_lists_the_sentences_behind_it(qtbot, network):
    drawn(qtbot, network, network.show)
    layer = network.scene.edge_layer
    index = next(n for n, e in enumerate(layer.edges) if e.directed)
    x1, y1, x2, y2 = layer.lines[index]
    along = [QPointF(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t) for t in (0.5, 0.4, 0.6, 0.3, 0.7)]
    point = next(
        p for p in along if not any(isinstance(i, NodeItem) for i in network.scene.items(p))
    )
    click_scene(qtbot, network, point)
    assert network.scene.chosen == layer.edges[index]
    rows = [
        network.passages.index(n, 0).data(PassageRole) for n in range(network.passages.rowCount())
    ]
    assert [(p.article_id, p.relation) for p in rows] == [
        (network.data["articles"][0], "located-in")
    ]
    assert "→" in network.detail.text()
    # A click on empty canvas far from everything chooses nothing new.
    rect = network.scene.sceneRect()
    click_scene(qtbot, network, rect.topLeft() + QPointF(1, 1))
    assert network.scene.chosen == layer.edges[index]


def test_export_writes_what_networkx_reads_back(qtbot, network, tmp_path, monkeypatch):
    drawn(qtbot, network, network.show)
    targets = {fmt: tmp_path / f"out.{fmt}" for fmt in ("graphml", "gexf", "csv", "png", "svg")}
    for fmt, target in targets.items():
        monkeypatch.setattr(
            FileDialog, "save_file", classmethod(lambda cls, *a, t=target, **k: str(t))
        )
        assert network.export(fmt) == str(target)
    shown = network.picture.network
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(targets[fmt])
        assert set(graph.nodes) == set(shown.nodes)
        assert {d["label"] for _n, d in graph.nodes(data=True)} == names(network)
        assert graph.number_of_edges() == len(shown.edges)
    graph = nx.read_edgelist(
        targets["csv"].read_text(encoding="utf-8").splitlines()[1:],
        delimiter=",", data=[("type", str), ("weight", int)], create_using=nx.MultiDiGraph,
    )  # fmt: skip
    assert graph.number_of_edges() == len(shown.edges)
    assert not QImage(str(targets["png"])).isNull()
    assert "<svg" in targets["svg"].read_text(encoding="utf-8")
    monkeypatch.setattr(
        FileDialog,
        "save_file",
        classmethod(lambda cls, *a, **k: str(tmp_path / "no" / "such" / "x.graphml")),
    )
    assert network.export("graphml") == ""
    assert "Could not write" in network.status.text()
    monkeypatch.setattr(FileDialog, "save_file", classmethod(lambda cls, *a, **k: ""))
    assert network.export("csv") == ""


def test_stop_keeps_the_picture_and_drops_the_layout(qtbot, network, monkeypatch):
    drawn(qtbot, network, network.show)
    before = names(network)
    started = threading.Event()

    def slow(request, lib, handle):
        started.set()
        handle.progress(0.5)
        while not handle.should_cancel():  # a layout that never ends until stopped
            time.sleep(0.005)

    monkeypatch.setattr(network_view, "network_job", slow)
    network.redraw()
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    qtbot.waitUntil(lambda: network.progress.maximum() == 100, timeout=WAIT)
    assert network.stop_button.isVisible() and network.busy()
    qtbot.mouseClick(network.stop_button, Qt.MouseButton.LeftButton)
    assert not network.busy() and not network.stop_button.isVisible()
    qtbot.waitUntil(lambda: not network.runner.busy(), timeout=WAIT)
    assert names(network) == before


def test_a_change_draws_again(qtbot, network, tmp_path):
    drawn(qtbot, network, network.show)
    lib = network._lib
    article = add(lib, tmp_path, "خبر آخر", "2024-10-01", "زارت سلمى حداد مرفأ الشمال.")
    body = "زارت سلمى حداد مرفأ الشمال."
    tag_entity(lib, article, 5, 14, entity_type="person")
    assert body[5:14] == "سلمى حداد"
    drawn(qtbot, network, lambda: network.changes_seen(Changes(articles=frozenset({article}))))
    assert "سلمى حداد" in names(network)


def test_labels_by_level_of_detail(qtbot, lib, tmp_path):
    """At 400 nodes only some are named when the whole network is in view, and no two
    names cover each other; zoomed in, every one is."""
    from library.marks.network import Edge, Node
    from reader.pictures.network_scene import NetworkCanvas, NetworkScene

    scene = NetworkScene()
    canvas = NetworkCanvas(scene)
    qtbot.addWidget(canvas)
    nodes = [Node(f"e{n:03d}", f"كيان {n}", "person", 400 - n) for n in range(400)]
    positions = {n.id: ((k % 20) * 48.0, (k // 20) * 48.0) for k, n in enumerate(nodes)}
    edges = [Edge(nodes[k].id, nodes[k + 1].id, COOCCURS, 1 + k % 5) for k in range(399)]
    scene.show_network(
        nodes,
        edges,
        positions,
        colours={"person": "#3366cc"},
        relation_names={},
        font=canvas.font(),
    )
    canvas.resize(600, 400)
    canvas.show()
    canvas.fit()
    few = len(scene.labelled())
    assert 0 < few < 100
    labels = [scene.nodes[n].label for n in scene.labelled()]
    # Where each name is drawn on the screen (a label keeps its size at every zoom).
    boxes = [
        label.deviceTransform(canvas.viewportTransform()).mapRect(label.boundingRect())
        for label in labels
    ]
    assert all(b.width() == labels[0].boundingRect().width() for b in boxes[:1])
    assert not any(a.intersects(b) for k, a in enumerate(boxes) for b in boxes[k + 1 :])
    canvas.zoom_by(8)
    assert len(scene.labelled()) == 400
    canvas.fit()
    assert len(scene.labelled()) == few


def test_view_menu_entry_opens_the_window(qtbot, small, tmp_path):
    lib, data = small
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        action = window.findChild(type(window.network.action), "showNetwork")
        assert action in window.menus.view.actions()
        assert action.shortcut().toString() == "Ctrl+Shift+G"
        with qtbot.waitSignal(window.network.show().drawn, timeout=WAIT):
            pass
        view = window.network.view
        assert view.isVisible() and len(view.scene.nodes) == 5
        basil = data["marks"][(2, "باسل عيسى")]
        view.show_node(basil.entity_id)
        index = view.passages.index(1, 0)
        view.passage_list.activated.emit(index)
        assert window.view.article.id == data["articles"][2]


# --- screenshots -----------------------------------------------------------------------------

PEOPLE = ["سليم حداد", "نادية فرحات", "كريم منصور", "ليلى عبد النور", "هشام بدران", "رنا خوري",
          "وليد شاكر", "سهى المصري", "فارس الجمال", "منى القاسم", "طارق زيدان", "هالة سرور",
          "جود نصار", "باسل عيسى", "عمر الحلبي", "دانة يوسف"]  # fmt: skip
ORGS = ["اتحاد المزارعين", "شركة الأفق للطاقة", "جامعة الساحل", "مجلس البلدية",
        "نقابة المعلمين", "مصرف التنمية", "جمعية الرواد", "هيئة المياه", "مرصد البيئة",
        "دار النشر الحديثة"]  # fmt: skip
PLACES = ["قرية الزيتونة", "مدينة النخلة", "الوادي الأخضر", "جسر العين", "مرفأ الشمال",
          "سهل الكروم", "حي القلعة", "بلدة السنديان"]  # fmt: skip
EVENTS = ["معرض الكتاب", "مؤتمر المناخ", "مهرجان الحصاد", "ندوة التعليم", "سباق الجبل",
          "يوم التطوع"]  # fmt: skip
SENTENCES = (
    "التقى {p} بممثلي {o} في {l} لبحث خطة العام المقبل.",
    "وقال {p} إن {o} ستشارك في {e} هذا الشهر.",
    "وانتقد {p} قرار {o} بشأن المشاريع في {l}.",
    "وأكد {p} أن {e} سيقام في {l} بدعم من {o}.",
)


def fill_rich(lib, folder: Path) -> None:
    """About forty entities over twenty articles, frequent and rare, some relations."""
    import random

    rng = random.Random(8)
    weights = [1 / (n + 1) ** 0.7 for n in range(16)]
    for n in range(20):
        parts, marks = [], []
        body = ""
        for k in range(3):
            template = SENTENCES[(n + k) % len(SENTENCES)]
            chosen = {
                "p": rng.choices(PEOPLE, weights)[0],
                "o": rng.choices(ORGS, weights[:10])[0],
                "l": rng.choices(PLACES, weights[:8])[0],
                "e": rng.choice(EVENTS),
            }
            sentence = template.format(**chosen)
            for key, kind in (
                ("p", "person"),
                ("o", "organisation"),
                ("l", "place"),
                ("e", "event"),
            ):
                if "{" + key + "}" in template:
                    at = len(body) + (1 if body else 0) + sentence.index(chosen[key])
                    marks.append((at, at + len(chosen[key]), kind, key))
            body = f"{body} {sentence}" if body else sentence
            parts.append(sentence)
        article = add(
            lib, folder, f"خبر محلي رقم {n + 1}", f"2024-{1 + n % 12:02d}-{1 + n:02d}", body
        )
        made = {}
        for start, end, kind, key in marks:
            made.setdefault(key, tag_entity(lib, article, start, end, entity_type=kind).annotation)
        if n % 3 == 0:
            relating.relate(lib, made["p"].id, made["o"].id, type="member-of")
        if n % 4 == 1 and "l" in made:
            relating.relate(lib, made["o"].id, made["l"].id, type="located-in")


@pytest.mark.parametrize(
    ("language", "theme"), [("en", "light"), ("en", "dark"), ("ar", "light"), ("ar", "dark")]
)
def test_network_screenshots(qtbot, lib, tmp_path, language, theme):
    folder = Path(os.environ.get("HASHIYA_NETWORK_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    fill_rich(lib, tmp_path)
    with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
        entry = session.window.network
        with qtbot.waitSignal(entry.show().drawn, timeout=WAIT):
            pass
        view = entry.view
        view.resize(1280, 800)
        view.canvas.fit()
        assert 35 <= len(view.scene.nodes) <= 45
        biggest = max(view.scene.nodes.values(), key=lambda i: i.node.mentions)
        click_scene(qtbot, view, biggest.scenePos())
        assert view.passages.rowCount() == biggest.node.mentions
        image = view.grab().toImage()
        path = folder / f"network-{language}-{theme}.png"
        assert image.save(str(path))
        assert not QImage(str(path)).isNull()


def test_keys_zoom_and_fit(qtbot, network):
    drawn(qtbot, network, network.show)
    canvas = network.canvas
    canvas.setFocus()
    fitted = canvas.scale_now()
    qtbot.keyClick(canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert canvas.scale_now() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.scale_now() == pytest.approx(fitted * 0.8)
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    # The whole picture again (a scroll bar gone may change the viewport by a few pixels).
    assert canvas.scale_now() == pytest.approx(fitted, rel=0.01)


def test_nothing_to_draw_says_why(qtbot, network):
    drawn(qtbot, network, network.show)
    for action in network.type_actions.values():
        action.setChecked(False)
    drawn(qtbot, network, network.redraw)
    assert network.scene.nodes == {}
    assert network.status.text() == "Choose at least one entity type to draw."
    for action in network.type_actions.values():
        action.setChecked(True)
    drawn(qtbot, network, lambda: network.query.setText("مصرف"))
    drawn(qtbot, network, lambda: network.date_from.setDate(QDate(2030, 1, 1)))
    assert network.scene.nodes == {}
    assert network.status.text() == "No entity is tagged in these articles."
