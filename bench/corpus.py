"""Synthetic Arabic news articles for the benchmarks, built from our own sentences.

Deterministic for a given seed, so the import and search benchmarks see the same
collection. Articles carry the usual mess in small doses: diacritics, tatweel, clitics,
guillemets, Latin and Arabic-Indic digits.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

SUBJECTS = [
    "وزير الخارجية", "رئيس الوزراء", "الأمين العام للمنظمة", "المبعوث الخاص", "وزيرة الصحة",
    "محافظ البنك المركزي", "رئيس البلدية", "المتحدث باسم الحكومة", "قائد الشرطة",
    "مدير الهيئة العامة للطيران", "رئيس اتحاد الكرة", "وزير الزراعة", "السفير الفرنسي",
    "مُحَمَّد الأمين", "أحمد الزين", "ليلى منصور", "كريم العطّار", "هند القاسمي", "سامي الحدّاد",
]  # fmt: skip
VERBS = [
    "أعلن", "أكد", "قال", "أوضح", "نفى", "بحث", "استعرض", "ناقش", "وقّع", "افتتح", "زار",
    "استقبل", "انتقد", "رحّب", "دعا",
]  # fmt: skip
OBJECTS = [
    "خطة لتطوير شبكة الطرق في المحافظات الشمالية",
    "اتفاقية تعاون مع «الاتحاد الإقليمي» في مجال الطاقة المتجددة",
    "سبل تعزيز التبادل التجاري بين البلدين",
    "نتائج التحقيق في حادث الميناء",
    "مشروع قانون جديد لحماية البيانات الشخصية",
    "برنامجاً لدعم المزارعين بعد موسم الجفاف",
    "التطورات الأمنية في المنطقة الحدودية",
    "الاستعدادات لاستضافة القمة الاقتصادية",
    "أسعار الوقود وأثرها على النقل العام",
    "خطة الإغاثة الشتوية بالتنسيق مع الهلال الأحمر",
    "مفاوضات تبادل الأسرى برعاية إقليمية",
    "مشروعاً لتحلية المياه بالطاقة الشمسية",
    "نتائج الانتخابات البلدية في العاصمة",
    "إصلاح نظام التقاعد وتمويل الصناديق",
    "تقريراً عن النـزاعات المسلحة وتأثيرها على التعليم",
]  # fmt: skip
PLACES = [
    "في العاصمة", "في جدة", "في القاهرة", "في بيروت", "في الدوحة", "في تونس", "في الرباط",
    "في عمّان", "في بغداد", "في واشنطن", "في جنيف", "في نيويورك", "في مقر الأمم المتحدة",
]  # fmt: skip
TIMES = [
    "أمس", "اليوم", "صباح الأحد", "مساء الثلاثاء", "الأسبوع الماضي", "في 12 يناير 2024",
    "في ٣ مارس ٢٠٢٣", "خلال الشهر الجاري", "في ختام زيارة رسمية",
]  # fmt: skip
TAILS = [
    "وسط ترقب من الأسواق.",
    "بحسب بيان رسمي.",
    "وفق ما نقلته وكالة «الأنباء الإقليمية».",
    "مشيراً إلى أن المرحلة المقبلة تتطلب مزيداً من التنسيق.",
    "في إطار الجهود المشتركة لتحقيق الاستقرار.",
    "وأضاف أن الحكومة ستعلن التفاصيل قريباً.",
    "ولم يصدر تعليق فوري من الطرف الآخر.",
    "وذلك بمشاركة 40 خبيراً من 12 دولة.",
]  # fmt: skip
# Rare words, so the search benchmark has terms found in few articles.
RARE = [
    "الزعفران", "الأرخبيل", "المنغنيز", "السنونو", "الموزاييك", "القرنفل", "الفيروز",
    "البلّور", "الكهرمان", "الأوركسترا",
]  # fmt: skip


def sentence(rng: random.Random) -> str:
    s = (
        f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(TIMES)} {rng.choice(PLACES)} "
        f"{rng.choice(OBJECTS)}، {rng.choice(TAILS)}"
    )
    if rng.random() < 0.02:
        s = s.replace("،", f"، ومنها {rng.choice(RARE)}،", 1)
    return s


def article(rng: random.Random, n: int) -> tuple[str, str]:
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} (رقم {n})"
    paragraphs = []
    for _ in range(rng.randint(4, 7)):
        paragraphs.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))))
    return title, "\n".join(paragraphs)


def articles(count: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    rng = random.Random(seed)
    for n in range(count):
        yield article(rng, n)


def write_files(folder: Path, count: int, seed: int = 1) -> int:
    """One UTF-8 .txt file per article, 1,000 per sub-folder; returns bytes written."""
    total = 0
    for n, (title, body) in enumerate(articles(count, seed)):
        sub = folder / f"{n // 1000:04}"
        if n % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        data = f"{title}\n\n{body}\n".encode()
        (sub / f"{n:06}.txt").write_bytes(data)
        total += len(data)
    return total


def cached_libraries(count: int, *, rebuild: bool = False) -> tuple[Path, Path]:
    """A library of `count` articles imported by the real importer, and the plain FTS5
    table of the same rows (the baseline), kept in bench/out/ between runs and shared by
    the benchmarks that read the same collection (search, concordance)."""
    import shutil
    import sqlite3
    import tempfile
    import time

    from library.ingest.importer import import_paths
    from library.storage.store import open_library

    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    lib_path = out / f"search-{count}.sqlite"
    base_path = out / f"search-{count}-baseline.sqlite"
    if rebuild or not lib_path.exists():
        for p in out.glob(f"search-{count}*"):
            p.unlink()
        work = Path(tempfile.mkdtemp(prefix="hashiya-bench-"))
        try:
            write_files(work, count)
            lib = open_library(lib_path)
            t = time.perf_counter()
            report = import_paths(lib, [work])
            print(f"built library: {report.imported} articles in {time.perf_counter() - t:.0f} s")
            lib.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if not base_path.exists():
        conn = sqlite3.connect(base_path)
        conn.execute("CREATE VIRTUAL TABLE raw USING fts5(title, body)")
        with conn:
            conn.executemany("INSERT INTO raw (title, body) VALUES (?, ?)", articles(count))
        conn.close()
    return lib_path, base_path


def import_in_this_process(source: str, library: str) -> dict:
    """The real importer run on `source` into `library`, in the calling process (a
    benchmark's child, so that its peak memory is its own): seconds, counts, peak RSS of
    this process and of its largest worker."""
    import resource
    import time

    from library.ingest.importer import import_paths
    from library.storage.store import open_library

    lib = open_library(library)
    start = time.perf_counter()
    report = import_paths(lib, [source])
    elapsed = time.perf_counter() - start
    lib.close()
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": elapsed,
        "imported": report.imported,
        "failed": len(report.failed),
        # Whether the importing process was busy all along (the writer bounds the rate)
        # or waited for its workers.
        "cpu_s": me.ru_utime + me.ru_stime,
        "workers_cpu_s": workers.ru_utime + workers.ru_stime,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # The largest of the worker processes that read and fold the files.
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
