"""Files written by other programs: read, or refused in one sentence, never a parser's words."""

from __future__ import annotations

import base64
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from tests.workbook.exchange.helpers import exported_sheet
from workbook.exchange.adopt import read_table
from workbook.exchange.guard import BadSpreadsheet, check_xlsx
from workbook.exchange.importer import preview


def _rezip(source: Path, target: Path, part: str, data: bytes) -> Path:
    """``source`` with one part replaced, as another program might have written it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, data if item.filename == part else old.read(item.filename))
    return target


def test_a_text_longer_than_any_cell_is_refused_before_any_parser_reads_it(tmp_path):
    book = Workbook()
    book.active["A1"] = "Name"
    book.active["A2"] = "placeholder"
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    # 4 MB of text in one cell, hardly compressible: no zip-bomb ratio gives it away
    text = base64.b64encode(os.urandom(3_000_000))
    huge = sheet.replace(b"placeholder", text)
    path = _rezip(plain, tmp_path / "huge.xlsx", "xl/worksheets/sheet1.xml", huge)

    with pytest.raises(BadSpreadsheet, match="longer than a spreadsheet cell takes"):
        check_xlsx(path)
    with pytest.raises(BadSpreadsheet, match="longer than a spreadsheet cell takes"):
        read_table(path)


def test_a_misspelt_sheet_name_is_said_not_replaced_by_the_first(tmp_path):
    book = Workbook()
    book.active.title = "Partner"
    book.active.append(["Name"])
    book.active.append(["Verein A"])
    path = tmp_path / "liste.xlsx"
    book.save(path)

    with pytest.raises(BadSpreadsheet, match="has no sheet 'Partnr'; its sheets are 'Partner'"):
        read_table(path, "Partnr")
    assert read_table(path, "Partner").rows == [["Verein A"]]


def test_a_workbook_with_no_sheet_of_the_app_points_to_adopting_it(db, tmp_path):
    book = Workbook()
    book.active.title = "Kassenbuch"
    book.active.append(["Datum", "Betrag"])
    path = tmp_path / "kasse.xlsx"
    book.save(path)

    with pytest.raises(BadSpreadsheet) as refused, db.unit() as s:
        preview(s, path)

    assert "none of its sheets is one this app exports (Organisations, Contacts" in str(
        refused.value
    )
    assert "workbook adopt FILE" in str(refused.value)


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-16", "\r\n"), ("utf-8", "\r"), ("cp1252", "\n")],
    ids=["utf-16-unicode-text", "mac-line-ends", "windows-ansi"],
)
def test_csv_in_the_encodings_and_line_ends_programs_write(tmp_path, encoding, newline):
    path = tmp_path / "partner.csv"
    lines = ["Name;Ort", "Jugendwerk Lausitz e.V.;Görlitz", "Schülerzeitung Coswig;Coswig"]
    path.write_bytes(newline.join(lines).encode(encoding))

    table = read_table(path)

    assert table.headers == ["Name", "Ort"]
    assert table.rows == [
        ["Jugendwerk Lausitz e.V.", "Görlitz"],
        ["Schülerzeitung Coswig", "Coswig"],
    ]


def test_a_csv_with_too_many_rows_is_refused_while_reading(tmp_path):
    from workbook.exchange.guard import MAX_SHEET_ROWS

    path = tmp_path / "gross.csv"
    path.write_text("Name\n" + "Verein\n" * (MAX_SHEET_ROWS + 10), encoding="utf-8")

    with pytest.raises(BadSpreadsheet, match="more than 200,000 rows"):
        read_table(path)


def test_a_text_the_spreadsheet_cut_at_its_cell_limit_is_kept_whole(db, tmp_path):
    """LibreOffice and Excel cut a text at 32,767 characters on saving: the import says so
    and keeps the whole text, instead of storing the cut one as a change."""
    from datetime import date

    from workbook import services
    from workbook.exchange.importer import CELL_LIMIT

    long_text = ("Die Partner vereinbaren, was folgt. " * 1200)[:40_000]
    with db.unit() as s:
        services.create(
            s,
            "decision",
            {"title": "Langer Text", "text": long_text, "decided_on": date(2026, 3, 1)},
        )
    path = tmp_path / "log.xlsx"
    book, sheet, header = exported_sheet(db, path, "Decisions")
    text_cell = sheet.cell(2, header.index("Text") + 1)
    text_cell.value = long_text[:CELL_LIMIT]  # as the spreadsheet program saved it
    book.save(path)

    with db.unit() as s:
        result = preview(s, path)
    row = next(r for r in result.rows if r.entity == "decision")
    assert row.status == "unchanged"
    assert any("cut this text at 32,767 characters" in w for w in row.warnings)

    sheet.cell(2, header.index("Title") + 1).value = "Langer Text (neu)"
    book.save(path)
    with db.unit() as s:
        result = preview(s, path)
    row = next(r for r in result.rows if r.entity == "decision")
    assert row.status == "changed" and [c.column for c in row.changes] == ["Title"]


def test_error_cells_numbers_in_text_fields_and_broken_files_in_plain_words(db, tmp_path):
    from tests.workbook.exchange.helpers import with_demo

    with_demo(db)
    path = tmp_path / "partner.xlsx"
    book, sheet, header = exported_sheet(db, path, "Organisations")
    cell = sheet.cell(2, header.index("Notes") + 1)
    cell.value = "#DIV/0!"  # openpyxl writes it as a spreadsheet's error cell (type "e")
    assert cell.data_type == "e"
    sheet.cell(3, header.index("Phone") + 1).value = 221987654  # a number, as Excel keeps it
    errored = tmp_path / "errored.xlsx"
    book.save(errored)

    with db.unit() as s:
        result = preview(s, errored)
    first = next(r for r in result.rows if r.sheet == "Organisations" and r.row == 2)
    assert first.status == "invalid"
    assert "shows the spreadsheet error #DIV/0!" in first.problems[0].reason
    third = next(r for r in result.rows if r.sheet == "Organisations" and r.row == 3)
    assert third.status == "changed" and third.values["phone"] == "221987654"

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(path.read_bytes()[:2000])  # cut off: a zip without its directory
    with pytest.raises(BadSpreadsheet) as refused, db.unit() as s:
        preview(s, broken)
    assert "Error" not in str(refused.value)  # no parser's own words
    assert str(refused.value).startswith("broken.xlsx: ")


#: How Excel's "Strict Open XML Spreadsheet" names what a Transitional workbook names
#: (ECMA-376 Part 1): the namespaces of the parts and the types of their relationships.
STRICT = [
    (
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
    (
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
        b"http://purl.oclc.org/ooxml/drawingml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
    ),
]


def _as_strict(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            for transitional, strict in STRICT:
                data = data.replace(transitional, strict)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
            new.writestr(item, data)
    return target


@pytest.mark.parametrize("formula", [False, True], ids=["values-only", "with-a-formula"])
def test_a_strict_open_xml_workbook_imports_with_exactly_its_edit(db, tmp_path, formula):
    from tests.workbook.exchange.helpers import with_demo

    with_demo(db)
    book, sheet, header = exported_sheet(db, tmp_path / "export.xlsx", "Contacts")
    sheet.cell(2, header.index("Role") + 1).value = "Kassenprüferin"
    if formula:  # a formula anywhere has the workbook read by openpyxl, which keeps types
        book["About"]["H1"] = "=1+1"
    book.save(tmp_path / "edited.xlsx")
    strict = _as_strict(tmp_path / "edited.xlsx", tmp_path / "Rückmeldung strict.xlsx")
    assert check_xlsx(strict).strict

    with db.unit() as s:
        result = preview(s, strict)
    changed = [r for r in result.rows if r.status == "changed"]
    assert [(r.sheet, [(c.column, c.new) for c in r.changes]) for r in changed] == [
        ("Contacts", [("Role", "Kassenprüferin")])
    ]
    assert {r.status for r in result.rows} == {"unchanged", "changed"}


def test_a_strict_open_xml_list_adopts_as_its_transitional_twin(tmp_path):
    book = Workbook()
    book.active.title = "Partner"
    book.active.append(["Name der Organisation", "PLZ", "Ort"])
    book.active.append(["Jugendwerk Lausitz e. V.", "02826", "Görlitz"])
    # an empty formatted cell in the last row, as LibreOffice leaves after a row was
    # deleted: such a sheet is read cell by cell, by openpyxl
    book.active["A1048576"].font = Font(bold=True)
    book.save(tmp_path / "partner.xlsx")
    strict = _as_strict(tmp_path / "partner.xlsx", tmp_path / "partner strict.xlsx")

    twin, read = read_table(tmp_path / "partner.xlsx"), read_table(strict)
    assert (read.sheet, read.headers, read.rows) == (twin.sheet, twin.headers, twin.rows)
    assert read.rows[0][:3] == ["Jugendwerk Lausitz e. V.", "02826", "Görlitz"]


def test_strict_names_cut_by_the_reading_chunks_are_renamed_whole():
    import io

    from workbook.exchange.guard import _renamed

    part = b"".join(
        b'<r xmlns="' + strict + b'" n="' + str(n).encode() + b'"/>'
        for n, (_, strict) in enumerate(STRICT * 3)
    )
    expected = b"".join(
        b'<r xmlns="' + transitional + b'" n="' + str(n).encode() + b'"/>'
        for n, (transitional, _) in enumerate(STRICT * 3)
    )
    for chunk_size in (1, 7, 64, 1024 * 1024):
        out = io.BytesIO()
        _renamed(io.BytesIO(part), out, chunk_size)
        assert out.getvalue() == expected, chunk_size


def test_a_csv_broken_in_its_middle_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "kaputt.csv"
    good = "Name;Ort\r\nJugendwerk;Görlitz\r\n".encode("utf-16")
    path.write_bytes(good + b"\x00\xd8\x41\x00")  # half a surrogate pair, then "A"
    with pytest.raises(BadSpreadsheet) as refused:
        read_table(path)
    assert refused.value.why == "csv_line"
    assert refused.value.message.startswith("kaputt.csv: line 3 cannot be read as CSV")
