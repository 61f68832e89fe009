"""Named-entity suggestions scored on a labelled set of Arabic news articles.

The set is `bench/suggest_eval/articles/` (conventions: `bench/suggest_eval/CONVENTIONS.md`).
Scores per type (person, organisation, place, date) and micro-overall, strict (exact span
and type) and lenient (overlapping span, same type): precision, recall, F1 and counts;
time per article. Then a learning curve: train on 5, 10 and 20 articles' gold spans
(order shuffled by a seed; mean of 3 seeds) and score on the articles not trained on,
beside the rules alone on the same articles. Target: strict F1 >= 0.85 for rules alone.

    python bench/suggest_eval.py [--no-curve] [--json] [--errors TYPE] [--set DIR]
                                 [--half dev|test]

`--half dev` keeps the odd-numbered articles (01, 03, ...), `--half test` the even-numbered.
"""

from __future__ import annotations

import argparse
import inspect
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


def user_entities(trained: list[Article]):
    """What tagging the training articles leaves in a library besides the model: an
    entity per name and type tagged there, which the "your entities" source finds again
    in other articles (as `library.marks.entities.entity_lexicon` gives it in the app)."""
    from library.marks.entities import Entity
    from library.text.lexicon import Lexicon

    lexicon: Lexicon = Lexicon()
    seen: set[tuple[str, str]] = set()
    for article in trained:
        for span in article.spans:
            name = article.text[span.start : span.end]
            if (span.type, name) in seen:
                continue
            seen.add((span.type, name))
            entity = Entity(f"e{len(seen)}", span.type, name, (), "", "")
            for keys in entity.key_set():
                lexicon.add(keys, entity)
    return lexicon


def learning_curve(articles: list[Article]) -> dict | str:
    """Mean scores over the seeds after training on n articles; a reason if unavailable."""
    try:
        from library.marks.learning import Example, train
        from library.marks.suggest import suggest_text
    except ImportError as exc:
        return f"not available yet ({exc})"
    if "model" not in inspect.signature(suggest_text).parameters:
        return "not available yet (suggest_text takes no model)"
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
            t0 = time.perf_counter()
            model = train(
                [Example(a.text, tuple((s.start, s.end, s.type) for s in a.spans)) for a in trained]
            )
            seconds = time.perf_counter() - t0

            lexicon = user_entities(trained)

            def learned(text: str, model=model, lexicon=lexicon) -> list[Triple]:
                found = suggest_text(text, lexicon, model=model)
                return [(s.start, s.end, s.type) for s in found]

            with_model, _, _ = run_system(learned, held)
            alone, _, _ = run_system(rules, held)
            runs.append((with_model, alone, seconds))
        curve[n] = {
            "train_seconds": statistics.mean(r[2] for r in runs),
            "model": _mean_json([r[0] for r in runs]),
            "rules": _mean_json([r[1] for r in runs]),
        }
    return curve


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
        "rules: rules and gazetteer alone; model: the app after the user tagged the n",
        "training articles (rules, the entities tagged there, the CRF trained on them)",
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
    curve = learning_curve(articles) if args.curve else "not run (--no-curve)"
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
