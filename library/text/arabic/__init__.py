"""Arabic text for search: folding, light stemming and word spans (Qt-free).

``fold`` and ``index_text`` build the search index, ``query_key`` folds what a user types,
``tokens`` maps keys back to code-point spans of the original text for highlighting.
The rules are documented in ``normalize`` (folding) and ``stem`` (light stemming);
``RULES_VERSION`` changes whenever any of them does, so a stale index can be rebuilt.
"""

from library.text.arabic.normalize import (
    RULES_VERSION,
    UNICODE_VERSION,
    Token,
    fold,
    index_terms_met,
    index_text,
    query_key,
    tokens,
    track_index_terms,
)
from library.text.arabic.stem import key_readings, light_stem, readings

__all__ = [
    "RULES_VERSION",
    "UNICODE_VERSION",
    "Token",
    "fold",
    "index_terms_met",
    "index_text",
    "key_readings",
    "light_stem",
    "query_key",
    "readings",
    "tokens",
    "track_index_terms",
]
