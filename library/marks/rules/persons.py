"""Persons: names after titles and ranks, names that begin with a known given name, and a
surname used alone after the full name.

- titles: a person's name after a title or honorific (الدكتور، اللواء، السفير…), a chain of
  ranks after it (اللواء الطيار الركن), a construct title and its complement (وزير
  الخارجية، رئيس الوزراء…) and nationality or function adjectives (الرئيس الفرنسي
  السابق…); the title is never part of the mention;
- given names: a known given name (Arabic, or a foreign one as Arabic news spells it:
  ديفيد, بريت, هاكان) followed by one or more name words (ديفيد كورنفيلد, حامد عمر بشير,
  تميم بن حمد آل ثاني); given names that are also everyday words (أمين, سعيد, نبيل) need
  a second given name, a nisba or بن/أبو/آل after them;
- surnames: the last word of a full name found in the article (الحمادين of يوسف الحمادين),
  used alone elsewhere in it, is the same person (Candidate.name is the full name).

A name is one to five words: the first two freely (among words that can be names), a
third and later one only as a patronymic chain (a given name before or after it, a
definite family name after an indefinite one, or after بن/أبو/عبد/آل/ولد).
"""

from __future__ import annotations

import bisect

from library.marks.rules.common import (
    Candidate,
    SpanIndex,
    _definite,
    _is,
    _joined,
    _nationality,
    _stop,
    _word,
    _Words,
    find_names,
    words,
)
from library.text.arabic import Token
from library.text.lexicon import Lexicon
from library.text.spans import advance_letters, clitic_splits

_TANWEEN = frozenset("\u064b\u064c\u064d")
_PREPOSED = ("لل", "بال", "وال", "كال", "فال", "وبال", "ولل")
_NAME_CLITICS = ("و", "ف", "ل", "ب")  # ومحمد, لمحمد: the clitic is left out


def _tanween(text: str, tok: Token) -> bool:
    return any(ch in _TANWEEN for ch in text[tok.start : tok.end])


def _name_word(key: str, w: _Words) -> bool:
    """A word that can be part of a person's name (not the first word)."""
    return not (
        not _word(key)
        or _stop(key, w)
        or key.startswith(_PREPOSED)
        or _is(key, w.titles)
        or key in w.ranks
        or key in w.modifiers
        or key in w.time_words
        or _is(key, w.construct_titles)
        or _is(key, w.org_heads)
        or key in w.org_heads_definite
        or _nationality(key)
        or key.endswith(("ته", "تها", "تهم", "هما"))  # استقالته: a noun with a pronoun
    )


def _spelled(text: str, tok: Token) -> bool:
    """Folding merged the name with a common word: علي/على, آنا/أنا."""
    raw = text[tok.start : tok.end]
    return not ("ى" in raw[-1:] or raw.startswith(("أنا", "انا")))


_AMBIGUOUS_TITLES = frozenset({"الفريق", "وللفريق", "والفريق", "للفريق", "القائد", "الزعيم"})
_FUTURE = ("سي", "ست", "سن")  # سيعود, ستبدأ: a verb in the future
_STOP_NAMES = frozenset({"علي", "انا"})  # على/علي, أنا/آنا: told apart by their spelling


def _given(text: str, tok: Token, w: _Words) -> bool:
    key = tok.key
    if key not in w.given:
        return False
    if key in w.stop or key in w.time_words:
        return key in _STOP_NAMES and _spelled(text, tok)
    return True


def _not_first(text: str, tok: Token, w: _Words) -> bool:
    """The word cannot begin a name (a stop word, a title, a rank, an accusative)."""
    key = tok.key
    return (
        not _word(key)
        or _stop(key, w)
        or _is(key, w.titles)
        or key in w.patronymic
        or key in w.ranks
        or _tanween(text, tok)
    )


def _first_words(text: str, toks: list[Token], j: int, w: _Words, definite_ok: bool) -> int:
    """After the first word(s) of a name at word j: j + 1, or j + 2 for عبد الله / أبو
    مازن; -(j + 1) for a lone definite name (الرئيس الأسد) that takes nothing after it;
    j when word j begins no name."""
    n = len(toks)
    first = toks[j].key
    if first in w.connectors:  # عبد الله, أبو مازن
        ok = j + 1 < n and _joined(text, toks, j + 1) and _name_word(toks[j + 1].key, w)
        return j + 2 if ok else j
    if _definite(first):
        if not definite_ok or first in w.modifiers or _nationality(first) or first in w.ranks:
            return j
        if first.startswith(_PREPOSED) or _is(first, w.org_heads):
            return j
        return -(j + 1)
    if not (_given(text, toks[j], w) or _name_word(first, w)):
        return j  # لمنظمة, وزارة: not a name
    return j + 1


