"""Write the workbook: an About sheet, one styled sheet per entity, IDs kept for the way back."""

from __future__ import annotations

import contextlib
import os
import uuid
from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workbook.exchange.layout import (
    CHECKSUM,
    ID,
    VERSION,
    Column,
    Lookups,
    SheetSpec,
    all_sheets,
    checksum,
)
from workbook.progress import Progress
from workbook.services import count_rows
from workbook.services import fields as kinds
from workbook.services.profile import get_profile
from workbook.storage import atomic_save

#: Characters that make a spreadsheet treat text as a formula (OWASP CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
HEADER_FILL = "1D3557"
EXTRA_ROWS = 200  # unlocked empty rows under the data, for partners to add records
WIDTHS = {
    kinds.LONGTEXT: 48,
    kinds.DATE: 13,
    kinds.BOOL: 10,
    kinds.INT: 10,
    kinds.FLOAT: 12,
    kinds.ENUM: 18,
    kinds.REFS: 40,
}


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return {
        "header_font": Font(bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "hidden_fill": PatternFill("solid", fgColor="9AA5B1"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
        "unlocked": Protection(locked=False),
        "locked": Protection(locked=True),
    }


def text_cell(ws: Any, value: str, *, wrap: bool = False) -> Any:
    """A cell that holds text as text, even when it looks like a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # never "f": "=SUM(...)" typed by a user stays text
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _prototypes(ws: Any, columns: list[Column], styles: dict[str, Any]) -> list[Any]:
    """One styled cell per column; data cells copy its style (setting styles per cell is slow)."""
    from openpyxl.cell import WriteOnlyCell

    protos = []
    for column in columns:
        proto = WriteOnlyCell(ws, value=None)
        proto.alignment = (
            styles["wrap"] if column.kind in (kinds.LONGTEXT, kinds.REFS) else styles["top"]
        )
        proto.protection = styles["unlocked"] if column.importable else styles["locked"]
        if column.kind == kinds.DATE:
            proto.number_format = "yyyy-mm-dd"
        protos.append(proto)
    return protos


def _cell(ws: Any, column: Column, proto: Any, value: Any, lookups: Lookups) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if column.kind == kinds.REF:
        value = lookups.caption(column.ref or "", value)
    elif column.kind == kinds.REFS:
        value = "; ".join(sorted(lookups.caption(column.ref or "", v) or "" for v in value or []))
    elif column.kind == kinds.TAGS:
        value = ", ".join(value or [])
    elif isinstance(value, uuid.UUID):
        value = str(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never "f": "=SUM(...)" typed by a user stays text
    cell._style = copy(proto._style)
    return cell


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _write_about(
    wb: Any,
    session: Session,
    sheets: list[tuple[SheetSpec, int]],
    styles: dict[str, Any],
    scope: str,
) -> None:
    ws = wb.create_sheet("About")
    profile = get_profile(session)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    title = text_cell(ws, f"Alliance Workbook — {profile.name or 'export'}")
    from openpyxl.styles import Font

    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append([text_cell(ws, "Exported on"), date.today()])
    ws.append([text_cell(ws, "Contents"), text_cell(ws, scope)])
    ws.append([])
    ws.append(
        [
            text_cell(ws, "How to edit and send back"),
            text_cell(
                ws,
                "Change values in the white cells, add new rows at the end of a sheet, and "
                "send the file back. Do not change the grey ID, Version and Checksum columns "
                "(hidden at the right of each sheet): they let the association match your rows "
                "and see what you changed. Dates as 2026-11-24 or 24.11.2026. Columns marked "
                "(read only) are shown for information; change them in the app.",
                wrap=True,
            ),
        ]
    )
    ws.append([])
    for sheet, count in sheets:
        ws.append(
            [text_cell(ws, sheet.title), text_cell(ws, f"{sheet.description} ({count} rows)")]
        )


def export_xlsx(
    session: Session,
    path: str | os.PathLike[str],
    *,
    entities: list[str] | None = None,
    partnership_ids: set[uuid.UUID] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the workbook atomically (temp file, then replace); returns rows per sheet."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    progress = progress or Progress()
    chosen = [
        s for s in all_sheets() if entities is None or s.entity in entities or s.title in entities
    ]
    totals = [(s, _count(session, s, partnership_ids)) for s in chosen]
    progress.update(0, sum(n for _s, n in totals) or 1, "Writing the workbook")
    styles = _styles()
    lookups = Lookups(session)
    wb = Workbook(write_only=True)
    try:
        scope = (
            "Everything in the database"
            if partnership_ids is None
            else "What concerns: "
            + ", ".join(
                sorted(lookups.caption("partnership", p) or str(p) for p in partnership_ids)
            )
        )
        _write_about(wb, session, totals, styles, scope)
        written: dict[str, int] = {}
        for sheet, _total in totals:
            ws = wb.create_sheet(sheet.title)
            columns = list(sheet.columns)
            hidden_start = len(columns) + 1
            for index, column in enumerate(columns, start=1):
                ws.column_dimensions[_letter(index)].width = WIDTHS.get(column.kind, 24)
            for offset in range(3):
                dims = ws.column_dimensions[_letter(hidden_start + offset)]
                dims.hidden, dims.width = True, 38 if offset == 0 else 10
            ws.freeze_panes = "B2"
            header = []
            for column in columns:
                cell = text_cell(ws, column.header)
                cell.font, cell.fill = styles["header_font"], styles["header_fill"]
                header.append(cell)
            for name in (ID, VERSION, CHECKSUM):
                cell = text_cell(ws, name)
                cell.font, cell.fill = styles["header_font"], styles["hidden_fill"]
                header.append(cell)
            ws.append(header)
            protos = _prototypes(ws, columns, styles)
            rows = 0
            for record in sheet.query(session, partnership_ids):
                values = sheet.read(record, lookups)
                cells = [
                    _cell(ws, c, proto, values.get(c.name), lookups)
                    for c, proto in zip(columns, protos, strict=True)
                ]
                cells += [
                    text_cell(ws, str(record.id)),
                    record.version,
                    text_cell(ws, checksum(sheet, values)),
                ]
                ws.append(cells)
                rows += 1
                if rows % 200 == 0:
                    progress.update(progress.done + 200)
            progress.update(progress.done + rows % 200)
            for _ in range(EXTRA_ROWS):  # room for new rows, editable under the sheet protection
                ws.append(
                    [
                        _cell(ws, c, proto, None, lookups)
                        for c, proto in zip(columns, protos, strict=True)
                    ]
                )
            last = rows + 1 + EXTRA_ROWS
            ws.auto_filter.ref = f"A1:{_letter(len(columns))}{max(rows + 1, 2)}"
            for index, column in enumerate(columns, start=1):
                if column.choices:
                    validation = DataValidation(
                        type="list", allow_blank=True, formula1='"' + ",".join(column.choices) + '"'
                    )
                    validation.error = "Choose one of: " + ", ".join(column.choices)
                    validation.showErrorMessage = True
                    validation.add(f"{_letter(index)}2:{_letter(index)}{last}")
                    ws.data_validations.append(validation)
            _protect(ws)
            written[sheet.title] = rows
        atomic_save(Path(path), wb.save)
    except BaseException:
        _discard(wb)  # a cancelled or failed export leaves no half-written sheet behind
        raise
    return written


def _discard(wb: Any) -> None:
    """Close the row writers of a write-only workbook that will not be saved."""
    for ws in wb.worksheets:
        rows = getattr(ws, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()


def _protect(ws: Any) -> None:
    """Lock the ID columns; everything users need stays allowed (no password: a guard rail)."""
    protection = ws.protection
    protection.sheet = True
    for allowed in (
        "autoFilter",
        "sort",
        "formatCells",
        "formatColumns",
        "formatRows",
        "insertRows",
        "deleteRows",
    ):
        setattr(protection, allowed, False)


def _count(session: Session, sheet: SheetSpec, partnership_ids: set[uuid.UUID] | None) -> int:
    if partnership_ids is None and sheet.parent is None:
        return count_rows(session, sheet.entity)
    return sum(1 for _ in sheet.query(session, partnership_ids))
