"""Suggestions on long articles: `suggest_text` against tokenising the same article.

The reader computes suggestions for every article it opens, so their cost must grow
with the article's length and no faster. Each article is made of the corpus generator's
ordinary articles end to end (the same sentences, names, dates and places as the other
benchmarks, at any length); the baseline is `tokens(text)`, the one pass over the text
that every suggestion rule needs anyway, timed in the same run. Target: linear growth
(the ratio to the baseline stays flat as the size grows) and a 1 MB article under 1 s.

    python bench/suggest_bench.py [--sizes 100k,1m,10m] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import articles  # noqa: E402

UNITS = {"k": 1_000, "m": 1_000_000}


def size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * UNITS[text[-1]]) if text[-1] in UNITS else int(text)


def long_article(chars: int, seed: int = 5) -> str:
    parts, total = [], 0
    for _, body in articles(10**9, seed=seed):
        parts.append(body)
        total += len(body) + 1
        if total >= chars:
            break
    return "\n".join(parts)[:chars]


def best_seconds(func, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m,10m", help="article lengths in characters")
    parser.add_argument("--repeat", type=int, default=3, help="best of N (1 for 10 MB and up)")
    args = parser.parse_args()

    from library.marks.suggest import suggest_text
    from library.text.arabic import tokens

    suggest_text("قال الرئيس في القاهرة")  # word lists and the gazetteer, once
    print("suggest_text on one long article, best of runs, against tokenising it (same run):")
    print(f"  {'chars':>11}  {'tokenise':>9}  {'suggest':>9}  {'ratio':>5}  {'ms/100k':>7}  found")
    for chars in (size(s) for s in args.sizes.split(",")):
        text = long_article(chars)
        repeat = args.repeat if chars < 5_000_000 else 1
        base, _ = best_seconds(lambda t=text: tokens(t), repeat)
        took, found = best_seconds(lambda t=text: suggest_text(t), repeat)
        print(
            f"  {len(text):>11,}  {base * 1000:>7.0f}ms  {took * 1000:>7.0f}ms  "
            f"{took / base:>5.1f}  {took * 1000 / (len(text) / 100_000):>7.1f}  {len(found):,}"
        )


if __name__ == "__main__":
    main()
