"""What users install: the wheel, the desktop entry, the AppStream metainfo, the icons.

The wheel is built for real (`python -m build --wheel`, about 2 s plus the isolated build
environment) from a clean copy of the sources, so it runs in the normal suite. The
PyInstaller bundle takes ~40 s and installs PyInstaller, so it runs in CI (which sets
CI=true) or when asked with HASHIYA_TEST_BUNDLE=1, not on every developer's run.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
APP_ID = "io.github.hashiya.Hashiya"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
# Where the metainfo's screenshots live on the web: the files of resources/screenshots/ on
# the main branch (documented in the metainfo file and in the README's Packaging section).
SCREENSHOT_URL = re.compile(
    r"https://raw\.githubusercontent\.com/hashiya/hashiya/main/resources/screenshots/([\w.-]+\.png)"
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _version(root: Path = ROOT) -> str:
    text = (root / "library" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert match, "library/__init__.py has no __version__"
    return match.group(1)


def _files(root: Path, folder: str, pattern: str = "*") -> list[str]:
    """Files under root/folder (recursive), as wheel paths (relative to `root`)."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in (root / folder).rglob(pattern)
        if p.is_file() and "__pycache__" not in p.parts
    )


@dataclass
class Wheel:
    zip: zipfile.ZipFile
    # The snapshot of the sources it was built from: others edit the tree meanwhile, so the
    # wheel is compared with what it was built from, not with the tree of a moment later.
    src: Path


# --- the wheel ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wheel]:
    if importlib.util.find_spec("build") is None:
        # `build` belongs in the test extra; until then, fetch it like any test tool.
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "build"], check=True)
    # Build from a copy holding only what a checkout holds: no stale build/lib, no
    # egg-info, nothing written into the working tree while others use it.
    src = tmp_path_factory.mktemp("src")
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "dist", "*.egg-info")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("library", "reader", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=junk)
    for name in ("LICENSE", "COPYING", "COPYING.LESSER", "MANIFEST.in", "setup.cfg"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (built,) = out.glob("hashiya-*.whl")
    with zipfile.ZipFile(built) as zf:
        yield Wheel(zf, src)


@pytest.mark.timeout(300)
def test_wheel_holds_the_resources(wheel: Wheel) -> None:
    names = set(wheel.zip.namelist())
    wanted = {
        "samples": _files(wheel.src, "resources/samples"),
        "translations (.qm)": _files(wheel.src, "resources/i18n", "*.qm"),
        "icons": _files(wheel.src, "resources/icons", "*.svg"),
        "gazetteer": _files(wheel.src, "resources/gazetteer"),
        "style sheets": _files(wheel.src, "resources/styles"),
    }
    assert wanted["samples"], "resources/samples is empty"
    assert wanted["translations (.qm)"], "no .qm: run python -m reader.build_translations"
    assert "resources/icons/hashiya.svg" in wanted["icons"]
    for kind, files in wanted.items():
        missing = [f for f in files if f not in names]
        assert not missing, f"{kind} missing from the wheel: {missing}"
    # The built translations in the wheel are the ones in the tree, byte for byte.
    for qm in wanted["translations (.qm)"]:
        assert wheel.zip.read(qm) == (wheel.src / qm).read_bytes(), f"{qm} differs in the wheel"


@pytest.mark.timeout(300)
def test_wheel_holds_both_packages_and_nothing_stale(wheel: Wheel) -> None:
    names = set(wheel.zip.namelist())
    for package in ("library", "reader"):
        modules = _files(wheel.src, package, "*.py")
        assert f"{package}/__init__.py" in modules
        missing = [m for m in modules if m not in names]
        assert not missing, f"modules missing from the wheel: {missing}"
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith(("tests/", "packaging/", "bench/"))]


