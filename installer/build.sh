#!/usr/bin/env bash
# Build the one-folder bundle for this platform (Linux or macOS) into dist/alliance-workbook.
# Usage: bash installer/build.sh        (uses the current Python; installs PyInstaller)
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e . "pyinstaller>=6.10"
python -m tools.i18n release       # .ts -> .qm: the translations ship compiled
python -m tools.icons              # SVG -> PNG sizes for the desktop
started=$(date +%s)
python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/alliance-workbook.spec
echo "built dist/alliance-workbook in $(( $(date +%s) - started )) s," \
     "$(du -sh dist/alliance-workbook | cut -f1)"
if [ "$(uname)" = "Linux" ]; then
    install -Dm644 installer/linux/alliance-workbook.desktop \
        dist/alliance-workbook/share/applications/alliance-workbook.desktop
    install -Dm644 installer/linux/org.allianceworkbook.AllianceWorkbook.metainfo.xml \
        dist/alliance-workbook/share/metainfo/org.allianceworkbook.AllianceWorkbook.metainfo.xml
    install -Dm644 resources/icons/alliance-workbook.svg \
        dist/alliance-workbook/share/icons/hicolor/scalable/apps/alliance-workbook.svg
    for size in 16 24 32 48 64 128 256 512; do
        install -Dm644 "resources/icons/alliance-workbook-$size.png" \
            "dist/alliance-workbook/share/icons/hicolor/${size}x${size}/apps/alliance-workbook.png"
    done
    install -Dm755 installer/linux/install.sh dist/alliance-workbook/install.sh
    tar -C dist -czf dist/alliance-workbook-linux.tar.gz alliance-workbook
    echo "packed dist/alliance-workbook-linux.tar.gz, $(du -sh dist/alliance-workbook-linux.tar.gz | cut -f1)"
fi
