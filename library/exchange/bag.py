"""An archival package: the selected articles and their annotations as a BagIt bag.

    hashiya export --format bagit --output DIR

A bag (BagIt 1.0, RFC 8493) is a folder whose payload is under `data/`, with checksummed
manifests beside it, so an archive can check that nothing was lost or changed:

    DIR/
      bagit.txt                  BagIt-Version: 1.0, Tag-File-Character-Encoding: UTF-8
      bag-info.txt               Source-Organization, Bagging-Date, External-Description,
                                 External-Identifier, Bag-Software-Agent (Hashiya x.y),
                                 Payload-Oxum, Bag-Size
      manifest-sha256.txt        a checksum of every payload file
      manifest-sha512.txt
      tagmanifest-sha256.txt     a checksum of every tag file above
      tagmanifest-sha512.txt
      data/
        articles/article-ID.json one JSON record per article, which `hashiya import`
                                 reads back (title, body, captions, date, url, site; and
                                 authors, section, language, modified, identifier,
                                 captures, content_hash, which it leaves to `restore`)
        raw/article-ID.txt       the raw text as it was decoded on import
        metadata.json            every article's metadata and captures, by content hash
        annotations.jsonld       the annotations and the relations between mentions, W3C
                                 Web Annotation (library.exchange.webanno)
        annotations.tei.xml      the articles and annotations in TEI P5 (library.exchange.tei)

Every article the selection picks is in the bag, annotated or not. The bag is written by
hand from the RFC (the `bagit` package is what the tests check it with: its `make_bag`
changes the process's working folder, which an export running in the reader's worker
thread must never do). It is written as a hidden folder beside the target and renamed
into place: an existing empty folder is taken; a folder with anything in it only with
`force`, and only when it is an earlier bag of ours (`bag-info.txt` names Hashiya as
its Bag-Software-Agent, and it holds nothing but the files and folders listed above).

`restore(lib, DIR)` reads a bag back: it checks the manifest, imports the articles
(`library.ingest.importer.import_paths` on `data/articles`), their annotations
(`import_annotations` on `data/annotations.jsonld`, relations included) and their
metadata and captures (`data/metadata.json`, for what the importer does not read).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import library
import library.exchange.tei as tei_format
import library.exchange.webanno as w3c
from library.exchange.atomic import (
    NotReplaceable,
    OutputExists,
    _fsync_dir,
    _prefix,
    sync_files,
)
from library.exchange.selection import ExportArticle, ExportData

ALGORITHMS = ("sha256", "sha512")
AGENT = "Hashiya"
_TAG_FILE = re.compile(r"^(?:bagit\.txt|bag-info\.txt|(?:tag)?manifest-(?:sha256|sha512)\.txt)$")
_DATA_FILE = re.compile(
    r"^data/(?:metadata\.json|annotations\.jsonld|annotations\.tei\.xml"
    r"|articles/article-\d+\.json|raw/article-\d+\.txt)$"
)
_FOLDERS = {"data", "data/articles", "data/raw"}


class BagError(ValueError):
    """A bag that cannot be read back (missing files, a checksum that does not match)."""


def owned(relative: str) -> bool:
    """A file a bag export writes (path relative to the bag, `/` between parts)."""
    return bool(_TAG_FILE.match(relative) or _DATA_FILE.match(relative))


# --- what goes in the bag -----------------------------------------------------------------


def _name(article: ExportArticle) -> str:
    return f"article-{article.id}"


def record(article: ExportArticle) -> dict:
    """The article as a record `hashiya import` reads (library.ingest.formats.records):
    title, body, captions, date, url, site; the rest of its metadata rides along."""
    meta = article.meta
    out: dict = {"title": article.title, "body": article.body}
    if article.captions:
        out["captions"] = list(article.captions)
    for name, value in (("date", article.date), ("url", article.url), ("site", article.site)):
        if value:
            out[name] = value
    if meta.authors:
        out["authors"] = list(meta.authors)
    for name in ("section", "language", "modified", "identifier"):
        value = getattr(meta, name)
        if value:
            out[name] = value
    if meta.captures:
        out["captures"] = [c.to_json() for c in meta.captures]
    out["content_hash"] = article.content_hash
    return out


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def payload(data: ExportData) -> dict[str, bytes]:
    """The payload files, by their path inside the bag (`data/…`)."""
    files: dict[str, bytes] = {}
    listing = []
    for article, _ in data.items:
        name = _name(article)
        files[f"data/articles/{name}.json"] = _json(record(article))
        files[f"data/raw/{name}.txt"] = (article.raw or "").encode("utf-8", "surrogatepass")
        listing.append(
            {
                "id": article.id,
                "content_hash": article.content_hash,
                "iri": article.iri,
                "record": f"articles/{name}.json",
                "raw": f"raw/{name}.txt",
                "source_path": article.source,
                "imported": article.imported,
                "metadata": article.meta.to_json(),
            }
        )
    files["data/metadata.json"] = _json(
        {
            "generator": f"{AGENT} {library.__version__}",
            "generated": data.generated,
            "articles": listing,
        }
    )
    files["data/annotations.jsonld"] = w3c.export_bytes(data)
    files["data/annotations.tei.xml"] = tei_format.export_bytes(data)
    return files


def _digest(algorithm: str, content: bytes) -> str:
    return hashlib.new(algorithm, content).hexdigest()


def _manifest(files: dict[str, bytes], algorithm: str) -> bytes:
    lines = [f"{_digest(algorithm, files[p])}  {p}\n" for p in sorted(files)]
    return "".join(lines).encode("utf-8")


def _bag_size(octets: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if octets < 1024 or unit == "GB":
            return f"{octets} {unit}" if unit == "B" else f"{octets:.1f} {unit}"
        octets /= 1024  # type: ignore[assignment]
    return ""


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def bag_files(data: ExportData) -> dict[str, bytes]:
    """Every file of the bag, by its path inside it."""
    files = payload(data)
    octets = sum(len(v) for v in files.values())
    annotated = sum(1 for _, anns in data.items if anns)
    info = {
        "Source-Organization": AGENT,
        "Bagging-Date": (data.generated or "")[:10],
        "External-Description": _one_line(
            f"{len(data.items)} article(s) exported from a Hashiya library ({annotated} "
            f"annotated, {data.annotation_count} annotation(s)): the cleaned texts as JSON "
            "records (data/articles), the raw texts as decoded (data/raw), their metadata "
            "and captures (data/metadata.json), the annotations as W3C Web Annotation "
            "JSON-LD (data/annotations.jsonld) and TEI P5 (data/annotations.tei.xml)."
        ),
        "External-Identifier": f"urn:uuid:{uuid.uuid4()}",
        "Bag-Software-Agent": f"{AGENT} {library.__version__}",
        "Payload-Oxum": f"{octets}.{len(files)}",
        "Bag-Size": _bag_size(octets),
    }
    tags: dict[str, bytes] = {
        "bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        "bag-info.txt": "".join(f"{k}: {v}\n" for k, v in info.items() if v).encode("utf-8"),
    }
    for algorithm in ALGORITHMS:
        tags[f"manifest-{algorithm}.txt"] = _manifest(files, algorithm)
    for algorithm in ALGORITHMS:
        tags[f"tagmanifest-{algorithm}.txt"] = _manifest(tags, algorithm)
    return {**tags, **files}


# --- writing ------------------------------------------------------------------------------


def objection(folder: Path) -> str | None:
    """Why the existing folder may not be replaced by a bag (None: it is an earlier bag
    of ours, or empty)."""
    foreign: list[str] = []
    try:
        entries = list(os.scandir(folder))
        if not entries:
            return None
        info = folder / "bag-info.txt"
        ours = info.is_file() and not info.is_symlink() and info.stat().st_size < 65536
        if ours:
            head = info.read_bytes()
            ours = re.search(rb"^Bag-Software-Agent: Hashiya\b", head, re.MULTILINE) is not None
        for root, dirs, names in os.walk(folder):
            base = Path(root).relative_to(folder).as_posix()
            base = "" if base == "." else base + "/"
            for d in dirs:
                entry = Path(root) / d
                if entry.is_symlink() or base + d not in _FOLDERS:
                    foreign.append(base + d + "/")
            dirs[:] = [
                d for d in dirs if base + d in _FOLDERS and not (Path(root) / d).is_symlink()
            ]
            for n in names:
                entry = Path(root) / n
                if entry.is_symlink() or not entry.is_file() or not owned(base + n):
                    foreign.append(base + n)
    except OSError as exc:
        return f"{folder} cannot be read to check it ({exc.strerror or exc})"
    if not ours:
        return (
            f"{folder} is not an earlier Hashiya bag (its bag-info.txt does not name "
            "Hashiya), and --force only replaces one: choose a new folder name"
        )
    if foreign:
        shown = ", ".join(sorted(foreign)[:3]) + (
            f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        )
        return (
            f"{folder} holds files that the export did not write ({shown}), and --force only "
            "replaces an earlier bag: choose a new folder name"
        )
    return None


def _is_empty_folder(path: Path) -> bool:
    try:
        return path.is_dir() and not path.is_symlink() and not any(os.scandir(path))
    except OSError:
        return False


def check_target(path: Path, *, force: bool) -> Path:
    """Fail before any work when a bag may not be written at `path`."""
    if path.is_symlink():
        raise NotReplaceable(f"{path} is a link: give the bag a folder name of its own")
    if os.path.lexists(path):
        if not path.is_dir():
            raise NotReplaceable(f"{path} is not a folder: a bag is a folder; choose a new name")
        if not _is_empty_folder(path):
            if not force:
                raise OutputExists(
                    f"{path} exists and is not empty; choose a new folder name or allow "
                    "replacing an earlier bag (--force)"
                )
            reason = objection(path)
            if reason:
                raise NotReplaceable(reason)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {path.parent} does not exist")
    return path


def _remove_owned(folder: Path) -> None:
    """Delete what a bag export writes from `folder`, then the folders left empty."""
    for root, _dirs, names in os.walk(folder, topdown=False):
        base = Path(root).relative_to(folder).as_posix()
        base = "" if base == "." else base + "/"
        for n in names:
            entry = Path(root) / n
            if owned(base + n) and entry.is_file() and not entry.is_symlink():
                with contextlib.suppress(OSError):
                    entry.unlink()
        with contextlib.suppress(OSError):
            Path(root).rmdir()


def write_bag(path: str | Path, files: dict[str, bytes], *, force: bool = False) -> Path:
    """Write the bag's files as the folder `path`, all or nothing."""
    path = Path(path)
    check_target(path, force=force)
    tmp = Path(tempfile.mkdtemp(prefix=_prefix(path), suffix=".part", dir=path.parent))
    old: Path | None = None
    try:
        tmp.chmod(0o777 & ~_umask())
        for relative, content in files.items():
            if not owned(relative):
                raise ValueError(f"bad file name in a bag: {relative!r}")
            target = tmp / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        sync_files(tmp, files)
        if os.path.lexists(path):
            check_target(path, force=force)  # again: it may have changed meanwhile
            if _is_empty_folder(path):
                path.rmdir()
            else:
                old = Path(tempfile.mkdtemp(prefix=_prefix(path), suffix=".old", dir=path.parent))
                old.rmdir()
                path.replace(old)
        try:
            tmp.replace(path)
        except BaseException:
            if old is not None:
                old.replace(path)
                old = None
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        _remove_owned(old)
    _fsync_dir(path.parent)
    return path


