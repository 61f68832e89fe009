"""brat and CoNLL exports read by what their users run (issue 14, parts 2 and 3).

brat: a checker of the rules brat's documentation states (configuration: every type
declared, any overlap of two text-bound annotations an error unless an `<OVERLAP>` rule
of the `[relations]` section allows it; standoff: offsets are characters of the `.txt`,
the text after the offsets is the text there) plus the `\\w+:\\w+` reference form brat's
readers (bratly) expect. CoNLL: spaCy's own CoNLL-2003 converter (`spacy convert -c
ner`) and seqeval read the default export; our importer reads both dialects back.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from library.cli import main
from library.exchange import Selection, export, render
from library.exchange.selection import collect
from library.ingest.importer import import_paths
from library.marks.annotations import add_article_note, add_highlight, add_note
from library.marks.entities import tag_entity
from library.storage.store import open_library

TITLE_A, TITLE_B, TITLE_C = "زيارة الوفد", "معرض جديد", "خبر بلا علامات"
BODY_A = (
    "استقبلت جامعة القاهرة وفداً من الرياض 👍🏽 يوم الأحد.\n"
    "وقال رئيس الوفد سالم العتيبي إن الزيارة ناجحة 👨‍👩‍👧 #تعاون 🇸🇦."
)
BODY_B = "افتتح المتحف الوطني معرضاً جديداً في جدة."
BODY_C = "لا شيء هنا سوى جملة قصيرة."

# The mentions CoNLL keeps: the outermost of nested ones, the first of crossing ones.
KEPT_A = [
    ("ORG", "جامعة القاهرة"),
    ("LOC", "الرياض"),
    ("DATE", "يوم الأحد"),
    ("PER", "سالم العتيبي"),
    ("MISC", "👨‍👩‍👧"),
    ("LOC", "🇸🇦"),
]
KEPT_B = [("EVENT", "افتتح المتحف"), ("LOC", "جدة")]


def at(body: str, part: str) -> tuple[int, int]:
    start = body.index(part)
    return start, start + len(part)


def write_sources(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, title, body in (
        ("a", TITLE_A, BODY_A),
        ("b", TITLE_B, BODY_B),
        ("c", TITLE_C, BODY_C),
    ):
        (folder / f"{name}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    return folder


def bodies(lib) -> dict[str, tuple[int, str]]:
    return {t: (i, b) for i, t, b in lib.conn.execute("SELECT id, title, body FROM articles")}


def new_library(path: Path) -> Path:
    sources = write_sources(path.parent / f"{path.stem}-sources")
    with open_library(path) as lib:
        assert import_paths(lib, [sources], workers=0).imported == 3
        found = bodies(lib)
    assert found[TITLE_A][1] == BODY_A and found[TITLE_B][1] == BODY_B  # kept as written
    return path


def annotate(lib) -> None:
    a, b = bodies(lib)[TITLE_A][0], bodies(lib)[TITLE_B][0]
    tag_entity(lib, a, *at(BODY_A, "جامعة القاهرة"), entity_type="organisation")
    tag_entity(lib, a, *at(BODY_A, "القاهرة"), entity_type="place")  # inside the university
    tag_entity(lib, a, *at(BODY_A, "الرياض"), entity_type="place")
    add_highlight(lib, a, *at(BODY_A, "وفداً من الرياض 👍🏽"), "green")  # holds الرياض
    tag_entity(lib, a, *at(BODY_A, "يوم الأحد"), entity_type="date")
    tag_entity(lib, a, *at(BODY_A, "سالم العتيبي"), entity_type="person")
    add_note(lib, a, *at(BODY_A, "سالم العتيبي"), "من هو؟")  # the same span as the person
    add_highlight(lib, a, *at(BODY_A, "رئيس الوفد سالم"), "yellow")  # crosses the person
    tag_entity(lib, a, *at(BODY_A, "👨‍👩‍👧"), entity_type="other", name="عائلة")
    tag_entity(lib, a, *at(BODY_A, "🇸🇦"), entity_type="place", name="السعودية")
    add_article_note(lib, a, "للمراجعة قبل النشر")
    tag_entity(lib, b, *at(BODY_B, "افتتح المتحف"), entity_type="event")
    tag_entity(lib, b, *at(BODY_B, "المتحف الوطني"), entity_type="organisation")  # crosses
    tag_entity(lib, b, *at(BODY_B, "جدة"), entity_type="place")


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    path = new_library(tmp_path_factory.mktemp("readers") / "lib.sqlite")
    with open_library(path) as lib:
        annotate(lib)
    return path


@pytest.fixture
def data(library):
    with open_library(library) as lib:
        yield collect(lib, Selection())


def run(capsys, library: Path, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--library", str(library)])
    out, err = capsys.readouterr()
    return code, out, err


# --- brat: a checker after brat's documentation ---------------------------------------------


def parse_conf(text: str) -> dict:
    """annotation.conf's sections: entity types, <OVERLAP> rules, relation types (name →
    (Arg1 types, Arg2 types)), attributes."""
    conf: dict = {"entities": set(), "overlap": {}, "relations": {}, "attributes": {}}
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            section = line[1:-1]
            continue
        if section == "entities":
            conf["entities"].add(line)
        elif section == "relations":
            name, _, args = line.partition("\t") if "\t" in line else line.partition(" ")
            fields = dict(a.strip().split(":", 1) for a in args.split(","))
            if name == "<OVERLAP>":
                kinds = set(fields["<OVL-TYPE>"].split("|"))
                key = (fields["Arg1"], fields["Arg2"])
                conf["overlap"][key] = conf["overlap"].get(key, set()) | kinds
            else:
                conf["relations"][name] = (
                    set(fields["Arg1"].split("|")),
                    set(fields["Arg2"].split("|")),
                )
        elif section == "attributes":
            name, _, args = line.partition("\t")
            fields = dict(a.strip().split(":", 1) for a in args.split(","))
            conf["attributes"][name] = (set(fields["Arg"].split("|")), fields["Value"].split("|"))
    return conf


def allows(conf: dict, arg1: str, arg2: str, kind: str) -> bool:
    """brat's configuration: `<OVERLAP> Arg1:A, Arg2:B, <OVL-TYPE>:contain` lets an A
    annotation be contained in a B annotation; `equal` and `cross` hold both ways;
    `<ANY>` allows any overlap; `<ENTITY>` stands for any entity type."""

    def kinds(a: str, b: str) -> set[str]:
        found: set[str] = set()
        for (x, y), k in conf["overlap"].items():
            if x in (a, "<ENTITY>") and y in (b, "<ENTITY>"):
                found |= k
        return found

    forward, backward = kinds(arg1, arg2), kinds(arg2, arg1)
    if "<ANY>" in forward | backward:
        return True
    if kind == "contain":
        return "contain" in forward
    return kind in forward | backward


def text_bound_errors(fields: list[str], conf: dict, text: str, spans: dict) -> list[str]:
    ident, errors = fields[0], []
    kind, _, offsets = fields[1].partition(" ")
    frags = [tuple(map(int, f.split())) for f in offsets.split(";")]
    if kind not in conf["entities"]:
        errors.append(f"{ident}: {kind} is not a known textbound type")
    if any(not (0 <= s < e <= len(text)) for s, e in frags):
        errors.append(f"{ident}: a span outside the text")
    if " ".join(text[s:e] for s, e in frags) != fields[2]:
        errors.append(f"{ident}: the text is not the .txt's at its offsets")
    spans[ident] = (kind, frags[0][0], frags[-1][1])
    return errors


def relation_errors(ident: str, field: str, conf: dict, spans: dict) -> list[str]:
    """An R line: a relation type the configuration declares, two arguments that are
    text-bound annotations defined before it, of the types the declaration allows
    (`<ENTITY>`: any entity type)."""
    name, *args = field.split(" ")
    roles = dict(a.split(":", 1) for a in args)
    if sorted(roles) != ["Arg1", "Arg2"]:
        return [f"{ident}: a relation needs Arg1 and Arg2, not {sorted(roles)}"]
    if name not in conf["relations"]:
        return [f"{ident}: {name} is not a declared relation"]
    errors = []
    for role, allowed in zip(("Arg1", "Arg2"), conf["relations"][name], strict=True):
        target = roles[role]
        if target not in spans:
            errors.append(f"{ident}: no annotation {target}")
            continue
        kind = spans[target][0]
        entity = kind in conf["entities"] and kind not in ("Highlight", "Note")
        if kind not in allowed and not ("<ENTITY>" in allowed and entity):
            errors.append(f"{ident}: {name}: {role} {target} is {kind}, not {'|'.join(allowed)}")
    return errors


def line_errors(line: str, conf: dict, text: str, spans: dict, ids: set) -> list[str]:
    """A `.ann` line's errors; a T line's (type, first start, last end) goes in `spans`."""
    fields = line.split("\t")
    ident = fields[0]
    errors = [f"{ident} defined twice"] if ident in ids else []
    ids.add(ident)
    if ident.startswith("T"):
        errors += text_bound_errors(fields, conf, text, spans)
    elif ident.startswith("A"):
        attr, target, *value = fields[1].split()
        allowed = conf["attributes"].get(attr)
        if target not in spans or allowed is None or spans[target][0] not in allowed[0]:
            errors.append(f"{ident}: {attr} not allowed on {target}")
        elif value and value[0] not in allowed[1]:
            errors.append(f"{ident}: {value[0]} is not a value of {attr}")
    elif ident.startswith("N"):
        _, target, ref = fields[1].split(" ")
        if target not in spans:
            errors.append(f"{ident}: no annotation {target}")
        if not re.fullmatch(r"\w+:\w+", ref):
            errors.append(f"{ident}: reference {ref} is not DB:ID (\\w+:\\w+)")
    elif ident.startswith("R"):
        errors += relation_errors(ident, fields[1], conf, spans)
    elif ident.startswith("#"):
        note, target = fields[1].split(" ")
        if note != "AnnotatorNotes" or target not in ids:
            errors.append(f"{ident}: a note on nothing")
    else:
        errors.append(f"not a standoff line: {line!r}")
    return errors


def overlap_errors(conf: dict, spans: dict) -> list[str]:
    """brat's verifier: every overlap of two text-bound annotations needs a rule."""
    errors = []
    items = list(spans.items())
    for i, (id1, (k1, s1, e1)) in enumerate(items):
        for id2, (k2, s2, e2) in items[i + 1 :]:
            if not (s2 < e1 and s1 < e2):
                continue
            if (s1, e1) == (s2, e2):
                ok, what = allows(conf, k1, k2, "equal"), f"{k1} identical span with {k2}"
            elif s2 <= s1 and e1 <= e2:
                ok, what = allows(conf, k1, k2, "contain"), f"{k2} cannot contain {k1}"
            elif s1 <= s2 and e2 <= e1:
                ok, what = allows(conf, k2, k1, "contain"), f"{k1} cannot contain {k2}"
            else:
                ok, what = allows(conf, k1, k2, "cross"), f"crossing span {k1}/{k2}"
            if not ok:
                errors.append(f"{id1}/{id2}: {what}")
    return errors


