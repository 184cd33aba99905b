#!/usr/bin/env bash
# One command: install what is missing, build, and start the GUI on the bundled sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
app=build/app/gui/msi-bridge
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting under Xvfb (set DISPLAY to use your desktop)." >&2
  exec xvfb-run -a -s "-screen 0 1400x900x24" "$app" --sandbox "$@"
fi
exec "$app" --sandbox "$@"
