#!/usr/bin/env bash
# Smoke-test a built bundle, the way a user would meet it: fail loudly if anything is off.
#
# Usage: packaging/smoke_test.sh [BUNDLE_DIR]      default: dist/hashiya
#
# Runs, each against a throw-away home (the user's settings and library are never touched):
#   1. `hashiya --version` (the frozen interpreter starts, the CLI parses)
#   2. the bundle's self-check (HASHIYA_BUNDLE_CHECK=1): resources, Amiri, .qm files, icons,
#      gazetteer and Qt platform plugins all load from inside the bundle
#   3. every shared library in it resolves (ldd), and no symlink dangles
#   4. import the sample collection, list it and search it, with --json
#   5. the GUI starts offscreen, runs, and quits cleanly on SIGTERM (and under Xvfb with the
#      real X11 platform plugin, when xvfb-run is installed)
#   6. an install into a temporary prefix starts through its bin/ symlink and validates
#      (desktop-file-validate, appstreamcli validate-tree) when those tools are installed
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUNDLE=$(cd "${1:-$ROOT/dist/hashiya}" && pwd)
BIN=$BUNDLE/hashiya
# Any Python reads the JSON the bundle prints; the bundle itself needs none.
PY=$(command -v python3 || echo "$ROOT/.venv/bin/python")
GUI_SECONDS=${GUI_SECONDS:-6}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data \
  XDG_STATE_HOME=$WORK/state XDG_CACHE_HOME=$WORK/cache XDG_RUNTIME_DIR=$WORK/runtime
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset HASHIYA_LIBRARY
LIB=$WORK/library.sqlite

step() { printf '\n== %s\n' "$*"; }
fail() {
  echo "SMOKE TEST FAILED: $*" >&2
  exit 1
}

# Lines Qt prints on stderr that say nothing is wrong (the offscreen platform has no window
# manager to take size hints). Everything else on stderr fails the GUI steps: a missing font
# or translation is only a logged warning in the app, and must not pass here.
BENIGN='propagateSizeHints'

check_gui_run() { # $1 label, $2 exit status, $3 seconds run, $4 stderr file
  [ "$2" = 0 ] || fail "$1: exit status $2; stderr: $(cat "$4")"
  # Still running when the signal came: it did not start and quit on its own.
  [ "$3" -ge $((GUI_SECONDS - 1)) ] || fail "$1: exited after $3 s, before SIGTERM"
  if grep -v -E "$BENIGN" "$4" | grep -q .; then
    fail "$1: unexpected stderr: $(grep -v -E "$BENIGN" "$4")"
  fi
  echo "$1: ran ${3}s, quit on SIGTERM with status 0, stderr clean"
}

# Without --smoke-test, the app runs under `timeout`: SIGTERM after GUI_SECONDS;
# --preserve-status reports the app's own exit status (0 = it closed its window and saved
# its state), not timeout's 124; -k: SIGKILL if it does not quit. It goes innermost (inside
# xvfb-run), so the signal reaches the app itself.
TIMEOUT=(timeout --preserve-status -s TERM -k 5 "$GUI_SECONDS")

gui_run() { # $1 label, $2 interface language, $3 sub-command ("gui" or "" for the default),
  # then the wrapper (env, xvfb-run...) to run the app in
  local label=$1 lang=$2 sub=$3 status=0 started
  shift 3
  if [ "$SMOKE_FLAG" = 1 ]; then
    # The app's own check: open the window, process events for a second, close it, exit 0
    # only if nothing was logged at warning level or above.
    "$@" "$BIN" ${sub:+"$sub"} --smoke-test --lang "$lang" --library "$LIB" >"$WORK/gui.out" \
      2>"$WORK/gui.err" || fail "$label: gui --smoke-test failed: $(cat "$WORK/gui.err")"
    if grep -v -E "$BENIGN" "$WORK/gui.err" | grep -q .; then
      fail "$label: unexpected stderr: $(grep -v -E "$BENIGN" "$WORK/gui.err")"
    fi
    echo "$label: $(cat "$WORK/gui.out")"
    return
  fi
  started=$(date +%s)
  "$@" "${TIMEOUT[@]}" "$BIN" ${sub:+"$sub"} --lang "$lang" --library "$LIB" >"$WORK/gui.out" \
    2>"$WORK/gui.err" || status=$?
  check_gui_run "$label" "$status" "$(($(date +%s) - started))" "$WORK/gui.err"
}

