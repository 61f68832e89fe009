"""Preferences ▸ "Your name in this library": the identity new work is recorded under."""

from __future__ import annotations

import pytest
from gui_helpers import open_window
from PySide6.QtWidgets import QDialog

from library.marks.annotations import default_author
from library.marks.identity import Identity, identity
from reader.dialogs.preferences_dialog import PreferencesDialog
from reader.settings import Preferences


@pytest.fixture
def session(qtbot, lib, tmp_path):
    with open_window(qtbot, lib, tmp_path) as s:
        yield s


def test_the_dialog_shows_and_returns_the_identity(qtbot):
    dialog = PreferencesDialog(Preferences(), identity=Identity("Nour", "nour@example.org"))
    qtbot.addWidget(dialog)
    assert dialog.author_name.text() == "Nour"
    assert dialog.author_email.text() == "nour@example.org"
    dialog.author_name.setText("  نور  ")
    assert dialog.identity() == Identity("نور", "nour@example.org")
    dialog.author_name.clear()  # no name: the email goes with it
    assert dialog.identity() == Identity(None, None)


def test_without_a_library_the_fields_are_not_offered(qtbot):
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.author_name.isVisible()
    assert dialog.identity() is None


def test_preferences_set_who_the_library_records(session, monkeypatch):
    window = session.window

    def choose(dialog):
        dialog.author_name.setText("رنا")
        dialog.author_email.setText("rana@example.org")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", choose)
    window.acts.preferences.trigger()
    assert identity(window.lib) == Identity("رنا", "rana@example.org")
    assert default_author(window.lib) == "رنا"

    monkeypatch.setattr(PreferencesDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.acts.preferences.trigger()
    assert identity(window.lib) == Identity("رنا", "rana@example.org")  # cancelled
