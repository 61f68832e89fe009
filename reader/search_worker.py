"""Library search off the GUI thread, newest query wins.

Searches run one at a time on a worker thread, each on its own short-lived read-only
connection (a sqlite3 connection must stay in the thread that made it). Every query
carries a generation number: the worker skips queries that were superseded while they
waited, and the controller drops results that are no longer current, so a slow search
for "ا" can never overwrite the results of the "الاتحاد" typed after it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from library.search import QueryError, SearchHit, search
from library.store import LibraryError, open_library

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300
RESULT_LIMIT = 100


class SearchWorker(QObject):
    finished = Signal(int, str, object)  # generation, query, list[SearchHit]
    failed = Signal(int, str, str)  # generation, query, message for the user

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        # Written by the GUI thread, read here; a plain int is safe to share under the GIL.
        self.latest = 0

    @Slot(int, str)
    def run(self, generation: int, query: str) -> None:
        if generation != self.latest:
            return
        try:
            lib = open_library(self.path, readonly=True)
        except LibraryError as exc:
            self.failed.emit(generation, query, str(exc))
            return
        try:
            hits = search(lib, query, limit=RESULT_LIMIT)
        except QueryError as exc:
            self.failed.emit(generation, query, str(exc))
            return
        except Exception as exc:
            log.exception("search for %r failed", query)
            self.failed.emit(generation, query, str(exc))
            return
        finally:
            lib.close()
        self.finished.emit(generation, query, hits)


class SearchController(QObject):
    """Debounces typing, sends queries to the worker and passes on current results only."""

    results = Signal(str, object)  # query, list[SearchHit]
    failed = Signal(str, str)  # query, message
    started = Signal(str)
    _request = Signal(int, str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._pending = ""
        self._thread = QThread(self)
        self._thread.setObjectName("search")
        self._worker = SearchWorker(path)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)
        self._thread.start()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.search_now(self._pending))
        self.busy = False

    def set_library_path(self, path: Path) -> None:
        self._generation += 1
        self._worker.latest = self._generation
        self._worker.path = path

    def schedule(self, query: str) -> None:
        self._pending = query
        self._timer.start()

    def search_now(self, query: str) -> None:
        self._timer.stop()
        self._generation += 1
        self._worker.latest = self._generation
        if not query.strip():
            self.busy = False
            self.results.emit(query, [])
            return
        self.busy = True
        self.started.emit(query)
        self._request.emit(self._generation, query)

    def cancel(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._worker.latest = self._generation
        self.busy = False

    def _finished(self, generation: int, query: str, hits: list[SearchHit]) -> None:
        if generation == self._generation:
            self.busy = False
            self.results.emit(query, hits)

    def _failed(self, generation: int, query: str, message: str) -> None:
        if generation == self._generation:
            self.busy = False
            self.failed.emit(query, message)

    def shutdown(self) -> None:
        self.cancel()
        self._thread.quit()
        self._thread.wait()