def _umask() -> int:
    from library.exchange.atomic import _umask as umask

    return umask()


# --- reading back -------------------------------------------------------------------------


@dataclass
class RestoreReport:
    articles: dict = field(default_factory=dict)  # the importer's report, as JSON
    annotations: dict = field(default_factory=dict)  # import_annotations' report, as JSON
    metadata: int = 0  # articles whose metadata or captures were restored

    def to_json(self) -> dict:
        return {
            "articles": self.articles,
            "annotations": self.annotations,
            "metadata": self.metadata,
        }


def verify(folder: Path) -> None:
    """Check a bag's payload against its SHA-256 manifest; BagError when it does not
    match (a missing, changed or unlisted file)."""
    manifest = folder / "manifest-sha256.txt"
    if not (folder / "bagit.txt").is_file() or not manifest.is_file():
        raise BagError(f"{folder} is not a BagIt bag (no bagit.txt or manifest-sha256.txt)")
    listed = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, _, name = line.partition(" ")
            listed[name.strip().replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")] = (
                digest
            )
    for name, digest in listed.items():
        file = folder / name
        if not file.is_file() or _digest("sha256", file.read_bytes()) != digest.lower():
            raise BagError(f"{name} is missing or does not match the bag's manifest")
    present = {
        p.relative_to(folder).as_posix() for p in (folder / "data").rglob("*") if p.is_file()
    }
    extra = present - set(listed)
    if extra:
        raise BagError(f"{sorted(extra)[0]} is in the bag but not in its manifest")


