"""A guard against PySide6 6.12.0's reference counting of None, True and False.

Measured here: the 6.12.0 wheels are built for the Python 3.12 stable ABI, where None,
True and False are immortal, yet they install on Python 3.10 and 3.11. There every call
of a void Qt method (`widget.update()`, `painter.fillRect(...)`) and every signal emit
drops one reference to None or True that it never took; after a few thousand calls
Python frees the singleton and aborts ("none_dealloc: deallocating None"). 6.11.3 on the
same Python does not. Scrolling the library list is enough to crash.

On such a runtime the guard gives the three singletons a reference count no session can
exhaust (what Python 3.12 does for them anyway). It measures first and does nothing on a
correct binding or on Python 3.12+. The real fix is a PySide6 without the bug; this
keeps the reader alive where one is installed.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40
_PROBE_CALLS = 64


def binding_drops_references() -> bool:
    from PySide6.QtCore import QPoint

    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        point.setX(1)  # void: returns None
    return before - sys.getrefcount(None) >= _PROBE_CALLS // 2


def protect_singletons() -> bool:
    """Apply the guard if this runtime needs it; True if it did."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        # Immortal singletons already; a debug build lays PyObject out differently.
        return False
    if not binding_drops_references():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    return True


PROTECTED = protect_singletons()