def _next_word(
    text: str, toks: list[Token], j: int, k: int, w: _Words, *, compound: bool
) -> tuple[int, bool]:
    """How many words the name at word j takes at word k (0: it ends), and whether they
    end with a compound (بن راشد)."""
    key, prev = toks[k].key, toks[k - 1].key
    if key in w.connectors or key in w.patronymic:  # بن, أبو, آل, ولد
        ok = (
            k + 1 < len(toks)
            and _joined(text, toks, k + 1)
            and _name_word(toks[k + 1].key, w)
            and not _tanween(text, toks[k + 1])
        )
        return (2, True) if ok else (0, False)
    if not (_name_word(key, w) or _given(text, toks[k], w)) or _tanween(text, toks[k]):
        return 0, False
    if k - j >= 2:
        if compound:  # بن راشد: only a family name after it (خالد بن سالم العتيبي)
            chain = _definite(key)
        else:  # حامد عمر بشير (the father's name), محمد علي العتيبي
            chain = (
                key in w.given
                or (prev in w.given and k - j == 2)
                or (_definite(key) and key.endswith("ي") and not _definite(prev))
            )
        if not chain or (_definite(prev) and not compound):
            return 0, False  # a definite family name ends the name (أحمد الطيب)
    return 1, False


def _name_end(
    text: str,
    toks: list[Token],
    j: int,
    w: _Words,
    *,
    definite_ok: bool,
    dot: bool = False,
    first_ok: bool = False,
) -> int:
    """End index (exclusive) of a person's name starting at word j, or j if none
    (`first_ok`: word j is known to begin a name)."""
    n = len(toks)
    gap = text[toks[j - 1].end : toks[j].start] if 0 < j < n else "x"
    if j >= n or not (first_ok or not gap.strip() or (dot and gap.strip() == ".")):
        return j
    if not (first_ok or _given(text, toks[j], w)) and _not_first(text, toks[j], w):
        return j
    k = j + 1 if first_ok and toks[j].key not in w.connectors else None
    if k is None:
        k = _first_words(text, toks, j, w, definite_ok)
        if k <= j:
            return -k if k < 0 else j
    compound = k == j + 2
    while k < n and k - j < 5 and _joined(text, toks, k):
        took, compound = _next_word(text, toks, j, k, w, compound=compound)
        if not took:
            break
        k += took
    return k


def _after_title(text: str, toks: list[Token], i: int, w: _Words) -> tuple[int, bool] | None:
    """(first word of the name, whether a lone definite word may be it) after the title
    at word i; None when word i is no title. A spokesman's name after باسمها is found
    here too: (j, False)."""
    n = len(toks)
    key, j = toks[i].key, i + 1
    if _is(key, w.titles) or (key == "د" and text[toks[i].end : toks[i].end + 1] == "."):
        while j < n and _joined(text, toks, j):
            nxt = toks[j].key
            if not (nxt in w.modifiers or nxt in w.ranks or _nationality(nxt)):
                break
            j += 1
        return j, key != "د"
    if not (_is(key, w.construct_titles) or _is(key, w.spokesman)):
        return None
    if _is(key, w.spokesman):  # المتحدث الرسمي باسم الهيئة, الناطق باسمها
        while j < n and _joined(text, toks, j) and toks[j].key in w.modifiers:
            j += 1
        if j < n and toks[j].key.startswith("باسم") and len(toks[j].key) <= 6:
            j += 1
            if toks[j - 1].key != "باسم":  # باسمها: the complement is a pronoun
                return j, False
    skipped = 0
    while j < n and skipped < 4 and _joined(text, toks, j) and _definite(toks[j].key):
        if _is(toks[j].key, w.titles) or toks[j].key in w.time_words:
            break
        j += 1
        skipped += 1
    return (j, False) if skipped else None


