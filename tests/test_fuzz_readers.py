"""Every reader of outside data, given random and truncated bytes: read or refused with a
reason, never a crash; and the library stays sound after importing the wreckage."""

import codecs
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from library.ingest.formats import read_bytes
from library.ingest.formats.draft import ReadError
from library.ingest.importer import import_paths
from library.storage.maintenance import check
from library.storage.store import open_library

SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".csv", ".tsv", ""]

GOOD = {
    ".txt": "عنوان الخبر\n\nنص الخبر الأول. ونص ثان.\n".encode(),
    ".html": "<html><body><article><h1>عنوان</h1><p>نص الخبر.</p></article></body></html>".encode(),
    ".json": json.dumps([{"title": "عنوان", "body": "نص الخبر."}], ensure_ascii=False).encode(),
    ".jsonl": '{"title": "عنوان", "text": "نص الخبر."}\n'.encode(),
    ".csv": "title,body\nعنوان,نص الخبر.\n".encode(),
    ".tsv": "title\tbody\nعنوان\tنص الخبر.\n".encode(),
    "": "عنوان\n\nنص.".encode(),
}
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "cp1256", "iso8859_6"]


def _archive(gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for n in range(2):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(GOOD[".html"].replace("نص الخبر".encode(), f"خبر {n}".encode()))
        writer.write_record(
            writer.create_warc_record(
                f"https://x.example/{n}", "response", payload=payload, http_headers=http
            )
        )
    return out.getvalue()


# Web archives: read record by record; damage is reported and read past.
ARCHIVES = {".warc": _archive(False), ".warc.gz": _archive(True)}


def _read(suffix: str, data: bytes) -> None:
    try:
        drafts = read_bytes(Path("f" + suffix), data)
    except ReadError as exc:
        assert str(exc)  # a reason the report can show
        return
    for d in drafts:
        assert isinstance(d.title, str) and isinstance(d.body, str)


@settings(max_examples=300, deadline=None)
@given(suffix=st.sampled_from(SUFFIXES + list(ARCHIVES)), data=st.binary(max_size=600))
def test_random_bytes_never_crash_a_reader(suffix, data):
    _read(suffix, data)


@settings(max_examples=200, deadline=None)
@given(
    suffix=st.sampled_from(list(ARCHIVES)),
    cut=st.integers(min_value=0, max_value=5000),
    flips=st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 255)), max_size=8),
)
def test_truncated_and_damaged_archives_never_crash(suffix, cut, flips):
    data = bytearray(ARCHIVES[suffix])
    for at, bits in flips:
        data[at % len(data)] ^= bits
    _read(suffix, bytes(data[: cut % (len(data) + 1)]))


@settings(max_examples=300, deadline=None)
@given(
    suffix=st.sampled_from(SUFFIXES),
    cut=st.integers(min_value=0, max_value=400),
    enc=st.sampled_from(ENCODINGS),
)
def test_truncated_files_in_every_encoding_never_crash(suffix, cut, enc):
    text = GOOD[suffix].decode("utf-8")
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        return
    if enc.startswith("utf-16"):
        data = (codecs.BOM_UTF16_LE if enc.endswith("le") else codecs.BOM_UTF16_BE) + data
    _read(suffix, data[: cut % (len(data) + 1)])


