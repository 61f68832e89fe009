"""The Runner (reader.workers.runner): lanes, tickets, newest result wins, errors for the user,
progress, cancellation, and a shutdown that never hangs on a stuck job.

Jobs are held mid-work with threading.Event, never with a fixed sleep."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from reader.workers.runner import LONG, QUICK, Runner, user_message

WAIT = 5.0  # seconds: a bound for things that happen at once, never a delay


@pytest.fixture
def gate():
    """An event a job waits on; always opened at the end so no thread is left blocked."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def runner(qtbot, gate):
    r = Runner()
    yield r
    gate.set()
    assert r.shutdown()


@pytest.fixture
def path(lib):
    return lib.path


class Seen:
    """Everything the runner emitted, in order."""

    def __init__(self, runner: Runner) -> None:
        self.done: list[tuple[int, object]] = []
        self.failed: list[tuple[int, str, str]] = []
        self.progress: list[tuple[int, object]] = []
        self.order: list[str] = []
        runner.done.connect(lambda t, r: (self.done.append((t, r)), self.order.append("done")))
        runner.failed.connect(lambda t, m, title: self.failed.append((t, m, title)))
        runner.progressed.connect(
            lambda t, v: (self.progress.append((t, v)), self.order.append("progress"))
        )

    def tickets(self) -> set[int]:
        return {t for t, _ in self.done} | {t for t, _, _ in self.failed}


def test_a_newer_submission_on_a_channel_wins(qtbot, runner, path, gate):
    seen = Seen(runner)
    ran: list[str] = []
    started = threading.Event()

    def first(_lib, _handle):
        ran.append("first")
        started.set()
        gate.wait(WAIT)  # held mid-work until the newer ones are queued
        return "first"

    def job(name):
        def run(_lib, _handle):
            ran.append(name)
            return name

        return run

    a = runner.submit(path, first, channel="search")
    assert started.wait(WAIT)
    b = runner.submit(path, job("second"), channel="search")  # queued, then superseded
    c = runner.submit(path, job("third"), channel="search")
    other = runner.submit(path, job("other channel"), channel="suggestions")
    gate.set()
    qtbot.waitUntil(lambda: {c, other} <= seen.tickets(), timeout=5000)
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    # The running one finished but its stale result was dropped; the queued one never ran.
    assert sorted(seen.done) == sorted([(c, "third"), (other, "other channel")])
    assert ran == ["first", "third", "other channel"]
    assert a not in seen.tickets() and b not in seen.tickets()


def test_a_cancelled_job_that_has_not_started_never_runs(qtbot, runner, path, gate):
    seen = Seen(runner)
    ran: list[str] = []
    started = threading.Event()

    def hold(_lib, _handle):
        started.set()
        gate.wait(WAIT)
        return "held"

    def never(_lib, _handle):
        ran.append("never")
        return "never"

    runner.submit(path, hold)
    assert started.wait(WAIT)
    ticket = runner.submit(path, never)
    runner.cancel(ticket)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert ran == []
    assert ticket not in seen.tickets()


def test_a_read_job_gets_a_read_only_library_on_a_worker_thread(qtbot, runner, path):
    seen = Seen(runner)
    gui = threading.get_ident()

    def read(lib, _handle):
        return lib.readonly, lib.path, threading.get_ident()

    def write(source, _handle):
        return source, threading.get_ident()

    r = runner.submit(path, read)
    w = runner.submit(path, write, lane=LONG, write=True)
    qtbot.waitUntil(lambda: {r, w} <= seen.tickets(), timeout=5000)
    results = dict(seen.done)
    readonly, lib_path, read_thread = results[r]
    given, write_thread = results[w]
    assert readonly and lib_path == path and given == path
    assert gui not in (read_thread, write_thread) and read_thread != write_thread


def test_an_error_reaches_the_failed_signal_as_a_sentence_for_the_user(qtbot, runner, path):
    seen = Seen(runner)

    def full_disk(_source, _handle):
        raise sqlite3.OperationalError("database or disk is full")

    def writes(lib, _handle):
        lib.conn.execute("DELETE FROM articles")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        ticket = runner.submit(path, full_disk, lane=LONG, write=True, title="Check Library")
    assert blocker.args[0] == ticket
    assert blocker.args[1].startswith("The disk is full.")
    assert blocker.args[2] == "Check Library"
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        ticket = runner.submit(path, writes)  # on the read-only connection
    assert (
        blocker.args[1] == "The library cannot be written (it is read-only). Nothing was changed."
    )
    assert blocker.args[2] == ""
    assert seen.done == [] and len(seen.failed) == 2


def test_a_missing_library_is_reported_not_raised(qtbot, runner, tmp_path):
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(tmp_path / "nowhere.sqlite", lambda lib, _h: "never")
    assert "does not exist" in blocker.args[1]


