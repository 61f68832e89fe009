"""Team library sync benchmark: 100,000 annotations to an empty server, then 100 changes.

A synthetic library (the other benchmarks' corpus generator, imported with the real
importer) gets 100,000 annotations written straight into its table (the journal's
triggers record them as for any edit). It times `library.team.sync.sync` to an empty
team library, then an incremental sync after 100 annotations were edited, each against
the baseline of a plain `COPY` of the same rows (key, JSON payload, revision, origin,
author) into a table of the same shape on the same server, in the same run. Also shown:
a second library pulling everything. Targets: the full sync under 60 s, the incremental
one under 1 s.

Without `--url` a throw-away PostgreSQL cluster is started (tests/pg_server.py: Debian's
initdb and pg_ctl; as root it runs as the `postgres` user).

    python bench/sync_bench.py [--annotations 100000] [--articles 500] [--url postgresql://…]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import write_files  # noqa: E402

TARGET_FULL_S = 60.0
TARGET_INCREMENTAL_S = 1.0


def build(folder: Path, articles: int, annotations: int):
    from library.ingest.importer import import_paths
    from library.storage.store import open_library

    write_files(folder / "src", articles)
    lib = open_library(folder / "a.sqlite")
    import_paths(lib, [folder / "src"])
    ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles")]
    rng = random.Random(18)
    stamp = "2026-01-01T00:00:00+00:00"
    rows = []
    for n in range(annotations):
        start = rng.randrange(0, 400)
        rows.append(
            (
                str(uuid.UUID(int=rng.getrandbits(128))),
                rng.choice(ids),
                "note" if n % 3 == 0 else "highlight",
                start,
                start + rng.randrange(3, 30),
                "مقطع",
                "قبل",
                "بعد",
                "yellow",
                f"ملاحظة {n}" if n % 3 == 0 else None,
                "amal",
                stamp,
                stamp,
            )
        )
    with lib.transaction():
        lib.conn.executemany(
            'INSERT INTO annotations (id, article_id, kind, start, "end", exact, prefix, '
            "suffix, colour, note, author, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return lib, [r[0] for r in rows]


def copy_baseline(url: str, lib, keys: list[str]) -> float:
    """A plain COPY of the same annotations' records into a table of the same shape."""
    import psycopg

    import library.team.sync_records as records

    found = records.read(lib, "annotation", keys)
    origin = str(uuid.uuid4())
    lines = [
        (key, json.dumps(payload, ensure_ascii=False), n, origin, "amal")
        for n, (key, (payload, _)) in enumerate(found.items())
    ]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS baseline")
        conn.execute(
            "CREATE TABLE baseline (key TEXT PRIMARY KEY, payload JSONB NOT NULL, "
            "rev BIGINT NOT NULL, origin UUID NOT NULL, author TEXT, "
            "modified_at TIMESTAMPTZ NOT NULL DEFAULT now(), deleted BOOLEAN NOT NULL "
            "DEFAULT false)"
        )
        conn.execute("CREATE INDEX ON baseline(rev)")
        began = time.perf_counter()
        with (
            conn.transaction(),
            conn.cursor() as cur,
            cur.copy("COPY baseline (key, payload, rev, origin, author) FROM STDIN") as cp,
        ):
            for line in lines:
                cp.write_row(line)
        return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--url", help="an empty database (default: a throw-away cluster)")
    args = parser.parse_args()

    from library.storage.store import open_library
    from library.team.sync import sync

    server = None
    if args.url:
        url = args.url
    else:
        import pg_server

        why = pg_server.missing()
        if why:
            print(f"no PostgreSQL server: {why}")
            return 1
        server = pg_server.PgServer().start()
        url = server.url(server.new_database())
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            began = time.perf_counter()
            lib, keys = build(folder, args.articles, args.annotations)
            print(f"library: {args.articles} articles, {len(keys)} annotations "
                  f"({time.perf_counter() - began:.1f} s to build)")  # fmt: skip

            began = time.perf_counter()
            report = sync(lib, url)
            full = time.perf_counter() - began
            baseline = copy_baseline(url, lib, keys)
            print(
                f"full sync to an empty server: {full:.2f} s ({report.pushed} records pushed)"
                f"  | plain COPY of the same annotations: {baseline:.2f} s"
                f"  | ratio {full / baseline:.1f}x  | target < {TARGET_FULL_S:.0f} s: "
                f"{'met' if full < TARGET_FULL_S else 'MISSED'}"
            )

            changed = random.Random(1).sample(keys, args.changes)
            with lib.transaction():
                lib.conn.executemany(
                    "UPDATE annotations SET note = ?, updated_at = ? WHERE id = ?",
                    [(f"تعديل {n}", "2026-01-02T00:00:00+00:00", k) for n, k in enumerate(changed)],
                )
            began = time.perf_counter()
            report = sync(lib, url)
            incremental = time.perf_counter() - began
            baseline = copy_baseline(url, lib, changed)
            print(
                f"incremental sync of {args.changes} changes: {incremental * 1000:.0f} ms "
                f"({report.pushed} pushed)  | plain COPY of the same rows: "
                f"{baseline * 1000:.1f} ms  | target < {TARGET_INCREMENTAL_S:.0f} s: "
                f"{'met' if incremental < TARGET_INCREMENTAL_S else 'MISSED'}"
            )

            # A second member with the same articles pulls everything (for information).
            other = open_library(folder / "b.sqlite")
            from library.ingest.importer import import_paths

            import_paths(other, [folder / "src"])
            began = time.perf_counter()
            report = sync(other, url)
            print(
                f"second library's first sync (pulls all): {time.perf_counter() - began:.2f} s "
                f"({report.pulled} records pulled, {report.parked} parked)"
            )
            other.close()
            lib.close()
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
