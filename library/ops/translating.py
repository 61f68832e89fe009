"""Translation edits: a segment's translation, status and note, splitting and merging
segments, and a glossary entry. Each is one operation, its undo and redo putting back
the exact rows (same ids); the translations' search index follows the rows.

    translate(lib, segment_id, "The talks resume today.") -> Operation[Segment]
    set_status(lib, segment_id, "reviewed")
    set_note(lib, segment_id, "Check the minister's title")
    split_segment(lib, segment_id, offset)   -> Operation[tuple[Segment, Segment]]
    merge_segments(lib, segment_id)          -> Operation[Segment]  (with the next one)
    set_glossary(lib, entity_id, preferred="Manama", forbidden=["Menama"], lang="en")
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace

from library.changes import Changes
from library.edits import now
from library.marks.annotations import anchor_context, article_body
from library.marks.entities import get_entity
from library.ops.operation import Operation, nothing
from library.storage.store import Library
from library.translation import glossary as gl
from library.translation.segments import (
    RANK,
    STATUSES,
    Segment,
    SegmentError,
    check_status,
    get_segment,
    next_segment,
    put_segments,
    replace_segments,
    translation_language,
)


def _edit(label: str, lib: Library, segment_id: str, **fields) -> Operation[Segment]:
    with lib.transaction():
        before = get_segment(lib, segment_id)
        after = replace(before, **fields)
        if after == before:
            return nothing(label, before)
        after = replace(after, updated_at=now())
        put_segments(lib, [after])
    return Operation(
        label,
        after,
        Changes.of(segments=[segment_id]),
        lambda lib: put_segments(lib, [before]),
        lambda lib: put_segments(lib, [after]),
    )


def translate(
    lib: Library, segment_id: str, text: str, status: str | None = None
) -> Operation[Segment]:
    """Set a segment's translation. Typing into a new segment makes it a draft, unless a
    status is given; the status is otherwise kept (a reviewed segment retyped stays
    reviewed until its status is changed). NotFound for no such segment, SegmentError
    for an unknown status."""
    if status is not None:
        check_status(status)
    text = text if text is not None else ""
    current = get_segment(lib, segment_id)
    if status is None:
        status = "draft" if current.status == "new" and text.strip() else current.status
    return _edit("translate", lib, segment_id, target=text, status=status)


def set_status(lib: Library, segment_id: str, status: str) -> Operation[Segment]:
    return _edit("segment-status", lib, segment_id, status=check_status(status))


def set_note(lib: Library, segment_id: str, note: str | None) -> Operation[Segment]:
    """A note on the segment (None or blank: no note)."""
    note = note.strip() if note else None
    return _edit("segment-note", lib, segment_id, note=note or None)


def _lower(a: str, b: str) -> str:
    return a if RANK[a] <= RANK[b] else b


def _join(a: str | None, b: str | None, sep: str) -> str | None:
    parts = [p for p in (a, b) if p]
    return sep.join(parts) if parts else None


def split_segment(lib: Library, segment_id: str, offset: int) -> Operation[tuple[Segment, Segment]]:
    """Cut a segment in two at `offset`, a code point of the article's body strictly
    inside the segment (the caret); white space at the cut stays outside both. The first
    keeps the id, the translation, the status and the note; the second is new."""
    with lib.transaction():
        before = get_segment(lib, segment_id)
        body = article_body(lib, before.article_id)
        first_end, second_start = offset, offset
        while first_end > before.start and body[first_end - 1].isspace():
            first_end -= 1
        while second_start < before.end and body[second_start].isspace():
            second_start += 1
        if not (before.start < first_end and second_start < before.end):
            raise SegmentError(
                f"a segment is split inside its text, between {before.start + 1} and "
                f"{before.end - 1}, not at {offset}"
            )
        stamp = now()
        exact, prefix, suffix = anchor_context(body, before.start, first_end)
        first = replace(
            before, end=first_end, exact=exact, prefix=prefix, suffix=suffix, updated_at=stamp
        )
        exact, prefix, suffix = anchor_context(body, second_start, before.end)
        second = Segment(
            str(uuid.uuid4()), before.article_id, second_start, before.end, exact, prefix,
            suffix, "", "new", None, before.author, stamp, stamp,
        )  # fmt: skip
        replace_segments(lib, [], [first, second])
    return Operation(
        "split-segment",
        (first, second),
        Changes.of(segments=[first.id, second.id]),
        lambda lib: replace_segments(lib, [second], [before]),
        lambda lib: replace_segments(lib, [], [first, second]),
    )


def merge_segments(lib: Library, segment_id: str) -> Operation[Segment]:
    """Join a segment with the next one of its article: one span over both, the
    translations joined with a space, the notes with a line break, the lower status. The
    first keeps its id; the next is removed (and comes back whole on undo)."""
    with lib.transaction():
        first = get_segment(lib, segment_id)
        second = next_segment(lib, first)
        if second is None:
            raise SegmentError("the last segment of an article has no next one to merge with")
        body = article_body(lib, first.article_id)
        start, end = first.start, max(first.end, second.end)
        exact, prefix, suffix = anchor_context(body, start, end)
        merged = replace(
            first,
            end=end,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            target=_join(first.target, second.target, " ") or "",
            note=_join(first.note, second.note, "\n"),
            status=_lower(first.status, second.status),
            updated_at=now(),
        )
        replace_segments(lib, [second], [merged])
    return Operation(
        "merge-segments",
        merged,
        Changes.of(segments=[first.id, second.id]),
        lambda lib: replace_segments(lib, [], [first, second]),
        lambda lib: replace_segments(lib, [second], [merged]),
    )


def set_glossary(
    lib: Library,
    entity_id: str,
    *,
    preferred: str | None = None,
    forbidden: Sequence[str] | None = None,
    lang: str | None = None,
) -> Operation[gl.Entry]:
    """An entity's glossary entry in `lang` (default: the library's target language):
    its preferred term (None keeps it, "" removes it) and its forbidden variants (None
    keeps them; a list replaces them). NotFound for no such entity, ValueError for a
    blank term."""
    with lib.transaction():
        get_entity(lib, entity_id)
        lang = lang or translation_language(lib)
        before = gl.terms(lib, entity_id, lang)
        after = gl.planned(before, entity_id, lang, preferred, forbidden)
        if sorted(after, key=repr) == sorted(before, key=repr):
            return nothing("glossary", gl.entry(lib, entity_id, lang))
        gl.put_terms(lib, entity_id, lang, after)
        result = gl.entry(lib, entity_id, lang)
    return Operation(
        "glossary",
        result,
        Changes.of(entities=[entity_id]),
        lambda lib: gl.put_terms(lib, entity_id, lang, before),
        lambda lib: gl.put_terms(lib, entity_id, lang, after),
    )


def set_term(
    lib: Library, entity_id: str, term: str, *, lang: str | None = None, forbidden: bool = False
) -> Operation[gl.Entry]:
    """Make `term` the entity's preferred translation, or (`forbidden`) add it to its
    forbidden variants."""
    term = gl.clean_term(term)
    if not forbidden:
        lang_ = lang or translation_language(lib)
        others = [t.term for t in gl.terms(lib, entity_id, lang_) if t.forbidden and t.term != term]
        return set_glossary(lib, entity_id, preferred=term, forbidden=others, lang=lang_)
    lang_ = lang or translation_language(lib)
    current = [t.term for t in gl.terms(lib, entity_id, lang_) if t.forbidden]
    return set_glossary(lib, entity_id, forbidden=[*current, term], lang=lang_)


__all__ = [
    "STATUSES",
    "merge_segments",
    "set_glossary",
    "set_note",
    "set_status",
    "set_term",
    "split_segment",
    "translate",
]
