"""Every test runs headless, against its own temporary library, settings and data folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# pytest-qt has loaded Qt already; the GUI tests make thousands of Qt calls.
from reader import binding_guard  # noqa: F401 - see reader/__init__.py

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HASHIYA_LIBRARY", str(home / "data" / "library.sqlite"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return home


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """A modal dialog nobody answers fails its test (tests/modal_watchdog.py)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return (yield)
    from modal_watchdog import ModalWatchdog

    watchdog = ModalWatchdog(app)
    try:
        result = yield
    finally:
        watchdog.stop()
        for shown in watchdog.closed:
            item.add_report_section("call", "modal dialog", f"closed after it stayed open: {shown}")
    if watchdog.closed:
        pytest.fail(f"a modal dialog stayed open, unanswered: {watchdog.closed[0]}")
    return result


@pytest.fixture
def lib(tmp_path: Path):
    from library.storage.store import open_library

    library = open_library(tmp_path / "lib.sqlite")
    yield library
    library.close()


@pytest.fixture
def samples() -> Path:
    return ROOT / "resources" / "samples"


@pytest.fixture(scope="session")
def pg():
    """A throw-away PostgreSQL cluster for the whole run (tests/pg_server.py), shared by
    the team-library tests; each test takes a fresh database of it (`new_database`)."""
    import pg_server

    why = pg_server.missing()
    if why:
        pytest.skip(f"no PostgreSQL server for the team library tests: {why}")
    server = pg_server.PgServer().start()
    yield server
    server.stop()
