"""brat standoff: per article a `.txt` (its cleaned text) and a `.ann` (the annotations).

The `.txt` is the article's body exactly, UTF-8 without a BOM and with `\\n` line ends,
so the `.ann` offsets, which brat counts in characters (code points) of the `.txt`, are
the library's own offsets: an emoji counts one, a haraka counts one.

`.ann` lines (tab-separated, as brat's standoff format defines them):
- `T1<TAB>Person 12 21<TAB>عادل فهمي`: a text-bound annotation. Entity mentions take
  their entity type's label with the first letter capitalised (Person, Organisation,
  Place, Date, Event, Other, or a user's type); highlights are `Highlight`; notes on a
  passage are `Note`;
- `A1<TAB>Colour T2 yellow`: the palette colour of a highlight (a multi-valued attribute);
- `N1<TAB>Reference T1 hashiya:<entity uuid, hex without dashes><TAB>عادل فهمي`: the
  entity a mention links to (brat's normalisation annotation), so entities survive a
  round trip. The id is the UUID's 32 hex digits, so the reference matches `\\w+:\\w+` as
  brat's readers expect (bratly, for one); the importer puts the dashes back and still
  reads the older `hashiya:<uuid with dashes>` form;
- `#1<TAB>AnnotatorNotes T2<TAB>text`: a note (brat shows it on hover); line breaks in a
  note are written as spaces, since a `.ann` line cannot hold them.

- `R1<TAB>member-of Arg1:T3 Arg2:T5`: a relation (`library.marks.relations`), named by
  its type's id (made of letters, digits, `_` and `-`), from the source mention to the
  target mention. brat links text-bound annotations only: a relation to an entity points
  at the entity's first other mention in the article, and one with none is left out
  (`left_out`, `library.exchange.linking`). Its note is `#n<TAB>AnnotatorNotes R1<TAB>…`.
  The `[relations]` section of `annotation.conf` declares every relation type,
  `member-of<TAB>Arg1:Person, Arg2:Organisation|Place` from the type's constraints
  (`<ENTITY>`, any entity type, where it has none; widened by the types the export's
  relations do link, so a constraint changed after a relation was made cannot make brat
  refuse the file).

Notes on a whole article have no span and are left out: brat has nothing to attach them
to (`left_out` lists them, and the export's report says so). An `annotation.conf`
declaring the types and the Colour attribute is written beside the files so brat can
open the folder as a collection. brat treats any overlap of two text-bound annotations
as an error unless an `<OVERLAP>` rule in the `[relations]` section allows it; the
`annotation.conf` declares exactly the overlaps the export holds, one rule per pair of
types and way of overlapping (`Arg1:<inner type>, Arg2:<outer type>, <OVL-TYPE>:contain`
for a span inside another, `equal` for the same span, `cross` for spans that cross), so
brat's verifier accepts the export and still flags an overlap added later that Hashiya's
data did not hold.

Output: a folder of files, or a `.zip` of the same files when the output path ends in
`.zip`. Files are named `article-<id>.txt/.ann`; import matches them by the text's hash,
not by name.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

import library.exchange.linking as links
from library.exchange.selection import ExportData
from library.marks.relations import RelationView

_TYPE_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


def brat_type(label: str, fallback: str) -> str:
    """A brat type name (letters, digits, `_`, `-`) for an entity type's label."""
    name = _TYPE_CHARS.sub("_", label.strip()).strip("_") or _TYPE_CHARS.sub("_", fallback)
    return name[:1].upper() + name[1:]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sort_key(a, data: ExportData):
    entity = data.entity_of(a)
    return (
        a.start,
        a.end,
        a.kind,
        entity.type if entity else "",
        entity.name if entity else "",
        a.colour or "",
        a.note or "",
    )


def _kind(data: ExportData, a) -> str:
    """The brat type of an annotation's T line."""
    if a.kind == "entity":
        entity = data.entity_of(a)
        type_id = entity.type if entity else "other"
        return brat_type(data.type_label(type_id), type_id)
    return "Highlight" if a.kind == "highlight" else "Note"