json() { # $1 python expression over `d` (the JSON document on stdin); prints its value
  "$PY" -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

[ -x "$BIN" ] || fail "no executable at $BIN"

step "1. version"
expected=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/library/__init__.py")
version=$("$BIN" --version)
echo "$version"
[ "$version" = "hashiya $expected" ] || fail "--version says '$version', expected 'hashiya $expected'"

step "2. bundle self-check"
HASHIYA_BUNDLE_CHECK=1 "$BIN" >"$WORK/check.json" || {
  cat "$WORK/check.json"
  fail "the bundle's self-check failed"
}
json '"\n".join(f"{k}: ok" for k, v in d["checks"].items() if v["ok"])' <"$WORK/check.json"
json '"fonts: %s, resources in %s" % (d["checks"]["fonts"]["families"], d["checks"]["resources"]["dir"])' \
  <"$WORK/check.json"

step "3. shared libraries"
# Left to the host on purpose (PyInstaller does not bundle them): the graphics stack and
# the Wayland client libraries, which must match the machine's drivers and compositor.
HOST_LIBS='^\s*lib(GL|EGL|GLX|OpenGL|gbm|drm|vulkan|wayland-)'
missing=$(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 \
  | xargs -0 -n 20 env LD_LIBRARY_PATH="$BUNDLE/_internal" ldd 2>/dev/null \
  | grep 'not found' | grep -v -E "$HOST_LIBS" | sort -u || true)
[ -z "$missing" ] || fail "libraries that resolve nowhere:
$missing"
dangling=$(find "$BUNDLE" -xtype l)
[ -z "$dangling" ] || fail "dangling symlinks: $dangling"
echo "all libraries resolve (host graphics/Wayland libraries excepted), no dangling links"

step "4. command line: import, list, search"
QT_QPA_PLATFORM=offscreen "$BIN" import "$ROOT/resources/samples" --library "$LIB" --json \
  >"$WORK/import.json"
json '"imported %s, duplicates %s, failed %s" % (d["imported"], d["duplicates"], d["failed"])' \
  <"$WORK/import.json"
imported=$(json 'd["imported"]' <"$WORK/import.json")
[ "$imported" -gt 0 ] || fail "nothing imported from the samples"
[ "$(json 'len(d["failed"])' <"$WORK/import.json")" = 0 ] || fail "some samples failed to import"
"$BIN" list --library "$LIB" --json >"$WORK/list.json"
listed=$(json 'len(d)' <"$WORK/list.json")
echo "list: $listed articles"
[ "$listed" = "$imported" ] || fail "list shows $listed articles, $imported were imported"
# كتاب is in the samples only as الكتاب / للكتاب: a hit means the Arabic folding and light
# stemming work in the frozen app. (The import above covers the codecs: the samples include
# Windows-1256 and UTF-16 files, and `failed` must be empty.)
"$BIN" search "كتاب" --library "$LIB" --json >"$WORK/search.json"
hits=$(json 'len(d)' <"$WORK/search.json")
echo "search كتاب: $hits result(s)"
[ "$hits" -gt 0 ] || fail "search found nothing"

step "5. GUI start and quit"
# `gui --smoke-test` once the app has it; until then: run, SIGTERM, check how it ended.
SMOKE_FLAG=0
if "$BIN" gui --help 2>/dev/null | grep -q -- '--smoke-test'; then
  SMOKE_FLAG=1
fi
# `hashiya` alone opens the GUI (the default command); `hashiya gui` is the explicit one.
gui_run "offscreen, English interface" en "" env QT_QPA_PLATFORM=offscreen
if command -v xvfb-run >/dev/null; then
  # The real X11 plugin: catches a missing xcb library that offscreen never loads.
  gui_run "X11 (Xvfb), Arabic interface" ar gui \
    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb
else
  echo "xvfb-run not installed: X11 start not checked (apt-get install xvfb xauth)"
fi

step "6. installed layout"
"$HERE/install.sh" "$WORK/prefix" >/dev/null
[ "$("$WORK/prefix/bin/hashiya" --version)" = "$version" ] || fail "installed bin/hashiya broken"
HASHIYA_BUNDLE_CHECK=1 "$WORK/prefix/bin/hashiya" >/dev/null || fail "self-check via bin/ link"
echo "installed copy starts through $WORK/prefix/bin/hashiya and passes its self-check"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$WORK/prefix/share/applications/io.github.hashiya.Hashiya.desktop"
  echo "desktop-file-validate: ok"
fi
if command -v appstreamcli >/dev/null; then
  # validate-tree also checks that the launchable .desktop file and the icon are installed.
  appstreamcli validate-tree --no-net "$WORK/prefix" || fail "appstreamcli validate-tree"
fi

printf '\nSMOKE TEST PASSED: %s (%s)\n' "$BUNDLE" "$(du -sh "$BUNDLE" | cut -f1)"
