"""Web archives (WARC, ISO 28500; `.warc` and `.warc.gz`): each archived HTML page an
article, read one record at a time so that an archive of any size takes little memory.

A `response` (or `resource`) record of an HTML page fetched with HTTP status 200 is read
by the HTML reader (`library.ingest.formats.html`); its URL is the page's canonical one,
else the record's `WARC-Target-URI`, and the record itself is the article's capture
(target URI, `WARC-Date`, `WARC-Record-ID`, the archive's file). Every other record is
skipped with its reason: `request`, `revisit` (a capture that did not store the page
again), `warcinfo`, `metadata`, a payload that is not HTML (an image, a PDF), another HTTP
status (a redirect, a 404), a page without article text, a truncated record.

Damage does not end the reading: where the archive cannot be read (a corrupt gzip member,
a record with a broken header, bytes that are not a record), reading starts again at the
next gzip member (`.warc.gz`) or the next line starting a WARC record (`.warc`), and the
damaged stretch is reported (`Skipped` without a record id). A file where not a single
record can be read is not a WARC file (`ReadError`).

Built on warcio's `ArchiveIterator`, which decompresses member by member and undoes
the payload's HTTP chunked transfer and gzip/deflate content encodings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from library.ingest.decoding import DecodeError
from library.ingest.formats.draft import Draft, ReadError
from library.ingest.formats.html import read as read_html
from library.storage.metadata import Capture

SUFFIXES = (".warc", ".warc.gz")
# A page (after its content encoding is undone) larger than this is skipped, not read.
MAX_PAGE_BYTES = 20 * 2**20
HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xhtml", "text/xhtml"}
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_SCAN_BLOCK = 2**20
_WHY = {
    "request": "a request record (what the crawler sent, not a page)",
    "revisit": "a revisit record (a capture that did not store the page again)",
    "warcinfo": "a warcinfo record (about the archive, not a page)",
    "metadata": "a metadata record (about a capture, not a page)",
    "conversion": "a conversion record (a page converted to another format)",
    "continuation": "a continuation record (a part of a segmented record)",
}


def is_warc(name: str | os.PathLike[str]) -> bool:
    return os.fspath(name).lower().endswith(SUFFIXES)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that is no article, or a damaged stretch of the archive (record None)."""

    record: str | None
    reason: str


