"""How fast the learned recommender trains and predicts (`library.marks.learning`).

Synthetic articles of about 250 words with about 20 mentions each (persons after a title,
organisations after a head noun, places, dates, some behind a proclitic), made from
our own word lists. Prints the training time for 5, 10 and 20 articles, and the median
prediction time per article next to the time to tokenise the same article (the
baseline every suggestion pays anyway), in the same run.

    .venv/bin/python bench/learning_bench.py [--articles 20] [--seed 7]

Targets (issue 15): training on 20 tagged articles under 5 s; suggestions for one
article under 10 ms median (so prediction a few ms).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from library.marks.learning import Example, Model, train
from library.text.arabic import tokens

TITLES = ["الوزير", "الدكتور", "السفير", "المفوض", "النائب", "العميد", "المهندس"]
FIRST = ["سامر", "ليلى", "نادر", "هالة", "كريم", "رنا", "وسيم", "منى", "طارق", "جود"]
LAST = ["الحلبي", "العلي", "منصور", "الزين", "قاسم", "الشامي", "حداد", "الخطيب"]
HEADS = ["منظمة", "هيئة", "مؤسسة", "جمعية", "رابطة", "شركة"]
ORG_REST = ["الأمل", "النور", "التنمية الريفية", "الإغاثة", "الرواد", "المستقبل"]
# Names for held-out articles only: does the model generalise past the names it saw?
NEW_FIRST = ["بشير", "سلمى", "مازن", "دعاء", "يزن", "ريم"]
NEW_LAST = ["العطار", "الصباغ", "النقاش", "السمان"]
NEW_ORG_REST = ["الفجر", "الينابيع", "الضياء", "السنابل"]
PLACES = ["بغداد", "عمّان", "تونس", "الرباط", "القاهرة", "بيروت", "الدوحة", "دمشق"]
MONTHS = ["يناير", "مارس", "مايو", "يوليو", "أكتوبر", "ديسمبر"]
FILLER = [
    "وأشار",
    "التقرير",
    "إلى",
    "أن",
    "الأوضاع",
    "الاقتصادية",
    "تتطلب",
    "مزيدا",
    "من",
    "الجهود",
    "المشتركة",
    "بين",
    "الأطراف",
    "المعنية",
    "خلال",
    "الفترة",
    "المقبلة",
    "مع",
    "التركيز",
    "على",
    "دعم",
    "القطاعات",
    "الإنتاجية",
    "وتحسين",
    "الخدمات",
    "الأساسية",
    "للسكان",
    "في",
    "المناطق",
    "المتضررة",
    "من",
    "الأزمة",
    "الأخيرة",
]


class Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, str]] = []
        self.length = 0

    def add(self, text: str, kind: str | None = None, clitic: str = "") -> None:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        if clitic:
            self.parts.append(clitic)
            self.length += len(clitic)
        if kind:
            self.spans.append((self.length, self.length + len(text), kind))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def article(rng: random.Random, words: int = 250, *, new: bool = False) -> Example:
    first, last = (NEW_FIRST, NEW_LAST) if new else (FIRST, LAST)
    org_rest = NEW_ORG_REST if new else ORG_REST
    b = Builder()
    while b.length < words * 6:
        pick = rng.randrange(5)
        if pick == 0:
            b.add(rng.choice(["وقال", "وأكد", "وأوضح"]))
            b.add(rng.choice(TITLES))
            b.add(f"{rng.choice(first)} {rng.choice(last)}", "person")
            b.add("إن")
        elif pick == 1:
            b.add(rng.choice(["وأعلنت", "وذكرت", "ودعت"]))
            b.add(f"{rng.choice(HEADS)} {rng.choice(org_rest)}", "organisation")
            b.add("في بيان")
        elif pick == 2:
            b.add("وعقد اجتماع")
            b.add(rng.choice(PLACES), "place", clitic=rng.choice(["في ", "ب", "و"]).strip())
        elif pick == 3:
            b.add("يوم")
            b.add(f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 202{rng.randint(0, 5)}", "date")
        b.add(" ".join(rng.sample(FILLER, rng.randint(4, 9))) + ".")
    return Example(b.text(), tuple(b.spans))


def _ms(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = [article(rng) for _ in range(args.articles + 5)]
    train_docs, held_out = docs[: args.articles], docs[args.articles :]
    unseen = [article(rng, new=True) for _ in range(5)]
    words = statistics.mean(len(tokens(d.text)) for d in docs)
    mentions = statistics.mean(len(d.spans) for d in docs)
    print(f"articles: {words:.0f} words, {mentions:.0f} mentions on average")
    model = None
    for n in sorted({5, 10, args.articles}):
        if n > args.articles:
            continue
        t0 = time.perf_counter()
        model = train(train_docs[:n])
        print(f"train on {n:>2} articles: {time.perf_counter() - t0:6.2f} s")
    assert model is not None

    # Does training hold the GIL? A thread ticking every millisecond while it trains.
    ticks = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    t0 = time.perf_counter()
    train(train_docs)
    elapsed = time.perf_counter() - t0
    stop.set()
    ticker.join()
    gaps = [b - a for a, b in pairwise(ticks)]
    print(
        f"while training ({elapsed:.2f} s) another thread ticked {len(ticks)} times, "
        f"longest pause {max(gaps, default=0) * 1000:.0f} ms"
    )

    for doc in held_out:
        model.predict(doc.text)  # warm the feature caches on this vocabulary
    predict = statistics.median(_ms(lambda d=d: model.predict(d.text), 20) for d in held_out)
    tokenise = statistics.median(_ms(lambda d=d: tokens(d.text), 20) for d in held_out)
    print(f"predict one article: {predict:.2f} ms median (tokenising it: {tokenise:.2f} ms)")

    t0 = time.perf_counter()
    data = model.to_bytes()
    Model.from_bytes(data)
    print(f"to_bytes + from_bytes: {(time.perf_counter() - t0) * 1000:.1f} ms ({len(data)} bytes)")

    for label, group in (("held-out", held_out), ("held-out, unseen names", unseen)):
        exact = found = 0
        for d in group:
            got = {(p.start, p.end, p.type) for p in model.predict(d.text)}
            exact += len(got & set(d.spans))
            found += len(got)
        total = sum(len(d.spans) for d in group)
        print(f"{label}: mentions found exactly {exact}/{total} (predicted {found})")


if __name__ == "__main__":
    main()
