"""Spreadsheet readers: a file's sheets as rows of plain cell values, nothing else.

No database and no Qt here: the readers run in the app's process for small, checked files
and in a child process (``sandbox``) wherever a parser could abort or run away with memory.
Cells come as openpyxl gives them: None for empty, int for whole numbers, datetime for
dates; a formula as ``Formula`` and an error cell as ``CellError``.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from workbook.domain.errors import KnownError
from workbook.exchange.guard import MAX_SHEET_ROWS, BadSpreadsheet

log = logging.getLogger(__name__)

#: The columns of a sheet that are read; an app's own sheets have at most 40.
MAX_COLUMNS = 300

Sheets = Generator[tuple[str, Iterator[list[Any]]], None, None]


class Formula(str):
    """A cell's formula: an import takes typed values, never what a formula last gave."""


def openpyxl_sheets(file: Path) -> Sheets:
    """Each worksheet's title and rows, read by openpyxl, which tells formulas and errors."""
    from openpyxl import load_workbook

    with file.open("rb") as handle:  # ours: openpyxl leaves streams open on errors
        try:
            workbook = load_workbook(handle, read_only=True, data_only=False)
        except Exception as exc:
            raise unreadable(file, exc) from None
        try:
            for ws in workbook.worksheets:
                ws.reset_dimensions()  # the file's own <dimension> may lie about its size
                # not padded to MAX_COLUMNS: a gap of a million empty rows (a row deleted in
                # LibreOffice) then costs a second, not twenty
                rows = ws.iter_rows()
                try:
                    yield (
                        ws.title,
                        ([cell_value(cell) for cell in row[:MAX_COLUMNS]] for row in rows),
                    )
                finally:
                    rows.close()  # the row stream holds the file open until closed
        finally:
            workbook.close()


def calamine_sheets(file: Path) -> Sheets:
    """The same from python-calamine, ten times as fast, for sheets without formulas and
    error cells (which it cannot tell from values). Cells come as openpyxl gives them."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        workbook = CalamineWorkbook.from_path(str(file))
    except Exception as exc:
        raise unreadable(file, exc) from None
    with workbook:
        for sheet in workbook.sheets_metadata:
            if sheet.typ != SheetTypeEnum.WorkSheet:
                continue  # chart sheets: openpyxl's worksheets leave them out too
            ws = workbook.get_sheet_by_name(sheet.name)
            # rows come from the first row on, but from the first column with data
            left = [None] * (ws.start[1] if ws.start else 0)
            yield sheet.name, ([*left, *map(_plain, row)][:MAX_COLUMNS] for row in ws.iter_rows())


def _plain(value: Any) -> Any:
    """A calamine cell as openpyxl reads it: empty as None, whole numbers as int, dates as
    datetimes."""
    if value == "":
        return None
    if type(value) is float and value.is_integer():
        return int(value)
    if type(value) is date:
        return datetime(value.year, value.month, value.day)
    return value


def unreadable(path: Path, exc: Exception) -> KnownError:
    """A parser error (XML, zip, openpyxl's own checks) as the user's sentence; bugs pass."""
    readable = (KeyError, ValueError, TypeError, OSError, EOFError, IndexError, AttributeError)
    if isinstance(exc, readable) or type(exc).__module__.startswith(
        ("xml", "defusedxml", "lxml", "zipfile", "openpyxl", "python_calamine")
    ):
        # the parser's own words (CalamineError, XmlError: sheetData) go to the log, not to
        # the user
        log.info("Unreadable workbook %s: %s: %s", path, type(exc).__name__, exc)
        return BadSpreadsheet(
            path, "damaged_ods" if path.suffix.lower() == ".ods" else "damaged_workbook"
        )
    raise exc


#: constant formulas some applications write for plain values (LibreOffice: booleans)
CONSTANT_FORMULAS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}


class CellError(str):
    """An error a spreadsheet shows in a cell (#DIV/0!, #REF!): no value to import."""


def cell_value(cell: Any) -> Any:
    """The value of a read-only cell: a Formula, unless a constant one (then its value)."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e":
        return CellError(value)
    if getattr(cell, "data_type", None) != "f":
        return value
    text = str(value).strip().upper()
    return CONSTANT_FORMULAS.get(text, Formula(value))


# -- a table to adopt: one sheet, every row ---------------------------------------------


def chosen_sheet(file: Path, names: list[str], sheet: str | None) -> str:
    """The sheet asked for (or the first); a name the file does not have is said, not
    replaced by the first sheet."""
    if not names:
        raise BadSpreadsheet(file, "no_sheets")
    if sheet is None:
        return names[0]
    if sheet not in names:
        raise BadSpreadsheet(file, "no_such_sheet", sheet=sheet, sheets=", ".join(map(repr, names)))
    return sheet


def spread_out_table(file: Path, sheet: str | None) -> tuple[str, list[list[Any]]]:
    """A sheet whose cells lie far apart, read cell by cell (see guard.Contents.spread_out):
    its rows up to the last one holding a value, each cut at the last column read."""
    from openpyxl import load_workbook

    with file.open("rb") as handle:
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:
            log.info("Unreadable spreadsheet %s: %s: %s", file, type(exc).__name__, exc)
            raise BadSpreadsheet(file, "not_a_spreadsheet") from None
        try:
            chosen = chosen_sheet(file, book.sheetnames, sheet)
            ws = book[chosen]
            ws.reset_dimensions()
            rows: list[list[Any]] = []
            last, empty = 0, list[Any]()  # one list stands for every empty row of a long gap
            for row in ws.iter_rows(values_only=True):
                values = ["" if v is None else v for v in row[:MAX_COLUMNS]]
                rows.append(values if any(str(v).strip() for v in values) else empty)
                if rows[-1]:
                    last = len(rows)
                if last > MAX_SHEET_ROWS:
                    break
            return chosen, rows[:last]
        finally:
            book.close()


def book_table(file: Path, sheet: str | None) -> tuple[str, list[list[Any]]]:
    """The sheet asked for; without one, the first worksheet holding a value (a chart sheet
    or an empty cover sheet first is passed over, as a person would)."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        book = CalamineWorkbook.from_path(str(file))
        names = book.sheet_names
        worksheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except Exception as exc:  # calamine's own errors carry no common base class
        log.info("Unreadable spreadsheet %s: %s: %s", file, type(exc).__name__, exc)
        raise BadSpreadsheet(file, "not_a_spreadsheet") from None
    candidates = [chosen_sheet(file, names, sheet)] if sheet is not None else worksheets or names
    first: tuple[str, list[list[Any]]] | None = None
    for chosen in candidates:
        read = _sheet_table(book, file, chosen)
        if any(any(str(c).strip() for c in row) for row in read[1]):
            return read
        first = first or read
    if first is None:
        raise BadSpreadsheet(file, "no_sheets")
    return first


def _sheet_table(book: Any, file: Path, chosen: str) -> tuple[str, list[list[Any]]]:
    try:
        ws = book.get_sheet_by_name(chosen)
        # the rows start where the data does: the rows above it counted back in as empty,
        # so that a row's number is the one the spreadsheet program shows
        above = ws.start[0] if ws.start else 0
        return chosen, [[] for _ in range(above)] + ws.to_python(skip_empty_area=True)
    except Exception as exc:  # calamine's own errors carry no common base class
        log.info("Unreadable sheet %s of %s: %s", chosen, file, exc)
        raise BadSpreadsheet(file, "sheet_unreadable", sheet=chosen) from None
