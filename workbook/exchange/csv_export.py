"""CSV export of one entity: UTF-8 (with a BOM for Excel when asked), formula-safe cells."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from sqlalchemy.orm import Session

from workbook.domain.errors import KnownError
from workbook.exchange.layout import ID, Lookups, all_sheets, sheet_by_title, shown
from workbook.store.storage import atomic_write

#: Characters that make a spreadsheet treat text as a formula (OWASP CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Plain data that starts like a formula but can call nothing: no letters, so no function,
#: no cell reference, no DDE (phone numbers, negative amounts).
_PLAIN_DATA = re.compile(r"[+\-]?[\d\s()./,+\-]*\d[\d\s()./,+\-]*")


#: A trigger after a separator: where a file opened with the other separator (German Excel
#: splits a comma file at ";") starts a new cell inside this field.
_INNER = re.compile(r"([,;\t])(?=[=+\-@])")
_INNER_DEFUSED = re.compile(r"([,;\t])'(?=[=+\-@])")


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not run, whichever separator it splits the line at: a
    trigger character at its start, or after a separator inside it, gets a quote before it."""
    if _PLAIN_DATA.fullmatch(value):
        return value
    value = _INNER.sub(r"\1'", value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def unquoted(value: str) -> str:
    """A field as the app wrote it, without its defusing quotes (adopting its own CSV)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        value = value[1:]
    return _INNER_DEFUSED.sub(r"\1", value)


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
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
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
