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
    return "\n".join(visual_line(line) for line in text.split("\n"))


BOLD, RESET = "\x1b[1;4m", "\x1b[0m"


def emphasise(hit, *, visual_order: bool, colour: bool) -> str:
    """A search hit's snippet with its matches emphasised for a terminal.

    In visual order the matched words are found again by their shaped, reversed form,
    since reordering moves them; without colour (a pipe) the text is left plain.
    """
    text = hit.snippet
    if not colour:
        return visual(text) if visual_order else text
    lead = 1 if text.startswith("…") else 0
    matched = []
    for start, end in hit.matches:
        a, b = start - hit.snippet_start, end - hit.snippet_start
        piece = text[lead + a : lead + b] if a >= 0 else ""
        if piece and piece not in matched:
            matched.append(piece)
    if visual_order:
        text = visual_line(text)
        matched = [visual_line(m) for m in matched]
    for piece in sorted(matched, key=len, reverse=True):
        text = text.replace(piece, f"{BOLD}{piece}{RESET}")
    return text


def visual_line(text: str) -> str:
    return get_display(arabic_reshaper.reshape(text))


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
