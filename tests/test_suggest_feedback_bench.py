"""The learning curve of bench/suggest_eval.py builds the user's library with the app's own
operations, so what it measures is what the app does with that library."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(
            "suggest_eval_bench", ROOT / "bench" / "suggest_eval.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        from suggest_eval.labels import load

        return module, load()
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_the_simulated_user_tags_the_gold_and_rejects_the_rest():
    from library.marks.feedback import feedback
    from library.marks.suggest import decisions

    module, articles = bench()
    trained = articles[:3]
    lib, ids = module.user_library(trained)
    try:
        for article_id, a in zip(ids, trained, strict=True):
            rows = lib.conn.execute(
                'SELECT a.start, a."end", e.type FROM annotations a '
                "JOIN entities e ON e.id = a.entity_id WHERE a.article_id = ?",
                (article_id,),
            ).fetchall()
            tagged = {tuple(r) for r in rows}
            assert {(s.start, s.end, s.type) for s in a.spans} <= tagged
            assert {(s.start, s.end, "other") for s in a.misc} <= tagged
            for d in decisions(lib, article_id):
                # A rejection is never of a right suggestion.
                assert (d.start, d.end, d.type) not in {(s.start, s.end, s.type) for s in a.spans}
        assert feedback(lib).said
    finally:
        lib.close()
