"""Read a brat standoff `.ann` (with its `.txt`) into import records.

Lines used (brat's standoff format; others, such as events `E` and equivalences `*`,
are skipped without complaint):
- `T<n><TAB><Type> <start> <end>[;<start> <end>…]<TAB><text>`: a text-bound annotation;
  `Highlight` → a highlight, `Note` → a note, any other type → an entity mention of that
  type (matched to the library's types by id or label, case-insensitively). Fragments
  are taken as one span from the first start to the last end when only white space
  separates them in the text (how a span over a line break is written); otherwise the
  line is reported;
- `A<n><TAB>Colour T<n> <colour>`: a highlight's palette colour;
- `N<n><TAB>Reference T<n> <db>:<id><TAB><name>`: the entity (an id `hashiya:<uuid>` is
  kept, written as the UUID's 32 hex digits or, by earlier exports, with its dashes; the
  name is the entity's name);
- `#<n><TAB>AnnotatorNotes T<n><TAB><text>`: the note;
- `R<n><TAB><type> Arg1:T<a> Arg2:T<b>`: a relation from the mention T<a> to T<b> (the
  type matched to the library's relation types by id, brat name or label; a type the
  library lacks is made, labelled with its brat name); `#<n><TAB>AnnotatorNotes
  R<n><TAB><text>` is its note. An R line whose arguments are not entity mentions of
  the file (a missing T, a highlight) is reported and skipped; the mentions stay.
Offsets count code points of the `.txt`. The article is found by the hash of the `.txt`
(or its exact text); each annotation's text is checked against the `.txt` at its
offsets, so a wrong offset is re-anchored by its text rather than trusted.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable

from library.exchange.incoming import (
    Incoming,
    IncomingArticle,
    IncomingEntity,
    IncomingRelation,
    Problems,
)

_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_A = re.compile(r"^(A\d+)\t(\S+) (T\d+)(?: (\S+))?$")
_N = re.compile(r"^(N\d+)\t(\S+) (T\d+) (\S+?)(?::(\S+))?\t(.*)$")
_NOTE = re.compile(r"^(#\d+)\tAnnotatorNotes ([TR]\d+)\t(.*)$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:(\S+) Arg2:(\S+)\s*$")
_HEX_UUID = re.compile(r"^[0-9a-fA-F]{32}$")


def entity_id(ref: str) -> str:
    """The entity id of a `hashiya:<ref>` reference: 32 hex digits (how the export writes
    a UUID, a `\\w+` word for brat's readers) get their dashes back; any other id (the
    dashed form of earlier exports) is kept as it is."""
    if _HEX_UUID.match(ref):
        ref = ref.lower()
        return f"{ref[:8]}-{ref[8:12]}-{ref[12:16]}-{ref[16:20]}-{ref[20:]}"
    return ref


class _Parser:
    def __init__(self, text: str, art: IncomingArticle, problems: Problems) -> None:
        self.text = text
        self.art = art
        self.problems = problems
        self.spans: dict[str, Incoming] = {}
        self.relations: dict[str, IncomingRelation] = {}

    def problem(self, where: str, error: str) -> None:
        if self.problems.take():
            self.art.problems.append({"where": where, "error": error})

    def text_bound(self, m: re.Match, where: str) -> None:
        tid, kind, frags, quote = m.groups()
        text = self.text
        pieces = [tuple(map(int, f.split())) for f in frags.split(";")]
        start, end = pieces[0][0], pieces[-1][1]
        gaps_ok = all(
            b[0] >= a[1] and not text[a[1] : b[0]].strip() for a, b in itertools.pairwise(pieces)
        )
        if not gaps_ok or any(e < s for s, e in pieces):
            self.problem(where, f"{tid}: a span in pieces that cannot be one passage")
            return
        if tid in self.spans:
            self.problem(where, f"{tid} is defined twice")
            return
        exact = text[start:end] if end <= len(text) else ""
        # The .ann text joins fragments with spaces: compare it with white space folded.
        if " ".join(exact.split()) != " ".join(quote.split()):
            exact = quote  # the offsets do not hold the text: find it by its text
        kinds = {"Highlight": "highlight", "Note": "note"}
        entity = None if kind in kinds else IncomingEntity(kind, quote)
        self.spans[tid] = Incoming(
            kinds.get(kind, "entity"), start, end, exact, entity=entity, where=where, key=tid
        )

    def relation(self, m: re.Match, where: str) -> None:
        rid, kind, arg1, arg2 = m.groups()
        if rid in self.relations:
            self.problem(where, f"{rid} is defined twice")
            return
        self.relations[rid] = IncomingRelation(
            type=kind, source=arg1, target=arg2, type_label=kind, where=where, id=None
        )

    def relations_of(self) -> list[IncomingRelation]:
        """The relations whose two arguments are entity mentions of the file; the others
        reported (checked at the end: brat does not order its lines)."""
        out = []
        for rid, record in self.relations.items():
            bad = [
                arg
                for arg in (record.source, record.target or "")
                if arg not in self.spans or self.spans[arg].entity is None
            ]
            if bad:
                self.problem(
                    record.where,
                    f"{rid}: {bad[0]} is not an entity mention of this file: the relation "
                    "is not imported",
                )
                continue
            out.append(record)
        return out

    def attached(self, tid: str, where: str, *, entity: bool = False) -> Incoming | None:
        record = self.spans.get(tid)
        if record is None or (entity and record.entity is None):
            what = "an entity mention" if entity else "an annotation"
            self.problem(where, f"{tid} is not {what} defined before this line")
            return None
        return record

    def line(self, line: str, where: str) -> None:
        if m := _T.match(line):
            self.text_bound(m, where)
        elif m := _A.match(line):
            _, name, tid, value = m.groups()
            record = self.attached(tid, where)
            if record is not None and name == "Colour" and value:
                record.colour = value
        elif m := _N.match(line):
            _, _, tid, db, ref, name = m.groups()
            record = self.attached(tid, where, entity=True)
            if record is not None and record.entity is not None:
                record.entity.name = name.strip() or record.entity.name
                if db.casefold() == "hashiya" and ref:
                    record.entity.id = entity_id(ref)
        elif m := _NOTE.match(line):
            _, tid, note = m.groups()
            record = self.relations.get(tid) if tid.startswith("R") else self.attached(tid, where)
            if record is None and tid.startswith("R"):
                self.problem(where, f"{tid} is not a relation defined before this line")
            if record is not None:
                record.note = note if record.note is None else record.note + "\n" + note
        elif m := _R.match(line):
            self.relation(m, where)
        else:
            self.problem(where, f"not a brat standoff line: {line[:60]!r}")


def read(
    ann: str | Iterable[str], text: str | None, label: str, problems: Problems | None = None
) -> list[IncomingArticle]:
    """The article of one `.ann` (its text, or its lines one at a time) and its `.txt`."""
    problems = problems or Problems()
    art = IncomingArticle(label=label)
    if text is None:
        art.problems.append({"error": "no .txt beside the .ann: the article cannot be found"})
        return [art]
    art.text = text
    art.content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    parser = _Parser(text, art, problems)
    lines = ann.splitlines() if isinstance(ann, str) else ann
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if line.strip() and line[0] not in "EM*":  # events, modifications…: not ours
            parser.line(line, f"line {n}")
    for tid, record in parser.spans.items():
        if record.kind == "note" and not record.note:
            parser.problem(record.where, f"{tid}: a Note without AnnotatorNotes")
            continue
        art.annotations.append(record)
    art.relations = parser.relations_of()
    return [art]
