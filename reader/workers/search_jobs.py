"""Library search as you type, on the window's Runner (reader.workers.runner), newest query wins.

The controller debounces typing and submits each query on the runner's "search" channel:
a query typed while an older one waits or runs supersedes it, so a slow search for "ا"
can never overwrite the results of the "الاتحاد" typed after it. Each search runs on a
read-only connection in the runner's quick lane; a failure (a query that cannot be
parsed, a library that cannot be read) comes back as a message for the search panel.

Results come a page at a time: the first page as soon as it is found, the next ones
when the list asks for more (`fetch_more`, as it scrolls to its end). A page is a job on
the same channel, so a new query supersedes a page still loading, and a page is only
asked for while nothing else is on its way. A full first page is counted afterwards, in
a job of its own on the "search-count" channel (`counted`): counting a word found in
most of a million articles takes a few hundred milliseconds, the first page a few tens
(bench/million_bench.py), and the results should not wait for the number. A new query
stops a count still running (`Library.stop_when`).

A search has a scope: the articles' Arabic text (`TEXT`, `library.search.engine`) or
the segments' translations (`TRANSLATIONS`, `library.translation.search`: Latin-script
folding, one hit a segment). Changing the scope is a new query on the same channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from library.search.engine import SearchHit, count, search
from library.search.query import QueryError
from library.storage.store import Library
from library.translation.search import TranslationHit, count_translations, find_translations
from reader.workers.runner import QUICK, Handle, Runner

DEBOUNCE_MS = 300
PAGE_SIZE = 100
CHANNEL = "search"
COUNT_CHANNEL = "search-count"
TEXT = "text"
TRANSLATIONS = "translations"
SCOPES = (TEXT, TRANSLATIONS)


@dataclass(frozen=True)
class SearchPage:
    """Results `offset` onwards of a query, and how many articles match it in all: on a
    short first page, its length; None on a full first page (the count comes after it,
    `SearchController.counted`) and on the other pages."""

    hits: list[SearchHit] | list[TranslationHit]  # TranslationHit: the translations' scope
    offset: int
    total: int | None
    problem: str = ""  # QueryError.reason when the query could not be run
    detail: str = ""  # its English message, for the log


def _refused(error: QueryError, offset: int) -> SearchPage:
    return SearchPage([], offset, 0, error.reason, str(error))


def search_job(query: str, lib: Library, _handle: Handle) -> SearchPage:
    try:
        hits = search(lib, query, limit=PAGE_SIZE)
    except QueryError as error:  # said in the interface's language by the controller
        return _refused(error, 0)
    # A short first page is the whole answer; a full one is counted by the next job.
    return SearchPage(hits, 0, len(hits) if len(hits) < PAGE_SIZE else None)


def count_job(query: str, lib: Library, handle: Handle) -> int:
    lib.stop_when(handle.should_cancel)  # a newer query cancels this count
    return count(lib, query)


def translation_count_job(query: str, lib: Library, handle: Handle) -> int:
    lib.stop_when(handle.should_cancel)
    return count_translations(lib, query)


def page_job(query: str, offset: int, lib: Library, _handle: Handle) -> SearchPage:
    try:
        return SearchPage(search(lib, query, limit=PAGE_SIZE, offset=offset), offset, None)
    except QueryError as error:
        return _refused(error, offset)


def translation_search_job(query: str, lib: Library, _handle: Handle) -> SearchPage:
    hits = find_translations(lib, query, limit=PAGE_SIZE)
    return SearchPage(hits, 0, len(hits) if len(hits) < PAGE_SIZE else None)


def translation_page_job(query: str, offset: int, lib: Library, _handle: Handle) -> SearchPage:
    return SearchPage(find_translations(lib, query, limit=PAGE_SIZE, offset=offset), offset, None)


class SearchController(QObject):
    """Debounces typing, submits queries to the runner and passes on current results only."""

    results = Signal(str, object)  # query, SearchPage: the first page
    more = Signal(str, object)  # query, SearchPage: a further page
    counted = Signal(str, int)  # query, how many match in all (after a full first page)
    failed = Signal(str, str)  # query, message
    started = Signal(str)

    def __init__(self, runner: Runner, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._path = path
        self._ticket = 0
        self._count_ticket = 0  # the count of the query shown, while it runs
        self._signal = self.results  # what the job of `_ticket` answers on
        self._query = ""
        self._pending = ""
        self._scope = TEXT
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.search_now(self._pending))
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)

    @property
    def busy(self) -> bool:
        return self._ticket != 0

    @property
    def scope(self) -> str:
        return self._scope

    def set_scope(self, scope: str) -> None:
        """Search the Arabic text (`TEXT`) or the translations (`TRANSLATIONS`); the
        query shown is searched again in the new scope."""
        if scope not in SCOPES:
            raise ValueError(f"unknown search scope: {scope}")
        if scope == self._scope:
            return
        self._scope = scope
        # A query still being typed runs in the new scope when its delay is over.
        if not self._timer.isActive():
            self.search_now(self._query)

    def set_library_path(self, path: Path) -> None:
        self.cancel()
        self._path = path

    def schedule(self, query: str) -> None:
        self._pending = query
        self._timer.start()

    def search_now(self, query: str) -> None:
        self._timer.stop()
        self._drop()  # the older query's page, or its count
        self._query = query
        if not query.strip():
            self._drop()
            self.results.emit(query, SearchPage([], 0, 0))
            return
        self.started.emit(query)
        self._signal = self.results
        job = translation_search_job if self._scope == TRANSLATIONS else search_job
        self._ticket = self._runner.submit(
            self._path, partial(job, query), lane=QUICK, channel=CHANNEL
        )

    def fetch_more(self, query: str, offset: int) -> bool:
        """Ask for the page of `query` from `offset` on; False (nothing asked) when a
        newer query is typed or on its way, or a page is already loading: what comes
        next replaces the list anyway."""
        if query != self._query or self.busy or self._timer.isActive():
            return False
        self._signal = self.more
        job = translation_page_job if self._scope == TRANSLATIONS else page_job
        self._ticket = self._runner.submit(
            self._path, partial(job, query, offset), lane=QUICK, channel=CHANNEL
        )
        return True

    def cancel(self) -> None:
        self._timer.stop()
        self._drop()

    def _drop(self) -> None:
        if self._ticket:
            self._runner.cancel(self._ticket)
            self._ticket = 0
        if self._count_ticket:
            self._runner.cancel(self._count_ticket)
            self._count_ticket = 0

    def _count(self) -> None:
        """Count the query shown, whose first page was full."""
        job = translation_count_job if self._scope == TRANSLATIONS else count_job
        self._count_ticket = self._runner.submit(
            self._path, partial(job, self._query), lane=QUICK, channel=COUNT_CHANNEL
        )

    def _done(self, ticket: int, page: object) -> None:
        if ticket == self._count_ticket:
            self._count_ticket = 0
            self.counted.emit(self._query, page)
        elif ticket == self._ticket:
            self._ticket = 0
            if isinstance(page, SearchPage) and page.problem:
                self.failed.emit(self._query, self.explain(page.problem))
                return
            self._signal.emit(self._query, page)
            if isinstance(page, SearchPage) and page.offset == 0 and page.total is None:
                self._count()

    def explain(self, reason: str) -> str:
        """Why a query could not be run, in the interface's language."""
        texts = {
            "empty": self.tr("type a word to search for"),
            "only-exclusions": self.tr(
                "add a word to search for: “-word” only leaves articles out"
            ),
            "short-prefix": self.tr("a prefix needs two letters or more before the * (besides ال)"),
            "stale-index": self.tr(
                "the search index is out of date; open the library for writing to rebuild it"
            ),
        }
        return texts.get(reason, self.tr("this search could not be run"))

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self._count_ticket:
            self._count_ticket = 0  # the results stay; only their number is not known
        elif ticket == self._ticket:
            self._ticket = 0
            self.failed.emit(self._query, message)

    def shutdown(self) -> None:
        self.cancel()
