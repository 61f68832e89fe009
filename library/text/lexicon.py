"""Find known names in a text: diacritics-insensitive, clitic-aware, whole words only.

A `Lexicon` maps names (as folded word keys, `name_keys`) to payloads: entities for
"tag all occurrences" and the user's own entities in suggestions, places for the
gazetteer. A name matches a run of words of the text whose keys are the name's keys,
separated only by white space (a comma or a full stop between two words breaks a name),
where the first word may carry a proclitic (لمنظمة التعاون الإسلامي holds منظمة التعاون
الإسلامي; the hit then starts after the ل). Matching is on whole folded words: الإماراتية
is not الإمارات.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from library.text.arabic import Token, locate, tokens
from library.text.spans import advance_letters, chunk_end, chunk_start, clitic_splits

T = TypeVar("T")

# Past this many distinct first words, one pass of the tokeniser is cheaper than regexes.
SCAN_MAX_NEEDLES = 64


def name_keys(name: str) -> tuple[str, ...]:
    """The folded keys of a name's words (empty for a name without letters or digits)."""
    return tuple(t.key for t in tokens(name))


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int  # after any proclitic
    end: int
    keys: tuple[str, ...]  # the name that matched
    payloads: tuple[T, ...]  # everything listed under that name
    clitic: int  # folded letters of proclitic left out at the start (0 if none)


class Lexicon(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str | tuple[str, ...], T]] = ()) -> None:
        self._names: dict[tuple[str, ...], list[T]] = {}
        self._by_first_cache: dict[str, list[tuple[str, ...]]] | None = None
        self._pattern: re.Pattern[str] | None = None
        for name, payload in entries:
            self.add(name, payload)

    def add(self, name: str | tuple[str, ...], payload: T) -> None:
        keys = name_keys(name) if isinstance(name, str) else tuple(name)
        if keys:
            self._names.setdefault(keys, []).append(payload)
            self._by_first_cache = None
            self._pattern = None

    def __len__(self) -> int:
        return len(self._names)

    @property
    def _by_first(self) -> dict[str, list[tuple[str, ...]]]:
        cache = self._by_first_cache
        if cache is None:
            cache = {}
            for keys in self._names:
                cache.setdefault(keys[0], []).append(keys)
            for names in cache.values():
                names.sort(key=len, reverse=True)
            self._by_first_cache = cache
        return cache

    @property
    def max_words(self) -> int:
        return max((len(k) for k in self._names), default=0)

    def first_words(self) -> set[str]:
        return set(self._by_first)

    def __contains__(self, name: object) -> bool:
        keys = name_keys(name) if isinstance(name, str) else name
        return keys in self._names

    def lookup(self, name: str | tuple[str, ...]) -> list[T]:
        keys = name_keys(name) if isinstance(name, str) else tuple(name)
        return list(self._names.get(keys, ()))

    # --- matching -------------------------------------------------------------------------

    def match_at(self, text: str, toks: list[Token], i: int) -> Hit[T] | None:
        """The longest name starting at word `i` (bare, else after a proclitic)."""
        by_first = self._by_first
        key = toks[i].key
        readings = [(0, key)] if key in by_first else []
        readings += [(n, rest) for n, rest in clitic_splits(key) if rest in by_first]
        for clitic, first in readings:
            for keys in by_first[first]:
                last = i + len(keys) - 1
                if last >= len(toks):
                    continue
                if all(
                    toks[i + j].key == keys[j]
                    and not text[toks[i + j - 1].end : toks[i + j].start].strip()
                    for j in range(1, len(keys))
                ):
                    start = toks[i].start
                    if clitic:
                        pos = advance_letters(text, start, clitic)
                        if pos is None or pos >= toks[i].end:
                            continue
                        start = pos
                    return Hit(start, toks[last].end, keys, tuple(self._names[keys]), clitic)
        return None

    def find(self, text: str, toks: list[Token] | None = None) -> list[Hit[T]]:
        """Every name in `text`, leftmost-longest, never overlapping, in order."""
        if not self._names:
            return []
        toks = tokens(text) if toks is None else toks
        hits: list[Hit[T]] = []
        i = 0
        while i < len(toks):
            hit = self.match_at(text, toks, i)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i += len(hit.keys)
        return hits

    def _needles(self) -> re.Pattern[str]:
        if self._pattern is None:
            needles = set()
            for first in self._by_first:
                # An article's alef is elided after ل (للرياض): look for what follows it.
                needles.add(first[1:] if first.startswith("ال") and len(first) > 2 else first)
            parts = sorted(needles, key=len, reverse=True)
            self._pattern = re.compile("|".join(locate.pattern(p).pattern for p in parts))
        return self._pattern

    def scan(self, text: str) -> list[Hit[T]]:
        """The same as `find`, but tokenising only around places where a name's first word
        occurs (found by regex over the original spellings): much faster on long texts
        when the lexicon holds few names."""
        if not self._names:
            return []
        if len(self._by_first) > SCAN_MAX_NEEDLES or not locate.plain_enough(text):
            return self.find(text)
        extra = self.max_words - 1
        found: dict[int, Hit[T]] = {}
        done: set[int] = set()
        for m in self._needles().finditer(text):
            lo = chunk_start(text, m.start())
            hi = chunk_end(text, m.end(), extra + 1)
            toks = [Token(t.key, t.stem, t.start + lo, t.end + lo) for t in tokens(text[lo:hi])]
            for i, tok in enumerate(toks):
                if tok.end <= m.start():
                    continue
                if tok.start not in done:
                    done.add(tok.start)
                    hit = self.match_at(text, toks, i)
                    if hit is not None:
                        found.setdefault(hit.start, hit)
                break
        hits: list[Hit[T]] = []
        for hit in sorted(found.values(), key=lambda h: (h.start, -h.end)):
            if hits and hit.start < hits[-1].end:
                continue
            hits.append(hit)
        return hits
