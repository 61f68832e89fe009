"""Shared pieces of the annotation GUI tests: a small library, a window on it, selecting
text like a user, and dialogs answered the way a user would answer them."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from gui_helpers import add_article, open_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog

from library.storage.store import open_library

OIC = "منظمة التعاون الإسلامي"
# Written for these tests.
BODY_A = (
    "قال الأمين العام إن لمنظمة التعاون الإسلامي دوراً في الوساطة بين الطرفين.\n"
    "وأكدت منظمة التعاون الإسلامي أن الاجتماع سيعقد في الرياض يوم 12 مايو 2024.\n"
    "ورحب الدكتور عادل فهمي بالاتفاق، وقال إن التعاون الإسلامي ضرورة للمنطقة."
)
BODY_B = (
    "زار وفد من منظمة التعاون الإسلامي القاهرة أمس، والتقى الدكتور عادل فهمي.\n"
    "وناقش الجانبان خطة الإغاثة في الجنوب قبل حلول الشتاء."
)
TITLE_A = "الوساطة بين الطرفين"
TITLE_B = "وفد في القاهرة"


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def bodies(lib) -> dict[int, str]:
    """Every article's body as stored (after the importer cleaned it)."""
    return dict(lib.conn.execute("SELECT id, body FROM articles"))


def rows(lib, article_id: int | None = None) -> list[tuple]:
    """Every annotation row as stored, in a stable order."""
    sql = "SELECT * FROM annotations"
    params: list = []
    if article_id is not None:
        sql += " WHERE article_id = ?"
        params.append(article_id)
    return [tuple(r) for r in lib.conn.execute(sql + " ORDER BY id", params)]


def make_library(path):
    """The two articles in a new library at `path`; their sources go beside it."""
    lib = open_library(path)
    a = add_article(lib, TITLE_A, BODY_A, folder=Path(path).parent)
    b = add_article(lib, TITLE_B, BODY_B, folder=Path(path).parent)
    return lib, a, b


@contextmanager
def reading(qtbot, lib, folder, article_id: int, **kw):
    """A window on `lib` with `article_id` open and the keyboard in the article."""
    with open_window(qtbot, lib, folder, **kw) as session:
        window = session.window
        window.resize(1200, 800)
        assert window.open_article(article_id)
        window.activateWindow()
        window.view.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
        yield session


def settle(qtbot, window) -> None:
    """Wait until the background suggestions of the open article are in."""
    qtbot.waitUntil(lambda: not window.annotations.suggestions.loading, timeout=5000)


def select(window, start: int, end: int) -> None:
    window.view.select_span(start, end)


def point(view, offset: int) -> QPoint:
    """The viewport point at the caret position before stored offset `offset`."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.text_map.to_doc(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.center().x(), rect.center().y())


def drag(qtbot, view, start: int, end: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Select from `start` to `end` with the mouse, holding `modifier`."""
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, point(view, start))
    qtbot.mouseMove(viewport, point(view, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, point(view, end))


def answer(monkeypatch, cls, fill=None, result=QDialog.DialogCode.Accepted) -> list:
    """`cls` dialogs answer at once: `fill(dialog)` plays the user, then `result`.
    Returns the list of dialogs shown."""
    shown: list = []

    def exec_(self):
        shown.append(self)
        if fill is not None:
            fill(self)
        return result

    monkeypatch.setattr(cls, "exec", exec_)
    return shown
