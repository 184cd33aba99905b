#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it (no system install needed) and checks its contents:
# the binaries run, the desktop entry and AppStream metadata are present and valid.
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build_dir" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/msi-bridge_*.deb)
dpkg-deb -x "$deb" "$work/root"
version=$("$work/root/usr/bin/msi-bridge-cli" --version)
echo "$version"
[[ "$version" == "msi-bridge-cli "* ]]
test -x "$work/root/usr/bin/msi-bridge"
test -f "$work/root/usr/share/applications/msi-bridge.desktop"
test -f "$work/root/usr/share/icons/hicolor/scalable/apps/msi-bridge.svg"
test -f "$work/root/usr/share/metainfo/io.msibridge.msi_bridge.metainfo.xml"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$work/root/usr/share/applications/msi-bridge.desktop"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic "$work/root/usr/share/metainfo/io.msibridge.msi_bridge.metainfo.xml" || \
    appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.msibridge.msi_bridge.metainfo.xml"
fi
info=$(dpkg-deb -I "$deb")
[[ "$info" == *"Package: msi-bridge"* ]]
echo "package ok: $(basename "$deb")"
