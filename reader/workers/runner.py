"""All background work of the reader goes through one Runner, owned by the main window.

    ticket = runner.submit(path, job, lane=QUICK, channel="search")
    runner.done.connect(...)      # (ticket, result), on the GUI thread
    runner.failed.connect(...)    # (ticket, message for the user, title)
    runner.progressed.connect(...)  # (ticket, whatever the job reported)

A job is a plain function `job(source, handle) -> result`, with no Qt in it:
`source` is a `Library` on a read-only connection that the runner opened in the worker
thread for this job and closes after it (a sqlite3 connection belongs to the thread that
made it), or, for a job submitted with `write=True` (import, check and repair, a backup
copy), the library's path, so that the job opens what it needs itself in the worker
thread. `handle` (a `Handle`) carries the job's progress reports out and the request to
stop in: `handle.progress(value)` and `handle.should_cancel()`, which plug straight into
`library.ingest.importer.import_paths(progress=..., should_cancel=...)`.

Lanes. Two worker threads, each running its jobs one at a time in order:
`QUICK` for the short reads the user waits on while typing or reading (search,
suggestions, Tag All Occurrences) and `LONG` for the work that may take minutes (import,
export, check and repair, backups). A long import therefore never holds back a search
result, and the long jobs never run two at a time, so two writers never compete for the
library and a restore can ask whether the lane is idle (`busy(LONG)`).

Tickets and channels. Every submission gets a ticket; results and failures are emitted
with it and each receiver keeps only its own. A submission on a channel ("search",
"suggestions") supersedes the channel's previous one: that one's result is dropped and,
if it has not started, it never runs, so the newest result wins. `cancel(ticket)` does
the same for one job (the result is no longer wanted); `stop(ticket)` only asks the job
to finish early, and what it returns is still delivered (a cancelled import reports what
it imported).

Errors. A job that raises is reported once through `failed`, with a sentence for the
user (`library.storage.store.describe_error`) and the title given at submission. The owner (the
main window) shows failures that have a title in a message box; a submitter that shows
its failures where they happened (the search panel, the export dialog, the import
summary) or keeps them quiet (suggestions, the daily backup) submits without one. Either
way the failure is logged.

Shutdown (the window is closing) drops every result, asks running jobs to stop, and
joins the threads for at most a few seconds. The threads are Python daemon threads: a
job that does not stop in time (a long SQLite statement) is left to end on its own
rather than blocking the close; a QThread could not be abandoned that way.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from library.storage.store import LibraryError, describe_error, open_library

log = logging.getLogger(__name__)

QUICK = "quick"
LONG = "long"
LANES = (QUICK, LONG)
SHUTDOWN_SECONDS = 3.0

Job = Callable[[Any, "Handle"], Any]

_DONE, _FAILED, _SKIPPED = range(3)


class Handle:
    """What a running job gets besides its library: a way to report progress and to
    learn that it should stop. Plain Python; safe to call from the worker thread."""

    def __init__(self, report: Callable[[object], None]) -> None:
        self._stop = threading.Event()
        self._report = report

    def should_cancel(self) -> bool:
        return self._stop.is_set()

    def progress(self, value: object) -> None:
        self._report(value)

    def request_stop(self) -> None:
        self._stop.set()


@dataclass(eq=False)
class _Job:
    ticket: int
    lane: str
    path: Path
    work: Job
    write: bool
    channel: str | None
    title: str
    handle: Handle
    dropped: bool = False  # written on the GUI thread, read by the worker (a plain bool)


def user_message(exc: BaseException) -> str:
    """The sentence a user sees for a failed job."""
    text = describe_error(exc)
    if isinstance(exc, OSError) and exc.strerror and text == str(exc):
        # "No such file or directory: /x/y" rather than "[Errno 2] No such file…: '/x/y'"
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return text


class _Bridge(QObject):
    """Lives on the GUI thread; the workers emit on it (queued into the GUI thread)."""

    finished = Signal(int, int, object)  # ticket, outcome, result or message
    progressed = Signal(int, object)


class Runner(QObject):
    done = Signal(int, object)  # ticket, result
    failed = Signal(int, str, str)  # ticket, message for the user, title ("" = not shown)
    progressed = Signal(int, object)  # ticket, progress value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._jobs: dict[int, _Job] = {}  # submitted, not yet finished in the worker
        self._channels: dict[str, int] = {}
        self._closed = False
        self._deadline = 0.0  # when shutdown stops waiting for the threads
        self._emit_lock = threading.Lock()  # no worker emits once shutdown has begun
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._finished)
        self._bridge.progressed.connect(self._progressed)
        self._queues: dict[str, queue.SimpleQueue[_Job | None]] = {}
        self._threads: dict[str, threading.Thread] = {}
        for lane in LANES:
            self._queues[lane] = queue.SimpleQueue()
            thread = threading.Thread(
                target=self._work, args=(self._queues[lane],), name=f"runner-{lane}", daemon=True
            )
            thread.start()
            self._threads[lane] = thread

    # --- the GUI thread's side -------------------------------------------------------------

    def submit(
        self,
        path: Path,
        job: Job,
        *,
        lane: str = QUICK,
        channel: str | None = None,
        write: bool = False,
        title: str = "",
    ) -> int:
        """Queue `job` on `lane`; returns its ticket. See the module's docstring."""
        if lane not in self._queues:
            raise ValueError(f"unknown lane {lane!r}; lanes are {', '.join(LANES)}")
        self._ticket += 1
        ticket = self._ticket
        if self._closed:
            return ticket  # never run, never answered
        if channel is not None and channel in self._channels:
            self.cancel(self._channels[channel])
        handle = Handle(lambda value: self._post_progress(ticket, value))
        item = _Job(ticket, lane, Path(path), job, write, channel, title, handle)
        self._jobs[ticket] = item
        if channel is not None:
            self._channels[channel] = ticket
        self._queues[lane].put(item)
        return ticket

    def cancel(self, ticket: int) -> None:
        """The result is no longer wanted: not run if not started, asked to stop if
        running, and nothing of it is delivered."""
        item = self._jobs.get(ticket)
        if item is None:
            return
        item.dropped = True
        item.handle.request_stop()
        if item.channel is not None and self._channels.get(item.channel) == ticket:
            del self._channels[item.channel]

    def stop(self, ticket: int) -> None:
        """Ask a job to finish early; its result (partial, as it decides) still comes."""
        item = self._jobs.get(ticket)
        if item is not None:
            item.handle.request_stop()

    def busy(self, lane: str | None = None) -> bool:
        """Whether jobs (on `lane`, or any) are queued or still running, cancelled ones
        included until they have actually ended; after shutdown, whether a job was left
        running."""
        if self._closed:
            return any(t.is_alive() for name, t in self._threads.items() if lane in (None, name))
        return any(lane in (None, j.lane) for j in self._jobs.values())

    def shutdown(self, timeout: float | None = None) -> bool:
        """Drop every result, ask running jobs to stop and join the threads for at most
        `timeout` seconds (`SHUTDOWN_SECONDS`); False if a job is still running then (it
        is left behind). Called again without a timeout (the window shuts down when it
        closes and again when the application ends), it waits only for what is left of
        the first call's bound: a job stuck in a read costs the close once, not twice."""
        if not self._closed:
            with self._emit_lock:
                self._closed = True
            for ticket in list(self._jobs):
                self.cancel(ticket)
            self._jobs.clear()  # nothing is delivered any more
            for q in self._queues.values():
                q.put(None)
            self._deadline = time.monotonic() + (SHUTDOWN_SECONDS if timeout is None else timeout)
            deadline = self._deadline
        else:
            deadline = self._deadline if timeout is None else time.monotonic() + timeout
        for thread in self._threads.values():
            thread.join(max(0.0, deadline - time.monotonic()))
        stuck = [t.name for t in self._threads.values() if t.is_alive()]
        if stuck:
            log.warning("background work still running at shutdown: %s", stuck)
        return not stuck

    def _finished(self, ticket: int, outcome: int, payload: object) -> None:
        item = self._jobs.pop(ticket, None)
        if item is None:
            return
        if item.channel is not None and self._channels.get(item.channel) == ticket:
            del self._channels[item.channel]
        if item.dropped or self._closed or outcome == _SKIPPED:
            return
        if outcome == _DONE:
            self.done.emit(ticket, payload)
        else:
            self.failed.emit(ticket, str(payload), item.title)

    def _progressed(self, ticket: int, value: object) -> None:
        item = self._jobs.get(ticket)
        if item is not None and not item.dropped and not self._closed:
            self.progressed.emit(ticket, value)

    # --- the workers' side ----------------------------------------------------------------

    def _post(self, signal, *args: object) -> None:
        with self._emit_lock:
            if self._closed:
                return
            # RuntimeError: the runner's C++ side is gone (destroyed with its window).
            with contextlib.suppress(RuntimeError):
                signal.emit(*args)

    def _post_progress(self, ticket: int, value: object) -> None:
        self._post(self._bridge.progressed, ticket, value)

    def _work(self, jobs: queue.SimpleQueue[_Job | None]) -> None:
        while (item := jobs.get()) is not None:
            if item.dropped:
                self._post(self._bridge.finished, item.ticket, _SKIPPED, None)
                continue
            try:
                result = self._run(item)
            except Exception as exc:
                expected = isinstance(exc, LibraryError | OSError | ValueError | LookupError)
                log.warning(
                    "%s job %d failed: %s", item.lane, item.ticket, exc, exc_info=not expected
                )
                self._post(self._bridge.finished, item.ticket, _FAILED, user_message(exc))
            else:
                self._post(self._bridge.finished, item.ticket, _DONE, result)

    @staticmethod
    def _run(item: _Job) -> object:
        if item.write:
            return item.work(item.path, item.handle)
        lib = open_library(item.path, readonly=True)
        try:
            return item.work(lib, item.handle)
        finally:
            lib.close()