def _fragments(a) -> list[tuple[int, int]]:
    """A span holding a line break is written as two fragments, as brat requires."""
    fragments = []
    pos = a.start
    for part in a.exact.split("\n"):
        if part:
            fragments.append((pos, pos + len(part)))
        pos += len(part) + 1
    return fragments or [(a.start, a.end)]


_UUID_HEX = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def reference_id(entity_id: str) -> str:
    """The id part of a `hashiya:<id>` reference: a UUID's 32 hex digits (a `\\w+` word, as
    brat's readers expect; `brat_import` puts the dashes back)."""
    if _UUID_HEX.match(entity_id):
        return entity_id.replace("-", "")
    return re.sub(r"\W+", "_", entity_id) or "_"


def written(annotations) -> list:
    """The annotations a `.ann` holds (all but the notes on the whole article)."""
    return [a for a in annotations if not a.is_article_note]


def left_out(data: ExportData) -> list[dict]:
    """What the export leaves out, each with its reason: the notes on a whole article."""
    return [
        {
            "article": article.id,
            "annotation": a.id,
            "kind": a.kind,
            "reason": "article-note",
            "why": "brat has no notes on a whole document",
        }
        for article, annotations in data.items
        for a in annotations
        if a.is_article_note
    ]


def relation_name(type_id: str) -> str:
    """A relation type's brat name: its id, in letters, digits, `_` and `-`."""
    return _TYPE_CHARS.sub("_", type_id.strip()).strip("_") or "related"


def ann_text(
    data: ExportData,
    annotations,
    relations: Sequence[RelationView] = (),
    targets: dict[str, str | None] | None = None,
) -> str:
    """An article's `.ann`; `relations` are those whose source mention is in it, drawn to
    `targets` (relation id → the annotation the R line points at, `linking.brat_targets`)."""
    lines: list[str] = []
    a_n = n_n = c_n = 0
    ordered = sorted(written(annotations), key=lambda a: _sort_key(a, data))
    tids: dict[str, str] = {}
    for t, a in enumerate(ordered, 1):
        tid = f"T{t}"
        tids[a.id] = tid
        entity = data.entity_of(a)
        kind = _kind(data, a)
        spans = ";".join(f"{s} {e}" for s, e in _fragments(a))
        quote = " ".join(part for part in a.exact.split("\n") if part)
        lines.append(f"{tid}\t{kind} {spans}\t{quote}")
        if a.kind == "highlight" and a.colour:
            a_n += 1
            lines.append(f"A{a_n}\tColour {tid} {a.colour}")
        if entity is not None:
            n_n += 1
            ref = reference_id(entity.id)
            lines.append(f"N{n_n}\tReference {tid} hashiya:{ref}\t{_one_line(entity.name)}")
        if a.note:
            c_n += 1
            lines.append(f"#{c_n}\tAnnotatorNotes {tid}\t{_one_line(a.note)}")
    targets = targets if targets is not None else links.brat_targets(data)
    r_n = 0
    for view in relations:
        r = view.relation
        arg1, arg2 = tids.get(r.source), tids.get(targets.get(r.id) or "")
        if arg1 is None or arg2 is None:
            continue  # left out, and listed (linking.left_out)
        r_n += 1
        lines.append(f"R{r_n}\t{relation_name(r.type)} Arg1:{arg1} Arg2:{arg2}")
        if r.note:
            c_n += 1
            lines.append(f"#{c_n}\tAnnotatorNotes R{r_n}\t{_one_line(r.note)}")
    return "".join(line + "\n" for line in lines)


