"""Library search as you type, on the window's Runner (reader.workers.runner), newest query wins.

The controller debounces typing and submits each query on the runner's "search" channel:
a query typed while an older one waits or runs supersedes it, so a slow search for "ا"
can never overwrite the results of the "الاتحاد" typed after it. Each search runs on a
read-only connection in the runner's quick lane; a failure (a query that cannot be
parsed, a library that cannot be read) comes back as a message for the search panel.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from library.search.engine import SearchHit, search
from library.storage.store import Library
from reader.workers.runner import QUICK, Handle, Runner

DEBOUNCE_MS = 300
RESULT_LIMIT = 100
CHANNEL = "search"


def search_job(query: str, lib: Library, _handle: Handle) -> list[SearchHit]:
    return search(lib, query, limit=RESULT_LIMIT)


class SearchController(QObject):
    """Debounces typing, submits queries to the runner and passes on current results only."""

    results = Signal(str, object)  # query, list[SearchHit]
    failed = Signal(str, str)  # query, message
    started = Signal(str)

    def __init__(self, runner: Runner, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._path = path
        self._ticket = 0
        self._query = ""
        self._pending = ""
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.search_now(self._pending))
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)

    @property
    def busy(self) -> bool:
        return self._ticket != 0

    def set_library_path(self, path: Path) -> None:
        self.cancel()
        self._path = path

    def schedule(self, query: str) -> None:
        self._pending = query
        self._timer.start()

    def search_now(self, query: str) -> None:
        self._timer.stop()
        if not query.strip():
            self._drop()
            self.results.emit(query, [])
            return
        self._query = query
        self.started.emit(query)
        self._ticket = self._runner.submit(
            self._path, partial(search_job, query), lane=QUICK, channel=CHANNEL
        )

    def cancel(self) -> None:
        self._timer.stop()
        self._drop()

    def _drop(self) -> None:
        if self._ticket:
            self._runner.cancel(self._ticket)
            self._ticket = 0

    def _done(self, ticket: int, hits: object) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            self.results.emit(self._query, hits)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            self.failed.emit(self._query, message)

    def shutdown(self) -> None:
        self.cancel()
