"""Suggested entity mentions of the open article, found in the background.

`library.marks.suggest` does the finding (rules, gazetteer, the user's own entities; never a
rejected one) on the window's Runner, on the "suggestions" channel of its quick lane, so
only the newest request's list ever arrives; this keeps the current article's list,
answers "which suggestion is under the caret" and "which comes next", and drops a decided
suggestion at once so a quick second key press never acts on it again while the list is
being refreshed.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from library.marks.suggest import Suggestion, suggest
from library.storage.store import Library
from reader.workers.runner import QUICK, Handle, Runner

# The search starts once the article is on the screen, not while it is being opened (it
# is Python work on another thread, which would share the interpreter with the opening).
START_DELAY_MS = 120
CHANNEL = "suggestions"


def suggest_job(article_id: int, lib: Library, _handle: Handle) -> list[Suggestion]:
    return suggest(lib, article_id)


class Suggestions(QObject):
    changed = Signal()

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ticket = 0
        self.enabled = True
        self.article_id: int | None = None
        self.items: list[Suggestion] = []
        self._path: Path | None = None
        self._timer = QTimer(self, singleShot=True, interval=START_DELAY_MS)
        self._timer.timeout.connect(self._start)
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)

    @property
    def loading(self) -> bool:
        return self._ticket != 0 or self._timer.isActive()

    def load(self, path: Path | None, article_id: int | None, *, at_once: bool = False) -> None:
        """Find the suggestions of an article (None, or while disabled: none); a newly
        opened article's after a short delay, the same article's again `at_once`."""
        self.stop()
        fresh = article_id != self.article_id
        if fresh:
            self.items = []
        self.article_id, self._path = article_id, path
        if article_id is None or path is None or not self.enabled:
            self.items = []
            self.changed.emit()
            return
        if at_once and not fresh:
            self._start()
        else:
            self._timer.start()

    def stop(self) -> None:
        """Forget a pending request (a newer one follows, or the window is closing)."""
        self._timer.stop()
        if self._ticket:
            self._runner.cancel(self._ticket)
            self._ticket = 0

    def _start(self) -> None:
        article_id, path = self.article_id, self._path
        if article_id is None or path is None:
            return
        self._ticket = self._runner.submit(
            path, partial(suggest_job, article_id), lane=QUICK, channel=CHANNEL
        )

    def _done(self, ticket: int, result: object) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            self.items = list(result)  # type: ignore[call-overload]
            self.changed.emit()

    def _failed(self, ticket: int, _message: str) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            self.items = []
            self.changed.emit()

    def at(self, start: int, end: int | None = None) -> Suggestion | None:
        """The suggestion under a position (or overlapping a span)."""
        for s in self.items:
            if end is not None and end > start:
                if s.start < end and start < s.end:
                    return s
            elif s.start <= start <= s.end:
                return s
        return None

    def after(self, position: int) -> Suggestion | None:
        """The first suggestion starting at or after a position, wrapping to the first."""
        return next((s for s in self.items if s.start >= position), None) or (
            self.items[0] if self.items else None
        )

    def drop(self, decided: list[Suggestion]) -> None:
        gone = {(s.start, s.end) for s in decided}
        self.items = [s for s in self.items if (s.start, s.end) not in gone]
        self.changed.emit()
