"""What an earlier export looks like: the only thing `--force` may replace.

`export(..., force=True)` (the CLI's `--force`, the dialog's "Replace it?") replaces an
existing target only when an earlier export in the same format wrote it:

- a file (every format but a brat folder) must be a regular file that is empty or begins
  the way that format's export begins: Markdown `# Hashiya notes`; CSV the byte order
  mark and the header row (`article_id,article_title,article_hash…`), and its relations
  file `NAME.relations.csv` the mark and `relation_id,type,type_label…`; JSON-LD an
  AnnotationCollection whose generator is `urn:hashiya:app`; CoNLL `# doc_id =
  urn:hashiya:article:` (the commented dialect), or `-DOCSTART- -X- O O` with every line
  read in the shape our CoNLL-2003 export writes (`TOKEN -X- -X- TAG`); TEI a `<TEI>` whose header names Hashiya; PDF `%PDF-` with
  Hashiya in its metadata; DOCX a zip whose `docProps/core.xml` has the creator Hashiya;
  a brat `.zip` a zip holding only the files a brat export writes (below); citations
  made only of our records, each keyed `hashiya-<hash>`: CSL-JSON an array whose items'
  ids all start `hashiya-`, RIS starting `TY  - NEWS` with every record's `ID` ours,
  BibTeX starting `% Exported from Hashiya` with every entry's key ours (a file where
  the user added a reference of their own is theirs). Only the first 64 KiB are read
  (and a zip's directory), never the whole file;
- a brat folder must hold nothing but regular files with the names a brat export writes
  (`annotation.conf`, `article-<id>.txt`, `article-<id>.ann`) and brat's own
  `.stats_cache`: no sub-folder, no link, no other file. A folder holding anything else
  (a thesis, a sub-folder of papers) is refused, never emptied;
- a bag (BagIt) is checked in `library.exchange.bag.objection`: its `bag-info.txt` names
  Hashiya as the Bag-Software-Agent and it holds only what a bag export writes;
- a device, a named pipe (FIFO), a socket, or a link to one, is never replaced: it is
  not a file an export could have written.

A link is followed: what it points to must pass the same test, and is what gets
replaced (the link itself stays). The tests are in `atomic` (the kind of file, folders)
and here (the content of a file).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from library.exchange.csv_format import COLUMNS, RELATION_COLUMNS

HEAD_BYTES = 64 * 1024
BRAT_FILE = re.compile(r"^(?:annotation\.conf|article-\d+\.(?:txt|ann)|\.stats_cache)$")
NAMES = {
    "markdown": "Markdown",
    "csv": "CSV",
    "csv-relations": "CSV relations",
    "json": "JSON-LD",
    "brat": "brat",
    "conll": "CoNLL",
    "tei": "TEI",
    "docx": "DOCX",
    "pdf": "PDF",
    "csl-json": "CSL-JSON",
    "ris": "RIS",
    "bibtex": "BibTeX",
    "bagit": "BagIt",
    "xliff": "XLIFF",
    "xliff12": "XLIFF 1.2",
    "tmx": "TMX",
    "tbx": "TBX",
    "omegat": "OmegaT glossary",
    "bilingual-docx": "bilingual DOCX",
}


def brat_owned(name: str) -> bool:
    """A file name a brat export writes (or brat itself, browsing the folder)."""
    return bool(BRAT_FILE.match(name))


def _open_regular(path: Path):
    """A binary file object for `path` only if it is a regular file; never blocks on a
    FIFO that took its place meanwhile."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _head(path: Path) -> bytes:
    with _open_regular(path) as fh:
        return fh.read(HEAD_BYTES)


def _zip_names(path: Path) -> list[str] | None:
    try:
        with _open_regular(path) as fh, zipfile.ZipFile(fh) as archive:
            return archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        return None


def _docx_by_us(path: Path) -> bool:
    with (
        contextlib.suppress(OSError, zipfile.BadZipFile, ValueError, EOFError, KeyError),
        _open_regular(path) as fh,
        zipfile.ZipFile(fh) as archive,
    ):
        info = archive.getinfo("docProps/core.xml")
        if info.file_size > HEAD_BYTES:
            return False
        return b"<dc:creator>Hashiya</dc:creator>" in archive.read(info)
    return False


def _brat_zip(path: Path) -> bool:
    names = _zip_names(path)
    return bool(names) and "annotation.conf" in names and all(brat_owned(n) for n in names)


