"""The reader's log: a rotating file in the platform's log folder (shown in About)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from library.paths import log_dir

LOG_NAME = "hashiya.log"


def log_path() -> Path:
    return log_dir() / LOG_NAME


def setup_logging() -> Path | None:
    """Log warnings and errors to the terminal and everything from INFO to the file.

    Returns the file's path, or None if the folder cannot be written (the app still runs).
    """
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if not any(isinstance(h, logging.StreamHandler) for h in root.handlers):
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter("hashiya: %(levelname)s: %(message)s"))
        root.addHandler(console)
    path = log_path()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