def brat_check(files: dict[str, bytes]) -> list[str]:
    """The errors brat (and a strict standoff reader) would report on an export."""
    conf = parse_conf(files["annotation.conf"].decode("utf-8"))
    errors: list[str] = []
    for name in sorted(n for n in files if n.endswith(".ann")):
        text = files[name[:-4] + ".txt"].decode("utf-8")
        spans: dict[str, tuple[str, int, int]] = {}
        ids: set[str] = set()
        for line in files[name].decode("utf-8").splitlines():
            errors += [f"{name}: {e}" for e in line_errors(line, conf, text, spans, ids)]
        errors += [f"{name}: {e}" for e in overlap_errors(conf, spans)]
    return errors


OLD_CONF_RELATIONS = re.compile(r"(\[relations\]\n).*?(\n\[events\])", re.S)


def test_brat_export_passes_the_checker_and_declares_exactly_its_overlaps(data):
    files = render(data, "brat", folder=True)
    assert brat_check(files) == []
    conf = parse_conf(files["annotation.conf"].decode("utf-8"))
    assert conf["overlap"] == {
        ("Place", "Organisation"): {"contain"},  # القاهرة in جامعة القاهرة
        ("Place", "Highlight"): {"contain"},  # الرياض in the highlight
        ("Note", "Person"): {"equal"},  # the note on سالم العتيبي
        ("Highlight", "Person"): {"cross"},  # رئيس الوفد سالم | سالم العتيبي
        ("Highlight", "Note"): {"cross"},  # and the note on it
        ("Event", "Organisation"): {"cross"},  # افتتح المتحف | المتحف الوطني
    }


