"""The gazetteer: countries, capitals, major cities and regions (with the seas, straits and
rivers news names), in Arabic, with common spellings (resources/gazetteer/places_ar.tsv,
written for Hashiya).

Each row: a name as written, the canonical name it stands for (empty: itself), a kind
(country, capital, city, region) and flags. `ambiguous` marks names that are also
everyday words (مالي "financial", صور "pictures", مشهد "scene"); suggestions only offer
those after a place cue (في, إلى, من, مدينة, دولة…).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from library.paths import resources_dir
from library.text.lexicon import Lexicon, name_keys


@dataclass(frozen=True)
class Place:
    name: str  # as listed
    canonical: str  # the preferred name
    kind: str
    ambiguous: bool


def path() -> Path:
    return resources_dir() / "gazetteer" / "places_ar.tsv"


def load(source: Path | None = None) -> list[Place]:
    places = []
    for line in (source or path()).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "name\t")):
            continue
        name, canonical, kind, flags = ([*line.split("\t"), "", "", ""])[:4]
        places.append(Place(name, canonical or name, kind, "ambiguous" in flags.split(",")))
    return places


@cache
def lexicon() -> Lexicon[Place]:
    return Lexicon((p.name, p) for p in load())


@cache
def known_words() -> frozenset[str]:
    """Folded first words of every listed name (for `spans.strip_clitic`)."""
    return frozenset(keys[0] for keys in map(name_keys, (p.name for p in load())) if keys)