def overlaps(data: ExportData) -> dict[tuple[str, str], set[str]]:
    """The overlaps the export holds, as brat's `<OVERLAP>` rules need them:
    (Arg1, Arg2) → {"contain", "equal", "cross"}. For `contain`, Arg1 is the type of the
    span inside and Arg2 the type of the span around it (brat: "Arg1 annotations can be
    contained in Arg2 annotations"); `equal` and `cross` are written with the two types
    in sorted order (brat reads them both ways). A span in fragments counts from its
    first start to its last end, as brat's verifier takes it."""
    rules: dict[tuple[str, str], set[str]] = {}
    for _article, anns in data.items:
        spans = []
        for a in written(anns):
            fragments = _fragments(a)
            spans.append((fragments[0][0], fragments[-1][1], _kind(data, a)))
        spans.sort(key=lambda s: (s[0], -s[1]))
        for i, (s1, e1, k1) in enumerate(spans):
            for s2, e2, k2 in spans[i + 1 :]:
                if s2 >= e1:
                    break  # sorted by start: nothing later overlaps this one
                if (s1, e1) == (s2, e2):
                    rules.setdefault(tuple(sorted((k1, k2))), set()).add("equal")
                elif s1 <= s2 and e2 <= e1:
                    rules.setdefault((k2, k1), set()).add("contain")  # 2 inside 1
                else:
                    rules.setdefault(tuple(sorted((k1, k2))), set()).add("cross")
    return rules


def relation_rules(data: ExportData) -> str:
    """The `[relations]` lines declaring the relation types (see the module docstring)."""
    mentions = {a.id: a for _, anns in data.items for a in anns}
    targets = links.brat_targets(data)
    used: dict[str, tuple[set[str], set[str]]] = {}
    for view in data.relations:
        source, target = (
            mentions.get(view.relation.source),
            mentions.get(targets.get(view.relation.id) or ""),
        )
        if source is not None and target is not None:
            ends = used.setdefault(view.relation.type, (set(), set()))
            ends[0].add(_kind(data, source))
            ends[1].add(_kind(data, target))
    lines = []
    for t in data.relation_types.values():
        found = used.get(t.id, (set(), set()))
        args = []
        for allowed, seen in zip((t.source_types, t.target_types), found, strict=True):
            names = [brat_type(data.type_label(x), x) for x in allowed]
            names = list(dict.fromkeys([*names, *sorted(seen)])) if names else ["<ENTITY>"]
            args.append("|".join(names))
        lines.append(f"{relation_name(t.id)}\tArg1:{args[0]}, Arg2:{args[1]}\n")
    return "".join(dict.fromkeys(lines))


def annotation_conf(data: ExportData) -> str:
    types = [brat_type(t.label, t.id) for t in data.types.values()]
    colours = "|".join(data.colours) or "yellow"
    rules = relation_rules(data) + "".join(
        f"<OVERLAP>\tArg1:{inner}, Arg2:{outer}, <OVL-TYPE>:{'|'.join(sorted(kinds))}\n"
        for (inner, outer), kinds in sorted(overlaps(data).items())
    )
    return (
        "[entities]\n" + "".join(f"{t}\n" for t in dict.fromkeys([*types, "Highlight", "Note"]))
        + "\n[relations]\n" + rules
        + "\n[events]\n\n[attributes]\n"
        + f"Colour\tArg:Highlight, Value:{colours}\n"
    )  # fmt: skip


def files(data: ExportData) -> dict[str, bytes]:
    out: dict[str, bytes] = {"annotation.conf": annotation_conf(data).encode("utf-8")}
    targets = links.brat_targets(data)
    by_article: dict[int, list[RelationView]] = {}
    for view in data.relations:
        by_article.setdefault(view.article_id, []).append(view)
    for article, anns in data.items:
        stem = f"article-{article.id}"
        out[f"{stem}.txt"] = article.body.encode("utf-8")
        ann = ann_text(data, anns, by_article.get(article.id, []), targets)
        out[f"{stem}.ann"] = ann.encode("utf-8")
    return out


def zip_bytes(data: ExportData) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files(data).items():
            archive.writestr(name, content)
    return buffer.getvalue()
