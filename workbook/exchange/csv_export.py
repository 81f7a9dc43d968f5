"""CSV export of one entity: UTF-8 (with a BOM for Excel when asked), formula-safe cells."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from sqlalchemy.orm import Session

from workbook.errors import KnownError
from workbook.exchange.layout import ID, Lookups, all_sheets, sheet_by_title, shown
from workbook.storage import atomic_write

#: Characters that make a spreadsheet treat text as a formula (OWASP CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not run: a leading trigger character gets a quote."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def export_csv(
    session: Session,
    entity: str,
    path: str | os.PathLike[str],
    *,
    bom: bool = False,
    delimiter: str = ",",
) -> int:
    sheet = sheet_by_title(entity) or next((s for s in all_sheets() if s.entity == entity), None)
    if sheet is None:
        raise KnownError(f"There is no list called {entity!r} to export.")
    lookups = Lookups(session)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([c.header for c in sheet.columns] + [ID])
    rows = 0
    for ident, _version, values in sheet.source.rows(session, None, lookups):
        cells = []
        for column in sheet.columns:
            value = shown(column, values.get(column.name), lookups)
            text = (
                ""
                if value is None
                else value.isoformat()
                if hasattr(value, "isoformat")
                else str(value)
            )
            cells.append(safe_text(text))
        writer.writerow([*cells, str(ident)])
        rows += 1
    encoding = "utf-8-sig" if bom else "utf-8"
    atomic_write(Path(path), buffer.getvalue().encode(encoding))
    return rows
