"""Library reads off the GUI thread: suggestions for an article, occurrences in the library.

One worker thread runs jobs one at a time, each with its own read-only connection (a
sqlite3 connection belongs to the thread that opened it). A job is a function of the
library; its result comes back through `done` with the job's ticket, and the caller
drops results whose ticket is no longer the one it waits for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from library.store import Library, describe_error, open_library

log = logging.getLogger(__name__)

Job = Callable[[Library], Any]


class _Worker(QObject):
    done = Signal(int, object)  # ticket, result
    failed = Signal(int, str)  # ticket, message for the user

    def __init__(self) -> None:
        super().__init__()
        self.cancelled: set[int] = set()  # written by the GUI thread; read here

    @Slot(int, object, object)
    def run(self, ticket: int, path: Path, job: Job) -> None:
        if ticket in self.cancelled:
            self.cancelled.discard(ticket)
            return
        try:
            lib = open_library(path, readonly=True)
        except Exception as exc:
            self.failed.emit(ticket, describe_error(exc))
            return
        try:
            result = job(lib)
        except Exception as exc:
            log.exception("background job %d failed", ticket)
            self.failed.emit(ticket, describe_error(exc))
            return
        finally:
            lib.close()
        self.done.emit(ticket, result)


class BackgroundReader(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)
    _request = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._thread = QThread(self)
        self._thread.setObjectName("library-reader")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.done.connect(self.done)
        self._worker.failed.connect(self.failed)
        self._thread.start()

    def submit(self, path: Path, job: Job) -> int:
        """Queue a job; returns its ticket."""
        self._ticket += 1
        self._request.emit(self._ticket, path, job)
        return self._ticket

    def cancel(self, ticket: int) -> None:
        self._worker.cancelled.add(ticket)

    def shutdown(self) -> None:
        self._thread.quit()
        self._thread.wait()
