"""Write the workbook: an About sheet, one styled sheet per entity, IDs kept for the way back."""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workbook.exchange.layout import (
    CHECKSUM,
    ID,
    MANIFEST,
    SHOWN_AS_TEXT,
    VERSION,
    Column,
    Lookups,
    SheetSpec,
    all_sheets,
    checksum,
    shown,
)
from workbook.progress import Progress
from workbook.services import count_rows
from workbook.services import fields as kinds
from workbook.services.profile import get_profile
from workbook.storage import atomic_save

HEADER_FILL = "#1D3557"
HIDDEN_FILL = "#9AA5B1"
DATE_FORMAT = "yyyy-mm-dd"
#: Excel shows at most 32,767 characters in a cell; longer texts (the app allows 50,000) are
#: written whole all the same, so that the file carries them back intact.
LONGEST_TEXT = 1_000_000
EXTRA_ROWS = 200  # unlocked empty rows under the data, for partners to add records
LAST_COLUMN = 16_383  # XFD: the columns right of the data are unlocked too
WIDTHS = {
    kinds.LONGTEXT: 48,
    kinds.DATE: 13,
    kinds.BOOL: 10,
    kinds.INT: 10,
    kinds.FLOAT: 12,
    kinds.ENUM: 18,
    kinds.REFS: 40,
}


class _Formats:
    """The workbook's cell formats, made once each (a format is an index in the file)."""

    def __init__(self, wb: Any) -> None:
        self._wb = wb
        self._made: dict[tuple[Any, ...], Any] = {}
        self.header = self.get(bold=True, font_color="#FFFFFF", bg_color=HEADER_FILL)
        self.hidden_header = self.get(bold=True, font_color="#FFFFFF", bg_color=HIDDEN_FILL)
        # every cell under the header is unlocked, the ID columns too: a protected sheet
        # lets a row be deleted only when no cell of it is locked (the header row stays)
        self.unlocked = self.get(locked=False)
        self.date = self.get(num_format=DATE_FORMAT)
        self.title = self.get(bold=True, font_size=14)
        self.wrap = self.get(text_wrap=True, valign="top")

    def get(self, **properties: Any) -> Any:
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self._wb.add_format(properties)
        return self._made[key]

    def column(self, column: Column) -> Any:
        """Data cells of ``column``: top-aligned (long text wraps), editable if importable."""
        properties: dict[str, Any] = {"valign": "top", "locked": False}
        if not column.importable:
            properties["font_color"] = "#555555"  # shown for information
        if column.kind in (kinds.LONGTEXT, kinds.REFS):
            properties["text_wrap"] = True
        if column.kind == kinds.DATE:
            properties["num_format"] = DATE_FORMAT
        return self.get(**properties)


def _write(ws: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
    """One cell, typed by its value; text is always written as text, never as a formula."""
    if value is None:
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, date):
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _write_about(
    wb: Any,
    session: Session,
    sheets: list[tuple[SheetSpec, int]],
    formats: _Formats,
    scope: str,
) -> None:
    ws = wb.add_worksheet("About")
    profile = get_profile(session)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 90)
    ws.write_string(0, 0, f"Alliance Workbook — {profile.name or 'export'}", formats.title)
    ws.write_string(1, 0, "Exported on")
    ws.write_datetime(1, 1, date.today(), formats.date)
    ws.write_string(2, 0, "Contents")
    ws.write_string(2, 1, scope)
    ws.write_string(4, 0, "How to edit and send back")
    ws.write_string(
        4,
        1,
        "Change values in the white cells, add new rows at the end of a sheet, delete "
        "rows you want gone (the association is asked before anything is deleted), and "
        "send the file back as .xlsx or .ods. Do not change the grey ID, Version and "
        "Checksum columns (hidden at the right of each sheet): they let the association "
        "match your rows "
        "and see what you changed. Dates as 2026-11-24 or 24.11.2026. Columns marked "
        "(read only) are shown for information; change them in the app.",
        formats.wrap,
    )
    for row, (sheet, count) in enumerate(sheets, start=6):
        ws.write_string(row, 0, sheet.title)
        ws.write_string(row, 1, f"{sheet.description} ({count} rows)")


