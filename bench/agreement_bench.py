"""Agreement benchmark: three annotators' layers over 1,000 articles.

A synthetic library (the corpus generator of the other benchmarks, imported with the real
importer) where three authors tagged about 15 mentions an article: the same words mostly,
with some types changed, some boundaries moved and some mentions left out, so every
measure has work to do. It times `library.team.agreement.agreement` for two and for three
authors, with the word spans of the articles not yet cached (the first computation in a
process) and cached, against the baseline of only reading the three authors' mentions
(the one SQL read agreement makes), in the same run. Target: under 2 s for 1,000 articles.

    python bench/agreement_bench.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import write_files  # noqa: E402

AUTHORS = ("amal", "bilal", "camila")
TYPES = ("person", "organisation", "place", "date", "other")


def build(folder: Path, count: int):
    from library.ingest.importer import import_paths
    from library.marks import annotations as notes
    from library.marks.entities import create_entity
    from library.storage.store import open_library
    from library.team.agreement import word_spans

    write_files(folder / "src", count)
    lib = open_library(folder / "lib.sqlite")
    import_paths(lib, [folder / "src"])
    entity = {t: create_entity(lib, t, f"كيان {n}").id for n, t in enumerate(TYPES)}
    rng = random.Random(7)
    rows = []
    for article, body in lib.conn.execute("SELECT id, body FROM articles").fetchall():
        starts, ends = word_spans(body)
        picks = rng.sample(range(len(starts) - 3), min(15, len(starts) - 3))
        for i in picks:
            kind = rng.choice(TYPES)
            width = rng.choice((1, 1, 2, 3))
            for author in AUTHORS:
                roll = rng.random()
                if roll < 0.1:
                    continue  # this author missed it
                k = rng.choice(TYPES) if roll < 0.2 else kind
                w = max(1, width + rng.choice((-1, 1))) if roll < 0.3 else width
                start, end = starts[i], ends[i + w - 1]
                rows.append(
                    notes.make_annotation(
                        body, article, "entity", start, end, entity_id=entity[k], author=author
                    )
                )
    with lib.transaction():
        notes.insert(lib, rows)
    return lib, len(rows)


def timed(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()

    from library.team import agreement as ag

    with tempfile.TemporaryDirectory() as tmp:
        lib, mentions = build(Path(tmp), args.articles)
        ag._SPANS.clear()  # as in a fresh process: no word spans cached yet
        start = time.perf_counter()
        result = ag.agreement(lib, AUTHORS[:2])
        cold = time.perf_counter() - start
        base = timed(lambda: ag.read_mentions(lib, AUTHORS))
        two = timed(lambda: ag.agreement(lib, AUTHORS[:2]))
        three = timed(lambda: ag.agreement(lib, AUTHORS))
        final = ag.agreement(lib, AUTHORS)
        lib.close()
    print(f"{args.articles} articles, {result.tokens} tokens, {mentions} mentions by 3 authors")
    print(f"baseline: reading the mentions (one query)  {base * 1000:8.1f} ms")
    print(
        f"agreement, 2 authors, word spans not cached {cold * 1000:8.1f} ms"
        f"  ({cold / base:.1f}x baseline)"
    )
    print(f"agreement, 2 authors                        {two * 1000:8.1f} ms  ({two / base:.1f}x)")
    print(
        f"agreement, 3 authors (Fleiss, 3 pairs)      {three * 1000:8.1f} ms  ({three / base:.1f}x)"
    )
    print(f"target: under 2,000 ms -> {'met' if max(cold, two, three) < 2 else 'MISSED'}")
    o = final.overall
    print(f"(3 authors: F1 {o.f1:.3f}, Fleiss kappa {o.kappa:.3f}, alpha {o.alpha:.3f})")


if __name__ == "__main__":
    main()
