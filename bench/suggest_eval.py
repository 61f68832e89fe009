"""Named-entity suggestions scored on a labelled set of Arabic news articles.

The set is `bench/suggest_eval/articles/` (conventions: `bench/suggest_eval/CONVENTIONS.md`).
Scores per type (person, organisation, place, date) and micro-overall, strict (exact span
and type) and lenient (overlapping span, same type): precision, recall, F1 and counts;
time per article. Then a learning curve: a user works through 5, 10 and 20 articles in
a library (order shuffled by a seed; mean of 3 seeds): accepts the right suggestions,
rejects the wrong ones, tags what was missed (`user_library`, with the app's operations);
the app trains its model and gathers the feedback from that library, and is scored on
the articles not worked through, beside the rules alone on the same articles; with what
it changed over the rules, per source. Target: strict F1 >= 0.85 for rules alone.

    python bench/suggest_eval.py [--no-curve] [--json] [--errors TYPE] [--set DIR]
                                 [--half dev|test] [--without model|feedback|entities]

`--half dev` keeps the odd-numbered articles (01, 03, ...), `--half test` the even-numbered.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from suggest_eval.labels import ARTICLES, TAGS, TYPES, Article, check_set, load  # noqa: E402
from suggest_eval.scoring import Score, Triple, lenient_pairs, score  # noqa: E402

SIZES = (5, 10, 20)
SEEDS = (1, 2, 3)
ALIASES = {**{k.lower(): v for k, v in TAGS.items() if v in TYPES}, **{t: t for t in TYPES}}

System = Callable[[str], list[Triple]]


def rules_system() -> System:
    from library.marks.suggest import suggest_text

    def run(text: str) -> list[Triple]:
        return [(s.start, s.end, s.type) for s in suggest_text(text)]

    return run


def run_system(system: System, articles: list[Article]) -> tuple[Score, list, list[float]]:
    """Total score, per-article predictions and times (ms) of one system on articles."""
    total, preds, times = Score(), [], []
    for a in articles:
        t0 = time.perf_counter()
        pred = system(a.text)
        times.append((time.perf_counter() - t0) * 1000)
        preds.append(pred)
        total.add(score(_gold(a), pred))
    return total, preds, times


def _gold(a: Article) -> list[Triple]:
    return [(s.start, s.end, s.type) for s in a.spans]


def _number(name: str) -> int:
    """The article's leading number ("07-cairo-central-bank" -> 7); -1 without one."""
    digits = name.split("-", 1)[0]
    return int(digits) if digits.isdigit() else -1


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def user_library(trained: list[Article]):
    """An in-memory library after the user worked through the training articles, in
    order, with the app's own operations: in each, the suggestions the app shows then
    (`suggest`: the rules, the entities and the decisions of the articles before; no
    model, which trains in the background) are accepted when the gold holds them, and
    rejected when they overlap no gold name (or are the right words with the wrong type);
    the gold mentions left are tagged by hand, and the other names the set marks (misc:
    events, laws...) tagged as "other", which hides a suggestion overlapping them as it
    does in the app, without a rejection. Returns the library and the articles' ids."""
    from library.marks.entities import tag_entity
    from library.marks.suggest import accept, reject, suggest
    from library.storage.store import open_memory

    lib = open_memory()
    ids = [add_article(lib, a) for a in trained]
    for article_id, a in zip(ids, trained, strict=True):
        gold = {(s.start, s.end, s.type) for s in a.spans}
        names = [(s.start, s.end) for s in (*a.spans, *a.misc)]
        for s in suggest(lib, article_id):
            if (s.start, s.end, s.type) in gold:
                accept(lib, article_id, s)
                gold.discard((s.start, s.end, s.type))
            elif (s.start, s.end) in names or not any(b < s.end and s.start < e for b, e in names):
                reject(lib, article_id, s)
        misc = {(s.start, s.end, "other") for s in a.misc}
        for start, end, kind in sorted(gold | misc):
            tag_entity(lib, article_id, start, end, entity_type=kind, name=a.text[start:end])
    return lib, ids


def add_article(lib, a: Article) -> int:
    """One article in a library, its body exactly the article's text (no cleaning)."""
    cursor = lib.conn.execute(
        "INSERT INTO articles (title, body, source_path, format, encoding, raw, content_hash, "
        "words, imported_at) VALUES (?, ?, ?, 'txt', 'utf-8', '', ?, ?, '')",
        (a.name, a.text, a.name, a.name, len(a.text.split())),
    )
    return cursor.lastrowid


WITHOUT = ("model", "feedback", "entities")