@pytest.mark.timeout(300)
def test_wheel_declares_the_entry_point_and_dependencies(wheel: Wheel) -> None:
    version = _version(wheel.src)
    dist_info = f"hashiya-{version}.dist-info"
    entry_points = configparser.ConfigParser()
    entry_points.read_string(wheel.zip.read(f"{dist_info}/entry_points.txt").decode())
    assert entry_points["console_scripts"]["hashiya"].strip() == "reader.launch:main"
    metadata = wheel.zip.read(f"{dist_info}/METADATA").decode()
    requires = [
        line.split(":", 1)[1].strip()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    ]
    names = {
        re.split(r"[\s<>=!;\[(~]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requires
    }
    # The app's own Arabic face and the small Qt wheel, not the 700 MB meta-package.
    assert {"pyside6-essentials", "fontpkg-amiri"} <= names
    assert "pyside6" not in names


@pytest.mark.timeout(300)
def test_installed_wheel_finds_its_resources(wheel: Wheel, tmp_path: Path) -> None:
    # Unpacked as pip would lay it out in site-packages; resources_dir() must find
    # resources/ there (not in this checkout) and the CLI must run from it.
    site = tmp_path / "site-packages"
    wheel.zip.extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import library, library.paths as p, library.marks.gazetteer as g;"
        "assert library.__file__.startswith(sys.argv[1]), library.__file__;"
        "r = p.resources_dir(); assert str(r).startswith(sys.argv[1]), r;"
        "assert any((r / 'i18n').glob('*.qm')) and p.sample_collection().is_dir();"
        "assert g.path().is_file() == (r / 'gazetteer').is_dir();"
        "from reader.launch import main; sys.exit(main(['--version']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(site)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"hashiya {_version(wheel.src)}"


# --- desktop entry and AppStream metainfo ---------------------------------------------------


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive: Name, Name[ar]
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


@pytest.mark.skipif(
    not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed"
)
def test_desktop_file_validates() -> None:
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream not installed")
def test_metainfo_validates() -> None:
    proc = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_desktop_entry_matches_the_app() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Hashiya"
    assert entry["Name[ar]"] == "حاشية"
    assert entry["Comment"] and entry["Comment[ar]"]
    assert entry["Icon"] == APP_ID == DESKTOP.stem
    scripts = _pyproject()["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts


def _texts(root: ET.Element, tag: str) -> dict[str, str]:
    """The element's text per language ('' = the untranslated English)."""
    return {e.get(XML_LANG, ""): (e.text or "").strip() for e in root.findall(tag)}


def test_metainfo_is_complete_in_english_and_arabic() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    license_ = _pyproject()["project"]["license"]
    assert root.findtext("project_license") == (
        license_.get("text") if isinstance(license_, dict) else license_
    )
    for tag in ("name", "summary"):
        texts = _texts(root, tag)
        assert texts.get("") and texts.get("ar"), f"<{tag}> needs English and Arabic"
    assert _texts(root, "name") == {"": "Hashiya", "ar": "حاشية"}
    paragraphs = root.findall("description/p") + root.findall("description/ul/li")
    languages = [p.get(XML_LANG, "") for p in paragraphs]
    assert languages.count("") >= 2 and languages.count("ar") == languages.count("")
    assert root.find("developer").get("id") and root.findtext("developer/name")
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("launchable").get("type") == "desktop-id"
    assert root.findtext("provides/binary") in _pyproject()["project"]["scripts"]
    assert root.find("content_rating").get("type").startswith("oars-")


def test_metainfo_screenshots_exist_in_the_repository() -> None:
    root = ET.parse(METAINFO).getroot()
    shots = root.findall("screenshots/screenshot")
    assert shots and [s.get("type") for s in shots].count("default") == 1
    for shot in shots:
        url = shot.findtext("image").strip()
        match = SCREENSHOT_URL.fullmatch(url)
        assert match, f"{url} does not follow the documented URL pattern"
        assert (RESOURCES / "screenshots" / match.group(1)).is_file(), f"{url}: no such file"
        assert _texts(shot, "caption").keys() == {"", "ar"}


def test_metainfo_has_a_release_for_this_version() -> None:
    root = ET.parse(METAINFO).getroot()
    releases = root.findall("releases/release")
    assert releases, "no <release>"
    newest = releases[0]
    assert newest.get("version") == _version(), "add a <release> for the new version"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date") or "")


# --- icons ----------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_icons_exist_at_every_size() -> None:
    hicolor = PACKAGING / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.is_file(), f"missing {png}: run packaging/render_icons.py"
        assert _png_size(png) == (size, size)
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (RESOURCES / "icons" / "hashiya.svg").read_bytes(), (
        "the scalable icon differs from resources/icons/hashiya.svg: run packaging/render_icons.py"
    )


# --- the bundle -----------------------------------------------------------------------------


def test_bundle_self_check_passes_from_the_source_tree() -> None:
    # The same checks the frozen app runs on itself (HASHIYA_BUNDLE_CHECK=1), here against
    # the checkout, so they keep up with changes to the app between bundle builds.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(PACKAGING / "bundle_check.py")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(
    os.environ.get("HASHIYA_TEST_BUNDLE") != "1" and os.environ.get("CI") != "true",
    reason="builds the PyInstaller bundle (~40 s, installs PyInstaller): runs in CI, or set "
    "HASHIYA_TEST_BUNDLE=1, or run packaging/build.sh",
)
@pytest.mark.timeout(900)
def test_pyinstaller_bundle_builds_and_passes_its_smoke_test() -> None:
    proc = subprocess.run(
        ["bash", str(PACKAGING / "build.sh")], capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-5000:]
    assert "SMOKE TEST PASSED" in proc.stdout
