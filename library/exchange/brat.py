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
- `N1<TAB>Reference T1 hashiya:<entity uuid><TAB>عادل فهمي`: the entity a mention links
  to (brat's normalisation annotation), so entities survive a round trip;
- `#1<TAB>AnnotatorNotes T2<TAB>text`: a note (brat shows it on hover); line breaks in a
  note are written as spaces, since a `.ann` line cannot hold them.

Notes on a whole article have no span and are left out (brat has nothing to attach them
to). An `annotation.conf` declaring the types and the Colour attribute is written beside
the files so brat can open the folder as a collection.

Output: a folder of files, or a `.zip` of the same files when the output path ends in
`.zip`. Files are named `article-<id>.txt/.ann`; import matches them by the text's hash,
not by name.
"""

from __future__ import annotations

import io
import re
import zipfile

from library.exchange.selection import ExportData

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


def ann_text(data: ExportData, annotations) -> str:
    lines: list[str] = []
    a_n = n_n = c_n = 0
    ordered = sorted(
        (a for a in annotations if not a.is_article_note), key=lambda a: _sort_key(a, data)
    )
    for t, a in enumerate(ordered, 1):
        tid = f"T{t}"
        entity = data.entity_of(a)
        if a.kind == "entity":
            type_id = entity.type if entity else "other"
            kind = brat_type(data.type_label(type_id), type_id)
        elif a.kind == "highlight":
            kind = "Highlight"
        else:
            kind = "Note"
        # A span holding a line break is written as two fragments, as brat requires.
        fragments = []
        pos = a.start
        for part in a.exact.split("\n"):
            if part:
                fragments.append(f"{pos} {pos + len(part)}")
            pos += len(part) + 1
        spans = ";".join(fragments) or f"{a.start} {a.end}"
        quote = " ".join(part for part in a.exact.split("\n") if part)
        lines.append(f"{tid}\t{kind} {spans}\t{quote}")
        if a.kind == "highlight" and a.colour:
            a_n += 1
            lines.append(f"A{a_n}\tColour {tid} {a.colour}")
        if entity is not None:
            n_n += 1
            lines.append(f"N{n_n}\tReference {tid} hashiya:{entity.id}\t{_one_line(entity.name)}")
        if a.note:
            c_n += 1
            lines.append(f"#{c_n}\tAnnotatorNotes {tid}\t{_one_line(a.note)}")
    return "".join(line + "\n" for line in lines)


def annotation_conf(data: ExportData) -> str:
    types = [brat_type(t.label, t.id) for t in data.types.values()]
    colours = "|".join(data.colours) or "yellow"
    return (
        "[entities]\n" + "".join(f"{t}\n" for t in dict.fromkeys([*types, "Highlight", "Note"]))
        + "\n[relations]\n\n[events]\n\n[attributes]\n"
        + f"Colour\tArg:Highlight, Value:{colours}\n"
    )  # fmt: skip


def files(data: ExportData) -> dict[str, bytes]:
    out: dict[str, bytes] = {"annotation.conf": annotation_conf(data).encode("utf-8")}
    for article, anns in data.items:
        stem = f"article-{article.id}"
        out[f"{stem}.txt"] = article.body.encode("utf-8")
        out[f"{stem}.ann"] = ann_text(data, anns).encode("utf-8")
    return out


def zip_bytes(data: ExportData) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files(data).items():
            archive.writestr(name, content)
    return buffer.getvalue()
