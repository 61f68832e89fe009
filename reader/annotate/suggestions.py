"""Suggested entity mentions of the open article, found in the background.

`library.marks.suggest` does the finding (rules, gazetteer, the user's own entities, the
model learned from their tagging; never a rejected one) on the window's Runner, on the
"suggestions" channel of its quick lane, so only the newest request's list ever arrives;
this keeps the current article's list, answers "which suggestion is under the caret" and
"which comes next", and drops a decided suggestion at once so a quick second key press
never acts on it again while the list is being refreshed.

The learned model (`library.marks.recommender`) is read from its cache as it is, even
when the user's tagging has changed since: a suggestion never waits for training. When
it is stale, training runs on the long lane a few seconds after the last change (a burst
of accepts trains once), and the suggestions are found again with the new model.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from library.marks.recommender import stored_model, train_model
from library.marks.suggest import Suggestion, suggest
from library.storage.store import Library
from reader.workers.runner import LONG, QUICK, Handle, Runner

# The search starts once the article is on the screen, not while it is being opened (it
# is Python work on another thread, which would share the interpreter with the opening).
START_DELAY_MS = 120
CHANNEL = "suggestions"
TRAINING_CHANNEL = "recommender"
# Training waits this long after the last change that made the model stale.
TRAINING_DELAY_MS = 3000


def suggest_job(
    article_id: int, min_confidence: float, learning: bool, lib: Library, _handle: Handle
) -> tuple[list[Suggestion], bool]:
    """The article's suggestions, and whether the learned model used was up to date."""
    model, fresh = stored_model(lib) if learning else (None, True)
    found = suggest(lib, article_id, model=model, learn=learning, min_confidence=min_confidence)
    return found, fresh


def training_job(lib: Library, _handle: Handle) -> bool:
    return train_model(lib) is not None


class Suggestions(QObject):
    changed = Signal()

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ticket = 0
        self._training = 0
        self.enabled = True
        self.learning = True
        self.min_confidence = 0.0
        self.article_id: int | None = None
        self.items: list[Suggestion] = []
        self._path: Path | None = None
        self._timer = QTimer(self, singleShot=True, interval=START_DELAY_MS)
        self._timer.timeout.connect(self._start)
        self._train_timer = QTimer(self, singleShot=True, interval=TRAINING_DELAY_MS)
        self._train_timer.timeout.connect(self._train)
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)

    @property
    def loading(self) -> bool:
        return self._ticket != 0 or self._timer.isActive()

    @property
    def training(self) -> bool:
        return self._training != 0 or self._train_timer.isActive()

    def configure(self, *, min_confidence: float, learning: bool) -> None:
        """The Preferences' threshold and learning switch; the list is found again."""
        if (min_confidence, learning) == (self.min_confidence, self.learning):
            return
        self.min_confidence, self.learning = min_confidence, learning
        if not learning:
            self._train_timer.stop()
        self.load(self._path, self.article_id, at_once=True)

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

    def close(self) -> None:
        """The library goes: no training for it either."""
        self.stop()
        self._train_timer.stop()
        if self._training:
            self._runner.cancel(self._training)
            self._training = 0

    def _start(self) -> None:
        article_id, path = self.article_id, self._path
        if article_id is None or path is None:
            return
        job = partial(suggest_job, article_id, self.min_confidence, self.learning)
        self._ticket = self._runner.submit(path, job, lane=QUICK, channel=CHANNEL)

    def _train(self) -> None:
        path = self._path
        if path is None or not self.learning:
            return
        self._training = self._runner.submit(
            path,
            training_job,
            lane=LONG,
            channel=TRAINING_CHANNEL,
            title=self.tr("Learning from your tagging"),
        )

    def _done(self, ticket: int, result: object) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            found, fresh = result  # type: ignore[misc]
            self.items = list(found)
            self.changed.emit()
            if not fresh and self.learning and not self._training:
                self._train_timer.start()  # again: a later change moves it on
        elif ticket == self._training:
            self._training = 0
            if self._train_timer.isActive():
                return  # more changes came while it trained: the next run follows
            self.load(self._path, self.article_id, at_once=True)

    def _failed(self, ticket: int, _message: str) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            self.items = []
            self.changed.emit()
        elif ticket == self._training:
            self._training = 0  # suggestions go on with the model they have

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
