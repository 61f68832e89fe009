"""Writing an export so that it is either all there or not there at all.

Everything is written to a temporary name in the target's own folder (so the final
rename never crosses file systems), flushed to disk, then renamed into place with
`os.replace`, which is atomic on POSIX and Windows. A failure at any point removes the
temporary file or folder and leaves an existing target untouched.

Replacing. An existing target is only replaced when the caller says so (`force`: the
CLI's `--force`, the dialog's confirmation), and even then only when an earlier export
wrote it (`library.exchange.earlier` says how that is recognised): a regular file that
the caller's `objection` accepts, or a folder holding nothing but regular files whose
names the caller `owned`. A device, a named pipe, a socket, a folder where a file is
written (or a file where a folder is) is never replaced, with or without `force`. A
link is followed, and what it points to is what is tested and replaced.

A folder (brat) is built as a temporary folder beside the target; replacing an existing
folder moves the old one aside first, renames the new one in, then deletes from the old
one only the files it was allowed to replace, and the folder itself once empty (two
renames: if the second failed, the old folder is moved back).

Leftovers. Temporary names are hidden and carry the writer's process id
(`.notes.csv.hashiya-4242-x1y2.part`, `….old` for a folder moved aside, see
`library.leftovers`); every write first removes those that a killed export left in the
same folder (its process is gone), and those of the same target named as before this
scheme (`.notes.csv.k3j9a8b2.part`) once an hour old.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from library import leftovers


class OutputExists(FileExistsError):
    """The target exists and replacing it was not allowed."""


class NotReplaceable(OutputExists):
    """The target exists and is not something an export may replace, even with force."""


Objection = Callable[[Path], "str | None"]
Owned = Callable[[str], bool]

_TEMP = re.compile(r"^\.(?P<name>.+)\.hashiya-(?P<pid>\d+)-[A-Za-z0-9_]+\.(?P<kind>part|old)$")
_LEGACY_AGE_S = 3600
_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _real(path: Path) -> Path:
    """`path`, or where the link at `path` leads (which must exist)."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise NotReplaceable(
            f"{path} is a link to nothing that exists; nothing was written"
        ) from exc


def _folder_objection(path: Path, owned: Owned) -> str | None:
    try:
        entries = list(os.scandir(path))
    except OSError as exc:
        return f"{path} cannot be read to check it ({exc.strerror or exc})"
    foreign = sorted(
        e.name + ("/" if e.is_dir(follow_symlinks=False) else "")
        for e in entries
        if not (e.is_file(follow_symlinks=False) and owned(e.name))
    )
    if not foreign:
        return None
    shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    return (
        f"{path} holds files that the export did not write ({shown}), and --force only "
        "replaces an earlier export: choose a new folder name"
    )


def replaceable(
    path: Path,
    *,
    folder: bool,
    objection: Objection | None = None,
    owned: Owned | None = None,
) -> Path:
    """Where to write when `path` exists and replacing it was allowed: the path itself,
    or what the link there leads to. Raises NotReplaceable (or IsADirectoryError when a
    file is to be written over a folder) when it is not an earlier export."""
    real = _real(path)
    try:
        mode = real.lstat().st_mode
    except FileNotFoundError:
        return real
    if stat.S_ISDIR(mode):
        if not folder:
            raise IsADirectoryError(f"{path} is a folder; choose a file name")
        reason = _folder_objection(real, owned or (lambda name: False))
    elif stat.S_ISREG(mode):
        if folder:
            reason = f"{path} is a file, not an earlier export's folder; nothing was written"
        else:
            reason = objection(real) if objection is not None else None
    else:
        reason = f"{path} is {_kind(mode)}, not a file: an export never writes over it"
    if reason:
        raise NotReplaceable(reason)
    return real


def check_target(
    path: Path,
    *,
    force: bool,
    folder: bool = False,
    objection: Objection | None = None,
    owned: Owned | None = None,
) -> Path:
    """Fail early (before any work) if `path` may not be written; returns where to write."""
    real = path
    if os.path.lexists(path):
        try:
            mode = path.stat().st_mode  # through a link: what it leads to
        except OSError:
            mode = stat.S_IFREG  # a link to nothing: `replaceable` says so
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise NotReplaceable(
                f"{path} is {_kind(mode)}, not a file: an export never writes over it"
            )
        if not force:
            raise OutputExists(
                f"{path} exists; choose another name or allow replacing it (--force)"
            )
        real = replaceable(path, folder=folder, objection=objection, owned=owned)
    if not real.parent.is_dir():
        raise FileNotFoundError(f"the folder {real.parent} does not exist")
    return real


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2), through the C library; None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