def _header(headers: Any, name: str) -> str | None:
    if headers is None:
        return None
    value = headers.get_header(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _content_type(value: str | None) -> tuple[str, str | None]:
    """('text/html', 'windows-1256') from 'text/html; charset=windows-1256'."""
    if not value:
        return "", None
    mime, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


def _looks_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _describe(exc: BaseException) -> str:
    """warcio's error in words, without the binary it quotes."""
    message = str(exc).split("\n")[0]
    if "first line:" in message or "Unknown archive format" in message:
        return "no WARC record begins where one should"
    message = "".join(c if c.isprintable() else "?" for c in message)[:160]
    return message or type(exc).__name__


@dataclass(frozen=True, slots=True)
class Page:
    """An archived HTML page, not yet read: its bytes, the charset its HTTP header
    declared, and its capture."""

    data: bytes
    charset: str | None
    capture: Capture


def read_page(page: Page) -> Draft | Skipped:
    """The article of an archived page (`Skipped` when it has none): its URL is the
    canonical one, else the record's target URI; its capture is the record."""
    record_id = page.capture.record_id
    try:
        draft = read_html(page.data, page.charset)[0]
    except (ReadError, DecodeError) as exc:
        return Skipped(record_id, str(exc))
    except (ValueError, RecursionError, MemoryError) as exc:
        return Skipped(record_id, f"unreadable HTML: {exc}")
    draft.url = draft.url or page.capture.uri
    draft.captures = [page.capture]
    return draft


def _archive_iterator() -> type:
    """warcio's ArchiveIterator, imported when an archive is read, without the warning it
    writes to stderr itself (a record longer than its Content-Length: the next one is
    still found, and damage is reported in the import's report)."""
    from warcio.archiveiterator import ArchiveIterator

    class Quiet(ArchiveIterator):
        INC_RECORD = ""

    return Quiet


class _Skip(Exception):
    """Why a record is no article."""


class WarcReader:
    """The records of one archive, in order: `for index, item in reader` yields each
    record's index in the file and its `Draft` or `Skipped` (-1 for a damaged stretch);
    `pages()` the same with each page's `Page`, not yet read. `position` and `size` are
    bytes of the file (for progress)."""

    def __init__(
        self,
        stream: IO[bytes],
        file: str,
        *,
        size: int | None = None,
        max_page_bytes: int = MAX_PAGE_BYTES,
    ) -> None:
        self.stream = stream
        self.file = file
        self.size = size if size is not None else os.fstat(stream.fileno()).st_size
        self.max_page_bytes = max_page_bytes
        self.position = 0
        self.records = 0  # records read, articles or not

    # ------------------------------------------------------------ one record

    def _item(self, record: Any) -> Page | Skipped:
        headers = record.rec_headers
        record_id = _header(headers, "WARC-Record-ID")
        try:
            data, charset = self._payload(record)
        except _Skip as why:
            return Skipped(record_id, str(why))
        uri = _header(headers, "WARC-Target-URI")
        return Page(
            data, charset, Capture(uri, _header(headers, "WARC-Date"), record_id, self.file)
        )

    def _payload(self, record: Any) -> tuple[bytes, str | None]:
        """The page's bytes and declared charset; `_Skip` when it is no HTML page."""
        kind = (record.rec_type or "").lower()
        if kind not in ("response", "resource"):
            raise _Skip(_WHY.get(kind, f"a {kind or 'untyped'} record"))
        http = record.http_headers
        if kind == "response":
            if http is None:
                raise _Skip("a response record without an HTTP response")
            if http.get_statuscode() != "200":
                raise _Skip(f"HTTP status {http.statusline or http.get_statuscode()}")
        # a response record's own Content-Type is "application/http": the page's is the
        # HTTP header's; a resource record's is the page's
        mime, charset = _content_type(
            _header(http if kind == "response" else record.rec_headers, "Content-Type")
        )
        if mime and mime not in HTML_TYPES:
            raise _Skip(f"not an HTML page ({mime})")
        try:
            data = record.content_stream().read(self.max_page_bytes + 1)
        except Exception as exc:  # warcio's decoders raise whatever zlib or brotli raise
            raise _Skip(f"damaged record: {exc}") from exc
        if len(data) > self.max_page_bytes:
            raise _Skip(f"a page too large (over {self.max_page_bytes / 2**20:.0f} MB)")
        if getattr(record.raw_stream, "limit", 0):
            raise _Skip("a truncated record (the archive ends inside it)")
        if not mime and not _looks_html(data):
            raise _Skip("not an HTML page (no content type)")
        return data, charset

    # ------------------------------------------------------------ the archive

    def _scan(self, start: int, gz: bool) -> int | None:
        """Where the next gzip member (or WARC record line) begins at or after `start`."""
        marker = _GZIP_MEMBER if gz else _WARC_LINE
        skip = 0 if gz else 1  # the newline before "WARC/1."
        position = start
        while position < self.size:
            self.stream.seek(position)
            block = self.stream.read(_SCAN_BLOCK + len(marker))
            if not block:
                return None
            found = block.find(marker)
            if found >= 0:
                return position + found + skip
            position += _SCAN_BLOCK
        return None

    def _blank_from(self, position: int) -> bool:
        self.stream.seek(position)
        rest = self.stream.read(65536)
        return not rest.strip(b" \t\r\n\x00") and len(rest) < 65536

    def __iter__(self) -> Iterator[tuple[int, Draft | Skipped]]:
        for index, item in self.pages():
            yield index, read_page(item) if isinstance(item, Page) else item

    def pages(self) -> Iterator[tuple[int, Page | Skipped]]:
        """The records with the HTML pages not yet read: the cheap part, in order (the
        importer reads the pages in worker processes)."""
        archive_iterator = _archive_iterator()
        self.stream.seek(0)
        gz = self.stream.read(2) == b"\x1f\x8b"
        start = 0
        damage: tuple[int, str] | None = None  # since where, and the first error
        while start < self.size:
            self.stream.seek(start)
            records = archive_iterator(self.stream)
            try:
                for record in records:
                    if damage is not None:
                        # (offsets are the file's: warcio starts at the stream's position)
                        yield -1, Skipped(None, self._damaged(damage, records.offset))
                        damage = None
                    item = self._item(record)
                    self.records += 1
                    self.position = self.stream.tell()
                    yield self.records - 1, item
                end = records.offset
                if end >= self.size or self._blank_from(end):
                    break
                error = "bytes that are not a WARC record (a truncated or damaged end)"
            except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib.error, EOFError…
                end = records.offset
                error = _describe(exc)
            if self.records == 0 and damage is None and end == 0:
                raise ReadError(f"not a WARC file ({error})", "malformed")
            if damage is None:
                damage = (end, error)
            found = self._scan(end + 1, gz)
            if found is None:
                break
            start = found
        self.position = self.size
        if damage is not None:
            yield -1, Skipped(None, self._damaged(damage, None))

    @staticmethod
    def _damaged(damage: tuple[int, str], until: int | None) -> str:
        begun, error = damage
        where = f"bytes {begun}–{until}" if until is not None else f"from byte {begun} to the end"
        return f"damaged archive, {where} skipped: {error}"
