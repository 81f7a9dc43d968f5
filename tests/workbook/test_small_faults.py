"""Smaller faults of the data-safety review, each as a user met it."""

from __future__ import annotations

import os
import time
from datetime import date

import pytest

from tests.workbook import factories
from tests.workbook.exchange.helpers import exported_sheet
from tests.workbook.test_cli import run
from workbook import services
from workbook.domain.errors import ValidationError
from workbook.exchange.importer import INVALID, preview
from workbook.services.fields import MAX_ENTRIES
from workbook.store import backup


def test_decisions_superseding_each_other_in_a_circle_are_refused_in_the_preview(db, tmp_path):
    with db.unit() as s:
        first = factories.decision(s, "Erster Beschluss", decided_on="2026-03-01")
        second = factories.decision(s, "Zweiter Beschluss", decided_on="2026-03-01")
        first_number, second_number = first.number, second.number
    path = tmp_path / "log.xlsx"
    book, sheet, header = exported_sheet(db, path, "Decisions")
    for cells in sheet.iter_rows(min_row=2):
        title = cells[header.index("Title")].value
        if title in ("Erster Beschluss", "Zweiter Beschluss"):
            other = second_number if title == "Erster Beschluss" else first_number
            cells[header.index("Supersedes")].value = other
    book.save(path)

    with db.unit() as s:
        result = preview(s, path)

    invalid = [r for r in result.rows if r.status == INVALID]
    assert sorted(r.label for r in invalid) == [
        f"{first_number} Erster Beschluss",
        f"{second_number} Zweiter Beschluss",
    ]
    assert all("in a circle" in r.problems[0].reason for r in invalid)
    assert all(r.problems[0].column == "Supersedes" for r in invalid)


def test_adopting_a_file_whose_every_row_is_invalid_fails(sqlite_db, tmp_path):
    sheet = tmp_path / "partner.csv"
    sheet.write_text("Name;E-Mail\n;keine-adresse\n;auch-keine\n", encoding="utf-8")
    path = sqlite_db.file
    sqlite_db.close()

    result = run("adopt", str(sheet), "--apply", db=path, check=False)

    assert result.returncode == 1
    assert "Nothing was adopted: every row" in result.stderr and "Traceback" not in result.stderr


def test_a_csv_field_of_a_megabyte_is_refused_by_its_column_not_by_a_traceback(sqlite_db, tmp_path):
    sheet = tmp_path / "partner.csv"
    sheet.write_text("Name;Notizen\nVerein A;" + "x" * 1_000_000 + "\n", encoding="utf-8")

    result = run("adopt", str(sheet), db=sqlite_db.file, check=False)

    assert "Traceback" not in result.stderr and "_csv.Error" not in result.stderr
    assert "row 2 [invalid]" in result.stdout and "longer than" in result.stdout


def test_a_list_of_more_entries_than_any_association_has_is_refused_at_once(db):
    with db.unit() as s:
        people = [
            services.create(s, "contact", {"name": f"Person {n}"}).id
            for n in range(MAX_ENTRIES + 1)
        ]
    started = time.monotonic()
    with (
        pytest.raises(ValidationError, match=f"has more than {MAX_ENTRIES} entries"),
        db.unit() as s,
    ):
        services.create(
            s, "meeting", {"title": "Riesig", "held_on": date(2026, 5, 4), "attendee_ids": people}
        )
    assert time.monotonic() - started < 30  # refused before anything is written


def test_an_abandoned_half_copy_is_removed_by_the_next_backup(sqlite_db):
    folder = backup.backup_dir(sqlite_db.file)
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / ".workbook-20261201-101010-000000-manual.sqlite.partial"
    left.write_bytes(b"\0" * 4096)
    hour_ago = time.time() - 3600
    os.utime(left, (hour_ago, hour_ago))

    backup.create_backup(sqlite_db.file, "manual")

    assert not left.exists()


def test_imports_tried_in_a_row_share_one_backup_until_something_is_written(sqlite_db):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein A")
    first = backup.before_import(sqlite_db)
    again = backup.before_import(sqlite_db)
    assert again.path == first.path
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein B")
    third = backup.before_import(sqlite_db)
    assert third.path != first.path and third.counts["organisations"] == 2