def _write_sheet(
    wb: Any,
    session: Session,
    sheet: SheetSpec,
    partnership_ids: set[uuid.UUID] | None,
    formats: _Formats,
    lookups: Lookups,
    progress: Progress,
    exported: list[str],
) -> int:
    """One entity's sheet: header, a row per record, empty editable rows; returns the rows
    (their IDs added to ``exported``)."""
    ws = wb.add_worksheet(sheet.title)
    ws.xls_strmax = LONGEST_TEXT
    columns = list(sheet.columns)
    hidden = len(columns)
    for index, column in enumerate(columns):
        ws.set_column(index, index, WIDTHS.get(column.kind, 24), formats.column(column))
    ws.set_column(hidden, hidden, 38, formats.unlocked, {"hidden": True})
    ws.set_column(hidden + 1, hidden + 2, 10, formats.unlocked, {"hidden": True})
    ws.set_column(hidden + 3, LAST_COLUMN, None, formats.unlocked)
    ws.freeze_panes(1, 1)
    for index, column in enumerate(columns):
        ws.write_string(0, index, column.header, formats.header)
    for offset, name in enumerate((ID, VERSION, CHECKSUM)):
        ws.write_string(0, hidden + offset, name, formats.hidden_header)
    plan = [(i, c, formats.column(c), c.kind in SHOWN_AS_TEXT) for i, c in enumerate(columns)]
    row = 0
    for ident, version, values in sheet.source.rows(session, partnership_ids, lookups):
        row += 1
        for index, column, fmt, as_text in plan:
            value = values.get(column.name)
            _write(ws, row, index, shown(column, value, lookups) if as_text else value, fmt)
        ws.write_string(row, hidden, str(ident), formats.unlocked)
        ws.write_number(row, hidden + 1, version, formats.unlocked)
        ws.write_string(row, hidden + 2, checksum(sheet, values), formats.unlocked)
        exported.append(str(ident))
        if row % 200 == 0:
            progress.update(progress.done + 200)
    progress.update(progress.done + row % 200)
    for extra in range(row + 1, row + 1 + EXTRA_ROWS):  # room for new rows, editable
        for index, _column, fmt, _as_text in plan:
            ws.write_blank(extra, index, None, fmt)
    last = row + EXTRA_ROWS
    ws.autofilter(0, 0, max(row, 1), hidden - 1)
    for index, column in enumerate(columns):
        if column.choices:
            ws.data_validation(
                1,
                index,
                last,
                index,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "ignore_blank": True,
                    "error_message": "Choose one of: " + ", ".join(column.choices),
                },
            )
    _protect(ws)
    return row


def export_xlsx(
    session: Session,
    path: str | os.PathLike[str],
    *,
    entities: list[str] | None = None,
    partnership_ids: set[uuid.UUID] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the workbook atomically (temp file, then replace); returns rows per sheet.

    Rows stream to disk as they are written (xlsxwriter's constant-memory mode), so memory
    stays flat however many records there are.
    """
    progress = progress or Progress()
    chosen = [
        s for s in all_sheets() if entities is None or s.entity in entities or s.title in entities
    ]
    totals = [(s, _count(session, s, partnership_ids)) for s in chosen]
    progress.update(0, sum(n for _s, n in totals) or 1, "Writing the workbook")
    lookups = Lookups(session)
    scope = (
        "Everything in the database"
        if partnership_ids is None
        else "What concerns: "
        + ", ".join(sorted(lookups.caption("partnership", p) or str(p) for p in partnership_ids))
    )
    written: dict[str, int] = {}

    def write(temp: str) -> None:
        import xlsxwriter

        with tempfile.TemporaryDirectory(prefix="workbook-export-") as scratch:
            wb = xlsxwriter.Workbook(temp, {"constant_memory": True, "tmpdir": scratch})
            try:
                formats = _Formats(wb)
                _write_about(wb, session, totals, formats, scope)
                exported: dict[str, list[str]] = {}
                for sheet, _total in totals:
                    written[sheet.title] = _write_sheet(
                        wb,
                        session,
                        sheet,
                        partnership_ids,
                        formats,
                        lookups,
                        progress,
                        exported.setdefault(sheet.title, []),
                    )
                _write_manifest(wb, exported)
            except BaseException:
                _discard(wb)  # a cancelled or failed export leaves no half-written sheet behind
                raise
            wb.close()

    atomic_save(Path(path), write)
    return written


def _write_manifest(wb: Any, exported: dict[str, list[str]]) -> None:
    """The rows exported, sheet by sheet: how a deleted row is known when the file returns."""
    ws = wb.add_worksheet(MANIFEST)
    ws.write_string(0, 0, "Sheet")
    ws.write_string(0, 1, ID)
    row = 0
    for title, ids in exported.items():
        for ident in ids:
            row += 1
            ws.write_string(row, 0, title)
            ws.write_string(row, 1, ident)
    ws.very_hidden()
    ws.protect("")


def _discard(wb: Any) -> None:
    """Close the row files of a constant-memory workbook that will not be saved."""
    for ws in wb.worksheets():
        handle = getattr(ws, "row_data_fh", None)
        if handle is not None:
            with contextlib.suppress(Exception):
                handle.close()


def _protect(ws: Any) -> None:
    """Protect the header row; rows may be added, deleted, sorted (no password: a guard rail)."""
    ws.protect(
        "",
        {
            "autofilter": True,
            "sort": True,
            "format_cells": True,
            "format_columns": True,
            "format_rows": True,
            "insert_rows": True,
            "delete_rows": True,
        },
    )


def _count(session: Session, sheet: SheetSpec, partnership_ids: set[uuid.UUID] | None) -> int:
    if partnership_ids is None and sheet.parent is None:
        return count_rows(session, sheet.entity)
    return sheet.source.count(session, partnership_ids)
