"""The team library: local libraries syncing through a real, throw-away PostgreSQL server.

Two (or three) libraries import the same articles, edit through the ordinary operations,
and sync: edits of different records all arrive; one record edited on both sides is a
conflict, kept both ways and resolvable; deletions, entity merges, relations, tags,
translations and metadata travel; a sync killed with SIGKILL at each stage, or cut off
by a server restart, leaves both sides consistent and the next sync completes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from library.ingest.importer import import_paths
from library.marks.annotations import set_author
from library.ops import annotating, describing, naming, relating, tagging, translating
from library.storage.store import open_library
from library.team import journal
from library.team.server_schema import WRITE_LOCK
from library.team.sync import PAUSE_VARIABLE, SyncError, server_address, sync
from library.team.sync_conflicts import ConflictError, conflicts, resolve
from library.translation.segments import segments

ROOT = Path(__file__).resolve().parent.parent

# Written for these tests.
ARTICLES = [
    (
        "مكتبة جديدة في حي النخيل",
        "افتتحت بلدية الواحة مكتبة عامة في حي النخيل. وقالت المديرة ليلى حداد إن المكتبة "
        "ستفتح أبوابها كل مساء.",
    ),
    (
        "انتخابات مجلس الطلاب",
        "عقد مجلس الطلاب في جامعة الشمال اجتماعه الأول. وانتخب المجلس سامي خليل رئيساً له.",
    ),
    (
        "مسابقة القوارب",
        "أعلن نادي الصيادين في ميناء الرمال عن مسابقة للقوارب الصغيرة في نهاية الشهر.",
    ),
]


@pytest.fixture
def team(pg):
    """The URL of a fresh, empty team library."""
    return pg.url(pg.new_database())


def _article_files(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n, (title, body) in enumerate(ARTICLES):
        path = folder / f"a{n}.json"
        path.write_text(json.dumps({"title": title, "body": body}, ensure_ascii=False))
        paths.append(path)
    return paths


@pytest.fixture
def make_lib(tmp_path):
    opened = []

    def make(name: str, articles: tuple[int, ...] = (0, 1, 2)):
        lib = open_library(tmp_path / f"{name}.sqlite")
        set_author(lib, name)
        files = _article_files(tmp_path / "articles")
        import_paths(lib, [files[n] for n in articles])
        opened.append(lib)
        return lib

    yield make
    for lib in opened:
        lib.close()


def article(lib, n: int) -> int:
    title = ARTICLES[n][0]
    return lib.conn.execute("SELECT id FROM articles WHERE title = ?", (title,)).fetchone()[0]


def span(lib, n: int, words: str) -> tuple[int, int, int]:
    article_id = article(lib, n)
    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    start = body.index(words)
    return article_id, start, start + len(words)


def rows(lib, sql: str, *params) -> list[tuple]:
    return [tuple(r) for r in lib.conn.execute(sql, params)]


def annotations(lib) -> set[tuple]:
    return set(
        rows(
            lib,
            'SELECT a.id, r.content_hash, a.kind, a.start, a."end", a.note, a.entity_id, '
            "a.author FROM annotations a JOIN articles r ON r.id = a.article_id",
        )
    )


def server_rows(url: str, kind: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(
            f"SELECT key, payload, rev, deleted FROM hashiya_{kind} ORDER BY rev"
        ).fetchall()


def sync_all(url: str, *libs) -> None:
    """Everyone syncs, then everyone again: what one pushed the others have pulled."""
    for _ in range(2):
        for lib in libs:
            sync(lib, url)


# ---- the journal (no server needed) ----------------------------------------------------


def test_a_library_never_shared_keeps_no_journal(make_lib, tmp_path):
    lib = make_lib("salma")
    assert not journal.is_journaling(lib)
    a, s, e = span(lib, 0, "ليلى حداد")
    naming.tag_entity(lib, a, s, e, entity_type="person")
    tagging.tag_articles(lib, [a], "ثقافة")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "x.txt").write_text("خبر آخر\n\nوصل الوفد إلى المدينة صباح اليوم.", encoding="utf-8")
    assert import_paths(lib, [folder]).imported == 1
    assert rows(lib, "SELECT count(*) FROM sync_journal") == [(0,)]
    with lib.transaction():
        journal.start_journal(lib)
    assert journal.is_journaling(lib)
    tagging.tag_articles(lib, [a], "محليات")
    assert ("tag", "محليات") in rows(lib, "SELECT kind, key FROM sync_journal")


def test_the_journal_records_every_kind_of_edit_and_undo(make_lib):
    lib = make_lib("salma")
    with lib.transaction():
        journal.start_journal(lib)
    a, s, e = span(lib, 0, "ليلى حداد")
    op = naming.tag_entity(lib, a, s, e, entity_type="person")
    mention = op.result.annotation.id
    tagged = tagging.tag_articles(lib, [a], "ثقافة")
    describing.edit_metadata(lib, a, published="2024-05-02")
    kinds = rows(lib, "SELECT kind, key FROM sync_journal ORDER BY seq")
    content_hash = rows(lib, "SELECT content_hash FROM articles WHERE id = ?", a)[0][0]
    assert ("annotation", mention) in kinds
    assert ("entity", op.result.annotation.entity_id) in kinds
    assert ("tag", "ثقافة") in kinds
    assert ["ثقافة", content_hash] in [json.loads(v) for k, v in kinds if k == "article_tag"]
    assert ("article", content_hash) in kinds
    lib.conn.execute("DELETE FROM sync_journal")
    tagged.undo(lib)
    op.undo(lib)
    after = rows(lib, "SELECT kind FROM sync_journal")
    assert ("annotation",) in after and ("article_tag",) in after


def test_applying_pulled_records_and_removing_an_article_are_not_journaled(make_lib):
    lib = make_lib("salma")
    with lib.transaction():
        journal.start_journal(lib)
    a, s, e = span(lib, 1, "سامي خليل")
    annotating.add_highlight(lib, a, s, e)
    lib.conn.execute("DELETE FROM sync_journal")
    with lib.transaction(), journal.quiet(lib):
        lib.conn.execute("UPDATE annotations SET note = 'x'")
    assert rows(lib, "SELECT * FROM sync_journal") == []
    assert rows(lib, "SELECT * FROM sync_quiet") == []
    # Removing one's copy of an article does not delete the team's annotations on it.
    lib.conn.execute("DELETE FROM articles WHERE id = ?", (a,))
    assert rows(lib, "SELECT kind FROM sync_journal WHERE kind = 'annotation'") == []
    assert rows(lib, "SELECT * FROM sync_quiet") == []
    annotating.add_highlight(lib, article(lib, 0), 0, 3)
    assert rows(lib, "SELECT kind FROM sync_journal") == [("annotation",)]


# ---- syncing through the server --------------------------------------------------------


def test_what_was_done_before_the_first_sync_arrives(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    a, s, e = span(salma, 0, "ليلى حداد")
    person = naming.tag_entity(salma, a, s, e, entity_type="person").result
    tagging.tag_articles(salma, [a], "ثقافة")
    assert rows(salma, "SELECT count(*) FROM sync_journal") == [(0,)]
    sync_all(team, salma, omar)
    assert person.annotation.id in {r[0] for r in annotations(omar)}
    assert rows(omar, "SELECT name FROM tags") == [("ثقافة",)]
    # Shared now: the next edit is journaled, pushed and pulled.
    b, s, e = span(salma, 1, "سامي خليل")
    later = naming.tag_entity(salma, b, s, e, entity_type="person").result
    assert rows(salma, "SELECT count(*) FROM sync_journal")[0][0] > 0
    sync_all(team, salma, omar)
    assert later.annotation.id in {r[0] for r in annotations(omar)}
    _consistent(team, salma, omar)


def test_edits_of_different_records_all_arrive(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    sync_all(team, salma, omar)
    # Salma: a mention of a new entity, a relation, a tag, metadata, a glossary term.
    a, s, e = span(salma, 0, "ليلى حداد")
    person = naming.tag_entity(salma, a, s, e, entity_type="person").result
    a, s, e = span(salma, 0, "بلدية الواحة")
    org = naming.tag_entity(salma, a, s, e, entity_type="organisation").result
    relating.relate(salma, person.annotation.id, None, org.annotation.entity_id, type="member-of")
    tagging.tag_articles(salma, [a], "ثقافة")
    describing.edit_metadata(salma, a, published="2024-05-02", section="محليات")
    translating.set_term(salma, person.annotation.entity_id, "Layla Haddad")
    # Omar, at the same time: a note and a translation in another article.
    b, s, e = span(omar, 1, "مجلس الطلاب")
    note = annotating.add_note(omar, b, s, e, "أول اجتماع").result[0]
    first = segments(omar, b)[0]
    translating.translate(omar, first.id, "The student council met.")

    report = sync(salma, team)
    assert report.pushed >= 6 and report.conflicts == 0
    assert "127.0.0.1" in journal.get_state(salma, "server")
    sync_all(team, omar, salma)

    assert annotations(salma) == annotations(omar)
    assert note.id in {r[0] for r in annotations(salma)}
    for lib in (salma, omar):
        assert rows(lib, "SELECT type, source, target_entity FROM relations") == [
            ("member-of", person.annotation.id, org.annotation.entity_id)
        ]
        assert rows(lib, "SELECT g.name FROM tags g JOIN article_tags t ON t.tag_id = g.id") == [
            ("ثقافة",)
        ]
        assert rows(lib, "SELECT date, section FROM articles WHERE title = ?", ARTICLES[0][0]) == [
            ("2024-05-02", "محليات")
        ]
        assert rows(lib, "SELECT term FROM entity_terms") == [("Layla Haddad",)]
        assert rows(lib, "SELECT target, author FROM segments WHERE id = ?", first.id) == [
            ("The student council met.", "omar")
        ]
        assert rows(lib, "SELECT author FROM annotations WHERE id = ?", note.id) == [("omar",)]
        assert rows(lib, "SELECT count(*) FROM sync_journal") == [(0,)]
    # The article's text stays home unless shared.
    assert all(r[1].get("title") is None for r in server_rows(team, "article"))
    assert "body" not in json.dumps([r[1] for r in server_rows(team, "article")])


def test_the_library_remembers_the_server_but_not_the_password(team, make_lib):
    salma = make_lib("salma")
    with_password = team.replace("://hashiya_admin@", "://hashiya_admin:topsecret@")
    sync(salma, with_password)
    remembered = journal.get_state(salma, "server")
    assert "topsecret" not in remembered
    assert remembered == team
    assert server_address(team + "?password=x&sslmode=prefer") == team + "?sslmode=prefer"


def test_a_tag_renamed_and_a_deletion_undone_arrive(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    a = article(salma, 1)
    tag = tagging.tag_articles(salma, [a, article(salma, 2)], "جامعات").result.tag
    a, s, e = span(salma, 1, "جامعة الشمال")
    kept = annotating.add_highlight(salma, a, s, e).result[0]
    sync_all(team, salma, omar)
    tagging.rename_tag(salma, tag.id, "تعليم")
    removal = annotating.remove(salma, [kept.id])
    sync_all(team, salma, omar)
    assert kept.id not in {r[0] for r in annotations(omar)}
    removal.undo(salma)
    sync_all(team, salma, omar)
    assert kept.id in {r[0] for r in annotations(omar)}
    tagged = "SELECT g.name, count(*) FROM tags g JOIN article_tags t ON t.tag_id = g.id GROUP BY 1"
    assert rows(omar, tagged) == [("تعليم", 2)]
    assert rows(omar, "SELECT name FROM tags") == [("تعليم",)]


def test_share_text_sends_the_articles_text(team, make_lib):
    salma = make_lib("salma")
    sync(salma, team, share_text=True)
    import psycopg

    with psycopg.connect(team) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM hashiya_article")]
    assert sorted(t["title"] for t in texts) == sorted(t for t, _ in ARTICLES)
    assert {t["body"] for t in texts} == {b for _, b in ARTICLES}


def test_the_same_annotation_edited_on_both_sides_is_a_conflict_kept_both_ways(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    a, s, e = span(salma, 0, "مكتبة عامة")
    note = annotating.add_note(salma, a, s, e, "مهم").result[0]
    sync_all(team, salma, omar)
    annotating.edit_annotation(salma, note.id, note="مهم جداً")
    annotating.edit_annotation(omar, note.id, note="يحتاج تحققاً")
    sync(salma, team)
    report = sync(omar, team)
    assert report.conflicts == 1 and report.open_conflicts == 1
    # Neither version was overwritten.
    assert rows(omar, "SELECT note FROM annotations WHERE id = ?", note.id) == [("يحتاج تحققاً",)]
    (only,) = server_rows(team, "annotation")
    assert only[1]["note"] == "مهم جداً"
    (c,) = conflicts(omar)
    assert (c.kind, c.key, c.mine["note"], c.theirs["note"], c.their_author) == (
        "annotation",
        note.id,
        "يحتاج تحققاً",
        "مهم جداً",
        "salma",
    )
    # Syncing again neither pushes nor overwrites the record in conflict.
    sync(omar, team)
    assert rows(omar, "SELECT note FROM annotations WHERE id = ?", note.id) == [("يحتاج تحققاً",)]
    assert len(conflicts(omar)) == 1
    # Resolved from the command line: Omar keeps his; it reaches Salma at the next syncs.
    out = _cli(omar, "conflicts", "--json")
    assert [x["id"] for x in json.loads(out.stdout)] == [c.id]
    out = _cli(omar, "conflicts", "resolve", str(c.id), "--keep", "mine")
    assert out.returncode == 0, out.stderr
    sync_all(team, omar, salma)
    assert conflicts(omar) == []
    for lib in (salma, omar):
        assert rows(lib, "SELECT note FROM annotations WHERE id = ?", note.id) == [("يحتاج تحققاً",)]


def test_keep_theirs_puts_the_servers_version_here(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    a, s, e = span(salma, 1, "جامعة الشمال")
    note = annotating.add_note(salma, a, s, e, "أ").result[0]
    sync_all(team, salma, omar)
    annotating.edit_annotation(salma, note.id, note="ب")
    annotating.edit_annotation(omar, note.id, note="ج")
    sync(salma, team)
    sync(omar, team)
    (c,) = conflicts(omar)
    with pytest.raises(ConflictError):
        resolve(omar, c.id, "both")
    resolve(omar, c.id, "theirs")
    assert rows(omar, "SELECT note FROM annotations WHERE id = ?", note.id) == [("ب",)]
    with pytest.raises(ConflictError, match="already resolved"):
        resolve(omar, c.id, "mine")
    sync_all(team, omar, salma)
    assert rows(salma, "SELECT note FROM annotations WHERE id = ?", note.id) == [("ب",)]
    assert len(server_rows(team, "annotation")) == 1


def test_a_deletion_propagates_and_a_deletion_against_an_edit_is_a_conflict(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    a, s, e = span(salma, 2, "نادي الصيادين")
    gone = annotating.add_highlight(salma, a, s, e).result[0]
    a, s, e = span(salma, 2, "ميناء الرمال")
    disputed = annotating.add_note(salma, a, s, e, "مكان").result[0]
    sync_all(team, salma, omar)
    assert {gone.id, disputed.id} <= {r[0] for r in annotations(omar)}

    annotating.remove(salma, [gone.id, disputed.id])
    annotating.edit_annotation(omar, disputed.id, note="مكان المسابقة")
    sync(salma, team)
    report = sync(omar, team)
    assert gone.id not in {r[0] for r in annotations(omar)}
    assert report.conflicts == 1
    (c,) = conflicts(omar)
    assert c.key == disputed.id and c.theirs is None and c.mine["note"] == "مكان المسابقة"
    tombstones = {r[0]: r[3] for r in server_rows(team, "annotation")}
    assert tombstones == {gone.id: True, disputed.id: True}
    resolve(omar, c.id, "mine")
    sync_all(team, omar, salma)
    assert rows(salma, "SELECT note FROM annotations WHERE id = ?", disputed.id) == [
        ("مكان المسابقة",)
    ]


def test_an_entity_merge_propagates(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    a, s, e = span(salma, 0, "ليلى حداد")
    first = naming.tag_entity(salma, a, s, e, entity_type="person").result.annotation
    a, s, e = span(salma, 1, "سامي خليل")
    second = naming.tag_entity(salma, a, s, e, entity_type="person").result.annotation
    sync_all(team, salma, omar)
    assert len(rows(omar, "SELECT id FROM entities")) == 2

    naming.merge(salma, first.entity_id, second.entity_id)
    sync_all(team, salma, omar)
    for lib in (salma, omar):
        assert rows(lib, "SELECT id FROM entities") == [(first.entity_id,)]
        assert set(rows(lib, "SELECT entity_id FROM annotations")) == {(first.entity_id,)}
    assert {r[0]: r[3] for r in server_rows(team, "entity")} == {
        first.entity_id: False,
        second.entity_id: True,
    }


def test_a_record_whose_article_is_missing_is_parked_until_it_is_imported(team, make_lib, tmp_path):
    salma, omar = make_lib("salma"), make_lib("omar", articles=(0, 1))
    a, s, e = span(salma, 2, "مسابقة للقوارب")
    note = annotating.add_note(salma, a, s, e, "موعد").result[0]
    tagging.tag_articles(salma, [a], "رياضة")
    sync(salma, team)
    report = sync(omar, team)
    # The note, the tag on the article and the article's metadata wait for the article.
    assert report.parked == 3
    assert note.id not in {r[0] for r in annotations(omar)}
    import_paths(omar, [_article_files(tmp_path / "articles")[2]])
    # Applied at the next sync, before it even reaches the server.
    with pytest.raises(SyncError):
        sync(omar, "postgresql://nobody@127.0.0.1:1/team")
    assert rows(omar, "SELECT count(*) FROM sync_parked") == [(0,)]
    report = sync(omar, team)
    assert report.parked == 0
    assert rows(omar, "SELECT note FROM annotations WHERE id = ?", note.id) == [("موعد",)]
    assert rows(omar, "SELECT name FROM tags") == [("رياضة",)]
    assert annotations(omar) == annotations(salma)


def test_three_libraries_converge(team, make_lib):
    libs = [make_lib(name) for name in ("salma", "omar", "huda")]
    for n, lib in enumerate(libs):
        a, s, e = span(lib, n, ARTICLES[n][1].split()[1])
        annotating.add_highlight(lib, a, s, e)
    sync_all(team, *libs)
    everything = annotations(libs[0])
    assert len(everything) == 3
    assert all(annotations(lib) == everything for lib in libs)


# ---- failures: bad input, a dead server, kill -9, a restart ----------------------------


def _cli(lib, *args, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "library.cli", "--library", str(lib.path), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
        **kw,
    )


def test_bad_url_or_no_server_is_a_clear_error_and_loses_nothing(make_lib):
    lib = make_lib("salma")
    annotating.add_highlight(lib, article(lib, 0), 0, 4)
    waiting = rows(lib, "SELECT count(*) FROM sync_journal")[0][0]
    out = _cli(lib, "sync", "mysql://someone@host/db")
    assert out.returncode == 2 and "not a PostgreSQL URL" in out.stderr
    assert "Traceback" not in out.stderr
    out = _cli(lib, "sync", "postgresql://nobody:secret@127.0.0.1:1/team")
    assert out.returncode == 1 and "cannot reach the team library" in out.stderr
    assert "secret" not in out.stderr and "Traceback" not in out.stderr
    assert "secret" not in (journal.get_state(lib, "server") or "")
    with pytest.raises(SyncError):
        sync(lib, "postgresql://nobody@127.0.0.1:1/team")
    assert rows(lib, "SELECT count(*) FROM sync_journal")[0][0] == waiting
    out = _cli(lib, "conflicts", "resolve", "7", "--keep", "mine")
    assert out.returncode == 2 and "no conflict 7" in out.stderr


def _start_sync(lib, url: str, pause: str | None) -> subprocess.Popen:
    env = dict(os.environ)
    if pause:
        env[PAUSE_VARIABLE] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "library.cli", "--library", str(lib.path), "sync", url, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def _consistent(url: str, *libs) -> None:
    """Each key once on the server, every library's records equal to the server's."""
    for kind in ("annotation", "entity"):
        keys = [r[0] for r in server_rows(url, kind)]
        assert len(keys) == len(set(keys))
    live = {r[0] for r in server_rows(url, "annotation") if not r[3]}
    for lib in libs:
        assert {r[0] for r in annotations(lib)} == live
        assert rows(lib, "SELECT count(*) FROM sync_journal") == [(0,)]
        assert rows(lib, "SELECT * FROM sync_quiet") == []


@pytest.mark.parametrize("stage", ["push-locked", "push-committed", "pull-applied"])
def test_a_sync_killed_at_any_stage_is_completed_by_the_next(team, make_lib, stage):
    salma, omar = make_lib("salma"), make_lib("omar")
    b, s, e = span(omar, 1, "مجلس الطلاب")
    theirs = annotating.add_highlight(omar, b, s, e).result[0]
    sync(omar, team)
    a, s, e = span(salma, 0, "مكتبة عامة")
    mine = annotating.add_note(salma, a, s, e, "قبل القتل").result[0]

    proc = _start_sync(salma, team, stage)
    try:
        assert proc.stderr.readline().strip() == f"hashiya-sync-paused:{stage}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    revs_before = [r[2] for r in server_rows(team, "annotation")]
    pushed = {r[0] for r in server_rows(team, "annotation")}
    assert (mine.id in pushed) == (stage != "push-locked")

    report = sync(salma, team)
    if stage != "push-locked":
        # The changes the server already took are not written twice.
        assert report.pushed == 0
        assert [r[2] for r in server_rows(team, "annotation")] == revs_before
    sync_all(team, omar, salma)
    _consistent(team, salma, omar)
    assert {mine.id, theirs.id} <= {r[0] for r in annotations(omar)}
    assert rows(salma, "SELECT note FROM annotations WHERE id = ?", mine.id) == [("قبل القتل",)]


def test_a_change_taken_before_a_crash_and_edited_since_by_another_is_no_conflict(team, make_lib):
    """The server remembers the change uuids it took: after a crash between its commit
    and the library's bookkeeping, the colleague's later edit is a successor, not a rival."""
    salma, omar = make_lib("salma"), make_lib("omar")
    a, s, e = span(salma, 0, "مكتبة عامة")
    note = annotating.add_note(salma, a, s, e, "أولى").result[0]
    proc = _start_sync(salma, team, "push-committed")
    try:
        assert proc.stderr.readline().strip() == "hashiya-sync-paused:push-committed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    sync(omar, team)
    annotating.edit_annotation(omar, note.id, note="ثانية")
    sync(omar, team)
    report = sync(salma, team)
    assert report.conflicts == 0 and conflicts(salma) == []
    assert rows(salma, "SELECT note FROM annotations WHERE id = ?", note.id) == [("ثانية",)]


def test_two_libraries_syncing_at_the_same_moment_both_complete(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar")
    made = []
    for n, lib in enumerate((salma, omar)):
        for word in ARTICLES[n][1].split()[:5]:
            a, s, e = span(lib, n, word)
            made.append(annotating.add_highlight(lib, a, s, e).result[0].id)
    procs = [_start_sync(lib, team, None) for lib in (salma, omar)]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    sync_all(team, salma, omar)
    _consistent(team, salma, omar)
    assert {r[0] for r in annotations(salma)} == set(made)


def _wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_a_server_restart_mid_sync_fails_clearly_and_the_next_sync_completes(pg, team, make_lib):
    import psycopg

    salma, omar = make_lib("salma"), make_lib("omar")
    sync_all(team, salma, omar)
    a, s, e = span(salma, 2, "نهاية الشهر")
    note = annotating.add_note(salma, a, s, e, "الموعد").result[0]
    holder = psycopg.connect(team, autocommit=True)
    watcher = psycopg.connect(team, autocommit=True)
    try:
        holder.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))
        proc = _start_sync(salma, team, None)

        def waiting() -> bool:
            found = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND wait_event = 'advisory'"
            ).fetchone()[0]
            return found > 0

        _wait_until(waiting)
        watcher.close()
        pg.restart()
        _out, err = proc.communicate(timeout=60)
    finally:
        for conn in (holder, watcher):
            conn.close()
    assert proc.returncode == 1, err
    assert "sync again" in err and "Traceback" not in err
    assert note.id not in {r[0] for r in server_rows(team, "annotation")}
    assert rows(salma, "SELECT count(*) FROM sync_journal")[0][0] > 0
    sync_all(team, salma, omar)
    _consistent(team, salma, omar)
    assert rows(omar, "SELECT note FROM annotations WHERE id = ?", note.id) == [("الموعد",)]


# ---- access control: each member edits only their own layer ----------------------------

# The README's example ("Working as a team"): run by the database's owner after the
# first sync made the tables.
RLS_SETUP = """
CREATE ROLE team_members;
GRANT USAGE ON SCHEMA public TO team_members;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO team_members;
GRANT USAGE ON SEQUENCE hashiya_rev TO team_members;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO team_members;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['hashiya_annotation', 'hashiya_relation', 'hashiya_segment'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY everyone_reads ON %I FOR SELECT USING (true)', t);
    EXECUTE format('CREATE POLICY own_rows_added ON %I FOR INSERT '
                   'WITH CHECK (author = current_user)', t);
    EXECUTE format('CREATE POLICY own_rows_changed ON %I FOR UPDATE '
                   'USING (author = current_user) WITH CHECK (author = current_user)', t);
  END LOOP;
END $$;
"""


def test_row_level_security_lets_each_member_change_only_their_own_rows(pg, team, make_lib):
    import psycopg

    admin = make_lib("admin")
    sync(admin, team)  # makes the tables
    with psycopg.connect(team, autocommit=True) as conn:
        conn.execute(RLS_SETUP)
        for name in ("salma", "omar"):
            conn.execute(f"CREATE ROLE {name} LOGIN IN ROLE team_members")
    as_salma = pg.url(team.rsplit("/", 1)[1], user="salma")
    as_omar = pg.url(team.rsplit("/", 1)[1], user="omar")
    salma, omar = make_lib("salma"), make_lib("omar")
    a, s, e = span(salma, 0, "حي النخيل")
    note = annotating.add_note(salma, a, s, e, "حي").result[0]
    assert sync(salma, as_salma).conflicts == 0
    sync(omar, as_omar)
    assert note.id in {r[0] for r in annotations(omar)}
    # Omar may add his own rows, not change Salma's.
    b, s, e = span(omar, 1, "سامي خليل")
    annotating.add_highlight(omar, b, s, e)
    assert sync(omar, as_omar).pushed >= 1
    annotating.edit_annotation(omar, note.id, note="تعديل عمر")
    a, s, e = span(omar, 2, "نادي الصيادين")
    also = annotating.add_highlight(omar, a, s, e).result[0]
    # The refused edit is a conflict; what Omar may write goes in the same sync.
    report = sync(omar, as_omar)
    assert report.conflicts == 1 and report.pushed == 1
    (c,) = conflicts(omar)
    assert (c.key, c.reason, c.mine["note"], c.theirs["note"]) == (
        note.id,
        "refused",
        "تعديل عمر",
        "حي",
    )
    assert also.id in {r[0] for r in server_rows(team, "annotation")}
    assert next(r for r in server_rows(team, "annotation") if r[0] == note.id)[1]["note"] == "حي"
    with psycopg.connect(as_omar, autocommit=True) as conn:
        changed = conn.execute(
            "UPDATE hashiya_annotation SET payload = '{}' WHERE key = %s", (note.id,)
        )
        assert changed.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO hashiya_annotation (key, payload, rev, origin, author) "
                "VALUES ('x', '{}', 0, gen_random_uuid(), 'salma')"
            )


def test_an_article_shared_with_its_text_is_made_where_it_is_missing(team, make_lib):
    salma, omar = make_lib("salma"), make_lib("omar", articles=(0, 1))
    a, s, e = span(salma, 2, "مسابقة للقوارب")
    note = annotating.add_note(salma, a, s, e, "موعد").result[0]
    sync(salma, team, share_text=True)
    report = sync(omar, team)
    assert report.parked == 0
    # The article came with its text: the same hash, searchable, and the note on it.
    (mine,) = rows(salma, "SELECT content_hash, title, body FROM articles WHERE id = ?", a)
    assert rows(omar, "SELECT content_hash, title, body FROM articles WHERE content_hash = ?",
                mine[0]) == [mine]  # fmt: skip
    assert rows(omar, "SELECT note FROM annotations WHERE id = ?", note.id) == [("موعد",)]
    from library.search.engine import search

    assert [h.article_id for h in search(omar, "القوارب")] == [article(omar, 2)]
    # Its arrival is not a change of Omar's to send back.
    assert sync(omar, team).pushed == 0


def test_shared_text_that_does_not_match_its_hash_makes_no_article(team, make_lib):
    import psycopg

    salma, omar = make_lib("salma"), make_lib("omar", articles=(0, 1))
    a, s, e = span(salma, 2, "مسابقة للقوارب")
    annotating.add_note(salma, a, s, e, "موعد")
    sync(salma, team, share_text=True)
    with psycopg.connect(team) as conn:
        conn.execute("UPDATE hashiya_article SET text = jsonb_set(text, '{body}', '\"نص آخر\"')")
    report = sync(omar, team)
    assert report.parked >= 1
    assert rows(omar, "SELECT count(*) FROM articles") == [(2,)]
