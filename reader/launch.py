"""The `hashiya` command: the Qt-free command line (`library.cli`) plus what only the
desktop application can do, opening the window.

`library/` never imports `reader/`, so this launcher hands that to the command line. It
imports Qt only when it is called: `hashiya list`, `search`, `import`, `export` (PDF
included)… never load PySide6, and neither does importing this module.
`python -m reader.launch` is the same command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from library.cli import main as cli_main
from library.cli.common import Failure


def start_gui(path: Path, *, lang: str | None, smoke_test: bool) -> int:
    """Open the window on the library at `path` and run until it closes."""
    try:
        from reader.app import run
    except ImportError as exc:
        raise Failure(f"the desktop reader cannot start: {exc}") from exc
    return run(path, lang=lang, smoke_test=smoke_test)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, gui=start_gui)


if __name__ == "__main__":
    sys.exit(main())
