"""Entities, entity types, tagging, aliases, merging, the entity index, selection spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from library.ingest.importer import import_paths
from library.marks.annotations import (
    AnnotationError,
    annotations_for,
    get_annotation,
    put_annotations,
)
from library.marks.entities import (
    add_alias,
    alias_candidates,
    articles_for_entity,
    create_entity,
    delete_entity,
    entities,
    entity_index,
    find_entity,
    get_entity,
    mentions_of,
    merge_entities,
    put_entity,
    redo_merge,
    relink_mention,
    remove_alias,
    restore_entity,
    retag,
    selection_span,
    tag_entity,
    unmerge,
    untag,
    update_entity,
)
from library.marks.entity_types import (
    add_type,
    delete_type,
    entity_types,
    resolve_type,
    restore_type,
    update_type,
)
from library.storage.articles import NotFound, count, get_article, list_articles
from library.text.spans import entity_span, snap_to_words, strip_clitic

OIC = "منظمة التعاون الإسلامي"
TEXTS = [
    "رحبت منظمة التعاون الإسلامي بالاتفاق. وقال مسؤول في المنظمة إن لمنظمة التعاون الإسلامي "
    "دوراً في الوساطة.\nوزار الوفد الرياض ثم عاد إلى بيروت.",
    "دعت مُنظّمة التعاون الإسلامي إلى اجتماع طارئ. وأكدت الأمانة أن التعاون الإسلامي ضرورة.",
    "لا علاقة لهذا النص بأي منظمة، فهو عن الطقس والمطر في الجبال.",
]


def add_articles(lib, folder, *bodies: str) -> list[int]:
    for n, body in enumerate(bodies):
        (folder / f"{n:03}.txt").write_text(f"خبر رقم {n}\n\n{body}", encoding="utf-8")
    report = import_paths(lib, sorted(folder.glob("*.txt")), workers=0)
    assert report.imported == len(bodies), report.failed
    return report.articles


@pytest.fixture
def corpus(lib, tmp_path):
    ids = add_articles(lib, tmp_path, *TEXTS)
    bodies = [get_article(lib, i).body for i in ids]
    assert bodies == TEXTS
    return lib, ids


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def snapshot(lib) -> dict:
    return {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
        for t in ("annotations", "entities", "entity_types")
    }


# --- finding entities by name -------------------------------------------------------------


def test_find_entity_ignores_diacritics_hamza_and_an_attached_clitic(lib):
    oic = create_entity(lib, "organisation", OIC)
    assert find_entity(lib, "مُنَظَّمَة التعاون الاسلامي") == oic
    assert find_entity(lib, "لمنظمة التعاون الإسلامي") == oic
    assert find_entity(lib, "ومنظمة  التعاون الإسلامي", "organisation") == oic
    assert find_entity(lib, OIC, "person") is None
    assert find_entity(lib, "منظمة التعاون") is None
    assert find_entity(lib, "") is None


def test_a_name_as_written_wins_over_a_clitic_reading(lib):
    lebanon = create_entity(lib, "place", "لبنان")
    create_entity(lib, "place", "بنان")
    assert find_entity(lib, "لبنان") == lebanon
    assert find_entity(lib, "للبنان") == lebanon  # ل + لبنان


def test_aliases_are_found_and_never_duplicate_the_name(lib):
    uae = create_entity(
        lib,
        "place",
        "الإمارات",
        ["دولة الإمارات العربية المتحدة", "الامارات", " ", "الإمارات العربية المتحدة"],
    )
    assert uae.aliases == ("دولة الإمارات العربية المتحدة", "الإمارات العربية المتحدة")
    assert find_entity(lib, "دولة الامارات العربية المتحدة") == uae
    edit = add_alias(lib, uae.id, "الإمارات")  # folds to the name: nothing to add
    assert not edit.changed


def test_alias_candidates_offer_containing_and_contained_names(lib):
    oic = create_entity(lib, "organisation", OIC)
    islamic = create_entity(lib, "organisation", "الإسلامي")
    assert alias_candidates(lib, "التعاون الإسلامي", "organisation") == [oic, islamic]
    assert alias_candidates(lib, "للتعاون الاسلامي") == [oic, islamic]  # clitic, hamza
    assert alias_candidates(lib, OIC) == [islamic]  # the exact one is find_entity's
    assert alias_candidates(lib, "التعاون الإسلامي", "person") == []
    assert alias_candidates(lib, "التعاون") == [oic]  # whole words only: not الإسلامي


# --- tagging ------------------------------------------------------------------------------


def test_tagging_creates_then_links_by_folded_name_and_untag_reverses(corpus):
    lib, (a, b, _) = corpus
    first = tag_entity(lib, a, *span(TEXTS[0], OIC), entity_type="organisation")
    assert first.created and first.entity.name == OIC
    assert first.annotation.kind == "entity" and first.annotation.entity_id == first.entity.id
    second = tag_entity(
        lib, b, *span(TEXTS[1], "مُنظّمة التعاون الإسلامي"), entity_type="organisation"
    )
    assert not second.created and second.entity.id == first.entity.id
    untag(lib, second)
    assert annotations_for(lib, b) == [] and get_entity(lib, first.entity.id)
    untag(lib, first)
    assert entities(lib) == [] and annotations_for(lib, a) == []
    retag(lib, first)
    retag(lib, second)
    assert get_annotation(lib, second.annotation.id) == second.annotation
    assert get_entity(lib, first.entity.id) == first.entity


def test_tagging_with_a_name_and_as_an_alias(corpus):
    lib, (a, b, _) = corpus
    oic = create_entity(lib, "organisation", OIC)
    named = tag_entity(lib, a, *span(TEXTS[0], "المنظمة"), entity_type="organisation", name=OIC)
    assert named.entity.id == oic.id and not named.created
    before = snapshot(lib)
    as_alias = tag_entity(
        lib, b, *span(TEXTS[1], "التعاون الإسلامي", 1), entity_id=oic.id, as_alias=True
    )
    assert as_alias.entity.aliases == ("التعاون الإسلامي",)
    assert as_alias.entity_before == oic
    untag(lib, as_alias)
    assert snapshot(lib) == before
    retag(lib, as_alias)
    assert get_entity(lib, oic.id).aliases == ("التعاون الإسلامي",)


def test_tagging_needs_a_known_type_and_a_span_inside_the_text(corpus):
    lib, (a, _, _) = corpus
    with pytest.raises(NotFound):
        tag_entity(lib, a, 0, 4, entity_type="weapon")
    with pytest.raises(AnnotationError):
        tag_entity(lib, a, 4, 4, entity_type="person")
    with pytest.raises(AnnotationError):
        tag_entity(lib, a, 0, 4)
    assert entities(lib) == [] and annotations_for(lib, a) == []


def test_an_elided_article_alef_comes_back_in_the_name(lib, tmp_path):
    (a,) = add_articles(lib, tmp_path, "قدم الوفد تقريره للأمم المتحدة أمس.")
    body = get_article(lib, a).body
    start, end = selection_span(lib, a, *span(body, "للأمم المتحدة"))
    assert body[start:end] == "لأمم المتحدة"
    tagging = tag_entity(lib, a, start, end, entity_type="organisation")
    assert tagging.entity.name == "الأمم المتحدة"


def test_relinking_a_mention(corpus):
    lib, (a, _, _) = corpus
    t = tag_entity(lib, a, *span(TEXTS[0], "الرياض"), entity_type="place")
    other = create_entity(lib, "place", "مدينة الرياض")
    edit = relink_mention(lib, t.annotation.id, other.id)
    assert edit.after.entity_id == other.id
    put_annotations(lib, [edit.before])
    assert get_annotation(lib, t.annotation.id).entity_id == t.entity.id
    with pytest.raises(NotFound):
        relink_mention(lib, t.annotation.id, "missing")


# --- changing, deleting, merging ----------------------------------------------------------


def test_update_entity_and_undo(lib):
    e = create_entity(lib, "person", "هشام ناصر", ["أبو سامي"])
    edit = update_entity(lib, e.id, name="هشام ناصر الدين", entity_type="other")
    assert (edit.after.name, edit.after.type) == ("هشام ناصر الدين", "other")
    put_entity(lib, edit.before)
    assert get_entity(lib, e.id) == e
    removed = remove_alias(lib, e.id, "ابو سامي")
    assert removed.after.aliases == ()
    with pytest.raises(NotFound):
        update_entity(lib, e.id, entity_type="nope")


def test_delete_entity_takes_its_mentions_and_restore_brings_all_back(corpus):
    lib, (a, b, _) = corpus
    t = tag_entity(lib, a, *span(TEXTS[0], OIC), entity_type="organisation")
    tag_entity(lib, b, *span(TEXTS[1], "مُنظّمة التعاون الإسلامي"), entity_id=t.entity.id)
    before = snapshot(lib)
    removal = delete_entity(lib, t.entity.id)
    assert len(removal.mentions) == 2 and entities(lib) == []
    restore_entity(lib, removal)
    assert snapshot(lib) == before


def test_merge_moves_mentions_adds_aliases_and_unmerges_exactly(corpus):
    lib, (a, b, _) = corpus
    keep = tag_entity(lib, a, *span(TEXTS[0], OIC), entity_type="organisation").entity
    other = tag_entity(
        lib, b, *span(TEXTS[1], "التعاون الإسلامي", 1), entity_type="organisation"
    ).entity
    # A double: the same span tagged with both entities.
    tag_entity(lib, a, *span(TEXTS[0], OIC), entity_id=other.id)
    tag_entity(lib, a, *span(TEXTS[0], "المنظمة"), entity_id=other.id)
    before = snapshot(lib)
    merge = merge_entities(lib, keep.id, other.id)
    assert len(merge.moved) == 2 and len(merge.dropped) == 1
    assert get_entity(lib, keep.id).aliases == ("التعاون الإسلامي",)
    assert [e.id for e in entities(lib)] == [keep.id]
    assert {m.annotation.entity_id for m in mentions_of(lib, keep.id)} == {keep.id}
    after = snapshot(lib)
    unmerge(lib, merge)
    assert snapshot(lib) == before
    redo_merge(lib, merge)
    assert snapshot(lib) == after
    with pytest.raises(AnnotationError):
        merge_entities(lib, keep.id, keep.id)


# --- types --------------------------------------------------------------------------------


def test_default_types_and_their_crud(lib):
    assert [t.id for t in entity_types(lib)] == [
        "person", "organisation", "place", "date", "event", "other",
    ]  # fmt: skip
    weapon = add_type(lib, "Weapon system", "#334455")
    assert weapon.id == "weapon-system" and entity_types(lib)[-1] == weapon
    assert resolve_type(lib, "weapon SYSTEM") == weapon
    again = add_type(lib, "Weapon system", "#334455")
    assert again.id == "weapon-system-2"
    edit = update_type(lib, "person", label="شخص", colour="#FFAA00")
    assert (edit.after.label, edit.after.colour) == ("شخص", "#ffaa00")
    assert resolve_type(lib, "شخص").id == "person"
    with pytest.raises(AnnotationError):
        update_type(lib, "person", colour="orange")
    removal = delete_type(lib, again.id)  # unused: fine
    assert removal.entities == () and again not in entity_types(lib)


def test_a_used_type_is_deleted_only_with_a_replacement_and_restores(lib):
    e = create_entity(lib, "event", "القمة الاقتصادية")
    before = snapshot(lib)
    with pytest.raises(AnnotationError, match="move"):
        delete_type(lib, "event")
    removal = delete_type(lib, "event", move_to="other")
    assert get_entity(lib, e.id).type == "other"
    assert "event" not in {t.id for t in entity_types(lib)}
    restore_type(lib, removal)
    assert snapshot(lib) == before


# --- the entity index ---------------------------------------------------------------------


def test_entity_index_mentions_with_sentences_and_list_filters(corpus):
    lib, (a, b, c) = corpus
    t = tag_entity(lib, a, *span(TEXTS[0], OIC), entity_type="organisation")
    tag_entity(lib, a, *span(TEXTS[0], "منظمة التعاون الإسلامي", 1), entity_id=t.entity.id)
    tag_entity(lib, b, *span(TEXTS[1], "مُنظّمة التعاون الإسلامي"), entity_id=t.entity.id)
    place = tag_entity(lib, a, *span(TEXTS[0], "بيروت"), entity_type="place").entity
    index = {s.entity.name: s for s in entity_index(lib)}
    assert (index[OIC].mentions, index[OIC].articles) == (3, 2)
    assert (index["بيروت"].mentions, index["بيروت"].articles) == (1, 1)
    assert [s.entity.type for s in entity_index(lib)] == ["organisation", "place"]
    assert index[OIC].to_json() == {
        "id": t.entity.id, "type": "organisation", "name": OIC, "aliases": [],
        "mentions": 3, "articles": 2,
    }  # fmt: skip
    mentions = mentions_of(lib, t.entity.id)
    assert [m.sentence for m in mentions] == [
        "رحبت منظمة التعاون الإسلامي بالاتفاق.",
        "وقال مسؤول في المنظمة إن لمنظمة التعاون الإسلامي دوراً في الوساطة.",
        "دعت مُنظّمة التعاون الإسلامي إلى اجتماع طارئ.",
    ]
    assert mentions[1].title == "خبر رقم 0"
    assert articles_for_entity(lib, t.entity.id) == [a, b]
    assert [s.id for s in list_articles(lib, entity_id=t.entity.id)] == [a, b]
    assert [s.id for s in list_articles(lib, entity_id=place.id)] == [a]
    assert count(lib, entity_id=t.entity.id) == 2 and count(lib) == 3
    assert [s.id for s in list_articles(lib)] == [a, b, c]


# --- selection spans ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("لمنظمة", "منظمة"), ("ولمنظمة", "منظمة"), ("كمنظمة", "منظمة"), ("ومنظمة", "منظمة"),
        ("والرياض", "الرياض"), ("بالرياض", "الرياض"), ("وبالرياض", "الرياض"),
        ("للرياض", "لرياض"), ("فالمغرب", "المغرب"), ("بمصر", "مصر"), ("لتونس", "تونس"),
        ("وواشنطن", "واشنطن"),
        # names that begin with those letters keep them
        ("لبنان", "لبنان"), ("بغداد", "بغداد"), ("فرنسا", "فرنسا"), ("كندا", "كندا"),
        ("واشنطن", "واشنطن"), ("وزارة", "وزارة"), ("وسام", "وسام"), ("بيروت", "بيروت"),
        ("فلسطين", "فلسطين"), ("بريطانيا", "بريطانيا"), ("والي", "والي"), ("فتح", "فتح"),
        # the article is never taken off
        ("الرياض", "الرياض"), ("المنظمة", "المنظمة"),
    ],
)  # fmt: skip
def test_an_attached_clitic_is_left_out_of_an_entity_span(word, expected):
    from library.marks import gazetteer

    text = f"قال {word} أمس"
    start = text.index(word)
    s, e = entity_span(text, start + 1, start + 2, gazetteer.known_words())  # a click inside
    assert text[s:e] == expected


def test_clitic_with_diacritics_is_left_out_with_its_marks(lib):
    text = "وقال إنَّ لِمُنظَّمة دوراً"
    start, end = span(text, "لِمُنظَّمة")
    s, e = entity_span(text, start, end)
    assert text[s:e] == "مُنظَّمة"
    assert strip_clitic(text, start + 2, end) == start + 2  # inside a word: as chosen


def test_without_snapping_the_span_is_kept_but_the_clitic_still_goes(corpus):
    lib, (a, _, _) = corpus
    start, end = span(TEXTS[0], "لمنظمة التعاون")
    assert selection_span(lib, a, start, end - 2, snap=False) == (start + 1, end - 2)
    assert selection_span(lib, a, start + 2, end - 2) == (start + 1, end)


ARABIC_WORDS = ["قال", "مُحَمَّد", "لمنظمة", "التعاون،", "«حماس»", "3.5", "الرياض.", "ﷺ", "النـزاعات"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(ARABIC_WORDS), min_size=1, max_size=8),
    st.lists(st.sampled_from([" ", "  ", "\n", " - "]), min_size=8, max_size=8),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_snapping_covers_whole_words_and_is_idempotent(words, gaps, a, b):
    from library.text.arabic import tokens

    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    a, b = min(a, len(text)), min(b, len(text))
    start, end = snap_to_words(text, min(a, b), max(a, b))
    assert 0 <= start <= end <= len(text)
    assert snap_to_words(text, start, end) == (start, end)
    toks = tokens(text)
    starts, ends = {t.start for t in toks}, {t.end for t in toks}
    touched = [t for t in toks if t.start < max(a, b) and t.end > min(a, b)]
    if touched:
        assert start in starts and end in ends
        assert start <= touched[0].start and end >= touched[-1].end
    elif a != b:
        assert not text[start:end].strip() or (min(a, b) <= start and end <= max(a, b))


def test_lookups_see_every_change_even_an_undo_or_another_process(lib):
    from library.storage.store import open_library

    e = create_entity(lib, "place", "بكين")
    assert find_entity(lib, "بكين") == e
    edit = update_entity(lib, e.id, name="بيجين")
    assert find_entity(lib, "بكين") is None and find_entity(lib, "بيجين") == edit.after
    put_entity(lib, edit.before)  # undo: the old row, with its old timestamp
    assert find_entity(lib, "بكين") == e and find_entity(lib, "بيجين") is None
    other = open_library(lib.path)
    try:
        add_alias(other, e.id, "بيجينغ")
    finally:
        other.close()
    assert find_entity(lib, "بيجينغ").id == e.id
