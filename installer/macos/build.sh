#!/usr/bin/env bash
# Build "Alliance Workbook.app" with PyInstaller (the spec makes an .app bundle on macOS) and
# pack it into a disk image. Written for macOS; it cannot be run on the Linux CI machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash installer/build.sh
hdiutil create -volname "Alliance Workbook" -srcfolder "dist/Alliance Workbook.app" \
    -ov -format UDZO dist/AllianceWorkbook-0.1.0.dmg
