"""The selected articles as references for Zotero and other reference managers.

Three formats, one record per article (every article the selection picks, annotated or
not; the annotations themselves are not written):

- CSL-JSON (`csl-json`, .json): the array of items citeproc processors and Zotero read.
  Type `article-newspaper`; `title`; `author` as `{"literal": name}` (an Arabic name has
  no reliable family/given split: "عبد الله" is not a given name "عبد"); `container-title`
  the publisher; `section`; `issued` and `accessed` as `{"date-parts": [[y, m, d]]}`;
  `URL`; `language` (BCP 47); `id`.
- RIS (`ris`, .ris): `TY  - NEWS`, `ID`, `TI`, one `AU` per author, `T2` the publisher,
  `SE` the section, `PY` the year, `DA` the date (YYYY/MM/DD), `UR`, `Y2` the access date,
  `LA`, `ER  - `. Lines end in CR LF, as the RIS specification has them.
- BibTeX (`bibtex`, .bib), biblatex's dialect: `@article` with `entrysubtype =
  {newspaper}` and `journaltitle` (the publisher), or `@online` when there is no
  publisher; the title in double braces (its case kept); each author in braces (a
  literal name, never split); `date` (ISO 8601), `url`, `urldate`, `langid` (babel's
  name: arabic, english…) and `language`. The text is UTF-8 (biber, Zotero, JabRef read it
  as is); BibTeX's special characters in text fields are escaped (`\\{ \\} \\% \\& \\$ \\#
  \\_`, `\\textbackslash{}`, `\\textasciicircum{}`, `\\textasciitilde{}`); in `url` (read
  verbatim) the characters that would unbalance or end the field are percent-encoded.

The accessed date is the article's earliest capture (a web archive's record of it), else
the day it was imported. A value the article lacks is left out, never written empty.

Every record's key is `hashiya-` and the first 12 hex digits of the article's content
hash (the same article has the same key in every library). That key, and a first line
naming Hashiya in BibTeX, is how an earlier export is recognised (`earlier`).
"""

from __future__ import annotations

import json
import re

import library
import library.exchange.provenance as prov
from library.exchange.selection import ExportArticle, ExportData

KEY_PREFIX = "hashiya-"
BIBTEX_HEAD = "% Exported from Hashiya"
# babel / polyglossia language names for biblatex's langid (BCP 47 primary subtag).
LANGIDS = {
    "ar": "arabic", "en": "english", "fr": "french", "de": "german", "es": "spanish",
    "it": "italian", "fa": "persian", "tr": "turkish", "he": "hebrew", "ur": "urdu",
    "ru": "russian", "pt": "portuguese", "nl": "dutch", "id": "indonesian",
}  # fmt: skip
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def key(article: ExportArticle) -> str:
    return KEY_PREFIX + article.content_hash[:12]


def _clean(value: str | None) -> str:
    """One line: controls dropped, runs of white space (line breaks too) one space."""
    return _SPACES.sub(" ", _BAD.sub("", value or "")).strip()


def _language(article: ExportArticle) -> str:
    return _clean(prov.article_language(article))


def _parts(value: str | None) -> list[int] | None:
    return prov.date_parts(value)


# --- CSL-JSON -----------------------------------------------------------------------------


def csl_item(article: ExportArticle) -> dict:
    item: dict = {"id": key(article), "type": "article-newspaper", "title": _clean(article.title)}
    authors = [_clean(a) for a in prov.authors(article) if _clean(a)]
    if authors:
        item["author"] = [{"literal": a} for a in authors]
    for name, value in (
        ("container-title", prov.publisher(article)),
        ("section", article.meta.section),
        ("URL", prov.url(article)),
        ("language", _language(article)),
    ):
        if _clean(value):
            item[name] = _clean(value)
    for name, value in (("issued", prov.published(article)), ("accessed", article.accessed)):
        parts = _parts(value)
        if parts:
            item[name] = {"date-parts": [parts]}
    return item


