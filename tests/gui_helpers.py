"""Shared pieces of the GUI tests: settings in a temporary INI file, libraries filled by
SQL or from the sample collection, and a main window that is torn down cleanly."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from library.ingest.importer import import_paths
from library.paths import sample_collection
from library.storage.articles import Article
from library.storage.store import Library, open_library

ROOT = Path(__file__).resolve().parent.parent

AMEEN_BODY = (
    "قال الأمين العام إن اللجنة ستجتمع غداً لمراجعة الخطة.\n"
    "The report quotes الأمين العام twice, in English.\n"
    "وأكد الأمينُ أن الاتفاق «نهائي» 😀 بعد مفاوضات طويلة."
)


def make_settings(folder: Path):
    from reader.settings import Settings

    return Settings(QSettings(str(folder / "hashiya.ini"), QSettings.Format.IniFormat))


def insert_articles(
    lib: Library, count: int, *, body: str | None = None, title: str = "مقال"
) -> None:
    """Bulk rows straight into the articles table (the search index is not needed here)."""
    rows = []
    for n in range(count):
        text = body if body is not None else f"نص المقال رقم {n} عن الاقتصاد والتعليم."
        rows.append(
            (
                f"{title} {n:06d}",
                text,
                "[]",
                f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                f"site-{n % 7}",
                f"/data/{n}.txt",
                0,
                "text",
                "utf-8",
                text,
                hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
                len(text.split()),
                "2024-01-01T00:00:00+00:00",
            )
        )
    with lib.transaction():
        lib.conn.executemany(
            "INSERT INTO articles (title, body, captions, date, site, source_path, source_index, "
            "format, encoding, raw, content_hash, words, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def add_article(
    lib: Library, title: str, body: str, captions: list[str] | None = None, *, folder: Path
) -> int:
    """One article through the real importer (a JSON record), so it is indexed for search.

    The record is written in a new folder inside `folder` (the test's `tmp_path`), so
    nothing is left behind in the system's temporary folder."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {"title": title, "body": body, "captions": captions or [], "site": "الموقع"}
    path = Path(tempfile.mkdtemp(prefix="article-", dir=folder)) / "article.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    report = import_paths(lib, [path])
    assert report.imported == 1, report
    return report.articles[0]


def article(
    body: str, title: str = "عنوان", captions: list[str] | None = None, article_id: int = 1
) -> Article:
    return Article(
        id=article_id, title=title, body=body, captions=captions or [], source="/data/a.txt",
        source_index=0, site="الموقع", date="2024-05-01", url=None, format="text",
        encoding="utf-8", raw=body, content_hash="x", words=len(body.split()),
        imported_at="2024-01-01T00:00:00+00:00",
    )  # fmt: skip


def sample_library(path: Path) -> Library:
    lib = open_library(path)
    report = import_paths(lib, [sample_collection()])
    assert report.imported > 5, report
    return lib


@dataclass
class Session:
    """A main window on a real library, with the services it was given."""

    window: object
    lib: Library
    settings: object
    theme: object
    translations: object


@contextmanager
def open_window(
    qtbot, lib: Library, folder: Path, *, language: str = "en", theme: str = "light", importer=None
) -> Iterator[Session]:
    from reader.i18n import Translations
    from reader.look.fonts import register_bundled_fonts
    from reader.look.theme import ThemeManager
    from reader.window.main_window import MainWindow

    app = QApplication.instance()
    register_bundled_fonts()
    settings = make_settings(folder)
    translations = Translations(app)
    translations.install(language)
    manager = ThemeManager(app, theme)
    kwargs = {"importer": importer} if importer is not None else {}
    window = MainWindow(lib, settings, manager, translations, **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield Session(window, lib, settings, manager, translations)
    finally:
        window.close()
        window.shutdown()
        translations.install("en")
        manager.apply("light")
        translations.deleteLater()
        manager.deleteLater()


def answer_modals(monkeypatch) -> list[str]:
    """Message boxes and dialogs answer at once instead of waiting for a user; returns the
    list that collects the texts of the message boxes shown."""
    seen: list[str] = []

    def box_exec(self):
        seen.append(self.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    return seen
