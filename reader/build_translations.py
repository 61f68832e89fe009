"""Update the .ts translation sources from the code and build the .qm files the app loads.

    python -m reader.build_translations            # lupdate, then lrelease
    python -m reader.build_translations --release  # lrelease only (what a fresh checkout needs)

Both tools ship inside the PySide6 wheel. The built .qm files are committed too, so an
installed Hashiya never needs this script.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from reader.i18n import LANGUAGES, translations_dir

READER_DIR = Path(__file__).resolve().parent


def tool(name: str) -> str:
    """PySide6's own lupdate/lrelease, found next to the installed package."""
    import PySide6

    bundled = Path(PySide6.__file__).resolve().parent / name
    if bundled.exists():
        return str(bundled)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"cannot find {name}: install PySide6")
    return found


def ts_files() -> list[Path]:
    return [translations_dir() / f"hashiya_{lang}.ts" for lang in LANGUAGES if lang != "en"]


def update() -> None:
    sources = sorted(str(p) for p in READER_DIR.rglob("*.py"))
    for ts in ts_files():
        language = ts.stem.split("_", 1)[1]
        subprocess.run(
            [tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
             "-target-language", language, *sources, "-ts", str(ts)],
            check=True,
        )  # fmt: skip


def release() -> None:
    for ts in ts_files():
        subprocess.run(
            [tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only build the .qm files")
    args = parser.parse_args(argv)
    if not args.release:
        update()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
