"""Export annotations in formats that archivists, translators and NLP tools read.

    export(lib, "csv", "notes.csv", Selection(tag="Gaza"), force=False) -> ExportResult

Modules, one per format, each turning an `ExportData` (selection.collect) into bytes:
markdown, csv_format, webanno (W3C JSON-LD), brat (a folder of files, or a zip), conll,
tei, docx, pdf (set by fpdf2 with HarfBuzz shaping; no Qt); the selected articles as
references (citations: CSL-JSON, RIS, BibTeX) and as an archival package (bag: BagIt,
a folder); their translations for CAT tools (`library.translation`: XLIFF 2.1 and 1.2,
TMX, a bilingual DOCX) and the glossary (TBX-Basic, OmegaT). Every export states each
article's provenance (library.exchange.provenance). Writing goes through
`atomic`: a temporary file renamed into place, never over an existing file unless
`force`, and then only over an earlier export in the same format (`earlier`). Reading
annotations back in: `library.exchange.import_annotations`.

Relations between entity mentions travel with their mentions: JSON-LD (linking
annotations), brat (`R` lines), TEI (`listRelation`) and CSV (a second file,
`NAME.relations.csv`) hold them, and JSON-LD and brat import them back; the other
formats list them in the result's `left_out` (`library.exchange.linking`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from library.exchange import earlier
from library.exchange.atomic import (
    NotReplaceable,
    OutputExists,
    check_target,
    write_bytes,
    write_folder,
)
from library.exchange.selection import ExportData, Selection, SelectionError, collect
from library.storage.database import is_library_file
from library.storage.store import Library

__all__ = [
    "ARTICLE_FORMATS",
    "CITATIONS",
    "FORMATS",
    "TRANSLATION_FORMATS",
    "ExportData",
    "ExportResult",
    "NotReplaceable",
    "OutputExists",
    "Selection",
    "SelectionError",
    "UnknownFormat",
    "check_output",
    "export",
    "relations_path",
    "render",
    "replace_refusal",
]

FORMATS = (
    "markdown", "csv", "json", "brat", "conll", "tei", "docx", "pdf",
    "csl-json", "ris", "bibtex", "bagit",
    "xliff", "xliff12", "tmx", "tbx", "omegat", "bilingual-docx",
)  # fmt: skip
# Formats of the articles themselves: every article the selection picks, annotated or not.
CITATIONS = ("csl-json", "ris", "bibtex")
# The translations of the selected articles (segments, cut on first use) and the glossary
# in the target language (`export(..., lang=)`, by default the library's).
TRANSLATIONS = ("xliff", "xliff12", "tmx", "bilingual-docx")
GLOSSARIES = ("tbx", "omegat")
TRANSLATION_FORMATS = (*TRANSLATIONS, *GLOSSARIES)
ARTICLE_FORMATS = (*CITATIONS, "bagit", *TRANSLATIONS)
SUFFIXES = {
    "markdown": ".md",
    "csv": ".csv",
    "json": ".jsonld",
    "brat": "",  # a folder, or a .zip when the name ends in .zip
    "conll": ".conll",
    "tei": ".xml",
    "docx": ".docx",
    "pdf": ".pdf",
    "csl-json": ".json",
    "ris": ".ris",
    "bibtex": ".bib",
    "bagit": "",  # a folder
    "xliff": ".xlf",
    "xliff12": ".xlf",
    "tmx": ".tmx",
    "tbx": ".tbx",
    "omegat": ".txt",
    "bilingual-docx": ".docx",
}
DESCRIPTIONS = {
    "markdown": "Markdown notes",
    "csv": "CSV (one row per annotation)",
    "json": "W3C Web Annotation (JSON-LD)",
    "brat": "brat standoff (.txt + .ann)",
    "conll": "CoNLL IOB2 (entity tags)",
    "tei": "TEI P5 XML",
    "docx": "Word document (DOCX)",
    "pdf": "PDF",
    "csl-json": "Citations: CSL-JSON (Zotero, citeproc)",
    "ris": "Citations: RIS",
    "bibtex": "Citations: BibTeX (biblatex)",
    "bagit": "Archival package (BagIt folder)",
    "xliff": "Translation: XLIFF 2.1 (CAT tools)",
    "xliff12": "Translation: XLIFF 1.2 (CAT tools)",
    "tmx": "Translation memory: TMX 1.4b",
    "tbx": "Glossary: TBX-Basic",
    "omegat": "Glossary: OmegaT (tab-separated)",
    "bilingual-docx": "Translation: bilingual Word document (DOCX)",
}


class UnknownFormat(ValueError):
    pass


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: `articles` and `annotations` count only what is in the
    output; `left_out` lists each selected annotation the format cannot hold, as
    {"article", "annotation", "kind", "reason", "why"} (`reason` a short code, `why` in
    words): a note on a whole article in brat, highlights, notes and nested mentions in
    CoNLL; and each relation it cannot hold, as {"article", "relation", "kind":
    "relation", "reason", "why"} (`library.exchange.linking`). `relations` counts the
    relations the output holds (JSON-LD, brat, TEI, and CSV in a second file,
    `NAME.relations.csv`)."""

    format: str
    output: Path
    articles: int
    annotations: int
    files: int
    left_out: tuple[dict, ...] = ()
    relations: int = 0

    def to_json(self) -> dict:
        return {
            "format": self.format,
            "output": str(self.output),
            "articles": self.articles,
            "annotations": self.annotations,
            "files": self.files,
            "relations": self.relations,
            "left_out": list(self.left_out),
        }