def learning_curve(articles: list[Article], without: frozenset[str] = frozenset()) -> dict | str:
    """Mean scores over the seeds after the user worked through n articles (see
    `user_library`); a reason if unavailable. `without`: parts of the app left out."""
    try:
        from library.marks.entities import entity_lexicon
        from library.marks.feedback import feedback
        from library.marks.recommender import train_model
        from library.marks.suggest import suggest_text
    except ImportError as exc:
        return f"not available yet ({exc})"
    rules = rules_system()
    curve: dict = {}
    for n in SIZES:
        if n >= len(articles):
            continue
        runs = []
        for seed in SEEDS:
            order = list(articles)
            random.Random(seed).shuffle(order)
            trained, held = order[:n], order[n:]
            lib, _ = user_library(trained)
            # What the app does when the user's work changed: train, gather feedback.
            t0 = time.perf_counter()
            model = None if "model" in without else train_model(lib)
            taught = None if "feedback" in without else feedback(lib)
            seconds = time.perf_counter() - t0
            lexicon = None if "entities" in without else entity_lexicon(lib)
            lib.close()
            sources: dict = {}

            def learned(text: str, model=model, lexicon=lexicon, taught=taught, sources=sources):
                found = suggest_text(text, lexicon, model=model, feedback=taught)
                for s in found:
                    sources[(text, s.start, s.end, s.type)] = s.source
                return [(s.start, s.end, s.type) for s in found]

            with_model, mine, times = run_system(learned, held)
            alone, theirs, _ = run_system(rules, held)
            changes = _changes(held, theirs, mine, sources)
            runs.append((with_model, alone, seconds, times, changes))
        curve[n] = {
            "train_seconds": statistics.mean(r[2] for r in runs),
            "ms_per_article": statistics.median(t for r in runs for t in r[3]),
            "model": _mean_json([r[0] for r in runs]),
            "rules": _mean_json([r[1] for r in runs]),
            "changes": {
                k: [sum(r[4].get(k, (0, 0))[i] for r in runs) for i in (0, 1)]
                for k in sorted({k for r in runs for k in r[4]})
            },
        }
    return curve


