"""Strict and lenient precision, recall and F1 of predicted spans against gold spans.

Strict: a prediction is right when its start, end and type are the gold's. Lenient: when
it overlaps a gold span of the same type; each gold span is matched to at most one
prediction and each prediction to at most one gold span (in text order), so a split or
doubled mention counts once. Types outside the scored four are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .labels import TYPES

Triple = tuple[int, int, str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    """Counts per type and mode ("strict", "lenient"); `overall` sums the types (micro)."""

    by_type: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {
            mode: {t: Counts() for t in TYPES} for mode in ("strict", "lenient")
        }
    )

    def overall(self, mode: str) -> Counts:
        total = Counts()
        for c in self.by_type[mode].values():
            total.add(c)
        return total

    def add(self, other: Score) -> None:
        for mode, types in other.by_type.items():
            for t, c in types.items():
                self.by_type[mode][t].add(c)

    def to_json(self) -> dict:
        return {
            mode: {
                **{t: c.to_json() for t, c in types.items()},
                "overall": self.overall(mode).to_json(),
            }
            for mode, types in self.by_type.items()
        }


def _scored(spans: Iterable[Triple]) -> list[Triple]:
    return sorted({(s, e, t) for s, e, t in spans if t in TYPES})


def lenient_pairs(gold: Iterable[Triple], pred: Iterable[Triple]) -> list[tuple[Triple, Triple]]:
    """One-to-one pairs of overlapping gold and predicted spans of the same type."""
    pairs = []
    used: set[Triple] = set()
    preds = _scored(pred)
    for g in _scored(gold):
        for p in preds:
            if p not in used and p[2] == g[2] and p[0] < g[1] and g[0] < p[1]:
                used.add(p)
                pairs.append((g, p))
                break
    return pairs


def score(gold: Iterable[Triple], pred: Iterable[Triple]) -> Score:
    """The score of one text's predictions (type names as in `labels.TYPES`)."""
    gold, pred = _scored(gold), _scored(pred)
    out = Score()
    exact = set(gold) & set(pred)
    for t in TYPES:
        c = out.by_type["strict"][t]
        c.tp = sum(1 for s in exact if s[2] == t)
        c.fp = sum(1 for s in pred if s[2] == t) - c.tp
        c.fn = sum(1 for s in gold if s[2] == t) - c.tp
    pairs = lenient_pairs(gold, pred)
    for t in TYPES:
        c = out.by_type["lenient"][t]
        c.tp = sum(1 for g, _ in pairs if g[2] == t)
        c.fp = sum(1 for s in pred if s[2] == t) - c.tp
        c.fn = sum(1 for s in gold if s[2] == t) - c.tp
    return out
