"""Main text and metadata from HTML news pages: today's reader against trafilatura (issue 19).

The pages in bench/extract_eval/pages/ are original, made-up Arabic news articles written
in the shapes real Arabic news sites have (agency, daily, TV, WordPress, AMP, live blog,
long comments, related blocks longer than the article, broken markup, dates only in
Arabic words, …). Each has a truth file in bench/extract_eval/truth/ with the same name:
title, body, author, published, modified, publisher, section, language, url, caption.

The true body is the article's own paragraphs, sub-headings, quotes and table cells (one
row per line); it never holds the title, byline, dateline lines, photo captions, "read
also" links, ads, share bars, tags, related articles or comments. A dateline that opens
the first paragraph ("الدمام - وكالة أنباء الخليج: …") is part of it.

Extractors, each given the page's bytes as the importer reads them:
  ours            library.ingest.formats.html.read (what `hashiya import` calls)
  traf            trafilatura.bare_extraction(with_metadata=True, include_comments=False)
  traf-precision  … favor_precision=True
  traf-recall     … favor_recall=True
  traf-notables   … include_tables=False
  traf-bare-wm    bare_extraction(with_metadata=True): what the obvious call gives in 1.9
  traf+rules      traf-precision plus a few rules (see `traf_rules`): language from
                  <html lang> or the body's script, modified from JSON-LD/og:, a date in Arabic words where
                  trafilatura has none; body lines that are the headline dropped (our
                  <h1> rule); our title and captions only to fill gaps.

Body score: bag-of-words precision, recall and F1 (counts kept: a word twice in the
truth and once in the output is one hit). Tokens are the runs of letters and digits
after light normalisation: NFKC, Arabic diacritics (U+064B–U+065F, U+0670) and tatweel
removed, Arabic-Indic digits made ASCII, Latin lower-cased; punctuation is dropped and no
letters are folded (both sides come from the same text). Metadata: title exact after
whitespace normalisation; author, publisher, section exact after whitespace
normalisation (a missing field is right only where the truth has none); published and
modified the same calendar day (the first ten characters of an ISO date); language the
primary subtag; url exact but for a trailing slash.

    python bench/extract_eval.py                 # per-page F1 and the summary table
    python bench/extract_eval.py --json          # all figures as JSON
    python bench/extract_eval.py --page 12       # one page: each extractor's misses
    python bench/extract_eval.py --pages 1,2 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

PAGES = HERE / "extract_eval" / "pages"
TRUTH = HERE / "extract_eval" / "truth"
FIELDS = ("title", "author", "published", "modified", "publisher", "section", "language", "url")
REQUIRED = ("title", "body", "author", "published", "modified", "publisher", "section")
REQUIRED += ("language", "url")
LABELS = ("title", "author", "publ.d", "modif.d", "publ.er", "section", "lang", "url")

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z-]+)", re.IGNORECASE)


# ---------------------------------------------------------------- scoring


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "")
    text = _DIACRITICS.sub("", text).translate(_DIGITS).lower()
    return _WORD.findall(text)


def prf(predicted: str, truth: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of `predicted` against `truth`."""
    p, t = Counter(tokens(predicted)), Counter(tokens(truth))
    if not p and not t:
        return 1.0, 1.0, 1.0
    hits = sum((p & t).values())
    precision = hits / sum(p.values()) if p else 0.0
    recall = hits / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def _norm(value: object) -> str:
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return _SPACE.sub(" ", str(value or "")).strip()


def field_ok(name: str, predicted: object, truth: object) -> bool:
    p, t = _norm(predicted), _norm(truth)
    if not t:
        return not p
    if name in ("published", "modified"):
        return p[:10] == t[:10]
    if name == "language":
        return p.lower().split("-")[0].split("_")[0] == t.lower()
    if name == "url":
        return p.rstrip("/") == t.rstrip("/")
    if name == "section" and isinstance(predicted, list):
        return t in [_norm(v) for v in predicted]
    return p == t


# ---------------------------------------------------------------- extractors


def ours(data: bytes) -> dict:
    from library.ingest.formats import html

    try:
        draft = html.read(data)[0]
    except ValueError:  # ReadError: no article text
        return {"body": ""}
    return {
        "body": draft.body,
        "title": draft.title,
        "published": draft.date,
        "publisher": draft.site,
        "url": draft.url,
        "captions": draft.captions,
    }