_CSV_HEAD = ("\ufeff" + ",".join(COLUMNS[:3])).encode("utf-8")
_RELATIONS_HEAD = ("\ufeff" + ",".join(RELATION_COLUMNS[:3])).encode("utf-8")
# A line of our CoNLL-2003 export: the document start, or a token with "-X-" in the two
# middle columns. Shared corpora fill those with part-of-speech and chunk tags, so a
# head made only of such lines is our own output, not a user's corpus.
_CONLL2003_LINE = re.compile(rb"-DOCSTART- -X- O O|\S+ -X- -X- (?:O|[BI]-\S+)|")


def _conll(head: bytes) -> bool:
    if head.startswith(b"# doc_id = urn:hashiya:article:"):  # the commented dialect
        return True
    if not head.startswith(b"-DOCSTART- -X- O O\n"):
        return False
    lines = head.split(b"\n")
    if len(head) >= HEAD_BYTES:
        lines = lines[:-1]  # the last line may be cut short
    return all(_CONLL2003_LINE.fullmatch(line) for line in lines)


_CSL_ID = re.compile(rb'\n {\n  "id": "([^"\n]*)"')
_BIB_ENTRY = re.compile(rb"(?:^|\n)\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)")


def _csl_json(head: bytes) -> bool:
    if head.strip() == b"[]":
        return True
    if not head.startswith(b'[\n {\n  "id": "hashiya-'):
        return False
    return all(i.startswith(b"hashiya-") for i in _CSL_ID.findall(head))


def _ris_ours(head: bytes) -> bool:
    if not head.startswith(b"TY  - NEWS\r\nID  - hashiya-"):
        return False
    lines = head.split(b"\r\n")
    if len(head) >= HEAD_BYTES:
        lines = lines[:-1]  # the last line may be cut short
    return all(
        lines[i + 1].startswith(b"ID  - hashiya-")
        for i, line in enumerate(lines[:-1])
        if line.startswith(b"TY  - ")
    ) and not (lines and lines[-1].startswith(b"TY  - ") and len(head) < HEAD_BYTES)


def _bibtex(head: bytes) -> bool:
    if not head.startswith(b"% Exported from Hashiya"):
        return False
    return all(
        kind.lower() == b"comment" or key.startswith(b"hashiya-")
        for kind, key in _BIB_ENTRY.findall(head)
    )


_HEADS: dict[str, Callable[[bytes], bool]] = {
    "markdown": lambda head: head.startswith(b"# Hashiya notes"),
    "csv": lambda head: head.startswith(_CSV_HEAD),
    "csv-relations": lambda head: head.startswith(_RELATIONS_HEAD),
    "json": lambda head: b'"AnnotationCollection"' in head and b'"urn:hashiya:app"' in head,
    "conll": _conll,
    "tei": lambda head: b"<TEI" in head and b"Hashiya" in head,
    "pdf": lambda head: head.startswith(b"%PDF-") and b"Hashiya" in head,
    "csl-json": _csl_json,
    "ris": _ris_ours,
    "bibtex": _bibtex,
    # Derived outputs of the translations, written again from the library at will. XLIFF
    # is not here on purpose: an XLIFF file comes back from a CAT tool holding the
    # translator's work, so --force never replaces one (give the export a new name).
    "tmx": lambda head: b"<tmx" in head and b'creationtool="Hashiya"' in head,
    "tbx": lambda head: b"<tbx" in head and b"Exported from Hashiya" in head,
    "omegat": lambda head: head.startswith(b"# Hashiya glossary"),
}


# Files that come back from other tools with the user's work in them.
NEVER_REPLACED = frozenset({"xliff", "xliff12"})


def written_by_export(fmt: str, path: Path) -> bool:
    """True if the regular file `path` is empty or looks like an export in `fmt`."""
    head = _head(path)
    if not head:
        return True
    if fmt in ("docx", "bilingual-docx"):
        return _docx_by_us(path)
    if fmt == "brat":
        return _brat_zip(path)
    check = _HEADS.get(fmt)
    return check is not None and check(head)


def file_objection(fmt: str) -> Callable[[Path], str | None]:
    """For `atomic.write_bytes`: why the existing regular file may not be replaced."""

    def objection(path: Path) -> str | None:
        try:
            ours = written_by_export(fmt, path)
        except OSError as exc:
            return f"{path} cannot be read to check it ({exc.strerror or exc})"
        if ours:
            return None
        if fmt in NEVER_REPLACED:
            return (
                f"{path} exists, and an {NAMES.get(fmt, fmt)} file may hold a translator's "
                "work from a CAT tool: --force never replaces one (import it with "
                "import-translations, or choose another name)"
            )
        return (
            f"{path} is not an earlier {NAMES.get(fmt, fmt)} export, and --force only "
            "replaces one: choose another name, or move the file away yourself"
        )

    return objection
