#!/usr/bin/env bash
# Install the unpacked bundle for the current user: ~/.local/opt, a launcher and the menu entry.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
mkdir -p "$prefix/opt" "$prefix/bin"
rm -rf "$prefix/opt/alliance-workbook"
cp -a "$here" "$prefix/opt/alliance-workbook"
ln -sf "$prefix/opt/alliance-workbook/alliance-workbook" "$prefix/bin/alliance-workbook"
cp -a "$here/share/." "$prefix/share/"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/share/applications" || true
echo "Installed. Start it from the applications menu, or run: alliance-workbook"