def titles(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    n = len(toks)
    for i, tok in enumerate(toks):
        after = _after_title(text, toks, i, w)
        if after is None:
            continue
        j, definite_ok = after
        if j < n and (_is(toks[j].key, w.titles) or toks[j].key in w.ranks):
            continue  # رئيس الهيئة الدكتور عادل: the inner title names him
        if (
            j < n
            and not _given(text, toks[j], w)
            and (tok.key in _AMBIGUOUS_TITLES or toks[j].key.startswith(_FUTURE))
        ):
            continue  # الفريق "the team", سيعود "will return": no name follows
        end = _name_end(text, toks, j, w, definite_ok=definite_ok, dot=tok.key == "د")
        if end > j:
            sure = end - j > 1 or toks[j].key in w.given
            confidence = 0.9 if sure else 0.75
            out.append(
                Candidate(toks[j].start, toks[end - 1].end, "person", "title", "", "", confidence)
            )
    return out


def _given_at(text: str, tok: Token, w: _Words) -> tuple[int, str] | None:
    """(letters of proclitic, given name) when the word is a known given name."""
    key = tok.key
    if key in w.given:
        return (0, key) if _given(text, tok, w) else None
    if key in ("عبد", "وعبد", "لعبد"):  # عبد الرحمن, عبد الله
        return (len(key) - 3, "عبد")
    if key in w.waw_names:
        return None
    for clitic, rest in clitic_splits(key):
        if clitic == 1 and key[0] in _NAME_CLITICS and rest in w.given and len(rest) >= 3:
            return clitic, rest
    return None


def given_names(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        found = _given_at(text, tok, w)
        if found is None or (i > 0 and toks[i - 1].key in w.connectors and _joined(text, toks, i)):
            i += 1
            continue
        clitic, given = found
        end = _name_end(text, toks, i, w, definite_ok=False, first_ok=True) if not clitic else i
        if clitic:  # the name starts after the clitic: read the words after it the same way
            k = i + 1
            while k < n and k - i < 5 and _joined(text, toks, k) and _name_word(toks[k].key, w):
                k += 1
            end = _name_end(text, toks, i, w, definite_ok=False, first_ok=True) if k > i + 1 else i
            if toks[i].key in w.connectors:
                end = i
        if end - i < 2:
            i += 1
            continue
        second = toks[i + 1].key
        if given in w.given_ambiguous and not (
            second in w.given
            or second in w.connectors
            or second in w.patronymic
            or (_definite(second) and second.endswith("ي"))
        ):
            i += 1
            continue
        start = tok.start if not clitic else advance_letters(text, tok.start, clitic)
        if start is None:
            i += 1
            continue
        confidence = 0.6 if given in w.given_ambiguous else 0.8
        out.append(Candidate(start, toks[end - 1].end, "person", "given", "", "", confidence))
        i = end
    return out


def surnames(text: str, toks: list[Token], people: list[Candidate]) -> list[Candidate]:
    """A family name alone (الحمادين; آيت الطالب, آل ثاني with their connector), before or
    after the full name in the same article: the same person, named by the full name.
    One-word names the other rules found are named so too (they are replaced)."""
    w = words()
    full: dict[tuple[str, ...], set[str]] = {}
    for c in people:
        if " " not in text[c.start : c.end]:
            continue
        n = _index_of(toks, c.end)
        if n is None:
            continue
        key = toks[n].key
        if len(key) < 3 or key in w.given or key in w.connectors:
            continue
        whole = text[c.start : c.end]
        if n > 0 and toks[n - 1].key in w.connectors and toks[n - 1].start > c.start:
            full.setdefault((toks[n - 1].key, key), set()).add(whole)
        elif key not in w.modifiers and not _nationality(key):
            full.setdefault((key,), set()).add(whole)
    found: Lexicon[str] = Lexicon((k, next(iter(v))) for k, v in full.items() if len(v) == 1)
    if not len(found):
        return []
    taken = SpanIndex((c.start, c.end) for c in people if " " in text[c.start : c.end])
    out = []
    for hit in find_names(found, text, toks):
        if not taken.overlap(hit.start, hit.end):
            name = hit.payloads[0]
            out.append(Candidate(hit.start, hit.end, "person", "surname", name, "", 0.7))
    return out


def _index_of(toks: list[Token], end: int) -> int | None:
    """The word that ends at `end` (the last word of a candidate)."""
    n = bisect.bisect_left(toks, end, key=lambda t: t.end)
    return n if n < len(toks) and toks[n].end == end else None


def persons(text: str, toks: list[Token]) -> list[Candidate]:
    found = titles(text, toks) + given_names(text, toks)
    linked = surnames(text, toks, found)
    relinked = {(c.start, c.end) for c in linked}
    return [c for c in found if (c.start, c.end) not in relinked] + linked
