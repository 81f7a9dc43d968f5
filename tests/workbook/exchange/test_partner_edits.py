"""The workbook a partner edits in LibreOffice comes back with exactly the partner's edits:
a row deleted under the sheet's protection, a cell changed, saved as .xlsx or as .ods."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.libreoffice import Partner
from tests.workbook.exchange.helpers import snapshot, with_demo
from workbook import services
from workbook.exchange.importer import DELETED, apply, preview
from workbook.exchange.xlsx_export import export_xlsx


@pytest.fixture(scope="module")
def partner(tmp_path_factory) -> Partner:
    return Partner(tmp_path_factory.mktemp("libreoffice"))


def _exported(db, path):
    with db.unit() as s:
        export_xlsx(s, path)
    sheet = load_workbook(path, read_only=True)["Contacts"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return path, header, rows


def _changes(result):
    return sorted(
        (r.sheet, r.status, r.label, tuple((c.column, c.new) for c in r.changes))
        for r in result.rows
        if r.status != "unchanged"
    )


@pytest.mark.parametrize(
    ("suffix", "guard"),
    [(".xlsx", "keep"), (".ods", "keep"), (".xlsx", "unprotect"), (".xlsx", "reprotect")],
    ids=["xlsx", "ods", "xlsx-unprotected", "xlsx-unprotected-and-protected-again"],
)
@pytest.mark.slow
def test_a_row_deleted_and_a_cell_changed_in_libreoffice_come_back_as_such(
    sqlite_db, tmp_path, partner, suffix, guard
):
    db = sqlite_db  # the exchange is the same on both backends (test_import runs both)
    with_demo(db)
    path, header, rows = _exported(db, tmp_path / "partner.xlsx")
    gone, edited = rows[2], rows[5]  # rows 3 and 6 of the sheet
    role = header.index("Role") + 1
    back = partner.edit(
        path,
        tmp_path / f"back{suffix}",
        sheet="Contacts",
        delete_row=3,
        cell=(role, 5),  # row 6 moved up to 5 when row 3 went
        text="Schatzmeisterin",
        guard=guard,
    )
    assert back.protected and back.locked_in_deleted_row == 0  # a person could delete it
    assert back.protected_after == (guard != "unprotect")
    before = snapshot(db)
    with db.unit() as s:
        result = preview(s, back.path)
    assert _changes(result) == sorted(
        [
            ("Contacts", DELETED, gone[0], ()),
            ("Contacts", "changed", edited[0], (("Role", "Schatzmeisterin"),)),
        ]
    )
    assert result.notices == []
    assert snapshot(db) == before
    deleted = next(r for r in result.rows if r.status == DELETED)
    assert deleted.key not in result.default_accepted()  # never deleted without a yes
    assert [w.why for w in deleted.warnings] == ["deleted_in_file"]  # worded in the UI's language

    with db.unit() as s:
        counts = apply(s, result, result.default_accepted())
    assert counts == {"added": 0, "changed": 1, "overwritten": 0, "deleted": 0}
    with db.unit() as s:
        assert services.get(s, "contact", deleted.record_id).name == gone[0]

    with db.unit() as s:  # the partner's deletion, taken when asked for
        again = preview(s, back.path)
    with db.unit() as s:
        counts = apply(s, again, {r.key for r in again.rows if r.status == DELETED})
    assert counts["deleted"] == 1
    with db.unit() as s:
        from workbook.services import trash

        assert [i.record_id for i in trash.items(s)] == [deleted.record_id]


@pytest.mark.slow
def test_a_partner_adds_a_record_under_the_data_in_libreoffice_with_the_sheet_protected(
    sqlite_db, tmp_path, partner
):
    """No empty cells are written under the data: the columns' own formats leave every row
    below editable, however far down (a locked cell in a row would also forbid deleting it)."""
    db = sqlite_db
    with_demo(db)
    path = tmp_path / "partner.xlsx"
    with db.unit() as s:
        export_xlsx(s, path)
    rows = list(load_workbook(path, read_only=True)["Organisations"].iter_rows(values_only=True))
    back = partner.edit(
        path,
        tmp_path / "back.xlsx",
        sheet="Organisations",
        delete_row=len(rows) + 500,  # far below the data: nothing there is locked
        cell=(rows[0].index("Name") + 1, len(rows) + 1),  # the first row under the data
        text="Verein Neue Nachbarschaft",
    )
    assert back.protected and back.protected_after
    assert back.locked_in_deleted_row == 0
    with db.unit() as s:
        result = preview(s, back.path)
    (added,) = [r for r in result.rows if r.status != "unchanged"]
    assert (added.label, added.row) == ("Verein Neue Nachbarschaft", len(rows) + 1)
    # read as a new organisation: the one thing it lacks is said, at its place
    assert [(p.sheet, p.row, p.column, p.reason) for p in added.problems] == [
        ("Organisations", len(rows) + 1, "Kind", "is required")
    ]


def test_a_missing_sheet_is_not_taken_as_every_row_deleted(db, tmp_path):
    with_demo(db)
    path, _header, _rows = _exported(db, tmp_path / "partner.xlsx")
    book = load_workbook(path)
    del book["Decisions"]  # the partner kept only what concerned them
    book["Progress"].delete_rows(2)  # and removed a measurement
    book.save(path)
    with db.unit() as s:
        result = preview(s, path)
    assert [r for r in result.rows if r.status != "unchanged"] == []
    assert any("'Decisions' is missing" in n for n in result.notices)
    assert any("'Progress': 1 row(s) deleted" in n for n in result.notices)


def test_the_command_line_deletes_only_when_told(sqlite_db, tmp_path):
    from tests.commands import run_at

    with_demo(sqlite_db)
    path, _header, rows = _exported(sqlite_db, tmp_path / "partner.xlsx")
    book = load_workbook(path)
    book["Contacts"].delete_rows(4)
    book.save(path)
    location = str(sqlite_db.file)
    sqlite_db.close()

    def workbook(*args: str) -> str:
        done = run_at(location, "import", str(path), *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    shown = workbook()
    assert f"Contacts a deleted row [deleted] {rows[3][0]}" in shown
    assert "Imported: 0 added, 0 changed, 0 overwritten, 0 deleted" in workbook("--apply")
    assert "1 deleted" in workbook("--apply", "--delete-deleted")
