"""Suggestions: candidate entity mentions in one article, for the user to accept or reject.

Four sources, all clitic-aware and diacritics-insensitive:
- "rule": persons (titles and ranks, given names, surnames linked to the full name),
  organisations (heads, known names and acronyms), dates with their ISO 8601 `value`,
  names in guillemets (`library.marks.suggest_rules`, rules in `library.marks.rules`);
- "gazetteer": countries, capitals, cities and regions (`library.marks.gazetteer`);
- "entity": the user's own entities (names and aliases), found again in this article;
- "learned": what a model trained on the user's own tagging in this library finds
  (`library.marks.learning`, kept up to date by `library.marks.recommender`).

Each suggestion carries a `confidence` in [0, 1] set by the rule that found it (the
user's entities 0.95, an unambiguous place 0.9, an ambiguous one 0.6, rules 0.5-0.9), or
the model's own probability. Where the model finds the very span and type another source
found, that suggestion keeps its source and both agree: its confidence becomes
1 - (1 - a)(1 - b). A learned span is offered only where no other source suggests
anything, and only when the model is sure of it (`LEARNED_FLOOR`): measured on the
evaluation set's learning curve, a learned span that overrules a rule, or a less sure
one, costs more precision than it adds recall. The model sees the rules' and gazetteer's
suggestions among its features (`learning_features`), so it learns where the user agrees
with them rather than every name anew. One of the user's one-word names found again
(the word may be a common one: أفاد the agency, or "reported") is offered only where the
model gives it at least `ENTITY_FLOOR`.

What the user decided elsewhere in the library counts too (`library.marks.feedback`, with
`learn`, the default): a rule whose suggestions the user rejects far more than accepts
fades; words and type rejected in more articles than accepted are not suggested again,
and with other articles' accepts and rejects the confidence moves towards the user's
record; words the user tagged as another type come with the user's type; a one-word name
of the user's that proved unreliable in the user's own tagged articles is not found
again. Every source's suggestions are judged so, the model's too; the source stays the
one that found the suggestion. What the feedback takes away still hides the shorter
suggestions inside it.
`min_confidence` drops what is less sure (Preferences, `hashiya suggest --min-confidence`).

What comes out: sorted by start, never two overlapping suggestions (the longest wins; on
equal length the user's entities, then the gazetteer, then the rules, then the more
confident), never a span
that overlaps a mention already tagged, never one the user rejected. A rejection is
stored (`suggestion_decisions`, migration 2) as (type, folded text) for the article, or
for the whole library with `everywhere=True`, so it stays rejected after a restart, after
re-cleaning, and wherever the same words occur again in that article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from library.edits import now
from library.marks.annotations import article_body
from library.marks.candidates import SOURCES, Suggestion, candidates, resolve
from library.marks.date_values import date_value
from library.marks.entities import Entity, Tagging, entity_lexicon, tag_entity, untag
from library.marks.feedback import RULE_SOURCES, Feedback, folded
from library.marks.feedback import feedback as library_feedback
from library.marks.learning import HINT_SOURCES, Model, hints_of
from library.marks.learning_features import Hint
from library.marks.suggest_rules import SpanIndex
from library.storage.articles import NotFound
from library.storage.store import Library
from library.text.lexicon import Lexicon

# A learned span less sure than this is not offered: measured on bench/suggest_eval.py's
# learning curve, below it the model's guesses cost more precision than they add recall.
LEARNED_FLOOR = 0.85
# One of the user's one-word names found again is dropped where the model gives it less:
# the model finds it more likely not a mention there.
ENTITY_FLOOR = 0.5


def with_learned(
    text: str,
    found: list[Suggestion],
    model: Model | None,
    types: Iterable[str] | None = None,
    hints: list[Hint] | None = None,
    *,
    covered: Iterable[Suggestion] = (),
) -> list[Suggestion]:
    """`found` merged with what `model` finds in `text` (see the module's docstring);
    `types`: the entity types that still exist (a model may know a deleted one); `hints`:
    the rules' suggestions as the model takes them (`learning.rule_hints`; by default
    from the rules' and gazetteer's suggestions in `found`); `covered`: other spans the
    model does not fill."""
    if model is None:
        return found
    allowed = None if types is None else frozenset(types)
    if hints is None:
        hints = hints_of(resolve(s for s in found if s.source in HINT_SOURCES))
    predictions, judged = _ask(text, found, model, hints)
    # A one-word name of the user's is found wherever the word occurs (أفاد the agency,
    # or "reported"): offered only where the model, which learned the contexts in which
    # the user tags, does not object.
    merged = [s for s in found if judged.get(id(s), 1.0) >= ENTITY_FLOOR]
    predictions = [p for p in predictions if allowed is None or p.type in allowed]
    same = {(s.start, s.end, s.type): n for n, s in enumerate(merged)}
    taken = bytearray(len(text) + 1)  # 1 where another source suggests something
    for s in (*found, *covered):
        taken[s.start : s.end] = b"\x01" * (s.end - s.start)
    for p in predictions:
        n = same.get((p.start, p.end, p.type))
        if n is not None:
            other = merged[n]
            both = 1 - (1 - other.confidence) * (1 - p.confidence)
            merged[n] = replace(other, confidence=round(both, 3))
            continue
        if p.end > p.start and max(taken[p.start : p.end]) > 0:
            continue  # another source has this place: the model only fills gaps
        if p.confidence < LEARNED_FLOOR:
            continue
        quote = text[p.start : p.end]
        value = date_value(quote) if p.type == "date" else ""
        merged.append(
            Suggestion(p.start, p.end, quote, p.type, "learned", "learned", quote,
                       value=value, confidence=round(p.confidence, 3))
        )  # fmt: skip
    return merged


def _ask(
    text: str, found: list[Suggestion], model: Model, hints: list[Hint]
) -> tuple[list, dict[int, float]]:
    """The model's predictions, and its probability (by `id`) for each of the user's
    one-word names found again."""
    assess = getattr(model, "assess", None)
    if assess is None:  # a bare predictor: no opinion on the other sources' suggestions
        return model.predict(text), {}
    single = [s for s in found if s.source == "entity" and " " not in folded(s.text)]
    predictions, sure = assess(text, [(s.start, s.end, s.type) for s in single], hints)
    return predictions, {id(s): p for s, p in zip(single, sure, strict=True)}


def with_feedback(
    found: Iterable[Suggestion],
    feedback: Feedback | None,
    sources: Iterable[str] = SOURCES,
    dropped: list[Suggestion] | None = None,
) -> list[Suggestion]:
    """`found` reweighed (and perhaps retyped) by what the user decided elsewhere in the
    library (`library.marks.feedback`); what the user's record says not to offer is left
    out (and added to `dropped`). Only suggestions from `sources` are judged."""
    found = list(found)
    if not feedback:
        return found
    judged = frozenset(sources)
    out = []
    for s in found:
        if s.source not in judged:
            out.append(s)
            continue
        verdict = feedback.judge(
            folded(s.text),
            s.type,
            s.confidence,
            entity=s.source == "entity",
            rule=(s.source, s.rule) if s.source in RULE_SOURCES else None,
        )
        if verdict is None:
            if dropped is not None:
                dropped.append(s)
            continue
        judged_s = s
        if verdict.type != s.type:
            value = date_value(s.text) if verdict.type == "date" else ""
            judged_s = replace(judged_s, type=verdict.type, value=value, entity_id=None)
        if verdict.confidence != s.confidence:
            judged_s = replace(judged_s, confidence=verdict.confidence)
        out.append(judged_s)
    return out


def _found(
    text: str,
    lexicon: Lexicon[Entity] | None,
    model: Model | None,
    feedback: Feedback | None,
    types: Iterable[str] | None = None,
) -> tuple[list[Suggestion], list[Suggestion]]:
    """Every source's candidates, judged by the feedback, then merged with the model's;
    the model's own additions judged in turn (a span the user rejected elsewhere stays
    rejected, whoever finds it). Also what the feedback took away: it still hides the
    shorter suggestions inside it (`resolve`), and the model does not fill its place.
    A long name the user's record refuses says nothing for the words inside it, which the
    user was never shown there either."""
    found = candidates(text, lexicon)
    hints = None
    if model is not None:  # the model sees the rules' own suggestions, as in training
        hints = hints_of(resolve(s for s in found if s.source in HINT_SOURCES))
    dropped: list[Suggestion] = []
    kept = with_feedback(found, feedback, dropped=dropped)
    found = with_learned(text, kept, model, types, hints, covered=dropped)
    return with_feedback(found, feedback, ("learned",), dropped), dropped


def suggest_text(
    text: str,
    lexicon: Lexicon[Entity] | None = None,
    *,
    model: Model | None = None,
    feedback: Feedback | None = None,
    min_confidence: float = 0.0,
) -> list[Suggestion]:
    """Suggestions for a text outside any library (rules and gazetteer, the given
    entities, a learned model and the user's feedback)."""
    found, dropped = _found(text, lexicon, model, feedback)
    return resolve((s for s in found if s.confidence >= min_confidence), dropped)


def _rejected(lib: Library, article_id: int) -> set[tuple[str, str]]:
    rows = lib.conn.execute(
        "SELECT type, folded FROM suggestion_decisions WHERE decision = 'rejected' "
        "AND (article_id = ? OR article_id IS NULL)",
        (article_id,),
    )
    return {(r[0], r[1]) for r in rows}


def suggest(
    lib: Library,
    article_id: int,
    *,
    model: Model | None = None,
    learn: bool = True,
    min_confidence: float = 0.0,
) -> list[Suggestion]:
    """Suggestions for one article: not tagged yet, not rejected, not overlapping, at
    least `min_confidence` sure; with the learned `model`'s (`recommender.current_model`)
    and, with `learn`, weighed by the user's decisions in the whole library
    (`library.marks.feedback`)."""
    body = article_body(lib, article_id)
    tagged = lib.conn.execute(
        "SELECT start, \"end\" FROM annotations WHERE article_id = ? AND kind = 'entity'",
        (article_id,),
    ).fetchall()
    rejected = _rejected(lib, article_id)
    tagged_spans = SpanIndex((b, e) for b, e in tagged)
    types = [r[0] for r in lib.conn.execute("SELECT id FROM entity_types")]
    found, dropped = _found(
        body, entity_lexicon(lib), model, library_feedback(lib) if learn else None, types
    )
    offered = [
        s
        for s in found
        if s.confidence >= min_confidence
        and not tagged_spans.overlap(s.start, s.end)
        and not (rejected and (s.type, folded(s.text)) in rejected)
    ]
    return resolve(offered, (s for s in dropped if not tagged_spans.overlap(s.start, s.end)))


# --- deciding -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    id: int
    article_id: int | None  # None: rejected everywhere
    start: int
    end: int
    type: str
    text: str
    folded: str
    decision: str
    decided_at: str


_DECISION_COLUMNS = 'id, article_id, start, "end", type, text, folded, decision, decided_at'


def decisions(lib: Library, article_id: int | None = None) -> list[Decision]:
    """Stored decisions (of one article and the library-wide ones, if an id is given)."""
    sql = f"SELECT {_DECISION_COLUMNS} FROM suggestion_decisions"
    params: list = []
    if article_id is not None:
        sql += " WHERE article_id = ? OR article_id IS NULL"
        params.append(article_id)
    return [Decision(*r) for r in lib.conn.execute(sql + " ORDER BY id", params)]


def reject(
    lib: Library, article_id: int, suggestion: Suggestion, *, everywhere: bool = False
) -> Decision:
    """Reject a suggestion: the same words with the same type are not suggested again in
    this article (or anywhere, with `everywhere`). Undo: `forget_decision(lib, d.id)`."""
    with lib.transaction():
        article_body(lib, article_id)  # the article must exist
        values = (
            None if everywhere else article_id,
            suggestion.start,
            suggestion.end,
            suggestion.type,
            suggestion.text,
            folded(suggestion.text),
            "rejected",
            now(),
        )
        cursor = lib.conn.execute(
            'INSERT INTO suggestion_decisions (article_id, start, "end", type, text, folded, '
            "decision, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
    return Decision(cursor.lastrowid, *values)


def forget_decision(lib: Library, decision_id: int) -> Decision:
    """Remove a decision (undo of `reject`); returns it for `restore_decision`."""
    with lib.transaction():
        row = lib.conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM suggestion_decisions WHERE id = ?", (decision_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no suggestion decision {decision_id}")
        lib.conn.execute("DELETE FROM suggestion_decisions WHERE id = ?", (decision_id,))
    return Decision(*row)


def restore_decision(lib: Library, decision: Decision) -> None:
    d = decision
    with lib.transaction():
        lib.conn.execute(
            f"INSERT INTO suggestion_decisions ({_DECISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                d.id,
                d.article_id,
                d.start,
                d.end,
                d.type,
                d.text,
                d.folded,
                d.decision,
                d.decided_at,
            ),
        )