@settings(max_examples=150, deadline=None)
@given(suffix=st.sampled_from(SUFFIXES), noise=st.text(max_size=300))
def test_random_text_never_crashes_a_reader(suffix, noise):
    _read(suffix, noise.encode("utf-8", "surrogatepass"))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.lists(
        st.tuples(st.sampled_from(SUFFIXES + list(ARCHIVES)), st.binary(max_size=300)),
        min_size=1,
        max_size=6,
    )
)
def test_importing_wreckage_keeps_the_library_sound(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("wreck")
    for i, (suffix, data) in enumerate(files):
        (folder / f"{i}{suffix}").write_bytes(data)
    (folder / "good.txt").write_bytes(GOOD[".txt"])
    lib = open_library(folder / "lib.sqlite.db")
    report = import_paths(lib, [folder], workers=0)
    assert report.imported + report.duplicates >= 1
    assert report.imported + report.duplicates + len(report.failed) >= 1
    assert check(lib).ok
    lib.close()


def test_a_20_mb_single_line_text_file(tmp_path):
    line = ("كلمة عربية طويلة في سطر واحد بلا نهاية " * 400_000)[:11_700_000]
    path = tmp_path / "huge.txt"
    path.write_text("عنوان\n\n" + line, encoding="utf-8")
    assert path.stat().st_size > 19 * 1024 * 1024
    lib = open_library(tmp_path / "lib.sqlite")
    report = import_paths(lib, [path], workers=0)
    assert report.imported == 1 and report.failed == []
    assert check(lib).ok
    lib.close()


def test_json_nested_ten_thousand_levels(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 10_000 + "]" * 10_000)
    obj = tmp_path / "deepobj.json"
    obj.write_text('{"a":' * 10_000 + "1" + "}" * 10_000)
    lib = open_library(tmp_path / "lib.sqlite")
    report = import_paths(lib, [path, obj], workers=0)
    assert report.imported == 0
    assert len(report.failed) == 2 and all(f.error for f in report.failed)
    lib.close()


def test_html_full_of_script(tmp_path):
    page = "<html><body>" + "<script>alert('x')</script>" * 50_000
    page += "<p>الخبر الحقيقي الوحيد هنا.</p>" + "<script>" * 1000 + "</body></html>"
    path = tmp_path / "s.html"
    path.write_text(page)
    lib = open_library(tmp_path / "lib.sqlite")
    report = import_paths(lib, [path], workers=0)
    assert report.imported == 1
    body = lib.conn.execute("SELECT body FROM articles").fetchone()[0]
    assert body == "الخبر الحقيقي الوحيد هنا."
    lib.close()


# --- annotation importers ---------------------------------------------------------------

ANNOTATION_SUFFIXES = [".jsonld", ".json", ".ann", ".conll", ".zip"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A small library with annotations and its exports: the well-formed starting points."""
    from library.exchange import Selection, export
    from library.marks.annotations import add_highlight, add_note
    from library.marks.entities import tag_entity

    folder = tmp_path_factory.mktemp("exported")
    lib = open_library(folder / "lib.sqlite")
    (folder / "a.txt").write_text(
        "عنوان الخبر\n\nقال وزير الخارجية إن منظمة التعاون الإسلامي ستجتمع في جدة.",
        encoding="utf-8",
    )
    import_paths(lib, [folder / "a.txt"], workers=0)
    add_highlight(lib, 1, 4, 9)
    add_note(lib, 1, 10, 18, "note")
    tag_entity(lib, 1, 20, 42, entity_type="organisation")
    files = {}
    for fmt, name in (("json", "x.jsonld"), ("brat", "x.zip"), ("conll", "x.conll")):
        export(lib, fmt, folder / name, Selection())
        files[fmt] = (folder / name).read_bytes()
    lib.close()
    return folder, files


def _import_wreck(folder, suffix: str, data: bytes) -> None:
    from library.exchange.import_annotations import import_annotations
    from library.exchange.incoming import ReadError as AnnotationReadError

    target = folder / f"wreck{suffix}"
    target.write_bytes(data)
    lib = open_library(folder / "lib.sqlite")
    before = lib.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    try:
        report = import_annotations(lib, target)
    except AnnotationReadError as exc:
        assert str(exc)
    else:
        for failure in report.failed:
            assert failure["error"]
    after = lib.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    assert after >= before  # nothing that was there is lost
    assert check(lib).ok
    lib.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(suffix=st.sampled_from(ANNOTATION_SUFFIXES), data=st.binary(max_size=400))
def test_random_bytes_as_annotation_files(exported, suffix, data):
    folder, _ = exported
    _import_wreck(folder, suffix, data)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fmt=st.sampled_from(["json", "brat", "conll"]), cut=st.integers(min_value=0))
def test_truncated_annotation_exports(exported, fmt, cut):
    folder, files = exported
    data = files[fmt]
    suffix = {"json": ".jsonld", "brat": ".zip", "conll": ".conll"}[fmt]
    _import_wreck(folder, suffix, data[: cut % (len(data) + 1)])


# --- hostile annotation input: broken zips, odd JSON values, deep nesting ----------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
ITEM_KEYS = ["body", "target", "motivation", "creator", "id", "created", "bodyValue", "type"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    item=st.integers(min_value=0, max_value=2),
    key=st.sampled_from([*ITEM_KEYS, "purpose", "selector", "source"]),
    value=JSON_VALUES,
)
def test_odd_values_in_a_json_ld_item(exported, item, key, value):
    """Any JSON value where the W3C model wants another: that item is reported, the rest read."""
    folder, files = exported
    doc = json.loads(files["json"])
    node = doc["first"]["items"][item]
    if key == "purpose":
        bodies = node.get("body")
        (bodies[0] if isinstance(bodies, list) else bodies)["purpose"] = value
    elif key in ("selector", "source"):
        node["target"][key] = value
    else:
        node[key] = value
    _import_wreck(folder, ".jsonld", json.dumps(doc, ensure_ascii=False).encode("utf-8"))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    stored=st.booleans(),
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(1, 255)), min_size=1, max_size=4
    ),
)
def test_flipped_bytes_in_a_brat_zip(exported, stored, flips):
    """Damaged members (bad CRC, broken deflate streams, odd flags and methods, wrong sizes)."""
    import io
    import zipfile

    folder, files = exported
    data = files["brat"]
    if stored:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {n: archive.read(n) for n in archive.namelist()}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for name, content in members.items():
                archive.writestr(name, content)
        data = buffer.getvalue()
    wreck = bytearray(data)
    for position, bits in flips:
        wreck[position % len(wreck)] ^= bits
    _import_wreck(folder, ".zip", bytes(wreck))


@pytest.mark.parametrize(
    "case",
    ["bad_crc", "encrypted", "unknown_method", "deep_json", "purpose_object", "lone_surrogate"],
)
def test_the_hostile_cases_leave_the_library_sound(case, tmp_path):
    """The inputs of test_import_annotations_hostile, through the wreck check."""
    import test_import_annotations_hostile as hostile
    from test_export_library import build_library

    from library.exchange import export

    folder = tmp_path / "made"
    folder.mkdir()
    path = build_library(folder)
    with open_library(path) as lib:
        made = {
            "json": export(lib, "json", folder / "a.jsonld").output,
            "zip": export(lib, "brat", folder / "a.zip").output,
        }
    suffix = ".jsonld" if case in ("deep_json", "purpose_object", "lone_surrogate") else ".zip"
    data = getattr(hostile, case)(made, tmp_path / f"wreck{suffix}").read_bytes()
    _import_wreck(folder, suffix, data)