def test_the_checker_finds_what_brat_flagged_in_the_earlier_export(data):
    files = render(data, "brat", folder=True)
    # The earlier annotation.conf: an empty [relations] section, no <OVERLAP> rule.
    old = dict(files)
    conf = files["annotation.conf"].decode("utf-8")
    old["annotation.conf"] = OLD_CONF_RELATIONS.sub(r"\1\2", conf).encode("utf-8")
    errors = brat_check(old)
    assert len(errors) == 6
    assert any("Organisation cannot contain Place" in e for e in errors)
    assert any("Highlight cannot contain Place" in e for e in errors)
    assert any("identical span" in e for e in errors)
    assert sum("crossing span" in e for e in errors) == 3
    # The earlier reference form, hashiya:<uuid with dashes>, is not DB:ID for bratly.
    ann = next(n for n in files if n.endswith(".ann") and "Reference" in files[n].decode())
    dashed = re.sub(
        r"hashiya:(\w{8})(\w{4})(\w{4})(\w{4})(\w{12})",
        r"hashiya:\1-\2-\3-\4-\5",
        files[ann].decode("utf-8"),
    )
    assert any("is not DB:ID" in e for e in brat_check({**files, ann: dashed.encode()}))


def test_brat_references_keep_the_entity_uuid(data, library):
    files = render(data, "brat", folder=True)
    refs = set(re.findall(r"hashiya:(\w+)", b"".join(files.values()).decode("utf-8")))
    with sqlite3.connect(library) as conn:
        ids = {r[0] for r in conn.execute("SELECT id FROM entities")}
    assert refs and {r.replace("-", "") for r in ids} >= refs
    assert all(re.fullmatch(r"[0-9a-f]{32}", r) for r in refs)