def sync_files(folder: Path, names: Iterable[str]) -> None:
    """Put the files just written in `folder` on disk before the folder is renamed into
    place. One syncfs(2) of the file system where Linux has it: an export of a thousand
    small files (a brat folder, a bag) otherwise spends seconds in a thousand fsyncs.
    Elsewhere, or if syncfs fails, each file is fsynced."""
    syncfs = _syncfs()
    if syncfs is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for name in names:
        fd = os.open(folder / name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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


def _prefix(path: Path) -> str:
    return f".{path.name}.{leftovers.tag()}-"


def _empty_folder(folder: Path, owned: Owned) -> None:
    """Delete the files of `folder` that `owned` allows, then the folder if it is empty
    (anything else is left where it is)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False) and owned(entry.name):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()


def clean_leftovers(target: Path, owned: Owned | None = None) -> list[Path]:
    """Remove the temporary files (and, given `owned`, folders) that killed exports left
    beside `target`; returns what was removed."""
    removed: list[Path] = []
    legacy = re.compile(rf"^\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.(?:part|old)$")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        path = Path(entry.path)
        if match:
            stale = leftovers.abandoned(path, int(match["pid"]))
        elif legacy.match(entry.name):
            stale = leftovers.abandoned(path, None, older_than_s=_LEGACY_AGE_S)
        else:
            continue
        if not stale:
            continue
        if entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
        elif entry.is_dir(follow_symlinks=False) and owned is not None:
            _empty_folder(path, owned)
            if not path.exists():
                removed.append(path)
    return removed


def write_bytes(
    path: str | Path,
    data: bytes,
    *,
    force: bool = False,
    objection: Objection | None = None,
) -> Path:
    """Write one file atomically (temporary file, fsync, rename). With `force`, an
    existing regular file is replaced if `objection` (given the file) returns None."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; choose a file name")
    real = check_target(path, force=force, objection=objection)
    clean_leftovers(real)
    fd, tmp = tempfile.mkstemp(prefix=_prefix(real), suffix=".part", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).chmod(_default_mode(directory=False))
        # Again, just before the rename: it may have appeared, or changed, meanwhile.
        if os.path.lexists(real):
            if not force:
                raise OutputExists(f"{path} exists; choose another name or allow replacing it")
            replaceable(real, folder=False, objection=objection)
        Path(tmp).replace(real)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    _fsync_dir(real.parent)
    return path


def write_folder(
    path: str | Path,
    files: Mapping[str, bytes],
    *,
    force: bool = False,
    owned: Owned | None = None,
) -> Path:
    """Write a folder of files (names relative to it, no sub-folders) all or nothing.
    With `force`, an existing folder is replaced if it holds only regular files whose
    names `owned` accepts (by default: the names being written)."""
    path = Path(path)
    owned = owned or (lambda name: name in files)
    real = check_target(path, force=force, folder=True, owned=owned)
    clean_leftovers(real, owned)
    tmp = Path(tempfile.mkdtemp(prefix=_prefix(real), suffix=".part", dir=real.parent))
    tmp.chmod(_default_mode(directory=True))
    old: Path | None = None
    try:
        for name, data in files.items():
            if "/" in name or "\\" in name or name in {"", ".", ".."}:
                raise ValueError(f"bad file name in an export: {name!r}")
            (tmp / name).write_bytes(data)
        sync_files(tmp, files)
        if os.path.lexists(real):
            if not force:
                raise OutputExists(f"{path} exists; choose another name or allow replacing it")
            replaceable(real, folder=True, owned=owned)  # again: it may have changed
            old = Path(tempfile.mkdtemp(prefix=_prefix(real), suffix=".old", dir=real.parent))
            old.rmdir()
            real.replace(old)
        try:
            Path(tmp).replace(real)
        except BaseException:
            if old is not None:
                old.replace(real)
                old = None
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        _empty_folder(old, owned)
    _fsync_dir(real.parent)
    return path
