"""The two spreadsheet readers: python-calamine for plain files, openpyxl where it matters."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference

from tests.workbook.exchange.helpers import with_demo
from workbook.exchange import readers
from workbook.exchange.guard import check_xlsx
from workbook.exchange.xlsx_export import export_xlsx


def _cells(read, path):
    """Every sheet's rows as a reader gives them, without the empty ends of rows and sheets."""
    sheets = []
    for title, rows in read(path):
        trimmed = []
        for row in rows:
            row = list(row)
            while row and row[-1] is None:
                row.pop()
            trimmed.append([(type(value).__name__, value) for value in row])  # 3 is not 3.0
        while trimmed and not trimmed[-1]:
            trimmed.pop()
        sheets.append((title, trimmed))
    return sheets


def _typed_cells(ws):
    ws.append(["Text", "  spaced  ", "line\nbreak", "0042", "Ünïcödé ✓", ""])
    ws.append(["Numbers", 7, -3, 2.5, 1e-9, 123456789012, 3.0])
    ws.append(["Booleans", True, False])
    ws.append(["Dates", date(2026, 11, 24), datetime(2026, 11, 24, 13, 5), time(9, 30)])
    ws.cell(ws.max_row, 2).number_format = "dd.mm.yyyy"


def test_both_readers_give_the_same_cells(db, tmp_path):
    with_demo(db)
    path = tmp_path / "sent-back.xlsx"
    with db.unit() as s:
        export_xlsx(s, path)
    wb = load_workbook(path)
    ws = wb["Organisations"]
    ws.cell(3, 1).value = 4711  # a number where a name is expected
    ws.cell(4, 2).value = date(2020, 1, 1)
    _typed_cells(wb["Decisions"])
    late = wb.create_sheet("Starts late")  # empty first rows and columns
    late["C3"] = "Name"
    late["D5"] = 1.5
    late["E6"] = date(2026, 1, 31)
    wb.create_sheet("Empty")
    hidden = wb.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "still read"
    chart = wb.create_chartsheet("Chart")  # not a worksheet: neither reader yields it
    bars = BarChart()
    bars.add_data(Reference(late, min_col=4, min_row=5, max_row=5))
    chart.add_chart(bars)
    wb.save(path)
    assert not check_xlsx(path).formulas_or_errors

    calamine = _cells(readers.calamine_sheets, path)
    assert calamine == _cells(readers.openpyxl_sheets, path)
    titles = [title for title, _rows in calamine]
    assert "Chart" not in titles and {"Starts late", "Hidden", "Empty"} <= set(titles)


@pytest.mark.parametrize("cell", ["=1+1", "=TRUE()", "error"])
def test_a_sheet_with_formulas_or_error_cells_is_read_by_openpyxl(tmp_path, cell):
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Notes"])
    ws.append(["Verein", "#N/A" if cell == "error" else cell])  # openpyxl writes "#N/A" as an error
    path = tmp_path / "book.xlsx"
    wb.save(path)
    assert check_xlsx(path).formulas_or_errors
    plain = tmp_path / "plain.xlsx"
    ws["B2"] = "Mitglied seit 2019"
    wb.save(plain)
    assert not check_xlsx(plain).formulas_or_errors


@pytest.mark.parametrize(
    ("xml", "formulas_or_errors", "spread_out"),
    [
        (b'<c r="A1" t="e"><v>#N/A</v></c>', True, False),
        (b'<c r="A1"\n\tt="e"><v>#DIV/0!</v></c>', True, False),
        (b'<c r="A1" xt="e"><v>1</v></c>', False, False),  # another attribute's name
        (b'<x:c r="B2"><x:f>SUM(A1)</x:f></x:c>', True, False),
        (b'<c r="B3"><f t="shared" si="0"/><v>2</v></c>', True, False),
        (b'<c r="B4"><is><t>Notiz:foo &lt;fine&gt;</t></is></c>', False, False),
        (b'<c r="B2"><is><t>f and t=&quot;e&quot;</t></is></c>', False, False),
        (b'<c s="1" r="AAB12"><v>1</v></c>', False, True),
        (b'<c r="ZZ12"><v>1</v></c><c xr="AAA1"/>', False, False),
        (b'<row r="1048577"><c r="A1048577"/></row>', False, True),
    ],
)
def test_the_file_check_tells_formulas_errors_and_far_cells_from_the_sheets_xml(
    xml, formulas_or_errors, spread_out
):
    """The check reads each sheet's XML once for what decides the reader: a formula or an
    error cell (openpyxl), cells far apart (read one by one)."""
    from workbook.exchange import guard

    assert guard._formulas_or_errors(xml) is formulas_or_errors
    assert guard._spread_out(xml) is spread_out
