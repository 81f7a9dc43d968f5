"""Write the workbook: an About sheet, one styled sheet per entity, IDs kept for the way back."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workbook.domain import clock
from workbook.domain.progress import Progress
from workbook.exchange import vocabulary
from workbook.exchange.layout import (
    CHECKSUM,
    ID,
    MANIFEST,
    SHOWN_AS_TEXT,
    VERSION,
    Column,
    Lookups,
    Scope,
    SheetSpec,
    all_sheets,
    checksum,
    shown,
)
from workbook.services import count_rows
from workbook.services import fields as kinds
from workbook.services.profile import get_profile
from workbook.store.storage import atomic_save

HEADER_FILL = "#1D3557"
HIDDEN_FILL = "#9AA5B1"
DATE_FORMAT = "yyyy-mm-dd"
#: Excel shows at most 32,767 characters in a cell; longer texts (the app allows 50,000) are
#: written whole all the same, so that the file carries them back intact.
LONGEST_TEXT = 1_000_000
EXTRA_ROWS = 200  # rows under the data that offer the drop-downs, for partners' new records
LAST_COLUMN = 16_383  # XFD: the columns right of the data are unlocked too
#: Column widths in characters: narrow enough that a sheet printed as wide as the page
#: keeps a readable size; longer texts wrap (``WRAPPED``) and their rows grow.
WIDTHS = {
    kinds.LONGTEXT: 40,
    kinds.DATE: 12,
    kinds.BOOL: 9,
    kinds.INT: 9,
    kinds.FLOAT: 11,
    kinds.ENUM: 16,
    kinds.REF: 24,
    kinds.REFS: 30,
}
OTHER_WIDTH = 20
#: The kinds whose text wraps in its cell; a row is made as tall as its longest.
WRAPPED = (kinds.LONGTEXT, kinds.REF, kinds.REFS)
LINE_HEIGHT = 15  # points, at the default font
TALLEST_ROW = 409  # points: the most a spreadsheet row may be


class _Formats:
    """The workbook's cell formats, made once each (a format is an index in the file)."""

    def __init__(self, wb: Any) -> None:
        self._wb = wb
        self._made: dict[tuple[Any, ...], Any] = {}
        self.header = self.get(
            bold=True, font_color="#FFFFFF", bg_color=HEADER_FILL, text_wrap=True, valign="top"
        )
        self.hidden_header = self.get(bold=True, font_color="#FFFFFF", bg_color=HIDDEN_FILL)
        # every cell under the header is unlocked, the ID columns too: a protected sheet
        # lets a row be deleted only when no cell of it is locked (the header row stays)
        self.unlocked = self.get(locked=False)
        # the hidden ID, Version and Checksum: wrapped, so that no text runs into print
        self.hidden = self.get(locked=False, text_wrap=True)
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
        if column.kind in WRAPPED:
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
    language: str,
) -> None:
    words = vocabulary.about(language)
    ws = wb.add_worksheet(vocabulary.title("About", language))
    profile = get_profile(session)
    ws.set_column(0, 0, 30, formats.wrap)
    ws.set_column(1, 1, 90, formats.wrap)
    ws.write_string(0, 0, f"Alliance Workbook — {profile.name or 'export'}", formats.title)
    ws.write_string(1, 0, words["exported_on"])
    ws.write_datetime(1, 1, clock.today(), formats.date)
    ws.write_string(2, 0, words["contents"])
    ws.write_string(2, 1, scope)
    ws.set_row(4, 120)  # the instructions, wrapped in their cell, on the page whole
    ws.write_string(4, 0, words["how"], formats.wrap)
    ws.write_string(4, 1, words["instructions"], formats.wrap)
    for row, (sheet, count) in enumerate(sheets, start=6):
        text = (words["row"] if count == 1 else words["rows"]).format(
            description=vocabulary.description(sheet, language), count=count
        )
        ws.set_row(row, LINE_HEIGHT * -(-len(text) // 85))  # tall enough for its lines
        ws.write_string(row, 0, vocabulary.title(sheet, language), formats.wrap)
        ws.write_string(row, 1, text, formats.wrap)
    ws.set_landscape()  # as the sheets print
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 1)  # the instructions on one page


@functools.cache
def _shared_column() -> type:
    """A column record standing for many columns, equal to itself at once: XlsxWriter
    compares each column's record with the one before it to write runs of columns as one,
    field by field, 16,000 times a sheet for the columns right of the data. (Made when first
    needed: XlsxWriter loads with the first export.)"""
    from xlsxwriter.worksheet import ColumnInfo

    class SharedColumn(ColumnInfo):
        def __eq__(self, other: object) -> bool:
            return self is other or super().__eq__(other)

        __hash__ = None  # type: ignore[assignment]  # as its dataclass

    return SharedColumn


def _open_columns(ws: Any, first: int, unlocked: Any) -> None:
    """The columns from ``first`` to the sheet's last (XFD) unlocked, as
    ``ws.set_column(first, LAST_COLUMN, None, unlocked)`` sets them: that call makes a
    column's record for each of some 16,000 columns, and writing the sheet compares them
    one by one (half a second for a small workbook); one record is made and shared."""
    ws.set_column(first, first, None, unlocked)
    made = ws.col_info[first]
    shared = _shared_column()(**{f.name: getattr(made, f.name) for f in dataclasses.fields(made)})
    ws.col_info.update(dict.fromkeys(range(first, LAST_COLUMN + 1), shared))


def _write_sheet(
    wb: Any,
    session: Session,
    sheet: SheetSpec,
    scope: Scope | None,
    formats: _Formats,
    lookups: Lookups,
    progress: Progress,
    exported: list[str],
    language: str = "en",
) -> int:
    """One entity's sheet: header, a row per record, editable below, set up to print
    (landscape, as wide as the page, the header on every page); returns the rows (their
    IDs added to ``exported``)."""
    ws = wb.add_worksheet(vocabulary.title(sheet, language))
    ws.xls_strmax = LONGEST_TEXT
    columns = list(sheet.columns)
    hidden = len(columns)
    for index, column in enumerate(columns):
        ws.set_column(index, index, WIDTHS.get(column.kind, OTHER_WIDTH), formats.column(column))
    ws.set_column(hidden, hidden, 38, formats.hidden, {"hidden": True})
    ws.set_column(hidden + 1, hidden + 2, 10, formats.hidden, {"hidden": True})
    used = ws.dim_colmin, ws.dim_colmax
    _open_columns(ws, hidden + 3, formats.unlocked)
    # A column's format counts as used to XlsxWriter: the sheet's range would reach XFD,
    # every row written would walk 16,384 columns (100,000 decisions: 170 s instead of
    # 10) and a reader that pads rows to the range would hand each one back that wide.
    ws.dim_colmin, ws.dim_colmax = used
    ws.freeze_panes(1, 1)
    heads = [vocabulary.header(column, language) for column in columns]
    widths = [WIDTHS.get(column.kind, OTHER_WIDTH) for column in columns]
    ws.set_row(0, LINE_HEIGHT * max(_lines(h, w) for h, w in zip(heads, widths, strict=True)))
    for index, head in enumerate(heads):
        ws.write_string(0, index, head, formats.header)
    for offset, name in enumerate((ID, VERSION, CHECKSUM)):
        ws.write_string(0, hidden + offset, name, formats.hidden_header)
    plan = [(i, c, formats.column(c), c.kind in SHOWN_AS_TEXT) for i, c in enumerate(columns)]
    wrapped = [(i, WIDTHS[c.kind]) for i, c in enumerate(columns) if c.kind in WRAPPED]
    row = 0
    for ident, version, values in sheet.source.rows(session, scope, lookups):
        row += 1
        cells = []
        for index, column, fmt, as_text in plan:
            value = values.get(column.name)
            if as_text:
                value = shown(column, value, lookups)
            elif column.choices and isinstance(value, str):
                value = vocabulary.label(value, language)
            cells.append((index, value, fmt))
        height = _height(cells, wrapped)
        if height:  # a wrapped row as tall as its text, so that it prints whole
            ws.set_row(row, height)
        for index, value, fmt in cells:
            _write(ws, row, index, value, fmt)
        ws.write_string(row, hidden, str(ident), formats.hidden)
        ws.write_number(row, hidden + 1, version, formats.hidden)
        ws.write_string(row, hidden + 2, checksum(sheet, values), formats.hidden)
        exported.append(str(ident))
        if row % 200 == 0:
            progress.update(progress.done + 200)
    progress.update(progress.done + row % 200)
    # Room for new rows: every cell under the data is editable by its column's format (no
    # cell is written there, so a reader does not walk empty rows), and the drop-downs
    # reach EXTRA_ROWS below the data.
    last = row + EXTRA_ROWS
    ws.autofilter(0, 0, max(row, 1), hidden - 1)
    for index, column in enumerate(columns):
        if column.choices:
            labels = [vocabulary.label(c, language) for c in column.choices]
            ws.data_validation(
                1,
                index,
                last,
                index,
                {
                    "validate": "list",
                    "source": labels,
                    "ignore_blank": True,
                    "error_message": vocabulary.about(language)["choose"].format(
                        values=", ".join(labels)
                    )[:255],
                },
            )
    _print_setup(ws, max(row, 1), hidden - 1)
    _protect(ws)
    return row


def _height(cells: list[tuple[int, Any, Any]], wrapped: list[tuple[int, int]]) -> float | None:
    """How tall a row must be for its wrapped texts to show whole (a line of a cell holds
    about its column's width in characters), or None for one line."""
    lines = 1
    for index, width in wrapped:
        value = cells[index][1]
        if isinstance(value, str) and value:
            lines = max(lines, _lines(value, width))
    return min(lines * LINE_HEIGHT, TALLEST_ROW) if lines > 1 else None


def _lines(text: str, width: int) -> int:
    """About how many lines ``text`` takes in a column ``width`` characters wide."""
    return sum(-(-max(len(part), 1) // max(width - 2, 1)) for part in text.split("\n"))


def _print_setup(ws: Any, last_row: int, last_column: int) -> None:
    """Printed as a partner prints it: landscape A4, as wide as the page (as many pages
    down as it needs), the header row on every page, the data only."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.print_area(0, 0, last_row, last_column)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&L&A&R&P / &N")


def export_xlsx(
    session: Session,
    path: str | os.PathLike[str],
    *,
    entities: list[str] | None = None,
    partnership_ids: set[uuid.UUID] | None = None,
    partner: uuid.UUID | None = None,
    language: str = "en",
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the workbook atomically (temp file, then replace); returns rows per sheet.

    ``partnership_ids`` (and ``partner``, the organisation it is sent to) say what it
    holds (``Scope``); ``language`` ("en" or "de") is the language of its titles, headers,
    drop-downs and instructions. Rows stream to disk as they are written (xlsxwriter's
    constant-memory mode), so memory stays flat however many records there are.
    """
    progress = progress or Progress()
    chosen = [
        s for s in all_sheets() if entities is None or s.entity in entities or s.title in entities
    ]
    scoped = Scope(partnership_ids, partner) if partnership_ids is not None else None
    totals = [(s, _count(session, s, scoped)) for s in chosen]
    progress.update(0, sum(n for _s, n in totals) or 1, "Writing the workbook")
    lookups = Lookups(session)
    words = vocabulary.about(language)
    scope = (
        words["everything"]
        if partnership_ids is None
        else words["concerns"].format(
            names=", ".join(
                sorted(lookups.caption("partnership", p) or str(p) for p in partnership_ids)
            )
        )
    )
    if partner is not None:
        scope += " · " + words["for_partner"].format(
            partner=lookups.caption("organisation", partner)
        )
    written: dict[str, int] = {}

    def write(temp: str) -> None:
        import xlsxwriter

        with tempfile.TemporaryDirectory(prefix="workbook-export-") as scratch:
            wb = xlsxwriter.Workbook(temp, {"constant_memory": True, "tmpdir": scratch})
            try:
                formats = _Formats(wb)
                _write_about(wb, session, totals, formats, scope, language)
                exported: dict[str, list[str]] = {}
                for sheet, _total in totals:
                    written[sheet.title] = _write_sheet(
                        wb,
                        session,
                        sheet,
                        scoped,
                        formats,
                        lookups,
                        progress,
                        exported.setdefault(sheet.title, []),
                        language,
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


def _count(session: Session, sheet: SheetSpec, scope: Scope | None) -> int:
    if scope is None and sheet.parent is None:
        return count_rows(session, sheet.entity)
    return sheet.source.count(session, scope)
