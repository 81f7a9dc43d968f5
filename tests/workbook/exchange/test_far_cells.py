"""Sheets whose cells lie far apart: no reader makes a grid of a million rows from them."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from workbook.exchange.adopt import read_table
from workbook.exchange.guard import check_xlsx
from workbook.exchange.importer import preview

ROOT = Path(__file__).parents[3]


def _far(path: Path) -> Path:
    """5 KB: a header, one organisation, and one value in the last cell a sheet has."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Organisations"
    sheet["A1"], sheet["A2"], sheet["XFD1048576"] = "Name", "Verein Weit", "x"
    book.save(path)
    assert path.stat().st_size < 10_000
    return path


def test_one_value_in_the_last_cell_is_read_cell_by_cell_not_as_a_grid(tmp_path):
    path = _far(tmp_path / "far.xlsx")
    assert check_xlsx(path).spread_out

    table = read_table(path)

    assert table.headers == ["Name"] and [r[0] for r in table.rows] == ["Verein Weit"]


@pytest.mark.slow
def test_adopt_and_import_of_it_run_in_a_bounded_process(tmp_path):
    """In a child process with its memory capped at 1 GB: python-calamine would ask for
    549,755,813,888 bytes and abort it (rc 134)."""
    path = _far(tmp_path / "far.xlsx")
    database = tmp_path / "w.sqlite"
    limit = 1024**3

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    for args in (["adopt", str(path)], ["import", str(path)]):
        done = subprocess.run(
            [sys.executable, "-m", "workbook", "--db", str(database), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            preexec_fn=capped,
            timeout=300,
        )
        assert done.returncode in (0, 1), (args, done.returncode, done.stderr[-500:])
        assert "Traceback" not in done.stderr and "memory allocation" not in done.stderr
        assert "Verein Weit" in done.stdout, (args, done.stdout[-500:], done.stderr[-500:])


@pytest.mark.slow
def test_a_workbook_with_libreoffices_empty_last_row_imports_back_unchanged(db, tmp_path):
    """After a row is deleted, LibreOffice writes an empty row 1,048,576: not 'too many rows'."""
    from tests.workbook.exchange.helpers import exported_sheet, with_demo

    with_demo(db)
    path = tmp_path / "partner.xlsx"
    book, contacts, _header = exported_sheet(db, path, "Contacts")
    contacts.cell(row=1_048_576, column=1).font = Font(bold=True)
    book.save(path)
    assert check_xlsx(path).spread_out

    with db.unit() as s:
        result = preview(s, path)

    assert {r.status for r in result.rows} == {"unchanged"}
    assert not [n for n in result.notices if "rows" in n]
