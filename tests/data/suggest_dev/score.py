"""Score the suggestion rules on the development set (strict: same type, exact span).

    python tests/data/suggest_dev/score.py [--show] [--values] [--time] [FILE.txt]

FILE defaults to dev.txt (what the rules were developed on); heldout.txt was written
afterwards and scored without changing the rules for it.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

TYPES = {"per": "person", "org": "organisation", "loc": "place", "date": "date"}
_MARK = re.compile(r"\[\[([^|\]]+)\|(\w+)(?:\|([^\]]*))?\]\]")


def parse(marked: str) -> tuple[str, set[tuple[int, int, str]], dict[tuple[int, int], str]]:
    """(plain text, gold (start, end, type), date values by span)."""
    out, gold, values, pos, last = [], set(), {}, 0, 0
    for m in _MARK.finditer(marked):
        out.append(marked[last : m.start()])
        pos += m.start() - last
        start, end = pos, pos + len(m.group(1))
        out.append(m.group(1))
        pos = end
        last = m.end()
        gold.add((start, end, TYPES[m.group(2)]))
        if m.group(3) is not None:
            values[(start, end)] = m.group(3)
    out.append(marked[last:])
    return "".join(out), gold, values


def articles(path: Path = HERE / "dev.txt") -> list[str]:
    return [a.strip() for a in path.read_text(encoding="utf-8").split("\n---\n") if a.strip()]


def score(
    show: bool = False, show_values: bool = False, path: Path = HERE / "dev.txt"
) -> dict[str, tuple[int, int, int]]:
    from library.marks.suggest import suggest_text

    counts: dict[str, list[int]] = {t: [0, 0, 0] for t in TYPES.values()}  # tp fp fn
    wrong_values = 0
    for marked in articles(path):
        text, gold, values = parse(marked)
        got = {}
        for s in suggest_text(text):
            if s.type in counts:
                got[(s.start, s.end, s.type)] = s
        for key in got.keys() | gold:
            t = key[2]
            if key in got and key in gold:
                counts[t][0] += 1
                want = values.get(key[:2])
                if want is not None and getattr(got[key], "value", None) != want:
                    wrong_values += 1
                    if show_values:
                        print(f"  value {text[key[0] : key[1]]}: {got[key].value!r} != {want!r}")
            elif key in got:
                counts[t][1] += 1
                if show:
                    print(f"  FP {t:12} {text[key[0] : key[1]]}  ({got[key].rule})")
            else:
                counts[t][2] += 1
                if show:
                    print(f"  FN {t:12} {text[key[0] : key[1]]}")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for t, (tp, fp, fn) in [*counts.items(), ("ALL", total)]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{t:13} P {p:.2f}  R {r:.2f}  F1 {f:.2f}  (tp {tp} fp {fp} fn {fn})")
    print(f"date values wrong: {wrong_values}")
    return {t: tuple(c) for t, c in counts.items()}


if __name__ == "__main__":
    files = [HERE / a for a in sys.argv[1:] if a.endswith(".txt")] or [HERE / "dev.txt"]
    for file in files:
        print(file.name)
        score("--show" in sys.argv, "--values" in sys.argv, file)
    if "--time" in sys.argv:
        from library.marks.suggest import suggest_text

        texts = [parse(a)[0] for a in articles()]
        took = []
        for _ in range(20):
            for t in texts:
                begun = time.perf_counter()
                suggest_text(t)
                took.append(time.perf_counter() - begun)
        took.sort()
        print(f"median {took[len(took) // 2] * 1000:.2f} ms per article")
