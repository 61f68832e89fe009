"""Where an exported article comes from, the same in every format.

The values are the article's metadata (`library.storage.metadata.Metadata`, carried by
`ExportArticle.meta`): its authors, publisher (the `site`), publication date, section,
language, canonical URL, identifier, and its captures (a web archive's records). When it
was read ("accessed", for a citation) is its earliest capture, else the day it was
imported. Empty values are left out everywhere, never written as "".

    fields(article) -> [("Author", "سامي الحسيني"), ("Publisher", "…"), …]
    date_parts("2024-05-12T10:00:00+03:00") -> [2024, 5, 12]
"""

from __future__ import annotations

import re

from library.exchange.direction import language
from library.exchange.selection import ExportArticle

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")
# The lexical forms of XML Schema's date, dateTime, gYearMonth and gYear (TEI's @when).
_W3C_DATE = re.compile(
    r"^-?\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?)?)?)?(?:Z|[+-]\d{2}:\d{2})?$"
)


def date_parts(value: str | None) -> list[int] | None:
    """[year, month, day] (as far as given) of an ISO 8601 date or date-time; None when
    `value` is not one (a date the scraper wrote as "yesterday")."""
    m = _DATE.match((value or "").strip())
    if not m:
        return None
    parts = [int(p) for p in m.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return None
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts


def iso_date(value: str | None) -> str | None:
    """The date part of an ISO 8601 value ("2024-05-12", "2024-05", "2024"), or None."""
    parts = date_parts(value)
    if parts is None:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])


def w3c_date(value: str | None) -> str | None:
    """`value` when it is a W3C (XML Schema) date or date-time as TEI's `@when` takes it,
    else its date part, else None."""
    text = (value or "").strip()
    if _W3C_DATE.match(text) and (len(text) <= 10 or "T" in text):
        return text
    return iso_date(text)


def article_language(article: ExportArticle) -> str | None:
    """The language the metadata gives, else the one its letters show (ar/en)."""
    return article.meta.language or language(article.title + " " + article.body[:400])


def publisher(article: ExportArticle) -> str | None:
    return article.meta.publisher or article.site


def published(article: ExportArticle) -> str | None:
    return article.meta.published or article.date


def url(article: ExportArticle) -> str | None:
    return article.meta.url or article.url


def authors(article: ExportArticle) -> tuple[str, ...]:
    return article.meta.authors


def captured(article: ExportArticle) -> str | None:
    """When the text was captured (the earliest capture's date), or None."""
    return article.meta.accessed


def fields(article: ExportArticle) -> list[tuple[str, str]]:
    """The provenance of an article as (label, value) pairs, labels in English, only the
    values it has: the header block of the Markdown, DOCX and PDF exports."""
    names = authors(article)
    out = [
        ("Authors" if len(names) > 1 else "Author", "; ".join(names)),
        ("Publisher", publisher(article) or ""),
        ("Section", article.meta.section or ""),
        ("Published", published(article) or ""),
        ("Modified", article.meta.modified or ""),
        ("URL", url(article) or ""),
        ("Identifier", article.meta.identifier or ""),
    ]
    captures = sorted(
        (c for c in article.meta.captures if c.date or c.uri or c.file),
        key=lambda c: (c.date is None, c.date or ""),
    )
    if captures:
        first = captures[0]
        where = f" from {first.file}" if first.file else ""
        more = f" (and {len(captures) - 1} more)" if len(captures) > 1 else ""
        out.append(("Captured", f"{first.date or 'undated'}{where}{more}"))
    if not publisher(article) and article.source:
        out.append(("Source file", article.source))
    return [(label, value.strip()) for label, value in out if value and value.strip()]
