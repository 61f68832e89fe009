"""How an article's annotations and suggestions are painted under its text.

Everything becomes `PaintSpan`s for one layer of the article view (DESIGN.md fact 10:
never a character format): highlights are fills, entity mentions an underline in their
type's colour, notes a thin frame, suggestions a dotted underline. Overlapping
highlights are cut into segments (`library.marks.annotations.layers`) and each segment is
filled once, in the blend of every highlight covering it; underlines and frames are
drawn per annotation on top of the fills, a mention nested in another one a little
lower, so both stay visible.

Colours come from the library (the palette, the entity types) and are adjusted for
the theme: a fill is mixed with the page colour until the ink on it keeps a contrast
ratio of at least 4.5:1 (WCAG AA), so a pale yellow stays readable on a dark page too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor

from library.marks.annotations import Annotation, layers
from library.marks.suggest import Suggestion
from reader.look.theme import ArticleColours, contrast_ratio
from reader.views.highlight_painter import PaintSpan, SpanStyle

MIN_CONTRAST = 4.5
# A fill on a dark page is kept below this share of the palette colour, so a pale
# highlight reads as a tint rather than a lamp.
DARK_MAX_SHARE = 0.5
NOTE_COLOURS = {"light": QColor("#a4652a"), "dark": QColor("#d9a45a")}
SUGGESTION_FALLBACK = QColor("#8a8a8a")


def is_dark(colours: ArticleColours) -> bool:
    return colours.paper.lightness() < 128


def mix(colour: QColor, paper: QColor, share: float) -> QColor:
    """`share` of `colour` over `paper` (0: the paper, 1: the colour)."""
    return QColor.fromRgbF(
        paper.redF() + (colour.redF() - paper.redF()) * share,
        paper.greenF() + (colour.greenF() - paper.greenF()) * share,
        paper.blueF() + (colour.blueF() - paper.blueF()) * share,
    )


def blend(colours: Sequence[QColor]) -> QColor:
    """The average of several fills (where highlights overlap)."""
    n = len(colours)
    return QColor.fromRgbF(
        sum(c.redF() for c in colours) / n,
        sum(c.greenF() for c in colours) / n,
        sum(c.blueF() for c in colours) / n,
    )


def readable_fill(colour: QColor, colours: ArticleColours) -> QColor:
    """The colour as strong as it can be while the ink on it stays readable."""
    share = DARK_MAX_SHARE if is_dark(colours) else 1.0
    while share > 0:
        fill = mix(colour, colours.paper, share)
        if contrast_ratio(colours.ink, fill) >= MIN_CONTRAST:
            return fill
        share = round(share - 0.05, 2)
    return QColor(colours.paper)


@dataclass(frozen=True)
class LayerColours:
    """Resolved colours for one theme: palette id → fill, type id → underline."""

    fills: Mapping[str, QColor]
    types: Mapping[str, QColor]
    note: QColor
    default_fill: QColor

    @classmethod
    def resolve(
        cls, palette: Mapping[str, str], types: Mapping[str, str], colours: ArticleColours
    ) -> LayerColours:
        fills = {key: QColor(value) for key, value in palette.items()}
        first = next(iter(fills.values()), QColor("#f7e26b"))
        return cls(
            fills=fills,
            types={key: QColor(value) for key, value in types.items()},
            note=NOTE_COLOURS["dark" if is_dark(colours) else "light"],
            default_fill=first,
        )

    @classmethod
    def uniform(cls, colour: QColor, palette: Sequence[str], types: Sequence[str]) -> LayerColours:
        """Every mark in one colour (the tests paint in the page colour)."""
        return cls(dict.fromkeys(palette, colour), dict.fromkeys(types, colour), colour, colour)


def annotation_spans(
    annotations: Sequence[Annotation],
    entity_types: Mapping[str, str],
    colours: LayerColours,
    page: ArticleColours,
    suggestions: Sequence[Suggestion] = (),
    *,
    authors: Mapping[str | None, QColor] | None = None,
) -> list[PaintSpan]:
    """Spans for the view, in painting order: fills, suggestions, underlines, frames.

    `entity_types` maps an entity id to its type id. With `authors` (author → colour),
    a mention is underlined in its author's colour instead of its type's, so a team's
    layers over the same words can be told apart.
    """
    by_id = {a.id: a for a in annotations}
    highlights = [a for a in annotations if a.kind == "highlight" and a.end > a.start]
    spans: list[PaintSpan] = []
    fill_cache: dict[tuple[str, ...], QColor] = {}
    for segment in layers(highlights):
        key = tuple(by_id[i].colour or "" for i in segment.ids)
        fill = fill_cache.get(key)
        if fill is None:
            base = blend([colours.fills.get(c, colours.default_fill) for c in key])
            fill = fill_cache[key] = readable_fill(base, page)
        spans.append(PaintSpan(segment.start, segment.end, fill))
    for s in suggestions:
        spans.append(
            PaintSpan(
                s.start, s.end, colours.types.get(s.type, SUGGESTION_FALLBACK), SpanStyle.DOTTED
            )
        )
    mentions = sorted(
        (a for a in annotations if a.kind == "entity" and a.end > a.start),
        key=lambda a: (a.start, -a.end),
    )
    for mention, depth in zip(mentions, _depths(mentions), strict=True):
        colour = colours.types.get(
            entity_types.get(mention.entity_id or "", ""), SUGGESTION_FALLBACK
        )
        if authors is not None:
            colour = authors.get(mention.author or None, colour)
        style = SpanStyle.UNDERLINE if depth == 0 else SpanStyle.UNDERLINE_LOW
        spans.append(PaintSpan(mention.start, mention.end, colour, style))
    for a in annotations:
        if a.end > a.start and (a.kind == "note" or (a.kind == "highlight" and a.note)):
            spans.append(PaintSpan(a.start, a.end, colours.note, SpanStyle.FRAME))
    return spans


def _depths(mentions: Sequence[Annotation]) -> list[int]:
    """0 for a mention with nothing over it, 1 for one inside (or overlapping) another."""
    depths: list[int] = []
    open_ends: list[tuple[int, int]] = []  # (end, depth) of mentions still running
    for m in mentions:
        open_ends = [(e, d) for e, d in open_ends if e > m.start]
        used = {d for _e, d in open_ends}
        depth = 0 if 0 not in used else 1
        depths.append(depth)
        open_ends.append((m.end, depth))
    return depths
