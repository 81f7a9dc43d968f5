"""LibreOffice as a partner uses it: open the workbook we sent, delete a row, change a cell,
save as .xlsx or .ods, all through LibreOffice's own Basic, headless.

The macro reports what the sheet allowed: whether it was protected and whether any cell of
the deleted row was locked (a protected sheet lets a person delete a row only when none is).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Partner"
 script:language="StarBasic">
Sub Edit(src As String, dst As String, kind As String, title As String, gone As String, _
         col As String, row As String, text As String, guard As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, args())
  sheet = doc.Sheets.getByName(title)
  said = "protected=" &amp; sheet.isProtected()
  If guard &lt;&gt; "keep" Then
    sheet.unprotect("")
  End If
  If CInt(gone) &gt;= 0 Then
    locked = 0
    For c = 0 To 60
      If sheet.getCellByPosition(c, CInt(gone)).CellProtection.IsLocked Then locked = locked + 1
    Next c
    said = said &amp; " locked=" &amp; locked
    sheet.Rows.removeByIndex(CInt(gone), 1)
  End If
  If CInt(col) &gt;= 0 Then
    sheet.getCellByPosition(CInt(col), CInt(row)).setString(text)
  End If
  If guard = "reprotect" Then
    sheet.protect("")
  End If
  said = said &amp; " after=" &amp; sheet.isProtected()
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = kind
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
  f = FreeFile
  Open dst &amp; ".said" For Output As #f
  Print #f, said
  Close #f
End Sub
</script:module>
"""
FILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".ods": "calc8"}


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice (libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed (CI installs it)")
    return found


@dataclass
class Edited:
    path: Path
    protected: bool
    locked_in_deleted_row: int | None
    protected_after: bool


class Partner:
    """One LibreOffice user profile, with the macro installed, for a test's edits."""

    def __init__(self, folder: Path) -> None:
        self.program = soffice()
        self.profile = folder / "lo-profile"
        self._run("--terminate_after_init")  # a profile of its own, made as on first start
        basic = self.profile / "user" / "basic" / "Standard"
        (basic / "Partner.xba").write_text(MACRO, encoding="utf-8")
        listing = basic / "script.xlb"
        text = listing.read_text(encoding="utf-8")
        if "Partner" not in text:
            listing.write_text(
                text.replace(
                    "</library:library>",
                    ' <library:element library:name="Partner"/>\n</library:library>',
                ),
                encoding="utf-8",
            )

    def _run(self, *args: str) -> None:
        subprocess.run(
            [self.program, "--headless", f"-env:UserInstallation=file://{self.profile}", *args],
            check=True,
            capture_output=True,
            timeout=180,
        )

    def edit(
        self,
        source: Path,
        target: Path,
        *,
        sheet: str,
        delete_row: int | None = None,
        cell: tuple[int, int] | None = None,
        text: str = "",
        guard: str = "keep",
    ) -> Edited:
        """``delete_row`` and ``cell`` count from 1, as the spreadsheet shows them; with
        ``guard`` "unprotect" the sheet is unprotected first, with "reprotect" protected
        again (by LibreOffice's own rules) before saving."""
        gone = -1 if delete_row is None else delete_row - 1
        col, row = (-1, -1) if cell is None else (cell[0] - 1, cell[1] - 1)
        quoted = ",".join(
            f'"{value}"'
            for value in (
                source, target, FILTERS[target.suffix], sheet, gone, col, row, text, guard
            )
        )  # fmt: skip
        self._run(f"macro:///Standard.Partner.Edit({quoted})")
        said = Path(f"{target}.said").read_text(encoding="utf-8").split()
        facts = dict(item.split("=") for item in said)
        return Edited(
            target,
            facts["protected"] == "True",
            int(facts["locked"]) if "locked" in facts else None,
            facts["after"] == "True",
        )
