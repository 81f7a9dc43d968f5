#!/usr/bin/env bash
# Run the built bundle as a user would: version, demo data, a report, a backup and an Excel
# workbook out and back in on a temporary database, a sync folder started and joined, and the GUI started offscreen, which
# must stay up for a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
app="dist/alliance-workbook/alliance-workbook"
work="$(mktemp -d)"
export WORKBOOK_DATA_DIR="$work/data" WORKBOOK_CONFIG_DIR="$work/config" WORKBOOK_LOG_DIR="$work/log"
export QT_QPA_PLATFORM=offscreen
"$app" --version
"$app" --db "$work/w.sqlite" demo
"$app" --db "$work/w.sqlite" report decisions --language de -o "$work/log.pdf"
pdftotext "$work/log.pdf" "$work/log.txt"
grep -q "Beschlussliste" "$work/log.txt"
"$app" --db "$work/w.sqlite" backup create
"$app" --db "$work/w.sqlite" export xlsx "$work/alliance.xlsx"
"$app" --db "$work/w.sqlite" import "$work/alliance.xlsx" | grep -q "unchanged"
# a shared folder started and joined: the signatures' library is in the bundle
"$app" --db "$work/w.sqlite" sync --found "$work/shared" --name Anna | grep -q "Sent"
"$app" --db "$work/joined.sqlite" sync --join "$work/shared" --name Ben | grep -q "from Anna"
"$app" --db "$work/w.sqlite" &
gui=$!
sleep 6
if ! kill -0 "$gui" 2>/dev/null; then
    echo "the app did not stay up"; cat "$work/log/workbook.log" || true; exit 1
fi
kill "$gui"; wait "$gui" || true
grep -q "Alliance Workbook" "$work/log/workbook.log"
echo "bundle smoke test passed"
