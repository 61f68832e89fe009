"""How keys and actions are named in text the user reads (menus, tooltips, the shortcut
list, status messages)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QKeySequence


def key_text(keys: QKeySequence) -> str:
    """Keys as the user sees them, isolated left-to-right inside any surrounding text."""
    return f"\u2066{keys.toString(QKeySequence.SequenceFormat.NativeText)}\u2069"


def keys_text(sequences: list[QKeySequence]) -> str:
    """Several shortcuts as one left-to-right run ("Ctrl+K, Ctrl+Shift+F"): isolated one
    by one, a mirrored interface would reorder the list around its commas."""
    names = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in sequences]
    return f"\u2066{', '.join(names)}\u2069" if names else ""


def plain_label(text: str) -> str:
    """An action's text without its mnemonic, ellipsis and shortcut column."""
    return text.split("\t", 1)[0].replace("&", "").rstrip("…")


def local_date(text: str | None) -> str:
    """An ISO date (the day part of a stored date) in the interface's digits, so a view
    never mixes Arabic-Indic counts with Latin dates; text that is not a date stays."""
    day = (text or "")[:10]
    date = QDate.fromString(day, "yyyy-MM-dd")
    return QLocale().toString(date, "yyyy-MM-dd") if date.isValid() else day
