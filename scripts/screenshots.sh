#!/usr/bin/env bash
# Regenerates the README screenshots: starts the app on the bundled sample org under Xvfb and
# captures every panel into docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
build_dir=${BUILD_DIR:-build}
out=${1:-docs/screenshots}
mkdir -p "$out"
export HOME=$(mktemp -d)
dbus-run-session -- bash -c '
  echo -n screenshots | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  xvfb-run -a -s "-screen 0 1280x800x24" "$1/app/gui/msi-bridge" --sandbox --screenshots "$0"
' "$out" "$build_dir"
ls "$out"
