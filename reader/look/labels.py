"""How keys and actions are named in text the user reads (menus, tooltips, the shortcut
list, status messages)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


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


def make_action(
    owner: QWidget, name: str, keys: list, *, checkable: bool = False, local: bool = False
) -> QAction:
    """An action with its object name and shortcuts, added to `owner`; `local`: its keys
    work only while `owner` (a view) or one of its children has the focus."""
    action = QAction(owner)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setCheckable(checkable)
    if local:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    owner.addAction(action)
    return action


def set_action_text(action: QAction, text: str, tip: str) -> None:
    """Menu text with its shortcut column, status tip, and a tooltip naming the keys."""
    shortcut = action.shortcut()
    action.setText(f"{text}\t{key_text(shortcut)}" if not shortcut.isEmpty() else text)
    action.setStatusTip(tip)
    label = plain_label(text)
    action.setToolTip(f"{label} ({key_text(shortcut)})" if not shortcut.isEmpty() else label)