def written(data: ExportData, fmt: str) -> tuple[int, tuple[dict, ...]]:
    """(articles written, annotations and relations left out) of an export of `data` in
    `fmt`."""
    from library.exchange import linking

    relations = tuple(linking.left_out(data, fmt))
    if fmt == "brat":
        from library.exchange import brat

        return len(data.items), (*brat.left_out(data), *relations)
    if fmt == "conll":
        from library.exchange import conll

        return conll.written_articles(data), (*conll.left_out(data), *relations)
    return len(data.items), relations


def written_annotations(data: ExportData, fmt: str, left_out: tuple[dict, ...]) -> int:
    """How many annotations the output holds (none in citations)."""
    from library.exchange.linking import is_relation

    if fmt in CITATIONS or fmt in TRANSLATION_FORMATS:
        return 0
    return data.annotation_count - sum(1 for item in left_out if not is_relation(item))


def relations_path(output: str | Path) -> Path:
    """The relations file a CSV export writes beside `output`: `NAME.relations.csv`."""
    output = Path(output)
    return output.with_name(f"{output.stem}.relations.csv")


def is_zip(path: str | Path) -> bool:
    return str(path).lower().endswith(".zip")


def render(
    data: ExportData,
    fmt: str,
    *,
    folder: bool = False,
    conll_dialect: str = "conll2003",
    translations=None,
) -> bytes | dict[str, bytes]:
    """The export as bytes (a dict of file name → bytes for a brat folder, of path inside
    the bag → bytes for a bag). CoNLL is written in `conll_dialect` (`conll.DIALECTS`).
    The translation formats write `translations`, a `library.translation.bundle.Bundle`."""
    if fmt in TRANSLATION_FORMATS:
        return _render_translations(translations, fmt)
    if fmt == "markdown":
        from library.exchange import markdown as module
    elif fmt == "csv":
        from library.exchange import csv_format as module
    elif fmt == "json":
        from library.exchange import webanno as module
    elif fmt == "conll":
        from library.exchange import conll

        return conll.export_bytes(data, conll_dialect)
    elif fmt == "tei":
        from library.exchange import tei as module
    elif fmt == "docx":
        from library.exchange import docx as module
    elif fmt == "brat":
        from library.exchange import brat

        return brat.files(data) if folder else brat.zip_bytes(data)
    elif fmt == "pdf":
        from library.exchange import pdf as module
    elif fmt in CITATIONS:
        from library.exchange import citations

        return citations.export_bytes(data, fmt)
    elif fmt == "bagit":
        from library.exchange import bag

        return bag.bag_files(data)
    else:
        raise UnknownFormat(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    return module.export_bytes(data)


def _render_translations(bundle, fmt: str) -> bytes:
    if bundle is None:
        raise ValueError(f"{fmt} exports translations: give them (translations=Bundle)")
    if fmt in ("xliff", "xliff12"):
        from library.translation import xliff

        return xliff.export_bytes(bundle, "2.1" if fmt == "xliff" else "1.2")
    if fmt == "tmx":
        from library.translation import tmx as module
    elif fmt == "tbx":
        from library.translation import tbx as module
    elif fmt == "omegat":
        from library.translation import omegat as module
    else:
        from library.exchange import docx
        from library.translation import bilingual_docx

        return bilingual_docx.export_bytes(bundle, docx)
    return module.export_bytes(bundle)


def check_output(fmt: str, output: str | Path, *, force: bool) -> None:
    """Fail before any work if an export in `fmt` may not be written at `output`:
    OutputExists (it exists and `force` is false), NotReplaceable (it is not an earlier
    export in this format, see `library.exchange.earlier`), IsADirectoryError,
    FileNotFoundError (no such folder)."""
    output = Path(output).expanduser()
    if fmt == "bagit":
        from library.exchange import bag

        bag.check_target(output, force=force)
        return
    folder = fmt == "brat" and not is_zip(output)
    if output.is_dir() and not folder:
        raise IsADirectoryError(f"{output} is a folder; choose a file name")
    check_target(
        output,
        force=force,
        folder=folder,
        objection=earlier.file_objection(fmt),
        owned=earlier.brat_owned,
    )


def replace_refusal(fmt: str, output: str | Path) -> str | None:
    """Why an export in `fmt` could not replace what is at `output`, even when the user
    agrees to replace it; None when nothing is there or it may be replaced."""
    output = Path(output).expanduser()
    if not os.path.lexists(output):
        return None
    try:
        check_output(fmt, output, force=True)
    except (OutputExists, IsADirectoryError) as exc:
        return str(exc)
    except OSError:
        return None  # a missing folder and the like: the export itself reports it
    return None


def export(
    lib: Library,
    fmt: str,
    output: str | Path,
    selection: Selection | None = None,
    *,
    force: bool = False,
    conll_dialect: str = "conll2003",
    lang: str | None = None,
) -> ExportResult:
    """Export what `selection` picks to `output`, all or nothing.

    Raises UnknownFormat (also for an unknown `conll_dialect`), OutputExists (the target exists and `force` is false, or
    NotReplaceable: it is not an earlier export in this format), IsADirectoryError,
    NotFound (an unknown article), SelectionError, search's QueryError, or OSError when
    the file cannot be written; in every case nothing is left at `output`. `lang`: the
    target language of a translation format (default: the library's).
    """
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    if fmt == "conll":
        from library.exchange.conll import DIALECTS

        if conll_dialect not in DIALECTS:
            raise UnknownFormat(
                f"unknown CoNLL dialect {conll_dialect!r}; dialects are {', '.join(DIALECTS)}"
            )
    output = Path(output).expanduser()
    folder = fmt == "brat" and not is_zip(output)
    if lib.path is not None and is_library_file(output, lib.path):
        # Checked before check_output, which reads an existing file's first bytes.
        raise NotReplaceable(f"{output} is the library itself: choose another name")
    check_output(fmt, output, force=force)
    data = collect(
        lib,
        selection or Selection(),
        every_article=fmt in ARTICLE_FORMATS,
        raw=fmt == "bagit",
    )
    translations = None
    if fmt in TRANSLATION_FORMATS:
        from library.translation.bundle import collect_translations
        from library.translation.segments import translation_language

        translations = collect_translations(
            lib,
            [article for article, _ in data.items],
            lang or translation_language(lib),
            with_segments=fmt in TRANSLATIONS,
            generated=data.generated,
        )
    payload = render(
        data, fmt, folder=folder, conll_dialect=conll_dialect, translations=translations
    )
    if fmt == "bagit":
        from library.exchange import bag

        assert isinstance(payload, dict)
        bag.write_bag(output, payload, force=force)
        count = len(payload)
    elif isinstance(payload, dict):
        write_folder(output, payload, force=force, owned=earlier.brat_owned)
        count = len(payload)
    elif fmt == "csv" and data.relations:
        count = _write_csv_pair(output, payload, data, force=force)
    else:
        write_bytes(output, payload, force=force, objection=earlier.file_objection(fmt))
        count = 1
    articles, left_out = written(data, fmt)
    if fmt in GLOSSARIES:
        articles = 0
    annotations = written_annotations(data, fmt, left_out)
    from library.exchange.linking import written as relations_written

    relations = relations_written(data, fmt, left_out)
    return ExportResult(fmt, output, articles, annotations, count, left_out, relations)


def _write_csv_pair(output: Path, payload: bytes, data: ExportData, *, force: bool) -> int:
    """The annotations CSV and, beside it, its relations file. Both targets are checked
    before either is written, and a failure writing the second removes the first when
    it was new, so the export stays all or nothing."""
    from library.exchange import csv_format

    second = relations_path(output)
    objection = earlier.file_objection("csv-relations")
    check_target(second, force=force, objection=objection)
    existed = os.path.lexists(output)
    write_bytes(output, payload, force=force, objection=earlier.file_objection("csv"))
    try:
        write_bytes(second, csv_format.relations_bytes(data), force=force, objection=objection)
    except BaseException:
        if not existed:
            output.unlink(missing_ok=True)
        raise
    return 2
