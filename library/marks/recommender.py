"""The library's learned recommender: trained on the user's own tagging, cached, reused.

`library.marks.learning` trains a model from a library; this decides when. A model is
kept in the user's cache folder (`library.paths.cache_dir`), one file per library, with
the *training stamp* it was trained at: the count and newest change of the entity
mentions, the entities and the suggestion decisions. Any accept, reject, tag, untag or
entity edit changes the stamp, so the cached model is stale and the next
`current_model(lib)` trains again (a second or two for a few dozen articles).

Why a cache file and not a table in the library: the model is derived data, rebuilt in
seconds, and writing it into the library would look like an edit to every program that
watches the file (the reader polls `PRAGMA data_version`). A damaged or foreign cache
file is ignored and replaced (`Model.from_bytes` checks a digest).

Training uses at most `MAX_ARTICLES` tagged articles, the most recently tagged ones:
training time grows with the examples (about 3 s for 100 articles on a laptop), and the
user's latest work says most about what they want now.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from library.marks.learning import Model, examples_from_library, train
from library.paths import cache_dir
from library.storage.store import Library

MAX_ARTICLES = 120
_MAGIC = b"HASHIYA-RECOMMENDER 1\n"


def training_stamp(lib: Library) -> str:
    """Changes whenever what the model learns from changes."""
    parts = [
        lib.conn.execute(
            "SELECT count(*), max(updated_at) FROM annotations WHERE kind = 'entity'"
        ).fetchone(),
        lib.conn.execute("SELECT count(*), max(updated_at) FROM entities").fetchone(),
        lib.conn.execute("SELECT count(*), max(decided_at) FROM suggestion_decisions").fetchone(),
    ]
    return "|".join(f"{n}:{newest or ''}" for n, newest in parts)


def cache_path(lib: Library) -> Path | None:
    if lib.path is None:
        return None
    key = hashlib.sha256(str(Path(lib.path).resolve()).encode("utf-8", "surrogateescape"))
    return cache_dir() / "models" / f"{key.hexdigest()[:24]}.crf"


def _read(path: Path) -> tuple[str, Model] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    stamp, sep, rest = data[len(_MAGIC) :].partition(b"\n")
    if not sep:
        return None
    try:
        return stamp.decode("utf-8"), Model.from_bytes(rest)
    except (ValueError, UnicodeDecodeError):
        return None


def _write(path: Path, stamp: str, model: Model) -> None:
    """Atomically (a temporary file renamed into place); a cache that cannot be written
    only costs a retraining next time."""
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + stamp.encode("utf-8") + b"\n" + model.to_bytes())
        tmp.replace(path)
    except OSError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def stored_model(lib: Library) -> tuple[Model | None, bool]:
    """The cached model (or None) and whether it is up to date with the library."""
    path = cache_path(lib)
    found = _read(path) if path is not None else None
    if found is None:
        # No model: up to date only when there is nothing to learn from.
        tagged = lib.conn.execute(
            "SELECT 1 FROM annotations WHERE kind = 'entity' LIMIT 1"
        ).fetchone()
        return None, tagged is None
    stamp, model = found
    return model, stamp == training_stamp(lib)


def train_model(lib: Library) -> Model | None:
    """Train on the library as it is now, and cache the result (None: nothing tagged)."""
    stamp = training_stamp(lib)
    examples = examples_from_library(lib)
    tagged = [e for e in examples if e.spans]
    untagged = [e for e in examples if not e.spans]
    # examples_from_library lists articles in id order; keep the latest tagged ones.
    model = train(tagged[-MAX_ARTICLES:] + untagged[-MAX_ARTICLES:])
    path = cache_path(lib)
    if path is not None:
        if model is None:
            path.unlink(missing_ok=True)
        else:
            _write(path, stamp, model)
    return model


def current_model(lib: Library, *, retrain: bool = True) -> Model | None:
    """The model for the library: the cached one when it is up to date; otherwise a new
    one (`retrain`), or the stale one (not `retrain`: the caller trains in the
    background and asks again)."""
    model, fresh = stored_model(lib)
    if fresh or not retrain:
        return model
    return train_model(lib)
