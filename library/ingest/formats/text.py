"""Plain-text articles, one or several per file (see library.ingest.cleaning)."""

from __future__ import annotations

from library.ingest import cleaning
from library.ingest.decoding import decode_bytes
from library.ingest.formats.draft import Draft, ReadError


def read(data: bytes) -> list[Draft]:
    decoded = decode_bytes(data)
    segments = cleaning.split_articles(decoded.text)
    if not segments:
        raise ReadError("no article text in the file", "no_article")
    return [
        Draft(
            title=cleaning.clean_title(seg.title),
            body=seg.body,
            raw=seg.raw,
            encoding=decoded.encoding,
            format="txt",
            captions=seg.captions,
        )
        for seg in segments
    ]
