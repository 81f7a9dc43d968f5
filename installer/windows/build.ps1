# Build the Windows bundle (dist\alliance-workbook) and, if Inno Setup is installed, the setup.
# Usage (PowerShell, from the repository): .\installer\windows\build.ps1
# Written for Windows; it cannot be run on the Linux CI machine.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
python -m pip install -q -e . "pyinstaller>=6.10"
python -m tools.i18n release
python -m tools.icons
python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller installer\alliance-workbook.spec
$iscc = Get-Command iscc -ErrorAction SilentlyContinue
if ($iscc) {
    & $iscc.Source installer\windows\alliance-workbook.iss
} else {
    Write-Host "Inno Setup (iscc) not found: the bundle is in dist\alliance-workbook"
}
