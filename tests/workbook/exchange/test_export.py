"""The exported workbook as a spreadsheet user sees it, read back with openpyxl."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from tests.workbook.exchange.helpers import with_demo
from workbook import services
from workbook.exchange import layout
from workbook.exchange.csv_export import export_csv
from workbook.exchange.xlsx_export import export_xlsx


@pytest.fixture
def exported(db, tmp_path):
    with_demo(db)
    path = tmp_path / "alliance.xlsx"
    with db.unit() as s:
        written = export_xlsx(s, path)
    return path, written


def test_one_sheet_per_entity_with_about_first(exported):
    path, written = exported
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "About",
        "Organisations",
        "Contacts",
        "Partnerships",
        "Goals",
        "Progress",
        "Evaluations",
        "Meetings",
        "Decisions",
        "Conflicts",
        "Conflict steps",
        "Exported rows",
    ]
    # the list of rows exported, how a row the partner deleted is known, is out of sight
    assert wb["Exported rows"].sheet_state == "veryHidden"
    assert wb["Exported rows"].max_row == 1 + sum(written.values())
    assert written["Decisions"] == 30 and written["Organisations"] == 15
    about = wb["About"]
    assert about["A1"].value == "Alliance Workbook — Demokratie Leben Rheinland e.V."
    texts = [c.value for row in about.iter_rows() for c in row if c.value]
    assert any("send the file back" in str(t) for t in texts)
    assert any("The decisions log" in str(t) and "(30 rows)" in str(t) for t in texts)


def test_sheet_format_header_dates_dropdowns_and_protected_ids(exported):
    path, _ = exported
    ws = load_workbook(path)["Decisions"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Number (read only)", "Title", "Decided on"]
    assert header[-3:] == ["ID", "Version", "Checksum"]
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1D3557")
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref.startswith("A1:")
    decided = ws.cell(row=2, column=3)
    assert isinstance(decided.value, datetime) and decided.number_format == "yyyy-mm-dd"
    status_col = header.index("Status") + 1
    validations = ws.data_validations.dataValidation
    status_rule = next(
        v for v in validations if f"{ws.cell(2, status_col).column_letter}2" in str(v.sqref)
    )
    assert status_rule.formula1 == '"Proposed,Adopted,Rejected,Superseded"'  # words, not codes
    id_col = header.index("ID") + 1
    letter = ws.cell(1, id_col).column_letter
    assert ws.column_dimensions[letter].hidden
    # the header is locked; every cell below it, IDs too, is not, so a partner can delete
    # a row under the sheet's protection (which allows deleting rows)
    assert ws.protection.sheet and ws.protection.deleteRows is False
    assert ws.cell(1, id_col).protection.locked
    assert not ws.cell(2, id_col).protection.locked
    assert not ws.cell(2, 2).protection.locked  # titles are editable
    assert ws.column_dimensions["D"].width >= 40  # long text gets room ...
    assert ws.cell(2, 4).alignment.wrap_text  # ... and wraps


def test_each_sheet_s_range_ends_at_its_last_column_though_the_columns_right_are_open(exported):
    """The columns right of the data are unlocked by their format; the sheet's used range
    (what a reader pads every row to, and what the writer walks for every row it writes)
    still ends at the checksum column, not at the 16,384th."""
    path, _ = exported
    header = [c.value for c in load_workbook(path)["Decisions"][1]]
    streamed = load_workbook(path, read_only=True)
    for name in ("Organisations", "Decisions", "Conflicts"):
        sheet = streamed[name]
        first_row = next(sheet.iter_rows(max_row=1, values_only=True))
        assert sheet.calculate_dimension().split(":")[1].rstrip("0123456789") == (
            get_column_letter(len(first_row))
        )
        assert first_row[-1] == "Checksum"
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Decisions").to_python()
    assert {len(row) for row in rows} == {len(header)}
    full = load_workbook(path)["Decisions"]
    right = len(header) + 1
    opened = [d for d in full.column_dimensions.values() if d.min <= right <= d.max]
    assert opened and opened[0].max == 16_384 and not opened[0].protection.locked


def test_relations_are_readable_names(exported, db):
    path, _ = exported
    ws = load_workbook(path)["Contacts"]
    header = [c.value for c in ws[1]]
    organisations = {ws.cell(r, header.index("Organisation") + 1).value for r in range(2, 42)}
    assert "Radio Rheinwelle" in organisations


def test_no_cell_is_ever_a_formula(db, tmp_path):
    nasty = ["=1+1", "+49 221 1234", "-2", "@SUM(A1)", "\tTab", '=HYPERLINK("http://x")']
    with db.unit() as s:
        for index, text in enumerate(nasty):
            services.create(
                s,
                "organisation",
                {"name": text.strip() or "x", "kind": "ngo", "notes": text + f" #{index}"},
            )
    path = tmp_path / "nasty.xlsx"
    with db.unit() as s:
        export_xlsx(s, path)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    names = [c.value for c in wb["Organisations"]["A"][1:7]]
    assert "=1+1" in names and "@SUM(A1)" in names


def test_partner_sheet_holds_only_one_partnership(db, tmp_path):
    with_demo(db)
    with db.unit() as s:
        partnership = services.list_rows(s, "partnership", search="Demokratie macht Schule")[0]
        path = tmp_path / "partner.xlsx"
        written = export_xlsx(s, path, partnership_ids={partnership.id})
        members = services.count_rows(s, "organisation", filters={"partnership": partnership.id})
    assert written["Partnerships"] == 1 and written["Organisations"] == members == 4
    wb = load_workbook(path)
    titles = [c.value for c in wb["Goals"]["B"][1:] if c.value]
    assert titles and set(titles) == {"Demokratie macht Schule"}
    assert "What concerns: Demokratie macht Schule" in str(wb["About"]["B3"].value)


def test_csv_export_with_bom_and_formula_guard(db, tmp_path):
    with db.unit() as s:
        services.create(
            s,
            "decision",
            {"title": "=cmd|' /C calc'!A0", "text": "Müller & Søn", "decided_on": date(2026, 3, 1)},
        )
        path = tmp_path / "decisions.csv"
        assert export_csv(s, "decision", path, bom=True) == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and "Müller & Søn" in text
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["Number (read only)", "Title", "Decided on"]


def test_a_failed_export_leaves_no_open_sheet_writers(db, tmp_path):
    import gc

    from workbook.exchange.xlsx_export import export_xlsx

    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner")
    with db.unit() as s, pytest.raises(OSError):
        export_xlsx(s, blocker / "export.xlsx")  # its folder is a file
    gc.collect()  # an unfinished sheet writer would now complain "I/O operation on closed file"


def test_text_longer_than_excel_shows_is_written_whole_and_comes_back(db, tmp_path):
    from workbook.exchange.importer import preview

    description = ("Die Schlichtung dauerte lange. " * 1400)[:45_000].strip()
    with db.unit() as s:
        services.create(
            s,
            "conflict",
            {"title": "Langer Streit", "description": description, "raised_on": date(2026, 1, 5)},
        )
        path = tmp_path / "long.xlsx"
        export_xlsx(s, path, entities=["conflict"])
    ws = load_workbook(path)["Conflicts"]
    column = [c.value for c in ws[1]].index("Description") + 1
    assert ws.cell(2, column).value == description
    with db.unit() as s:
        assert {r.status for r in preview(s, path).rows} == {"unchanged"}


def test_a_cancelled_export_leaves_no_file_and_no_scratch_files(db, tmp_path, monkeypatch):
    import tempfile

    from workbook.domain.progress import Cancelled, Progress

    with_demo(db)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    progress = Progress()
    seen = []

    def update(done, total=None, message=None):
        seen.append(done)
        if len(seen) == 3:  # the first sheets are written, then the user cancels
            progress.cancel()
        Progress.update(progress, done, total, message)

    progress.update = update  # type: ignore[method-assign]
    out = tmp_path / "out"
    with db.unit() as s, pytest.raises(Cancelled):
        export_xlsx(s, out / "alliance.xlsx", progress=progress)
    assert len(seen) == 3 and list(out.iterdir()) == []  # no file, no temp file beside it
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("scope", ["everything", "one partnership"])
def test_every_row_of_every_sheet_says_what_its_record_says(db, scope, monkeypatch):
    """Sheets are read from the tables in batches, without records: each row must still hold
    exactly what its record reads (the checksum that brings edits back depends on it)."""
    monkeypatch.setattr(layout, "ROW_BATCH", 2)  # many batches, each with its related values
    with_demo(db)
    with db.unit() as s:
        partnerships = None
        if scope == "one partnership":
            partnerships = {services.list_rows(s, "partnership", search="Demokratie")[0].id}
        lookups = layout.Lookups(s)
        for sheet in layout.all_sheets():
            rows = list(sheet.source.rows(s, partnerships, lookups))
            assert rows or partnerships, sheet.title
            assert len(rows) == sheet.source.count(s, partnerships)
            for ident, version, values in rows:
                record = s.get(sheet.source.model, ident)
                assert (version, values) == (record.version, sheet.read(record, lookups))
        organisations = layout.entity_sheet("organisation").source.rows(s, None, lookups)
        tags = [v["strengths"] + v["networks"] for _i, _v, v in organisations]
        assert max(map(len, tags)) >= 2  # the tags' order is checked too


def test_csv_opened_with_the_other_separator_holds_no_formula_and_adopts_back(db, tmp_path):
    """German Excel opens a comma file at ';': no field may then become a formula cell; phone
    numbers stay as typed; the app's own CSV adopts back unchanged."""
    from workbook.exchange.adopt import read_table

    with db.unit() as s:
        services.create(
            s,
            "organisation",
            {
                "name": "Verein A",
                "kind": "ngo",
                "notes": "a;=1+1 und b,@SUM(A1)",
                "phone": "+49 221 987654",
            },
        )
        path = tmp_path / "organisations.csv"
        export_csv(s, "organisation", path)
    text = path.read_text(encoding="utf-8")
    for separator in (",", ";"):
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=separator) for c in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@")) and "9876" not in c]
    assert '"+49 221 987654"' in text  # plainly data: no apostrophe

    table = read_table(path)
    row = dict(zip(table.headers, table.rows[0], strict=False))
    assert row["Notes"] == "a;=1+1 und b,@SUM(A1)" and row["Phone"] == "+49 221 987654"