def test_brat_leaves_out_the_article_note_and_says_so(capsys, library, tmp_path):
    code, out, err = run(
        capsys, library, "export", "--format", "brat", "--output", str(tmp_path / "b"), "--json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["annotations"] == 13 and report["articles"] == 2  # 14 selected
    (item,) = report["left_out"]
    assert item["kind"] == "note" and item["reason"] == "article-note"
    assert "للمراجعة" not in "".join(p.read_text("utf-8") for p in (tmp_path / "b").iterdir())
    code, out, _ = run(
        capsys, library, "export", "--format", "brat", "--output", str(tmp_path / "c.zip")
    )
    assert code == 0
    assert "exported 13 annotation(s) from 2 article(s)" in out
    assert "left out 1 annotation(s):" in out and "brat has no notes on a whole" in out


@pytest.mark.parametrize("form", ["hex", "dashed"])
def test_brat_import_reads_both_reference_forms(capsys, library, tmp_path, form):
    folder = tmp_path / "brat"
    with open_library(library) as lib:
        export(lib, "brat", folder)
        ids = {r[0] for r in lib.conn.execute("SELECT id FROM entities")}
    if form == "dashed":  # an export by an earlier Hashiya
        for ann in folder.glob("*.ann"):
            ann.write_text(
                re.sub(
                    r"hashiya:(\w{8})(\w{4})(\w{4})(\w{4})(\w{12})",
                    r"hashiya:\1-\2-\3-\4-\5",
                    ann.read_text("utf-8"),
                ),
                encoding="utf-8",
            )
    target = new_library(tmp_path / "fresh.sqlite")
    code, out, err = run(capsys, target, "import-annotations", str(folder), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["added"] == 13 and report["failed"] == [] and report["reanchored"] == 0
    with sqlite3.connect(target) as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM entities")} == ids


# --- CoNLL: spaCy, seqeval, and our importer ---------------------------------------------


def tag_columns(text: str) -> list[list[tuple[str, str]]]:
    """(token, tag) of each document of a CoNLL-2003 file, split at -DOCSTART-."""
    docs: list[list[tuple[str, str]]] = []
    for line in text.split("\n"):
        if line.startswith("-DOCSTART-"):
            docs.append([])
        elif line:
            columns = line.split(" ")
            assert len(columns) == 4 and columns[1:3] == ["-X-", "-X-"], line
            docs[-1].append((columns[0], columns[3]))
    return docs


def test_spacy_reads_one_doc_per_article_with_exactly_the_mentions(data):
    converters = pytest.importorskip("spacy.training.converters")
    text = render(data, "conll").decode("utf-8")
    assert text.startswith("-DOCSTART- -X- O O\n\n") and not re.search(r"^# \w+ =", text, re.M)
    assert text.count("-DOCSTART- -X- O O\n\n") == 2
    docs = list(converters.conll_ner_to_docs(text, no_print=True))
    assert len(docs) == 2  # one per article with mentions: not merged into one
    got = [[(e.label_, e.text) for e in doc.ents] for doc in docs]
    assert got == [KEPT_A, KEPT_B]
    words = [t.text for t in docs[0]]
    # One token each: an emoji with its skin tone, a ZWJ family, a flag; `#` a plain token.
    assert "👍🏽" in words and "👨‍👩‍👧" in words and "🇸🇦" in words and "#" in words
    assert "🏽" not in words and "🇸" not in words
    assert not any(w.startswith(("doc_id", "urn:")) for doc in docs for w in map(str, doc))
    assert sum(1 for t in docs[0] if t.is_sent_start) == 2  # "." and the line break


def test_seqeval_finds_the_same_mentions(data):
    seqeval = pytest.importorskip("seqeval.metrics.sequence_labeling")
    docs = tag_columns(render(data, "conll").decode("utf-8"))
    got = []
    for doc in docs:
        tokens = [t for t, _ in doc]
        entities = seqeval.get_entities([tag for _, tag in doc])
        got.append([(label, " ".join(tokens[s : e + 1])) for label, s, e in entities])
    assert got == [KEPT_A, KEPT_B]


def test_conll_leaves_out_nested_mentions_highlights_and_notes(capsys, library, tmp_path):
    target = tmp_path / "n.conll"
    code, out, err = run(
        capsys, library, "export", "--format", "conll", "--output", str(target), "--json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["articles"] == 2 and report["annotations"] == 8
    reasons = sorted(i["reason"] for i in report["left_out"])
    assert reasons == ["nested"] * 2 + ["not-a-mention"] * 4
    code, out, _ = run(
        capsys, library, "export", "--format", "conll", "--output", str(tmp_path / "m.conll")
    )
    assert "left out 6 annotation(s):" in out and "CoNLL is flat" in out


@pytest.mark.parametrize("dialect", ["conll2003", "commented"])
def test_conll_round_trip_in_both_dialects(capsys, library, tmp_path, dialect):
    path = tmp_path / "out.conll"
    code, _, err = run(
        capsys, library, "export", "--format", "conll", "--output", str(path),
        "--conll-dialect", dialect,
    )  # fmt: skip
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    if dialect == "commented":
        assert text.startswith("# doc_id = urn:hashiya:article:") and "-DOCSTART-" not in text
    else:
        assert text.startswith("-DOCSTART- -X- O O\n\n") and "\n# -X- -X- O\n" in text
    target = new_library(tmp_path / "fresh.sqlite")
    code, out, err = run(capsys, target, "import-annotations", str(path), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["added"] == 6 and report["unmatched"] == [] and report["reanchored"] == 0
    # CoNLL carries no entity names: a mention without letters cannot make its entity in
    # a library that lacks it; it is reported, the rest imported.
    failed = sorted((f["quote"], f["error"]) for f in report["failed"])
    assert sorted(q for q, _ in failed) == sorted(["👨‍👩‍👧", "🇸🇦"])
    assert all("entity cannot be made" in e for _, e in failed)
    with sqlite3.connect(target) as conn:
        rows = conn.execute(
            "SELECT ar.title, a.exact, e.type FROM annotations a JOIN articles ar "
            "ON ar.id = a.article_id JOIN entities e ON e.id = a.entity_id "
            "ORDER BY ar.id, a.start"
        ).fetchall()
    tags = {"organisation": "ORG", "place": "LOC", "date": "DATE", "person": "PER",
            "other": "MISC", "event": "EVENT"}  # fmt: skip
    named = [m for m in KEPT_A if m[1] not in ("👨‍👩‍👧", "🇸🇦")]
    assert [(tags[t], q) for title, q, t in rows if title == TITLE_A] == named
    assert [(tags[t], q) for title, q, t in rows if title == TITLE_B] == KEPT_B


def test_a_conll2003_document_of_another_text_is_unmatched(capsys, library, tmp_path):
    path = tmp_path / "other.conll"
    path.write_text("-DOCSTART- -X- O O\n\nنص -X- -X- O\nآخر -X- -X- B-LOC\n\n", encoding="utf-8")
    target = new_library(tmp_path / "fresh.sqlite")
    code, out, err = run(capsys, target, "import-annotations", str(path), "--json")
    assert code == 0, err
    (unmatched,) = json.loads(out)["unmatched"]
    assert (
        unmatched["article"].startswith("document at line 3") and "نص آخر" in unmatched["article"]
    )


def test_an_unknown_dialect_is_refused(capsys, library, tmp_path):
    code, _, err = run(
        capsys, library, "export", "--format", "conll", "--output", str(tmp_path / "x.conll"),
        "--conll-dialect", "conllu",
    )  # fmt: skip
    assert code == 2 and "invalid choice" in err
    with open_library(library) as lib, pytest.raises(ValueError, match="dialect"):
        export(lib, "conll", tmp_path / "y.conll", conll_dialect="conllu")
    assert not (tmp_path / "y.conll").exists()
