"""Worker processes that read, clean and fold files for a large import.

Why not multiprocessing: its "spawn" start method re-runs the caller's main script in
each worker (a user's script without a `__main__` guard would import itself again),
and "fork" is unsafe in the GUI, which imports from a thread of a Qt process. A worker
here is a plain `python -m library.ingest.worker_pool` talking over its stdin and stdout.

Protocol: length-prefixed pickles. The parent sends (paths, field_map, max_bytes), or
("pages", records) for a part of a web archive, and reads back, in the same order, one
list of results per task; EOF on stdin ends the worker. Each worker handles its tasks in order, so a parent that gives task i to
worker i % N reads results back in file order.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from library.ingest.preparing import ImportCancelled, prepare_chunk, prepare_pages
from library.ingest.site_templates import SiteTemplates
from library.text.arabic import track_index_terms

_HEADER = struct.Struct("!Q")
# How often a parent waiting for a worker's results looks at Cancel.
POLL_SECONDS = 0.1


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def can_spawn() -> bool:
    # A frozen application's executable is the app itself, not a Python interpreter.
    return not getattr(sys, "frozen", False)


class WorkerPool:
    """N worker processes; `map_chunks` yields each chunk's results in order.

    A reader thread per worker drains its stdout into a small queue, so a worker never
    sits blocked on a full pipe while the parent is busy writing to SQLite: reading and
    folding the next files overlaps with storing the previous ones.
    """

    def __init__(self, workers: int, ahead: int = 3) -> None:
        self.ahead = ahead
        # The page templates of tasks done here when their worker died.
        self._templates = SiteTemplates()
        self.procs = [
            subprocess.Popen(
                [sys.executable, "-m", "library.ingest.worker_pool"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
            for _ in range(workers)
        ]
        self.queues: list[queue.Queue] = [queue.Queue(maxsize=ahead) for _ in self.procs]
        self.threads = [
            threading.Thread(target=self._drain, args=(proc, q), daemon=True)
            for proc, q in zip(self.procs, self.queues, strict=True)
        ]
        for thread in self.threads:
            thread.start()

    @staticmethod
    def _drain(proc: subprocess.Popen, results: queue.Queue) -> None:
        while True:
            try:
                item = _receive(proc.stdout)
            except (EOFError, pickle.UnpicklingError, OSError, ValueError):
                results.put(_DEAD)
                return
            results.put(item)

    def _result(self, worker: int, should_cancel: Callable[[], bool] | None) -> Any:
        """The next result of `worker`; raises `ImportCancelled` if asked to while waiting
        (a worker can be slow on one file, or stuck on a disk that does not answer)."""
        results = self.queues[worker]
        if should_cancel is None:
            return results.get()
        while True:
            if should_cancel():
                raise ImportCancelled
            try:
                return results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue

    def map_chunks(
        self,
        chunks: Iterable[list[Path]],
        field_map: dict[str, str] | None,
        max_bytes: int,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[list]:
        """`prepare_chunk` of each chunk of files, in order."""
        return self._map(
            chunks,
            lambda chunk: (chunk, field_map, max_bytes),
            lambda chunk: prepare_chunk(chunk, field_map, max_bytes, self._templates),
            should_cancel,
        )

    def map_pages(
        self,
        tasks: Iterable[list],
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[list]:
        """`prepare_pages` of each task (pages of a web archive), in order."""
        return self._map(
            tasks,
            lambda task: ("pages", task),
            lambda task: prepare_pages(task, self._templates),
            should_cancel,
        )

    def _map(
        self,
        tasks: Iterable[list],
        message: Callable[[list], object],
        locally: Callable[[list], list],
        should_cancel: Callable[[], bool] | None,
    ) -> Iterator[list]:
        """The results of the tasks, in order, taking them one by one as workers are free:
        at most `ahead` per worker in flight, so input of any size goes through in flat
        memory. A task whose worker died (killed, out of memory) is done `locally`."""
        n = len(self.procs)
        in_flight: deque[tuple[int, list]] = deque()
        dead: set[int] = set()
        sent = 0
        tasks = iter(tasks)
        more = True
        while True:
            while more and len(in_flight) < n * self.ahead:
                task = next(tasks, None)
                if task is None:
                    more = False
                    break
                worker = sent % n
                sent += 1
                if worker not in dead:
                    try:
                        _send(self.procs[worker].stdin, message(task))
                    except OSError:
                        dead.add(worker)
                in_flight.append((worker, task))
            if not in_flight:
                return
            worker, task = in_flight.popleft()
            item = _DEAD if worker in dead else self._result(worker, should_cancel)
            if item is _DEAD:
                dead.add(worker)
                item = locally(task)
            yield item

    def close(self, *, kill: bool = False) -> None:
        """End the workers: let them finish (EOF on stdin), or with `kill` (cancelled,
        failed) stop them at once; they only read files, so nothing is lost."""
        for proc in self.procs:
            with contextlib.suppress(OSError):
                proc.stdin.close()
            if kill:
                proc.kill()
        for proc in self.procs:
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for thread, q in zip(self.threads, self.queues, strict=True):
            # A reader may be blocked putting into its full queue: keep emptying it.
            while thread.is_alive():
                with contextlib.suppress(queue.Empty):
                    while True:
                        q.get_nowait()
                thread.join(timeout=0.05)
        for proc in self.procs:
            if proc.stdout:
                proc.stdout.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        # An exception here (GeneratorExit included) means the results are not wanted.
        self.close(kill=exc_type is not None)


_DEAD = object()


# Workers yield the processor to the importing process: it alone writes every article
# they prepare, so when the workers take all the cores the import waits on the writer
# (300,000 files on 2 cores: 126 s, then 120 s niced, within the machine's noise;
# bench/million_bench.py). The reader's window, waiting on nothing here, stays responsive.
NICENESS = 10


def _read_tasks(stdin: IO[bytes], tasks: queue.SimpleQueue) -> None:
    """Take every task off the pipe as soon as it comes, ending with None at EOF: a task
    left in the pipe fills it, and the importing process, which writes every article,
    then sat blocked sending the next one (a tenth of its time at 100,000 files,
    bench/million_bench.py). Tasks are lists of paths or a few pages: holding the
    `ahead` of them the parent sends costs little."""
    while True:
        try:
            tasks.put(_receive(stdin))
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            tasks.put(None)
            return


def main() -> None:
    with contextlib.suppress(AttributeError, OSError):  # os.nice: POSIX only
        os.nice(NICENESS)
    # A worker serves one import: the terms it reports are those it has not reported yet.
    track_index_terms()
    templates = SiteTemplates()  # and the page templates it has sent
    stdout = sys.stdout.buffer
    tasks: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_read_tasks, args=(sys.stdin.buffer, tasks), daemon=True).start()
    while True:
        task = tasks.get()
        if task is None:
            return
        try:
            if task[0] == "pages":
                _send(stdout, prepare_pages(task[1], templates))
            else:
                paths, field_map, max_bytes = task
                _send(stdout, prepare_chunk(paths, field_map, max_bytes, templates))
        except BrokenPipeError:
            return


if __name__ == "__main__":
    main()
