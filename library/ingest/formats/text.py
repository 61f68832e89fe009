"""Plain-text articles, one or several per file (see library.ingest.cleaning)."""

from __future__ import annotations

from library.ingest import cleaning
from library.ingest.decoding import decode_bytes
from library.ingest.formats.draft import Draft, ReadError


def read(data: bytes) -> list[Draft]:
    decoded = decode_bytes(data)
    return read_text(decoded.text, decoded.encoding)


def read_text(text: str, encoding: str) -> list[Draft]:
    """`read` on text already decoded (re-cleaning an article from its raw text)."""
    segments = cleaning.split_articles(text)
    if not segments:
        raise ReadError("no article text in the file", "no_article")
    return [
        Draft(
            title=cleaning.clean_title(seg.title),
            body=seg.body,
            raw=seg.raw,
            encoding=encoding,
            format="txt",
            captions=seg.captions,
        )
        for seg in segments
    ]
