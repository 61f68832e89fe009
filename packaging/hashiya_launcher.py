"""Entry script of the PyInstaller bundle: exactly what the `hashiya` console script runs.

PyInstaller needs a script file to start from; the console script is only an entry point
(`reader.launch:main`), so this file calls the same function.

One packaging-only addition: with HASHIYA_BUNDLE_CHECK=1 in the environment the bundle
checks itself instead (packaging/bundle_check.py) - that every resource the app loads at
run time is inside it and loads - prints one JSON report and exits 0 or 1. build.sh runs it
on every build, so a bundle with a missing font, translation or Qt plugin never ships.
"""

from __future__ import annotations

import os
import sys


def _entry() -> int:
    if os.environ.get("HASHIYA_BUNDLE_CHECK") == "1":
        from bundle_check import main as check

        return check()
    from reader.launch import main

    return main()


if __name__ == "__main__":
    sys.exit(_entry())