def accept(
    lib: Library, article_id: int, suggestion: Suggestion, *, author: str | None = None
) -> Tagging:
    """Tag a suggestion: link it to its entity (source "entity"), else to the entity of its
    type and name, created if needed. Undo: `entities.untag`, redo: `entities.retag`."""
    if suggestion.entity_id is not None:
        return tag_entity(
            lib,
            article_id,
            suggestion.start,
            suggestion.end,
            entity_id=suggestion.entity_id,
            author=author,
            value=suggestion.value or None,
        )
    return tag_entity(
        lib,
        article_id,
        suggestion.start,
        suggestion.end,
        entity_type=suggestion.type,
        name=suggestion.name or suggestion.text,
        author=author,
        value=suggestion.value or None,
    )


def accept_all(
    lib: Library, article_id: int, suggestions: Iterable[Suggestion], *, author: str | None = None
) -> list[Tagging]:
    """Accept several suggestions in one transaction. Undo: `undo_accept_all`."""
    with lib.transaction():
        return [accept(lib, article_id, s, author=author) for s in suggestions]


def undo_accept_all(lib: Library, taggings: list[Tagging]) -> None:
    """Reverse `accept_all` (last first, so an entity created by the batch goes last)."""
    with lib.transaction():
        for tagging in reversed(taggings):
            untag(lib, tagging)


def redo_accept_all(lib: Library, taggings: list[Tagging]) -> None:
    from library.marks.entities import retag

    with lib.transaction():
        for tagging in taggings:
            retag(lib, tagging)
