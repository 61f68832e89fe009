"""The reader's suggestions learn from the user's tagging in the background, follow the
Preferences' threshold, and say where each suggestion comes from."""

from __future__ import annotations

import pytest
from gui_helpers import add_article, open_window
from test_recommender import ARTICLES, NAMES
from test_suggest_learning import UNSEEN, UNSEEN_NAME

from library.marks import recommender
from library.marks.entities import tag_entity
from library.storage.store import open_library
from reader.annotate import suggestions as suggestions_module
from reader.dialogs.preferences_dialog import PreferencesDialog
from reader.settings import Preferences


@pytest.fixture
def tagged(tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    ids = [add_article(lib, f"خبر {n}", body, folder=tmp_path) for n, body in enumerate(ARTICLES)]
    for article_id, names in zip(ids, NAMES, strict=True):
        (body,) = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,))
        for name in names:
            start = body[0].index(name)
            tag_entity(lib, article_id, start, start + len(name), entity_type="person")
    unseen = add_article(lib, "خبر جديد", UNSEEN, folder=tmp_path)
    yield lib, unseen
    lib.close()


def texts(window) -> dict[str, str]:
    return {s.text: s.source for s in window.annotations.suggestions.items}


def test_training_runs_in_the_background_and_the_list_comes_back_learned(
    qtbot, tmp_path, tagged, monkeypatch
):
    lib, unseen = tagged
    monkeypatch.setattr(suggestions_module, "TRAINING_DELAY_MS", 50)
    assert recommender.stored_model(lib) == (None, False)  # tagged, never trained
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        window.annotations.suggestions._train_timer.setInterval(50)
        assert window.open_article(unseen)
        # First without the model (never waits for training), then with it.
        qtbot.waitUntil(lambda: texts(window).get(UNSEEN_NAME) == "learned", timeout=20000)
        assert recommender.stored_model(lib)[1]  # trained and cached, up to date
        # The status bar says where the suggestion comes from and how sure it is.
        window.annotations.annotator.step_suggestion(1)
        message = window.statusBar().currentMessage()
        assert "learned from your tagging" in message and "% sure" in message, message


def test_without_learning_and_above_the_threshold(qtbot, tmp_path, tagged):
    lib, unseen = tagged
    recommender.train_model(lib)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        suggestions = window.annotations.suggestions
        assert window.open_article(unseen)
        qtbot.waitUntil(lambda: UNSEEN_NAME in texts(window), timeout=10000)
        everything = list(suggestions.items)
        suggestions.configure(min_confidence=0.0, learning=False)
        qtbot.waitUntil(lambda: not suggestions.loading, timeout=10000)
        assert UNSEEN_NAME not in texts(window)
        suggestions.configure(min_confidence=0.99, learning=True)
        qtbot.waitUntil(lambda: not suggestions.loading, timeout=10000)
        assert all(s.confidence >= 0.99 for s in suggestions.items)
        assert len(suggestions.items) < len(everything)


def test_the_preferences_hold_the_threshold_and_the_switch(qtbot):
    dialog = PreferencesDialog(Preferences(suggestion_confidence=40, learn_from_tagging=True))
    qtbot.addWidget(dialog)
    assert dialog.confidence.value() == 40 and dialog.learning.isChecked()
    dialog.confidence.setValue(75)
    dialog.learning.setChecked(False)
    chosen = dialog.preferences()
    assert (chosen.suggestion_confidence, chosen.learn_from_tagging) == (75, False)
