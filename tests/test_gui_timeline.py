"""The timeline view: one bar per bucket as tall as its articles, entity lines, and a
brush that narrows the library list to the range of days it covers."""

from __future__ import annotations

import json

import pytest
from gui_helpers import open_window
from PySide6.QtCore import QPoint, Qt

from library.changes import Changes
from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.marks.timeline import BY_MENTIONED, DAY, MONTH, Timeline
from reader.pictures.timeline_chart import TimelineChart
from reader.views.library_model import ArticleIdRole

# Written for these tests: (date, body).
ARTICLES = (
    ("2024-01-03", "افتتحت نادية المعرض في 2 يناير 2024 بحضور الزوار."),
    ("2024-01-20", "قالت نادية إن المعرض ناجح."),
    ("2024-01-21", "خبر قصير عن الطقس."),
    ("2024-02-11", "زارت نادية المكتبة الجديدة."),
    ("2024-03-05", "خبر عن الحصاد."),
    ("2024-03-06", "خبر عن الأسواق."),
    ("2024-03-07", "خبر عن المدارس."),
    ("", "خبر بلا تاريخ."),
)


@pytest.fixture
def dated(lib, tmp_path):
    ids = []
    for n, (date, body) in enumerate(ARTICLES):
        record = {"title": f"عنوان {n}", "body": body}
        if date:
            record["date"] = date
        path = tmp_path / f"a{n}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        ids += import_paths(lib, [path]).articles
    person = None
    for article_id, (_date, body) in zip(ids, ARTICLES, strict=True):
        if "نادية" in body:
            start = body.index("نادية")
            person = tag_entity(
                lib, article_id, start, start + 5, entity_type="person", entity_id=person
            ).entity.id
    start = ARTICLES[0][1].index("2 يناير 2024")
    tag_entity(lib, ids[0], start, start + len("2 يناير 2024"), entity_type="date")
    return lib, ids, person


def listed(window) -> list[int]:
    model = window.library_panel.model
    return sorted(model.index(r, 0).data(ArticleIdRole) for r in range(model.rowCount()))


