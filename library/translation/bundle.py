"""What a translation export holds, read once: the selected articles with their
segments (cut on first use), and the glossary in the target language.

    collect_translations(lib, articles, "en") -> Bundle

`articles` are what `library.exchange.selection.collect` read (`ExportArticle`: id,
title, content_hash, iri); `library.exchange` sits above this package and hands them
in, so nothing here imports it. No writer touches the library: each turns a `Bundle`
into bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from library.marks.entities import Entity, entities
from library.storage.store import Library
from library.translation import glossary as gl
from library.translation.segments import Segment, segments

SOURCE_LANGUAGE = "ar"
# Characters XML 1.0 cannot hold (a control character pasted into a translation).
BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str | None) -> str:
    return BAD_XML.sub("", text or "")


@dataclass(frozen=True)
class GlossaryEntry:
    entity: Entity
    preferred: str | None
    forbidden: tuple[str, ...]


@dataclass
class Bundle:
    items: list[tuple[Any, list[Segment]]]  # (an ExportArticle, its segments)
    entries: list[GlossaryEntry] = field(default_factory=list)
    target_language: str = "en"
    source_language: str = SOURCE_LANGUAGE
    generated: str = ""

    @property
    def segment_count(self) -> int:
        return sum(len(s) for _, s in self.items)


def glossary_entries(lib: Library, lang: str) -> list[GlossaryEntry]:
    """Every entity with a term in `lang`, by name."""
    by_entity = gl._entries(lib, lang)
    return [GlossaryEntry(e, *by_entity[e.id]) for e in entities(lib) if e.id in by_entity]


def collect_translations(
    lib: Library,
    articles: Sequence[Any],
    lang: str,
    *,
    with_segments: bool = True,
    generated: str = "",
) -> Bundle:
    items = [(a, segments(lib, a.id)) for a in articles] if with_segments else []
    return Bundle(items, glossary_entries(lib, lang), lang, SOURCE_LANGUAGE, generated)
