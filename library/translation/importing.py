"""XLIFF translated in a CAT tool, read back into the library.

    import_translations(lib, "article.xlf") -> ImportReport

Both XLIFF 2.x (`urn:oasis:names:tc:xliff:document:2.0`) and 1.2 are read. Each
`<file>` is an article (its id `article-<content hash>` or its `original`
`urn:hashiya:article:<hash>`); each unit is matched to a segment by its id, else by its
source text (white space normalised) among the article's segments not matched yet.
A matched unit updates the segment's translation and status:

- an empty target never replaces a translation;
- a target that differs from the library's non-empty one replaces it only when the
  segment did not change in the library since the export (the unit's
  `hashiya:updated`, written by our export, is the segment's `updated_at`); otherwise
  the library's is kept and the unit reported as a conflict: no translation is lost;
- states: XLIFF 2 initial → draft (new without a target), translated, reviewed, final →
  reviewed; XLIFF 1.2 signed-off and final → reviewed, translated, any other → draft.

Units that match no segment are reported as unplaced, with why. Nothing is written
unless the whole file was read: a file that is not XML, is truncated, is not XLIFF,
declares a DTD or entities (refused outright: no entity is ever expanded), or is larger
than `MAX_BYTES`, raises `ImportError_` with a sentence for the user. The updates are
one transaction.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path

from library.changes import NOTHING, Changes
from library.edits import now
from library.storage.store import Library
from library.translation.segments import Segment, put_segments, segments
from library.translation.xliff import NS2, NS12, UPDATED

MAX_BYTES = 256 * 1024 * 1024
_FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_HASH = re.compile(r"(?:^article-|^urn:hashiya:article:)([0-9a-f]{16,128})$")
STATES2 = {
    "initial": "draft",
    "translated": "translated",
    "reviewed": "reviewed",
    "final": "reviewed",
}
STATES12 = {"translated": "translated", "signed-off": "reviewed", "final": "reviewed"}


class TranslationImportError(ValueError):
    """A file that cannot be read as XLIFF; the message is meant for the user."""


@dataclass
class ImportReport:
    files: int = 0
    updated: int = 0
    unchanged: int = 0
    unplaced: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    before: list[Segment] = field(default_factory=list)  # the rows changed, as they were
    after: list[Segment] = field(default_factory=list)
    changes: Changes = NOTHING

    def to_json(self) -> dict:
        return {
            "updated": self.updated,
            "unchanged": self.unchanged,
            "unplaced": self.unplaced,
            "files": self.files,
            "conflicts": self.conflicts,
        }


@dataclass(frozen=True)
class _Unit:
    file: str
    id: str
    source: str
    target: str | None  # None: no target element
    status: str | None  # the library status the state maps to (None: keep)
    updated: str | None  # hashiya:updated


def _norm(text: str) -> str:
    return " ".join(text.split())


def _text(el: ET.Element | None) -> str:
    return "" if el is None else "".join(el.itertext())


def read_bytes(path: str | Path) -> bytes:
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"no file {path}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TranslationImportError(
            f"{path} is {size // (1024 * 1024)} MiB; XLIFF files over "
            f"{MAX_BYTES // (1024 * 1024)} MiB are not read"
        )
    with path.open("rb") as fh:
        return fh.read(MAX_BYTES + 1)


def parse(
    data: bytes, name: str = "the file"
) -> tuple[str, list[tuple[str, str | None, list[_Unit]]]]:
    """(version "2" or "1.2", [(file id, article hash or None, units)]). Raises
    TranslationImportError."""
    if len(data) > MAX_BYTES:
        raise TranslationImportError(f"{name} is too large to be read")
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        probe = data.decode("utf-16", "replace").encode("utf-8")
    if _FORBIDDEN.search(probe):
        raise TranslationImportError(
            f"{name} declares a DTD or entities (<!DOCTYPE/<!ENTITY); XLIFF needs neither, "
            "and such files are refused"
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise TranslationImportError(
            f"{name} is not well-formed XML (line {line}, column {column}): is it complete?"
        ) from None
    if root.tag == f"{{{NS2}}}xliff":
        return "2", _files2(root)
    if root.tag == f"{{{NS12}}}xliff":
        return "1.2", _files12(root)
    raise TranslationImportError(
        f"{name} is not XLIFF 2 or 1.2 (its root element is {root.tag!r}; XLIFF's is "
        f"xliff in {NS2} or {NS12})"
    )


def _article_hash(*candidates: str | None) -> str | None:
    for c in candidates:
        m = _HASH.match(c or "")
        if m:
            return m[1]
    return None


def _files2(root: ET.Element) -> list:
    q = f"{{{NS2}}}"
    out = []
    for n, f in enumerate(root.iter(q + "file"), 1):
        fid = f.get("id") or f"file {n}"
        units = []
        for u in f.iter(q + "unit"):
            parts = [c for c in u if c.tag in (q + "segment", q + "ignorable")]
            source = "".join(_text(p.find(q + "source")) for p in parts)
            targets = [p.find(q + "target") for p in parts]
            has_target = any(t is not None for t in targets)
            target = "".join(_text(t) for t in targets) if has_target else None
            states = [p.get("state", "initial") for p in parts if p.tag == q + "segment"]
            ranks = ["initial", "translated", "reviewed", "final"]
            lowest = min(
                states, key=lambda s: ranks.index(s) if s in ranks else 0, default="initial"
            )
            units.append(
                _Unit(
                    fid,
                    u.get("id", ""),
                    source,
                    target,
                    STATES2.get(lowest, "draft"),
                    u.get(UPDATED),
                )
            )
        out.append((fid, _article_hash(f.get("id"), f.get("original")), units))
    return out


def _files12(root: ET.Element) -> list:
    q = f"{{{NS12}}}"
    out = []
    for n, f in enumerate(root.iter(q + "file"), 1):
        fid = f.get("original") or f"file {n}"
        units = []
        for u in f.iter(q + "trans-unit"):
            t = u.find(q + "target")
            state = t.get("state") if t is not None else None
            units.append(
                _Unit(
                    fid,
                    u.get("id", ""),
                    _text(u.find(q + "source")),
                    None if t is None else _text(t),
                    STATES12.get(state or "", "draft"),
                    u.get(UPDATED),
                )
            )
        out.append((fid, _article_hash(f.get("original")), units))
    return out


def _article_for(lib: Library, content_hash: str | None) -> int | None:
    if not content_hash:
        return None
    row = lib.conn.execute(
        "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
    ).fetchone()
    return row[0] if row else None


def _by_id(lib: Library, unit_id: str) -> Segment | None:
    from library.storage.articles import NotFound
    from library.translation.segments import get_segment

    try:
        return get_segment(lib, unit_id)
    except NotFound:
        return None


def _decide(seg: Segment, unit: _Unit, report: ImportReport, stamp: str) -> Segment | None:
    """The segment as the unit leaves it (None: unchanged), or a conflict reported."""
    new_target = unit.target if unit.target is not None else ""
    since_export = unit.updated is not None and unit.updated == (seg.updated_at or "")
    if not new_target.strip():
        return None  # never replace a translation with nothing
    if seg.target and new_target != seg.target and not since_export:
        report.conflicts.append(
            {
                "file": unit.file,
                "unit": unit.id,
                "segment": seg.id,
                "library": seg.target,
                "file_target": new_target,
            }
        )
        return None
    status = unit.status or seg.status
    if new_target == seg.target and not since_export and unit.updated is not None:
        status = seg.status  # a stale file's state never overrides a later change here
    after = replace(seg, target=new_target, status=status)
    if after == seg:
        return None
    return replace(after, updated_at=stamp)


def import_translations(lib: Library, path: str | Path) -> ImportReport:
    """Read an XLIFF file (2.x or 1.2) and update the segments it matches (see the
    module docstring). Raises FileNotFoundError, TranslationImportError."""
    name = str(path)
    _version, files = parse(read_bytes(path), name)
    report = ImportReport(files=len(files))
    stamp = now()
    with lib.transaction():
        for _fid, content_hash, units in files:
            article_id = _article_for(lib, content_hash)
            pool = segments(lib, article_id) if article_id is not None else []
            taken: set[str] = set()
            by_source: dict[str, list[Segment]] = {}
            for s in pool:
                by_source.setdefault(_norm(s.exact), []).append(s)
            by_id = {s.id: s for s in pool}
            matched: list[tuple[_Unit, Segment]] = []
            placed: set[int] = set()  # the units matched by id (their positions)
            for n, unit in enumerate(units):
                seg = by_id.get(unit.id) or (_by_id(lib, unit.id) if unit.id else None)
                if seg is not None and seg.id not in taken:
                    taken.add(seg.id)
                    matched.append((unit, seg))
                    placed.add(n)
            for n, unit in enumerate(units):
                if n in placed:
                    continue
                if article_id is None:
                    report.unplaced.append(_unplaced(unit, "its article is not in this library"))
                    continue
                seg = next(
                    (s for s in by_source.get(_norm(unit.source), []) if s.id not in taken), None
                )
                if seg is None:
                    report.unplaced.append(
                        _unplaced(unit, "no segment of its article has its source text")
                    )
                    continue
                taken.add(seg.id)
                matched.append((unit, seg))
            for unit, seg in matched:
                after = _decide(seg, unit, report, stamp)
                if after is None:
                    report.unchanged += 1
                    continue
                report.before.append(seg)
                report.after.append(after)
                report.updated += 1
        put_segments(lib, report.after)
    report.changes = Changes.of(segments=[s.id for s in report.after])
    return report


def _unplaced(unit: _Unit, why: str) -> dict:
    return {"file": unit.file, "unit": unit.id, "source": unit.source, "why": why}
