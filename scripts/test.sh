#!/usr/bin/env bash
# One command: install what is missing, build, and run every test.
# Tests run in a D-Bus session with an unlocked gnome-keyring (a real keychain), a fresh HOME
# and the offscreen Qt platform for GUI tests, so no desktop is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
build_dir=${BUILD_DIR:-build}
export HOME=$(mktemp -d)
export XDG_RUNTIME_DIR=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
export MSI_BUILD_DIR="$PWD/$build_dir"
dbus-run-session -- bash -c '
  echo -n "msi-bridge-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  ctest --test-dir "$MSI_BUILD_DIR" --output-on-failure --parallel "$(nproc)" --label-exclude bench "$@"
' ctest "$@"