def restore(lib, folder: str | Path) -> RestoreReport:
    """Import a bag written by `write_bag` into `lib`: its articles, annotations and
    metadata. Raises BagError for a bag that does not check out."""
    from library.exchange.import_annotations import import_annotations
    from library.ingest.importer import import_paths
    from library.storage.metadata import Capture, add_captures, metadata_for, update

    folder = Path(folder).expanduser()
    verify(folder)
    data = folder / "data"
    report = RestoreReport()
    imported = import_paths(lib, [data / "articles"], workers=0)
    report.articles = imported.to_json() if hasattr(imported, "to_json") else {}
    annotations = data / "annotations.jsonld"
    if annotations.is_file():
        report.annotations = import_annotations(lib, annotations).to_json()
    listing = json.loads((data / "metadata.json").read_text(encoding="utf-8"))
    by_hash = {
        h: i for i, h in lib.conn.execute("SELECT id, content_hash FROM articles").fetchall()
    }
    wanted = {
        by_hash[e["content_hash"]]: e
        for e in listing.get("articles", [])
        if e.get("content_hash") in by_hash
    }
    current = metadata_for(lib, wanted)
    for article_id, entry in wanted.items():
        meta = entry.get("metadata") or {}
        have = current[article_id]
        changes = {
            name: meta[name]
            for name in (
                "authors",
                "section",
                "language",
                "modified",
                "identifier",
                "publisher",
                "url",
                "published",
            )
            if meta.get(name) and not getattr(have, name)
        }
        captures = [
            Capture(c.get("uri"), c.get("date"), c.get("record_id"), c.get("file"))
            for c in meta.get("captures") or []
            if isinstance(c, dict)
        ]
        # A capture without a record id is never a conflict for the table: compare here.
        captures = [c for c in dict.fromkeys(captures) if c not in have.captures]
        if changes:
            update(lib, article_id, **changes)
        added = 0
        if captures:
            with lib.transaction():
                added = add_captures(lib, article_id, captures)
        if changes or added:
            report.metadata += 1
    return report
