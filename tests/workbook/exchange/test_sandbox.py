"""The readers run in a child process: a parser that aborts takes only the child."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from workbook.exchange import sandbox
from workbook.exchange.guard import BadSpreadsheet
from workbook.exchange.readers import CellError, Formula


def _far(path):
    book = Workbook()
    book.active.title = "Organisations"
    book.active["A1"], book.active["A2"], book.active["XFD1048576"] = "Name", "Verein", "x"
    book.save(path)
    return path


def test_a_reader_that_aborts_is_a_refusal_and_the_app_goes_on(tmp_path):
    """python-calamine makes a grid of the whole range: 549,755,813,888 bytes for this 5 KB
    file. The guard sends such files to openpyxl; here calamine is made to read it anyway,
    and aborts the child (its address space is capped), not this process."""
    path = _far(tmp_path / "weit.xlsx")
    with pytest.raises(BadSpreadsheet) as refused:
        for _title, rows in sandbox.sheets("calamine", path):
            list(rows)
    assert refused.value.why == "reader_stopped"
    assert refused.value.message.startswith("weit.xlsx: reading it stopped: it needs far more")
    # the same file through the reader the guard chooses for it
    name, rows = sandbox.table("spread_out_table", path, None)
    assert (name, rows[1][0]) == ("Organisations", "Verein")


def test_cells_come_back_with_their_kinds(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Text", "Zahl", "Komma", "Datum", "Uhrzeit", "Ja", "Formel", "Fehler"])
    sheet.append(["Görlitz", 7, 2.5, datetime(2026, 11, 15), time(9, 30), True, "=1+1", None])
    sheet["H2"] = "#DIV/0!"
    sheet["H2"].data_type = "e"
    path = tmp_path / "arten.xlsx"
    book.save(path)

    [(title, rows)] = [(t, list(r)) for t, r in sandbox.sheets("openpyxl", path)]

    assert title == "Sheet"
    values = rows[1]
    assert values[:6] == ["Görlitz", 7, 2.5, datetime(2026, 11, 15), time(9, 30), True]
    assert type(values[6]) is Formula and values[6] == "=1+1"
    assert type(values[7]) is CellError and values[7] == "#DIV/0!"
    assert date(2026, 11, 15) == values[3].date()


def test_a_sheet_left_unread_and_a_read_stopped_early_leave_no_child(tmp_path):
    book = Workbook()
    book.active.title = "Erstes"
    for n in range(3000):
        book.active.append([f"Zeile {n}"])
    book.create_sheet("Zweites").append(["nur eine"])
    path = tmp_path / "zwei.xlsx"
    book.save(path)

    read = sandbox.sheets("calamine", path)
    titles = []
    for title, rows in read:  # the first sheet's 3000 rows are passed over
        titles.append(title)
        if title == "Zweites":
            assert list(rows) == [["nur eine"]]
    assert titles == ["Erstes", "Zweites"]

    before = _children()
    early = sandbox.sheets("calamine", path)
    _title, rows = next(early)
    assert next(rows) == ["Zeile 0"]
    assert len(_children() - before) == 1  # the reader, still at work
    early.close()  # as a cancelled import does: the child is stopped and waited for
    assert _children() - before == set()


def _children() -> set[str]:
    """This process's children, zombies included (Linux)."""
    tasks = Path("/proc/self/task")
    return {pid for task in tasks.iterdir() for pid in (task / "children").read_text().split()}


def test_a_refusal_inside_the_child_is_the_same_sentence(tmp_path):
    path = tmp_path / "liste.xlsx"
    book = Workbook()
    book.active.title = "Partner"
    book.active.append(["Name"])
    book.save(path)
    with pytest.raises(BadSpreadsheet) as refused:
        sandbox.table("book_table", path, "Partnr")
    assert refused.value.message == (
        "liste.xlsx: it has no sheet 'Partnr'; its sheets are 'Partner'."
    )
