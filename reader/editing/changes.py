"""The window's one change stream: every change to the library reaches the views here.

Operations run through the undo stack, imports, maintenance, and what another process
wrote (the window's `PRAGMA data_version` poll) all end in one `library.changes.Changes`
published on the stream the main window owns. Each view subscribes and refreshes only
what the record says it shows; nobody refreshes another view directly.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from library.changes import Changes


class ChangeStream(QObject):
    changed = Signal(object)  # library.changes.Changes
    # An undo or redo that could not be replayed: what was being done, why (for the user).
    failed = Signal(str, str)

    def publish(self, changes: Changes) -> None:
        if not changes.empty:
            self.changed.emit(changes)
