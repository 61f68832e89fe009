#!/usr/bin/env bash
# Build Hashiya as a one-folder Linux application (dist/hashiya/) and smoke-test it.
#
# Usage: packaging/build.sh            from anywhere; uses the project's .venv
#        SKIP_SMOKE_TEST=1 packaging/build.sh   build only (not recommended)
#
# Takes about half a minute on 2 cores (PyInstaller ~15 s, smoke test ~15 s). The result
# runs on Linux distributions with the build machine's glibc or newer: build on the oldest
# distribution you want to support (Debian 12 here).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python

if [ ! -x "$PY" ]; then
  echo "build.sh: no .venv; first: python3 -m venv .venv && .venv/bin/pip install -e ." >&2
  exit 1
fi
# PyInstaller resolves shared libraries with objdump and ldd (binutils, libc-bin).
for tool in objdump ldd; do
  command -v "$tool" >/dev/null || {
    echo "build.sh: $tool is missing (apt-get install binutils)" >&2
    exit 1
  }
done
# PyInstaller is a build tool, not a dependency of the app, so it is not in pyproject.toml;
# install it into the venv only when it is missing.
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
  echo "build.sh: installing PyInstaller into .venv"
  "$PY" -m pip install --quiet "pyinstaller>=6.10,<7"
fi
# The PNG icons are made from the SVG; a stale set is worth a warning, not a failed build
# (another Qt version may antialias a pixel differently).
"$PY" packaging/render_icons.py --check ||
  echo "build.sh: warning: icons differ from resources/icons/hashiya.svg; run packaging/render_icons.py"

echo "build.sh: PyInstaller $("$PY" -m PyInstaller --version), $("$PY" --version)"
started=$(date +%s)
# --clean: never reuse a cache from another checkout or dependency set.
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/hashiya.spec
built=$(date +%s)
echo "build.sh: built dist/hashiya in $((built - started)) s," \
  "$(du -sh dist/hashiya | cut -f1) ($(find dist/hashiya -type f | wc -l) files)," \
  "$(tar -C dist -czf - hashiya | wc -c | awk '{printf "%.0f MB", $1 / 1048576}') as .tar.gz"

if [ "${SKIP_SMOKE_TEST:-0}" = 1 ]; then
  echo "build.sh: smoke test skipped (SKIP_SMOKE_TEST=1)"
  exit 0
fi
packaging/smoke_test.sh dist/hashiya
echo "build.sh: done in $(($(date +%s) - started)) s"
