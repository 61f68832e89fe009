"""Temporary files that a killed writer left behind, told apart from a running writer's.

Exports (`library.exchange.atomic`) and backups (`library.storage.backup`) write to a
hidden name beside their target and rename it into place at the end. Those names carry
the writer's process id after the word `hashiya` (`.notes.csv.hashiya-4242-k3j9.part`,
`.library-2024-05-01.sqlite.hashiya-4242.partial`), so that the next export or backup
into the same folder can remove what a process killed before its rename left there,
without touching the temporary file of one that is still running.

A leftover is abandoned when its process is gone (POSIX: `kill(pid, 0)` finds no such
process), or when nothing has touched it for a day (a process id can be reused; and on
Windows, where asking about a process is not harmless, age alone decides).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

MARK = "hashiya"
STALE_AFTER_S = 24 * 3600


def tag() -> str:
    """`hashiya-<pid>`: the part of a temporary name that says whose it is."""
    return f"{MARK}-{os.getpid()}"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, and belongs to someone else
        return True
    return True


def abandoned(path: Path, pid: int | None, *, older_than_s: float = STALE_AFTER_S) -> bool:
    """True if the temporary `path`, written by process `pid` (None: unknown), is nobody's."""
    try:
        age = time.time() - path.lstat().st_mtime
    except OSError:
        return False
    if pid is not None and not _running(pid):
        return True
    return age > older_than_s