def test_messages_for_file_errors():
    missing = FileNotFoundError(2, "No such file or directory", "/x/y.csv")
    assert user_message(missing) == "No such file or directory: /x/y.csv"
    assert user_message(FileNotFoundError("the folder /x does not exist")) == (
        "the folder /x does not exist"
    )
    assert user_message(OSError(28, "No space left on device")).startswith("The disk is full.")


def test_progress_arrives_in_order_before_the_result(qtbot, runner, tmp_path):
    seen = Seen(runner)

    def counting(_path, handle):
        for n in range(1, 4):
            handle.progress(n)
        return "counted"

    ticket = runner.submit(tmp_path, counting, lane=LONG, write=True)
    qtbot.waitUntil(lambda: ticket in seen.tickets(), timeout=5000)
    assert seen.progress == [(ticket, 1), (ticket, 2), (ticket, 3)]
    assert seen.order == ["progress", "progress", "progress", "done"]
    assert seen.done == [(ticket, "counted")]


def until_asked_to_stop(started: threading.Event, ended: threading.Event):
    """A long job working in small steps until it is asked to stop; returns its steps."""

    def run(_path, handle):
        steps = 0
        started.set()
        try:
            while not handle.should_cancel():
                steps += 1
                time.sleep(0.001)  # one step of work
            return steps
        finally:
            ended.set()

    return run


def test_stop_ends_a_long_job_early_and_its_result_still_comes(qtbot, runner, tmp_path):
    seen = Seen(runner)
    started, ended = threading.Event(), threading.Event()
    ticket = runner.submit(tmp_path, until_asked_to_stop(started, ended), lane=LONG, write=True)
    assert started.wait(WAIT)
    assert runner.busy(LONG) and not runner.busy(QUICK)
    runner.stop(ticket)
    assert ended.wait(WAIT)
    qtbot.waitUntil(lambda: ticket in seen.tickets(), timeout=5000)
    (got, steps) = seen.done[0]
    assert got == ticket and steps >= 1
    assert not runner.busy()


def test_cancel_ends_a_long_job_and_drops_its_result(qtbot, runner, tmp_path):
    seen = Seen(runner)
    started, ended = threading.Event(), threading.Event()
    ticket = runner.submit(tmp_path, until_asked_to_stop(started, ended), lane=LONG, write=True)
    assert started.wait(WAIT)
    runner.cancel(ticket)
    assert ended.wait(WAIT)
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert seen.tickets() == set()


def test_a_long_job_does_not_hold_back_a_quick_one(qtbot, runner, path, gate):
    seen = Seen(runner)
    started = threading.Event()

    def long_import(_path, _handle):
        started.set()
        gate.wait(WAIT)
        return "imported"

    slow = runner.submit(path, long_import, lane=LONG, write=True)
    assert started.wait(WAIT)
    quick = runner.submit(path, lambda lib, _h: "found", lane=QUICK, channel="search")
    qtbot.waitUntil(lambda: quick in seen.tickets(), timeout=5000)
    assert seen.done == [(quick, "found")]  # while the long job is still held
    assert runner.busy(LONG) and not runner.busy(QUICK)
    gate.set()
    qtbot.waitUntil(lambda: slow in seen.tickets(), timeout=5000)


def test_shutdown_with_a_blocked_job_returns_within_its_bound(qtbot, gate, tmp_path):
    runner = Runner()
    seen = Seen(runner)
    started = threading.Event()

    def stuck(_path, _handle):  # ignores should_cancel, like a long SQLite statement
        started.set()
        gate.wait(30)
        return "late"

    runner.submit(tmp_path, stuck, lane=LONG, write=True)
    queued = runner.submit(tmp_path, lambda _p, _h: "queued", lane=LONG, write=True)
    assert started.wait(WAIT)
    begun = time.monotonic()
    assert runner.shutdown(timeout=0.3) is False  # the stuck thread is left behind
    assert time.monotonic() - begun < 2.0
    assert runner.busy(LONG) and not runner.busy(QUICK)
    gate.set()  # the job ends now; nothing of it, nor of the queued one, is delivered
    qtbot.wait(50)
    assert seen.tickets() == set() and queued
    assert runner.shutdown(timeout=WAIT) is True  # idempotent; the thread has ended
    assert not runner.busy()
    assert runner.submit(tmp_path, lambda _p, _h: "after") > 0  # accepted, never run


def test_shutdown_stops_a_cooperative_job_and_joins(qtbot, tmp_path):
    runner = Runner()
    started, ended = threading.Event(), threading.Event()
    runner.submit(tmp_path, until_asked_to_stop(started, ended), lane=LONG, write=True)
    assert started.wait(WAIT)
    begun = time.monotonic()
    assert runner.shutdown() is True
    assert ended.is_set() and time.monotonic() - begun < 2.0


def test_an_unknown_lane_is_refused(runner, tmp_path):
    with pytest.raises(ValueError, match="unknown lane"):
        runner.submit(tmp_path, lambda _p, _h: None, lane="third")
