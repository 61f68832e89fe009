"""CoNLL IOB2: one token per line with its tag, sentences separated by blank lines.

Two dialects (UTF-8, `\\n` line ends):

`conll2003` (the default), what CoNLL-2003 readers (spaCy's `spacy convert -c ner`,
seqeval, AllenNLP, Flair, Hugging Face's loader) take: each article starts with the line
`-DOCSTART- -X- O O` and a blank line, then one token a line in the four space-separated
columns `TOKEN POS CHUNK NER`; Hashiya has no part-of-speech or chunk tags, so those two
columns hold CoNLL-2003's "no value", `-X-`. There are no comment lines, so the article
is found again by its text (the tokens, white space aside, are the article's text):

    -DOCSTART- -X- O O

    قال -X- -X- O
    الدكتور -X- -X- O
    عادل -X- -X- B-PER
    فهمي -X- -X- I-PER
    ...
    <blank line between sentences and after the article>

`commented` (Hashiya's earlier layout): each article starts with two comment lines in
the CoNLL-U style (`# key = value`), then `TOKEN<TAB>TAG` lines; no `-DOCSTART-`:

    # doc_id = urn:hashiya:article:<content hash>
    # title = <the article's title>
    قال<TAB>O
    ...

Readers that know nothing of comments must drop lines starting with "# " (a token line
never holds a space there), or they read `#` tokens with bogus tags.

Tags: B-/I- (IOB2: every mention starts with B-) plus the type's tag: person PER,
organisation ORG, place LOC, date DATE, event EVENT, other MISC; a user's own type is
its id in capitals (non-letters as `_`). Only entity mentions are tagged; highlights and
notes are not part of this format, and an article without mentions is left out. IOB2
cannot nest: of mentions that overlap, the outermost is kept (the one that starts first,
or at the same start the longer one); a mention inside it or crossing it is left out.
`left_out` lists what is not written, with the reason. Relations between mentions have
no place in IOB2 either: the export leaves them out and lists each in `left_out`
(`library.exchange.linking`, reason `relation-not-held`), so the report says how many.

Tokenisation (deterministic, Qt-free, on the cleaned text):
1. words as the search index sees them (`library.text.arabic.tokens`): a run of letters or
   digits with the harakat, tatweel and invisible controls attached to it, so a token
   never ends between a letter and its marks; a ligature that stands for several words
   (ﷺ) is one token;
2. a number written with a decimal or thousands separator (3.5, 1,200, ٣٫٥) is one token;
3. every other visible character (punctuation, « », an emoji) is a token of its own,
   together with what extends it as one user-perceived character: combining marks,
   variation selectors, emoji skin-tone modifiers and tag characters, a zero-width
   joiner and the character it joins (👍🏽, 👨‍👩‍👧 and 🏴 with its tags are one token each),
   and a pair of regional indicators (a flag, 🇸🇦); white space and invisible controls
   (bidi marks, zero-width spaces) are never tokens of their own;
4. a token is split where an entity mention starts or ends inside it: an attached
   proclitic is its own token (لمنظمة → ل + منظمة when the mention is منظمة...).
Sentences end after `.` `!` `?` `؟` `…` and at line breaks.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable

from library.exchange.selection import ExportData
from library.marks.annotations import Annotation
from library.text.arabic import tokens

STANDARD_TAGS = {
    "person": "PER",
    "organisation": "ORG",
    "place": "LOC",
    "date": "DATE",
    "event": "EVENT",
    "other": "MISC",
}
SENTENCE_ENDS = frozenset(".!?؟…")
_SEPARATORS = frozenset(".,٫٬")
DIALECTS = ("conll2003", "commented")
DOCSTART = "-DOCSTART- -X- O O"
NO_VALUE = "-X-"  # CoNLL-2003's filler for a column without a value
_ZWJ = "\u200d"


def tag_for(type_id: str) -> str:
    return (
        STANDARD_TAGS.get(type_id)
        or re.sub(r"[^A-Za-z0-9]+", "_", type_id).strip("_").upper()
        or "MISC"
    )


def type_for_tag(tag: str) -> str:
    for type_id, standard in STANDARD_TAGS.items():
        if standard == tag:
            return type_id
    return tag.lower()


def invisible(ch: str) -> bool:
    """White space and invisible controls: never a token of their own."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def extends(ch: str) -> bool:
    """A character that belongs to the one before it (one user-perceived character):
    combining marks, variation selectors, emoji skin-tone modifiers, tag characters."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones (category Sk)
        or 0xE0020 <= cp <= 0xE007F  # tags of a subdivision flag (category Cf)
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _between(body: str, start: int, stop: int, out: list[tuple[int, int]]) -> None:
    """Tokens of what lies between two words: one per visible character with what
    extends it (rule 3); a mark right after the token before it joins that token."""
    i = start
    while i < stop:
        ch = body[i]
        if extends(ch) and out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
            i += 1
            continue
        if invisible(ch):
            i += 1
            continue
        first = i
        i += 1
        if _regional(ch) and i < stop and _regional(body[i]):
            i += 1  # a flag: two regional indicators
        while i < stop:
            if extends(body[i]):
                i += 1
            elif body[i] == _ZWJ and i + 1 < stop and not invisible(body[i + 1]):
                i += 2  # a zero-width joiner and the character it joins
            else:
                break
        out.append((first, i))


def _words(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for t in tokens(body):
        if spans and spans[-1] == (t.start, t.end):
            continue  # a ligature standing for several words: one token
        spans.append((t.start, t.end))
    # Join numbers cut at their separator (3 . 5 → 3.5).
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if (
            joined
            and s - joined[-1][1] == 1
            and body[joined[-1][1]] in _SEPARATORS
            and body[joined[-1][1] - 1].isdigit()
            and body[s].isdigit()
        ):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def tokenise(body: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Token spans of `body` (rules in the module docstring), cut at the given offsets."""
    words = _words(body)
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in [*words, (len(body), len(body))]:
        _between(body, pos, s, out)
        if e > s:
            out.append((s, e))
        pos = e
    cut_set = sorted(set(cuts))
    if not cut_set:
        return out
    split: list[tuple[int, int]] = []
    for s, e in out:
        lo = bisect.bisect_right(cut_set, s)
        hi = bisect.bisect_left(cut_set, e)
        points = [s, *cut_set[lo:hi], e]
        split.extend((a, b) for a, b in itertools.pairwise(points) if b > a)
    return split


