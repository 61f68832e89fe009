"""Text for terminals: visual-order Arabic for terminals without bidi, emphasis, progress.

Only the CLI uses this. Qt shapes and reorders text itself (DESIGN.md fact 1), so
nothing here may ever reach a widget.
"""

from __future__ import annotations

import sys
from typing import TextIO

import arabic_reshaper
from bidi import get_display


def visual(text: str) -> str:
    """Shape and reorder each line for display on a terminal that has no bidi support."""
    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = self.stream.isatty()
        self._last = ""

    def update(self, done: int, total: int, label: str = "") -> None:
        if not self.enabled or total <= 0:
            return
        filled = int(self.width * done / total)
        line = f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {label}"
        if line != self._last:
            self.stream.write(line[:120].ljust(len(self._last)))
            self.stream.flush()
            self._last = line

    def finish(self) -> None:
        if self.enabled and self._last:
            self.stream.write("\n")
            self.stream.flush()
