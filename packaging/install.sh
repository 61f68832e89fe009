#!/usr/bin/env bash
# Install the built bundle (dist/hashiya) with its desktop integration under a prefix:
#
#   PREFIX/lib/hashiya/                 the one-folder application, copied as built
#   PREFIX/bin/hashiya                  a symlink to it, so `hashiya` is on PATH
#   PREFIX/share/applications/          io.github.hashiya.Hashiya.desktop
#   PREFIX/share/metainfo/              io.github.hashiya.Hashiya.metainfo.xml
#   PREFIX/share/icons/hicolor/*/apps/  io.github.hashiya.Hashiya.{png,svg}
#
# Usage: packaging/install.sh [PREFIX]     default PREFIX: ~/.local (no root needed)
#        DESTDIR=/tmp/stage packaging/install.sh /usr   (staged, for distribution packages)
# Uninstall: packaging/install.sh --uninstall [PREFIX]
set -euo pipefail

APP_ID=io.github.hashiya.Hashiya
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")

uninstall=0
if [ "${1:-}" = "--uninstall" ]; then
  uninstall=1
  shift
fi
PREFIX=${1:-$HOME/.local}
DEST=${DESTDIR:-}$PREFIX

remove() {
  rm -rf "$DEST/lib/hashiya"
  rm -f "$DEST/bin/hashiya" "$DEST/share/applications/$APP_ID.desktop" \
    "$DEST/share/metainfo/$APP_ID.metainfo.xml"
  find "$DEST/share/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
}

refresh_caches() {
  # Menus and icon themes cache what is installed; refresh them when installing for real
  # (not into a DESTDIR stage) and when the tools exist. Failing here is not fatal.
  [ -n "${DESTDIR:-}" ] && return 0
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$DEST/share/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$DEST/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DEST/share/icons/hicolor" || true
  fi
}

if [ "$uninstall" = 1 ]; then
  remove
  refresh_caches
  echo "removed Hashiya from $DEST"
  exit 0
fi

BUNDLE=$ROOT/dist/hashiya
if [ ! -x "$BUNDLE/hashiya" ]; then
  echo "install.sh: no bundle at $BUNDLE; run packaging/build.sh first" >&2
  exit 1
fi

# Replace, never merge: files left over from an older bundle could shadow new ones.
remove
mkdir -p "$DEST/lib" "$DEST/bin" "$DEST/share/applications" "$DEST/share/metainfo"
cp -a "$BUNDLE" "$DEST/lib/hashiya"
# Relative link, so a DESTDIR stage stays correct once moved to PREFIX. The bundle finds its
# own files through /proc/self/exe, so starting it through the link works.
ln -s ../lib/hashiya/hashiya "$DEST/bin/hashiya"
install -m 644 "$HERE/$APP_ID.desktop" "$DEST/share/applications/"
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$DEST/share/metainfo/"
(cd "$HERE/icons" && find hicolor -name "$APP_ID.*" -exec install -D -m 644 {} "$DEST/share/icons/{}" \;)
refresh_caches

echo "installed Hashiya in $DEST (run: $PREFIX/bin/hashiya)"
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "note: $PREFIX/bin is not on PATH; the menu entry needs it (Exec=hashiya)" ;;
esac