def _traf(**options: object) -> Callable[[bytes], dict]:
    """trafilatura.extract(JSON with metadata, no comments) with `options`."""

    def run(data: bytes) -> dict:
        import trafilatura

        with warnings.catch_warnings():  # 1.9 warns that with_metadata will be renamed
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            out = trafilatura.extract(
                data, output_format="json", with_metadata=True, include_comments=False, **options
            )
        if not out:
            return {"body": ""}
        doc = json.loads(out)
        return {
            "body": doc.get("text") or "",
            "title": doc.get("title"),
            "author": doc.get("author"),
            "published": doc.get("date"),
            "publisher": doc.get("source-hostname"),
            "section": [c for c in (doc.get("categories") or "").split(";") if c] or None,
            "language": doc.get("language"),
            "url": doc.get("source"),
        }

    return run


def traf_bare(data: bytes) -> dict:
    """bare_extraction(with_metadata=True): in 1.9 that means only_with_metadata, so a
    page without a date, a title and a URL comes back as nothing."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    if not doc:
        return {"body": ""}
    return {
        "body": doc.get("text") or "",
        "title": doc.get("title"),
        "author": doc.get("author"),
        "published": doc.get("date"),
        "publisher": doc.get("sitename"),
        "section": doc.get("categories") or None,
        "language": doc.get("language"),
        "url": doc.get("url"),
    }


def html_lang(data: bytes, text: str = "") -> str | None:
    """<html lang>, else "ar" when most letters of `text` are Arabic."""
    m = _HTML_LANG.search(data[:4096])
    if m:
        return m.group(1).decode("ascii")
    letters = [c for c in text if c.isalpha()]
    arabic = sum("\u0600" <= c <= "\u06ff" for c in letters)
    return "ar" if letters and arabic > len(letters) / 2 else None


_MODIFIED = re.compile(
    rb"""(?:"dateModified"\s*:\s*"|property=["']article:modified_time["']\s+content=["'])"""
    rb"(\d{4}-\d\d-\d\d)"
)
_AR_MONTHS = {
    m: i
    for names in (
        "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
        "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    )
    for i, m in enumerate(names.split(), 1)
}
_AR_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_AR_MONTHS) + r") (\d{4})\b")


def arabic_date(text: str) -> str | None:
    """The first "12 مارس 2024" in `text` (Egyptian/Gulf or Maghrebi month names), as ISO."""
    m = _AR_DATE.search(text.translate(_DIGITS))
    if not m:
        return None
    return f"{m.group(3)}-{_AR_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


def traf_rules(data: bytes) -> dict:
    """trafilatura (favor_precision) plus rules it lacks: the language from <html lang>
    (else "ar" when most of the body's letters are Arabic),
    the modified date from JSON-LD/og:, a date written in Arabic words when trafilatura
    has none or only a year (htmldate answers YYYY-01-01 then); our title only where
    trafilatura has none; body lines that are the headline dropped (our <h1> rule); our
    captions for the reader's caption list."""
    out = _traf(favor_precision=True)(data)
    mine = ours(data)
    out["title"] = out.get("title") or mine.get("title")
    # our <h1> rule: the headline is the title, never a line of the body
    titles = {_norm(out["title"]), _norm(mine.get("title"))} - {""}
    lines = out["body"].split("\n")
    out["body"] = "\n".join(line for line in lines if _norm(line) not in titles)
    out["captions"] = mine.get("captions", [])
    out["language"] = out.get("language") or html_lang(data, out["body"])
    m = _MODIFIED.search(data)
    out["modified"] = m.group(1).decode("ascii") if m else None
    published = out.get("published") or ""
    if not published or published.endswith("-01-01"):
        words = arabic_date(mine.get("body", "") + "\n" + data.decode("utf-8", "replace"))
        out["published"] = words or published or None
    return out


EXTRACTORS: dict[str, Callable[[bytes], dict]] = {
    "ours": ours,
    "traf": _traf(),
    "traf-precision": _traf(favor_precision=True),
    "traf-recall": _traf(favor_recall=True),
    "traf-notables": _traf(include_tables=False),
    "traf-bare-wm": traf_bare,
    "traf+rules": traf_rules,
}


# ---------------------------------------------------------------- running


def load(pages: list[int] | None = None) -> list[tuple[str, bytes, dict]]:
    out = []
    for path in sorted(PAGES.glob("*.html")):
        if pages and int(path.name[:2]) not in pages:
            continue
        truth = json.loads((TRUTH / f"{path.stem}.json").read_text(encoding="utf-8"))
        out.append((path.stem, path.read_bytes(), truth))
    return out


