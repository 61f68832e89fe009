"""The `hashiya` command: the Qt-free command line (`library.cli`) plus what only the
desktop application can do, opening the window and drawing a PDF.

`library/` never imports `reader/`, so this launcher hands those two to the command line.
Both import Qt only when they are called: `hashiya list`, `search`, `import`… never load
PySide6, and neither does importing this module. `python -m reader.launch` is the same
command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from library.cli import main as cli_main
from library.cli.common import Failure


def start_gui(path: Path, *, lang: str | None, smoke_test: bool) -> int:
    """Open the window on the library at `path` and run until it closes."""
    try:
        from reader.app import run
    except ImportError as exc:
        raise Failure(f"the desktop reader cannot start: {exc}") from exc
    return run(path, lang=lang, smoke_test=smoke_test)


def write_pdf(data: Any) -> bytes:
    """The notes (a `library.exchange.ExportData`) as a PDF, drawn by Qt's text layout in an
    offscreen application (the command line has no window)."""
    try:
        from reader.pdf_writer import standalone_pdf_writer
    except ImportError as exc:
        raise Failure(f"PDF export needs the desktop reader's Qt: {exc}") from exc
    return standalone_pdf_writer()(data)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, gui=start_gui, pdf_writer=write_pdf)


if __name__ == "__main__":
    sys.exit(main())
