"""Where Hashiya keeps things on this machine (platformdirs decides per platform)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Hashiya"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """What can be rebuilt from a library (learned models); safe to delete at any time."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_library_path() -> Path:
    """$HASHIYA_LIBRARY, else library.sqlite in the user data folder (DESIGN.md contract)."""
    env = os.environ.get("HASHIYA_LIBRARY")
    if env:
        return Path(env).expanduser()
    return data_dir() / "library.sqlite"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"


def sample_collection() -> Path:
    return resources_dir() / "samples"
