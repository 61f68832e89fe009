"""Writing an export so that it is either all there or not there at all.

Everything is written to a temporary name in the target's own folder (so the final
rename never crosses file systems), flushed to disk, then renamed into place with
`os.replace`, which is atomic on POSIX and Windows. A failure at any point removes the
temporary file or folder and leaves an existing target untouched. An existing target is
only replaced when the caller says so (`force`): the CLI's `--force`, the dialog's
confirmation.

A folder (brat) is built as a temporary folder beside the target; replacing an existing
folder moves the old one aside first, renames the new one in, then deletes the old one
(two renames: if the second failed, the old folder is moved back).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


class OutputExists(FileExistsError):
    """The target exists and replacing it was not allowed."""


def check_target(path: Path, *, force: bool) -> None:
    """Fail early (before any work) if `path` may not be written."""
    if path.exists() and not force:
        raise OutputExists(f"{path} exists; choose another name or allow replacing it (--force)")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {path.parent} does not exist")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    # Linux reports it without changing it; os.umask can only read it by setting it,
    # which would briefly affect files other threads create.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _default_mode(directory: bool) -> int:
    """What open()/mkdir() would give under the user's umask (mkstemp/mkdtemp use 0600/0700:
    an export is meant to be shared, not private)."""
    return (0o777 if directory else 0o666) & ~_umask()


def write_bytes(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write one file atomically (temporary file, fsync, rename)."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; choose a file name")
    check_target(path, force=force)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).chmod(_default_mode(directory=False))
        if path.exists() and not force:  # appeared while we were writing
            raise OutputExists(f"{path} exists; choose another name or allow replacing it")
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    _fsync_dir(path.parent)
    return path


def write_folder(path: str | Path, files: Mapping[str, bytes], *, force: bool = False) -> Path:
    """Write a folder of files (names relative to it, no sub-folders) all or nothing."""
    path = Path(path)
    check_target(path, force=force)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    tmp.chmod(_default_mode(directory=True))
    old: Path | None = None
    try:
        for name, data in files.items():
            if "/" in name or "\\" in name or name in {"", ".", ".."}:
                raise ValueError(f"bad file name in an export: {name!r}")
            with (tmp / name).open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        if path.exists():
            if not force:
                raise OutputExists(f"{path} exists; choose another name or allow replacing it")
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            old.rmdir()
            path.replace(old)
        try:
            Path(tmp).replace(path)
        except BaseException:
            if old is not None:
                old.replace(path)
                old = None
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                old.unlink()
    _fsync_dir(path.parent)
    return path
