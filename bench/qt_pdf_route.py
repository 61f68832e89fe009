"""The PDF writer issue 14 replaced, to measure against: Qt's text layout onto QPdfWriter,
loaded from the last commit that had it (reader/pdf_writer.py at 9145efb).

Its own module so that bench/pdf_routes.py and bench/export_bench.py both use it without
importing each other.
"""

from __future__ import annotations

import subprocess
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMIT = "9145efb"


def qt_route() -> Callable:
    """The Qt writer's `standalone_pdf_writer()`, compiled from git."""
    source = subprocess.run(
        ["git", "show", f"{COMMIT}:reader/pdf_writer.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("hashiya_qt_pdf_writer")
    module.__file__ = f"{COMMIT}:reader/pdf_writer.py"
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module.standalone_pdf_writer()