def evaluate(pages: list[int] | None = None, repeat: int = 3) -> dict:
    items = load(pages)
    for fn in EXTRACTORS.values():  # warm up: imports, lxml and regex compilation
        fn(items[0][1])
    results: dict[str, list[dict]] = {name: [] for name in EXTRACTORS}
    for stem, data, truth in items:
        for name, fn in EXTRACTORS.items():
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                got = fn(data)
                times.append((time.perf_counter() - start) * 1000)
            p, r, f = prf(got.get("body", ""), truth["body"])
            results[name].append(
                {
                    "page": stem,
                    "precision": p,
                    "recall": r,
                    "f1": f,
                    "ms": statistics.median(times),
                    "fields": {k: field_ok(k, got.get(k), truth.get(k)) for k in FIELDS},
                    "got": {k: got.get(k) for k in FIELDS},
                }
            )
    summary = {}
    for name, rows in results.items():
        summary[name] = {
            "precision_mean": statistics.mean(r["precision"] for r in rows),
            "recall_mean": statistics.mean(r["recall"] for r in rows),
            "f1_mean": statistics.mean(r["f1"] for r in rows),
            "f1_median": statistics.median(r["f1"] for r in rows),
            "f1_min": min(r["f1"] for r in rows),
            "ms_mean": statistics.mean(r["ms"] for r in rows),
            "ms_median": statistics.median(r["ms"] for r in rows),
            "fields": {k: sum(r["fields"][k] for r in rows) / len(rows) for k in FIELDS},
        }
    return {"pages": [s for s, _, _ in items], "results": results, "summary": summary}


def import_times() -> dict[str, float]:
    """Seconds to import each extractor in a fresh interpreter (best of three)."""
    code = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"
    out = {}
    for label, module in (("ours", "library.ingest.formats.html"), ("trafilatura", "trafilatura")):
        runs = []
        for _ in range(3):
            done = subprocess.run(
                [sys.executable, "-c", code.format(m=module)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            runs.append(float(done.stdout.strip()))
        out[label] = min(runs)
    return out


# ---------------------------------------------------------------- printing


def print_tables(figures: dict) -> None:
    names = list(EXTRACTORS)
    short = [n.replace("traf-", "t-") for n in names]
    print("Body F1 per page")
    print(f"{'page':<28}" + "".join(f"{s:>12}" for s in short))
    for i, stem in enumerate(figures["pages"]):
        row = "".join(f"{figures['results'][n][i]['f1']:>12.3f}" for n in names)
        print(f"{stem:<28}{row}")
    print()
    head = ["P", "R", "F1", "F1 med", "F1 min", *LABELS, "ms/page"]
    print("Summary (body: mean P/R/F1; metadata: share of pages right)")
    print(f"{'extractor':<16}" + "".join(f"{h:>8}" for h in head))
    for n in names:
        s = figures["summary"][n]
        cells = [s["precision_mean"], s["recall_mean"], s["f1_mean"], s["f1_median"], s["f1_min"]]
        cells += [s["fields"][f] for f in FIELDS]
        print(f"{n:<16}" + "".join(f"{c:>8.3f}" for c in cells) + f"{s['ms_mean']:>8.2f}")
    if "imports" in figures:
        print()
        print(
            "Import time (s, fresh interpreter): "
            + ", ".join(f"{k} {v:.3f}" for k, v in figures["imports"].items())
        )


def show_page(number: int) -> None:
    items = load([number])
    if not items:
        sys.exit(f"no page {number:02d}")
    stem, data, truth = items[0]
    print(f"== {stem}")
    t = Counter(tokens(truth["body"]))
    for name, fn in EXTRACTORS.items():
        got = fn(data)
        g = Counter(tokens(got.get("body", "")))
        p, r, f = prf(got.get("body", ""), truth["body"])
        print(f"\n-- {name}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        missing, extra = t - g, g - t
        print(f"   missing ({sum(missing.values())}): " + " ".join(missing.elements())[:600])
        print(f"   extra   ({sum(extra.values())}): " + " ".join(extra.elements())[:600])
        for k in FIELDS:
            mark = "ok" if field_ok(k, got.get(k), truth.get(k)) else "XX"
            print(f"   {mark} {k:<10} {got.get(k)!s:<60.60} | truth: {truth.get(k)}")


def main(argv: list[str] | None = None) -> dict | None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print all figures as JSON")
    ap.add_argument("--page", type=int, help="show one page's misses per extractor")
    ap.add_argument("--pages", help="only these pages, e.g. 1,2,12")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per page (median)")
    ap.add_argument("--no-import-time", action="store_true", help="skip the import timing")
    args = ap.parse_args(argv)
    if args.page:
        show_page(args.page)
        return None
    pages = [int(p) for p in args.pages.split(",")] if args.pages else None
    figures = evaluate(pages, args.repeat)
    if not args.no_import_time:
        figures["imports"] = import_times()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print_tables(figures)
    return figures


if __name__ == "__main__":
    main()