def _changes(held, theirs, mine, sources) -> dict[str, tuple[int, int]]:
    """What the app changed over the rules alone, summed over articles (strict): per
    source, the suggestions added (true, false); under "dropped", the rules' suggestions
    it left out (true, false)."""
    out: dict[str, list[int]] = {}
    for a, rule_all, all_pred in zip(held, theirs, mine, strict=True):
        gold = set(_gold(a))
        pred = {p for p in all_pred if p[2] in TYPES}  # the others are not scored
        rule_pred = {p for p in rule_all if p[2] in TYPES}
        for p in pred - rule_pred:
            count = out.setdefault("added by " + sources[(a.text, *p)], [0, 0])
            count[0 if p in gold else 1] += 1
        for p in rule_pred - pred:
            count = out.setdefault("dropped", [0, 0])
            count[0 if p in gold else 1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def _mean_json(scores: list[Score]) -> dict:
    """Precision, recall and F1 averaged over runs (counts summed), per mode and type."""
    out: dict = {}
    for mode in ("strict", "lenient"):
        out[mode] = {}
        for t in (*TYPES, "overall"):
            cs = [s.overall(mode) if t == "overall" else s.by_type[mode][t] for s in scores]
            out[mode][t] = {
                "precision": round(statistics.mean(c.precision for c in cs), 4),
                "recall": round(statistics.mean(c.recall for c in cs), 4),
                "f1": round(statistics.mean(c.f1 for c in cs), 4),
                "tp": sum(c.tp for c in cs),
                "fp": sum(c.fp for c in cs),
                "fn": sum(c.fn for c in cs),
            }
    return out


def table(total: Score) -> str:
    head = f"{'type':<14}{'mode':<9}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"
    lines = [head, "-" * len(head)]
    for t in (*TYPES, "overall"):
        for mode in ("strict", "lenient"):
            c = total.overall(mode) if t == "overall" else total.by_type[mode][t]
            lines.append(
                f"{t if mode == 'strict' else '':<14}{mode:<9}{c.precision:>7.3f}"
                f"{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
            )
    return "\n".join(lines)


def curve_table(curve: dict) -> str:
    head = (
        f"{'trained on':<12}{'system':<8}{'strict P':>9}{'R':>7}{'F1':>7}{'lenient F1':>12}"
        + "".join(f"{t[:5] + ' F1':>10}" for t in TYPES)
        + f"{'train s':>9}"
    )
    lines = [
        "rules: rules and gazetteer alone; model: the app after the user worked through the",
        "n training articles (rules, the entities tagged there, the CRF trained on them, the",
        "feedback of the user's accepts and rejects)",
        head,
        "-" * len(head),
    ]
    for n, row in curve.items():
        for name in ("rules", "model"):
            s, le = row[name]["strict"], row[name]["lenient"]
            lines.append(
                f"{n:<12}{name:<8}{s['overall']['precision']:>9.3f}{s['overall']['recall']:>7.3f}"
                f"{s['overall']['f1']:>7.3f}{le['overall']['f1']:>12.3f}"
                + "".join(f"{s[t]['f1']:>10.3f}" for t in TYPES)
                + (f"{row['train_seconds']:>9.2f}" if name == "model" else "")
            )
    lines.append("")
    lines.append("model over rules, strict, summed over seeds (true/false), and ms per article:")
    for n, row in curve.items():
        changes = ", ".join(f"{k} {t}/{f}" for k, (t, f) in row["changes"].items())
        lines.append(f"{n:<4}{row['ms_per_article']:>6.2f} ms  {changes}")
    return "\n".join(lines)


def errors(articles: list[Article], preds: list[list[Triple]], kind: str, width: int = 30) -> str:
    """False positives and negatives (strict) of one type, each with its context; a
    boundary error (lenient match) is shown as one line with both spans."""
    lines = []
    for a, pred in zip(articles, preds, strict=True):
        gold = [g for g in _gold(a) if g[2] == kind]
        mine = [p for p in pred if p[2] == kind]
        exact = set(gold) & set(mine)
        pairs = dict(lenient_pairs(set(gold) - exact, set(mine) - exact))
        shown = set(pairs.values())

        def ctx(s: int, e: int, a: Article = a) -> str:
            before = a.text[max(0, s - width) : s].replace("\n", " ")
            after = a.text[e : e + width].replace("\n", " ")
            return f"…{before}«{a.text[s:e]}»{after}…"

        for g in sorted(set(gold) - exact):
            if g in pairs:
                p = pairs[g]
                lines.append(
                    f"{a.name}:{g[0]} BOUNDARY gold «{a.text[g[0] : g[1]]}» "
                    f"got «{a.text[p[0] : p[1]]}»  {ctx(g[0], g[1])}"
                )
            else:
                lines.append(f"{a.name}:{g[0]} FN {ctx(g[0], g[1])}")
        for p in sorted(set(mine) - exact - shown):
            other = [g[2] for g in _gold(a) if g[0] < p[1] and p[0] < g[1]]
            note = f" (gold {','.join(other)})" if other else ""
            lines.append(f"{a.name}:{p[0]} FP{note} {ctx(p[0], p[1])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=ARTICLES, help="folder of marked-up .txt")
    parser.add_argument("--curve", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--errors", metavar="TYPE", help="person|organisation|place|date")
    parser.add_argument(
        "--without",
        action="append",
        choices=WITHOUT,
        default=[],
        help="leave a part of the app out of the curve's model (repeatable)",
    )
    parser.add_argument(
        "--half",
        choices=("dev", "test"),
        help="only the odd-numbered (dev) or even-numbered (test) articles",
    )
    args = parser.parse_args(argv)

    articles = load(args.set)
    if args.half:
        parity = 1 if args.half == "dev" else 0
        articles = [a for a in articles if _number(a.name) % 2 == parity]
        if not articles:
            parser.error(f"no {args.half} articles in {args.set}")
    problems = check_set(articles)
    system = rules_system()
    t0 = time.perf_counter()
    system(articles[0].text)  # loads the rules and gazetteer once
    first_ms = (time.perf_counter() - t0) * 1000
    total, preds, times = run_system(system, articles)

    if args.errors:
        kind = ALIASES.get(args.errors.lower())
        if kind is None:
            parser.error(f"unknown type {args.errors!r}")
        print(errors(articles, preds, kind))
        return 0

    counts = {t: sum(1 for a in articles for s in a.spans if s.type == t) for t in TYPES}
    curve = (
        learning_curve(articles, frozenset(args.without)) if args.curve else "not run (--no-curve)"
    )
    figures = {
        "articles": len(articles),
        "mentions": counts,
        "set_problems": problems,
        "rules": total.to_json(),
        "ms_per_article": {
            "median": round(statistics.median(times), 2),
            "p95": round(_p95(times), 2),
            "first_call": round(first_ms, 2),
        },
        "curve": curve,
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{len(articles)} articles, {sum(counts.values())} mentions: "
        + ", ".join(f"{t} {n}" for t, n in counts.items())
    )
    if problems:
        print(f"{len(problems)} problems in the set (see labels.check_set), first: {problems[0]}")
    print("\nrules alone")
    print(table(total))
    print(
        f"\ntime per article: median {statistics.median(times):.2f} ms, "
        f"p95 {_p95(times):.2f} ms (first call, loading: {first_ms:.0f} ms)"
    )
    print()
    if isinstance(curve, str):
        print(f"learning curve: {curve}")
    else:
        print(f"learning curve (held-out articles; mean of seeds {', '.join(map(str, SEEDS))})")
        print(curve_table(curve))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