REASONS = {
    "not-a-mention": "CoNLL holds entity mentions only",
    "nested": "CoNLL is flat: a mention inside or across another one, which is kept",
    "no-entity": "a mention whose entity is not in the export",
}


def _sorted_mentions(annotations: list[Annotation]) -> list[Annotation]:
    return sorted(
        (a for a in annotations if a.kind == "entity"), key=lambda a: (a.start, -a.end, a.id)
    )


def _choose(
    data: ExportData, annotations: list[Annotation]
) -> tuple[list[tuple[int, int, str]], list[tuple[Annotation, str]]]:
    """The mentions written (start, end, tag) and the annotations left out with the
    reason: the outermost of overlapping mentions is kept (the first to start, at the
    same start the longer); what nests in it or crosses it is left out."""
    chosen: list[tuple[int, int, str]] = []
    skipped: list[tuple[Annotation, str]] = [
        (a, "not-a-mention") for a in annotations if a.kind != "entity"
    ]
    end = -1
    for a in _sorted_mentions(annotations):
        entity = data.entity_of(a)
        if entity is None or a.end <= a.start:
            skipped.append((a, "no-entity"))
        elif a.start < end:
            skipped.append((a, "nested"))
        else:
            chosen.append((a.start, a.end, tag_for(entity.type)))
            end = a.end
    return chosen, skipped


def _mentions(data: ExportData, annotations: list[Annotation]) -> list[tuple[int, int, str]]:
    return _choose(data, annotations)[0]


def left_out(data: ExportData) -> list[dict]:
    """What the export leaves out, each with its reason (`REASONS`)."""
    out = []
    for article, anns in data.items:
        for a, reason in _choose(data, anns)[1]:
            out.append(
                {
                    "article": article.id,
                    "annotation": a.id,
                    "kind": a.kind,
                    "reason": reason,
                    "why": REASONS[reason],
                }
            )
    return out


def written_articles(data: ExportData) -> int:
    """How many articles the export writes: those with at least one mention written."""
    return sum(1 for _, annotations in data.items if _mentions(data, annotations))


def _check(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CoNLL dialect {dialect!r}; dialects are {', '.join(DIALECTS)}")


def document(
    data: ExportData, article, annotations: list[Annotation], dialect: str = "conll2003"
) -> str:
    _check(dialect)
    mentions = _mentions(data, annotations)
    body = article.body
    spans = tokenise(body, [p for s, e, _ in mentions for p in (s, e)])
    if dialect == "conll2003":
        lines = [DOCSTART, ""]
        columns = f" {NO_VALUE} {NO_VALUE} "
    else:
        lines = [f"# doc_id = {article.iri}", f"# title = {' '.join(article.title.split())}"]
        columns = "\t"
    m = 0
    previous_end = 0
    sentence_open = False
    for s, e in spans:
        if sentence_open and "\n" in body[previous_end:s]:
            lines.append("")
            sentence_open = False
        while m < len(mentions) and mentions[m][1] <= s:
            m += 1
        if m < len(mentions) and mentions[m][0] <= s < mentions[m][1]:
            tag = ("B-" if s == mentions[m][0] else "I-") + mentions[m][2]
        else:
            tag = "O"
        lines.append(f"{body[s:e]}{columns}{tag}")
        sentence_open = True
        previous_end = e
        if e - s == 1 and body[s] in SENTENCE_ENDS and tag == "O":
            lines.append("")
            sentence_open = False
    if sentence_open:
        lines.append("")
    return "\n".join(lines) + "\n"


def render(data: ExportData, dialect: str = "conll2003") -> str:
    """The whole file: every article with at least one mention written, in `dialect`."""
    _check(dialect)
    docs = [
        document(data, article, annotations, dialect)
        for article, annotations in data.items
        if _mentions(data, annotations)
    ]
    # conll2003: each document starts with -DOCSTART- and ends with a blank line;
    # commented: a blank line ends each document, another separates the next one.
    return ("" if dialect == "conll2003" else "\n").join(docs)


def export_bytes(data: ExportData, dialect: str = "conll2003") -> bytes:
    return render(data, dialect).encode("utf-8")