def drag(qtbot, chart: TimelineChart, first: int, last: int) -> None:
    y = int(chart.plot_rect().center().y())
    a, b = QPoint(int(chart.centre_x(first)), y), QPoint(int(chart.centre_x(last)), y)
    qtbot.mousePress(chart, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(chart, pos=b)
    qtbot.mouseRelease(chart, Qt.MouseButton.LeftButton, pos=b)


def test_bars_lines_and_the_brush_filter_the_library_list(qtbot, tmp_path, dated):
    lib, ids, person = dated
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        docks = window.time_and_words
        view = docks.timeline
        with qtbot.waitSignal(view.computed, timeout=10_000):
            docks.show_timeline()
        assert docks.timeline_dock.isVisible()
        qtbot.waitUntil(lambda: view.entity_model.rowCount() >= 2, timeout=10_000)
        with qtbot.waitSignal(view.computed, timeout=10_000):
            view.set_unit(MONTH)
        chart = view.chart
        line = chart.timeline
        assert line.unit == MONTH
        assert line.buckets == ("2024-01-01", "2024-02-01", "2024-03-01")
        assert line.articles == (3, 1, 3)  # the bars count the articles
        assert sum(line.articles) == len(ARTICLES) - 1 and line.undated == 1
        heights = [chart.bar_rect(i).height() for i in range(3)]
        assert heights[0] == pytest.approx(heights[2]) and heights[0] == pytest.approx(
            3 * heights[1]
        )
        assert view.status.text() == "Articles without a date (not drawn): 1"
        # An entity's mentions as a line.
        with qtbot.waitSignal(view.computed, timeout=10_000):
            view.choose_entities([person])
        assert chart.timeline.series[person] == (2, 1, 0)
        # The brush over February and March: the list shows those articles only.
        everything = listed(window)
        assert everything == sorted(ids)
        with qtbot.waitSignal(view.period_changed, timeout=5_000) as signal:
            drag(qtbot, chart, 1, 2)
        period = signal.args[0]
        assert (period.start, period.end, period.mentioned) == ("2024-02-01", "2024-03-31", False)
        assert listed(window) == sorted(ids[3:7])
        assert view.clear_button.isEnabled()
        # An edit draws the picture again: the range stays chosen, the list narrowed.
        with qtbot.waitSignal(view.computed, timeout=10_000):
            window.changes.publish(Changes.of(articles=[ids[0]]))
        assert chart.brush == (1, 2) and view.period == period
        assert listed(window) == sorted(ids[3:7])
        # Cleared: every article again.
        with qtbot.waitSignal(view.period_changed, timeout=5_000) as signal:
            qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
        assert signal.args[0] is None
        assert listed(window) == everything
        # Closing the timeline with a range chosen gives the list back whole.
        with qtbot.waitSignal(view.period_changed, timeout=5_000):
            drag(qtbot, chart, 0, 0 + 1)
        assert listed(window) == sorted(ids[:4])
        with qtbot.waitSignal(view.period_changed, timeout=5_000) as signal:
            docks.timeline_dock.close()
        assert signal.args[0] is None and listed(window) == everything


def test_by_dates_in_the_text_the_brush_uses_mentioned_dates(qtbot, tmp_path, dated):
    lib, ids, person = dated
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = window.time_and_words.timeline
        with qtbot.waitSignal(view.computed, timeout=10_000):
            window.time_and_words.show_timeline()
        qtbot.waitUntil(lambda: view.entity_model.rowCount() >= 2, timeout=10_000)
        with qtbot.waitSignal(view.computed, timeout=10_000):
            view.set_unit(DAY)
        with qtbot.waitSignal(view.computed, timeout=10_000):
            view.set_placing(BY_MENTIONED)
        with qtbot.waitSignal(view.computed, timeout=10_000):
            view.choose_entities([person])
        line = view.chart.timeline
        first = line.buckets.index("2024-01-02")
        assert line.series[person][first] == 1  # placed at the date its text gives
        with qtbot.waitSignal(view.period_changed, timeout=5_000) as signal:
            drag(qtbot, view.chart, first, first + 1)
        assert signal.args[0].mentioned
        assert listed(window) == [ids[0]]  # the only article that mentions those days


def test_time_runs_right_to_left_in_an_arabic_interface(qtbot):
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    line = Timeline(MONTH, "article", ("2024-01-01", "2024-02-01", "2024-03-01"), (1, 2, 3), 0)
    chart.set_timeline(line, [])
    assert chart.centre_x(0) < chart.centre_x(2)
    assert chart.bucket_at(chart.centre_x(0)) == 0
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert chart.centre_x(0) > chart.centre_x(2)  # the earliest month on the right
    assert chart.bucket_at(chart.centre_x(2)) == 2
    # A click without a drag chooses nothing; a drag chooses the buckets it crossed.
    chosen = []
    chart.range_chosen.connect(lambda a, b: chosen.append((a, b)))
    chart.show()
    drag(qtbot, chart, 2, 1)
    assert chosen == [(1, 2)] and chart.brush == (1, 2)
    y = int(chart.plot_rect().center().y())
    with qtbot.waitSignal(chart.range_cleared, timeout=2_000):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(int(chart.centre_x(0)), y))
    assert chart.brush is None


def test_both_pictures_open_share_one_place_in_tabs(qtbot, tmp_path, dated):
    lib, _ids, _person = dated
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        docks = window.time_and_words
        docks.show_timeline()
        docks.show_concordance()
        assert docks.concordance_dock.isVisible() and docks.timeline_dock.isVisible()
        assert docks.concordance_dock in window.tabifiedDockWidgets(docks.timeline_dock)
        # The View menu holds both, with their shortcuts.
        actions = {a.objectName(): a for a in window.menus.view.actions()}
        assert actions["toggleConcordanceDock"].shortcut().toString() == "Ctrl+Shift+K"
        assert actions["toggleTimelineDock"].shortcut().toString() == "Ctrl+Shift+Y"


def test_ctrl_shift_k_puts_the_keyboard_in_the_concordance_query(qtbot, tmp_path, dated):
    from PySide6.QtWidgets import QApplication

    lib, _ids, _person = dated
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        window.activateWindow()
        actions = {a.objectName(): a for a in window.menus.view.actions()}
        actions["toggleConcordanceDock"].trigger()
        query = window.time_and_words.concordance.query_box
        qtbot.waitUntil(lambda: QApplication.focusWidget() is query)
