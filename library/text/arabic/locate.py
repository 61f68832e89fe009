"""Find where a folded key occurs in an original text, without tokenising all of it.

Tokenising a whole article costs about a millisecond of Python; a search showing twenty
results would spend most of its time there. Instead, each folded letter of the key
becomes a character class of every original character that folds to it, with the
characters that fold to nothing (harakat, tatweel, controls) allowed between them; the
regex engine then finds the candidates, and only the words around them are tokenised.
A text holding characters that fold to several letters (ligatures such as ﻻ, ﷺ) or
astral characters is not handled here: `plain_enough` says so and callers tokenise it
whole.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from library.text.arabic.normalize import _LIST_END, _one_of, _tables


@cache
def _maps() -> tuple[dict[str, list[int]], str, re.Pattern[str]]:
    """(folded char → the other characters that fold to it, ignorable class, expanding)."""
    table = _tables().fold
    variants: dict[str, list[int]] = defaultdict(list)
    ignorable: list[int] = []
    expanding: list[int] = []
    for cp, folded in enumerate(table):
        if folded == cp:
            continue
        target = chr(folded) if isinstance(folded, int) else folded
        if target == "":
            ignorable.append(cp)
        elif len(target) == 1:
            variants[target].append(cp)
        else:
            expanding.append(cp)
    expand = _one_of(expanding) + f"|[\\U{_LIST_END:08x}-\\U0010ffff]"
    return variants, _one_of(ignorable), re.compile(expand)


def plain_enough(text: str) -> bool:
    """True when every character of `text` folds to at most one character."""
    return _maps()[2].search(text) is None


@cache
def _class(folded: str) -> str:
    """Regex for one folded character: itself (if it folds to itself) and its variants."""
    table = _tables().fold
    originals = list(_maps()[0].get(folded, ()))
    cp = ord(folded)
    if cp < len(table) and table[cp] == cp:
        originals.append(cp)
    return _one_of(originals) if originals else re.escape(folded)


@cache
def pattern(key: str) -> re.Pattern[str]:
    """A regex matching any original spelling of the folded `key` (inside a word)."""
    ignorable = _maps()[1]
    return re.compile(f"{ignorable}*".join(_class(ch) for ch in key))