def csl_json(data: ExportData) -> str:
    return json.dumps([csl_item(a) for a, _ in data.items], ensure_ascii=False, indent=1) + "\n"


# --- RIS ----------------------------------------------------------------------------------


def _ris_date(value: str | None) -> str | None:
    parts = _parts(value)
    if not parts:
        return None
    y, m, d = ([*parts, 0, 0])[:3]
    return f"{y:04d}/{m:02d}/{d:02d}" if m and d else f"{y:04d}/{m:02d}/" if m else f"{y:04d}///"


def ris_record(article: ExportArticle) -> list[str]:
    lines = [("TY", "NEWS"), ("ID", key(article)), ("TI", _clean(article.title))]
    lines += [("AU", _clean(a)) for a in prov.authors(article) if _clean(a)]
    published = prov.published(article)
    parts = _parts(published)
    lines += [
        ("T2", _clean(prov.publisher(article))),
        ("SE", _clean(article.meta.section)),
        ("PY", f"{parts[0]:04d}" if parts else ""),
        ("DA", _ris_date(published) or ""),
        ("UR", _clean(prov.url(article))),
        ("Y2", _ris_date(article.accessed) or ""),
        ("LA", _language(article)),
    ]
    out = [f"{tag}  - {value}" for tag, value in lines if value]
    out.append("ER  - ")
    return out


def ris(data: ExportData) -> str:
    records = ["\r\n".join(ris_record(a)) for a, _ in data.items]
    return "".join(r + "\r\n\r\n" for r in records)


# --- BibTeX -------------------------------------------------------------------------------

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_RE = re.compile("[" + re.escape("".join(_TEX_SPECIAL)) + "]")
_URL_UNSAFE = re.compile(r"[{}\\\s]")


def tex_escape(value: str) -> str:
    """Text for a BibTeX field: every special character escaped, so braces always balance
    and `%` never starts a comment."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m[0]], _clean(value))


def tex_url(value: str) -> str:
    """A URL for biblatex's verbatim `url` field: braces, backslashes and white space
    percent-encoded (a `%` already there is the URL's own encoding, kept)."""
    return _URL_UNSAFE.sub(
        lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), (value or "").strip()
    )


def bibtex_entry(article: ExportArticle) -> str:
    publisher = _clean(prov.publisher(article))
    fields: list[tuple[str, str]] = [("title", "{" + tex_escape(article.title) + "}")]
    authors = [_clean(a) for a in prov.authors(article) if _clean(a)]
    if authors:
        fields.append(("author", " and ".join("{" + tex_escape(a) + "}" for a in authors)))
    if publisher:
        fields += [("journaltitle", tex_escape(publisher)), ("entrysubtype", "newspaper")]
    published = prov.iso_date(prov.published(article))
    if published:
        fields.append(("date", published))
    url = prov.url(article)
    if url and url.strip():
        fields.append(("url", tex_url(url)))
    accessed = prov.iso_date(article.accessed)
    if accessed:
        fields.append(("urldate", accessed))
    lang = _language(article)
    if lang:
        primary = lang.split("-")[0].lower()
        if primary in LANGIDS:
            fields.append(("langid", LANGIDS[primary]))
        fields.append(("language", tex_escape(LANGIDS.get(primary, lang))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    kind = "article" if publisher else "online"
    return f"@{kind}{{{key(article)},\n{body}\n}}\n"


def bibtex(data: ExportData) -> str:
    head = f"{BIBTEX_HEAD} {library.__version__}: {len(data.items)} article(s)\n\n"
    return head + "\n".join(bibtex_entry(a) for a, _ in data.items)


FORMATS = {"csl-json": csl_json, "ris": ris, "bibtex": bibtex}


def export_bytes(data: ExportData, fmt: str) -> bytes:
    return FORMATS[fmt](data).encode("utf-8")
