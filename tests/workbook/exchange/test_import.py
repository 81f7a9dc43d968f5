"""Importing workbooks sent back: preview of every change, conflicts, duplicates, errors, apply."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from tests.workbook.exchange.helpers import snapshot, with_demo
from workbook import services
from workbook.exchange.importer import ImportFailed, apply, preview
from workbook.exchange.xlsx_export import export_xlsx


def export(db, path, **kw):
    with db.unit() as s:
        export_xlsx(s, path, **kw)
    return path


def read(db, path):
    with db.unit() as s:
        return preview(s, path)


def by_status(result, status):
    return [r for r in result.rows if r.status == status]


def header(ws):
    return [c.value for c in ws[1]]


def test_export_then_import_unchanged(db, tmp_path):
    with_demo(db)
    path = export(db, tmp_path / "a.xlsx")
    before = snapshot(db)
    result = read(db, path)
    assert result.notices == []
    assert {r.status for r in result.rows} == {"unchanged"}
    assert len(result.rows) == 15 + 40 + 4 + 12 + 30 + 4 + 8 + 30 + 5 + 11
    assert snapshot(db) == before


def test_changes_are_previewed_field_by_field_and_applied(db, tmp_path):
    with_demo(db)
    path = export(db, tmp_path / "a.xlsx")
    wb = load_workbook(path)
    ws = wb["Goals"]
    cols = header(ws)
    ws.cell(2, cols.index("Target") + 1).value = 999
    ws.cell(2, cols.index("Status") + 1).value = "achieved"
    title = ws.cell(2, cols.index("Title") + 1).value
    wb["Progress"].append([title, "24.11.2026", "12,5", "gemeldet vom Partner"])
    wb.save(path)
    before = snapshot(db)
    result = read(db, path)
    changed = by_status(result, "changed")
    assert [(r.sheet, r.label) for r in changed] == [("Goals", title)]
    assert {(c.column, c.new) for c in changed[0].changes} == {
        ("Target", "999.0"),
        ("Status", "achieved"),
    }
    new = by_status(result, "new")
    assert [(r.sheet, r.values["value"], r.values["recorded_on"]) for r in new] == [
        ("Progress", 12.5, date(2026, 11, 24))
    ]
    assert snapshot(db) == before  # preview wrote nothing
    with db.unit() as s:
        counts = apply(s, result, result.default_accepted())
    assert counts == {"added": 1, "changed": 1, "overwritten": 0, "deleted": 0}
    with db.unit() as s:
        goal = services.get(s, "goal", changed[0].record_id)
        added = next(u for u in goal.progress if u.recorded_on == date(2026, 11, 24))
        assert (goal.target, goal.status, added.note) == (
            999.0,
            "achieved",
            "gemeldet vom Partner",
        )
    assert {r.status for r in read(db, path).rows} <= {"unchanged", "new"}


def test_edited_on_both_sides_is_a_conflict_never_silently_overwritten(db, tmp_path):
    with db.unit() as s:
        org_id = services.create(s, "organisation", {"name": "Verein", "kind": "ngo"}).id
        services.create(s, "organisation", {"name": "Schule", "kind": "school"})
    path = export(db, tmp_path / "a.xlsx")
    with db.unit() as s:  # someone edits in the app after the export
        services.update(s, "organisation", org_id, {"name": "Verein (App)"})
    wb = load_workbook(path)
    ws = wb["Organisations"]
    row = next(r for r in range(2, 4) if ws.cell(r, 1).value == "Verein")
    ws.cell(row, 1).value = "Verein (Partner)"
    other = 5 - row
    ws.cell(other, 1).value = "Schule (Partner)"  # changed only in the file
    wb.save(path)
    result = read(db, path)
    conflict = by_status(result, "conflict")
    assert [r.label for r in conflict] == ["Verein (App)"]
    assert conflict[0].changes[0].old == "Verein (App)"
    assert conflict[0].changes[0].new == "Verein (Partner)"
    assert [r.values for r in by_status(result, "changed")] == [{"name": "Schule (Partner)"}]
    with db.unit() as s:
        apply(s, result, result.default_accepted())
    with db.unit() as s:
        assert services.get(s, "organisation", org_id).name == "Verein (App)"


def test_row_unchanged_in_file_but_changed_in_app_is_not_reverted(db, tmp_path):
    with db.unit() as s:
        org_id = services.create(s, "organisation", {"name": "Alt", "kind": "ngo"}).id
    path = export(db, tmp_path / "a.xlsx")
    with db.unit() as s:
        services.update(s, "organisation", org_id, {"name": "Neu"})
    result = read(db, path)
    assert [r.status for r in result.rows] == ["unchanged"]
    assert "ignored" in result.rows[0].warnings[0]


def test_duplicates_are_flagged(db, tmp_path):
    with db.unit() as s:
        services.create(
            s,
            "organisation",
            {"name": "Radio Rheinwelle", "kind": "media", "email": "info@rw.example"},
        )
    path = export(db, tmp_path / "a.xlsx")
    wb = load_workbook(path)
    ws = wb["Organisations"]
    ws.append(["radio rheinwelle", "media"])
    ws.append(["Anderer Name", "ngo", None, None, None, "INFO@rw.example"])
    ws.append(["Neu e.V.", "ngo"])
    ws.append(["Neu e.V.", "ngo"])
    wb.save(path)
    new = by_status(read(db, path), "new")
    warnings = {r.label: r.warnings for r in new if r.warnings}
    assert "same name" in warnings["radio rheinwelle"][0]
    assert "same email" in warnings["Anderer Name"][0]
    assert any("looks like row" in w for w in warnings["Neu e.V."])


def test_every_problem_names_sheet_row_column_value_and_reason(db, tmp_path):
    path = tmp_path / "partner.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Decisions"
    ws.append(["Title", "Decided on", "Text", "Votes for", "Status", "Partnership", "Colour"])
    ws.append(["Gut", "2026-01-05", "Text", 3, "adopted", None, "rot"])
    ws.append(["Datum kaputt", "31.02.2026", "Text", None, None, None, None])
    ws.append(["Stimmen", "2026-01-05", "Text", "viele", "beschlossen", "Gibt es nicht", None])
    ws.append(["Formel", "=TODAY()", "Text", None, None, None, None])
    ws.append([None, None, None, None, None, None, None])  # empty rows are skipped
    ws.append(["Konsens mit Stimmen", "2026-01-05", "Text", 3, "adopted", None, None])
    wb.create_sheet("Kassenbuch").append(["Betrag"])
    wb.save(path)
    ws.cell(7, 1)
    result = read(db, path)
    assert any("'Kassenbuch' is not one this app knows" in n for n in result.notices)
    assert any("'Colour' is not a column this app knows" in n for n in result.notices)
    problems = [p.message for r in result.rows for p in r.problems]
    assert (
        "sheet 'Decisions', row 3, column 'Decided on': value '31.02.2026': expected a date"
        in problems[0]
    )
    assert any(
        "row 4, column 'Votes for': value 'viele': expected a whole number" in p for p in problems
    )
    assert any("row 4, column 'Status': value 'beschlossen': must be one of" in p for p in problems)
    assert any(
        "row 4, column 'Partnership': value 'Gibt es nicht': there is no partnership" in p
        for p in problems
    )
    assert any("row 5, column 'Decided on'" in p and "is a formula" in p for p in problems)
    assert [r.row for r in by_status(result, "new")] == [2, 7]


def test_rules_across_fields_show_in_the_preview(db, tmp_path):
    path = tmp_path / "c.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Conflicts"
    ws.append(["Title", "Raised on", "Status"])
    ws.append(["Ohne Lösung", "2026-01-01", "resolved"])
    wb.save(path)
    result = read(db, path)
    assert [r.status for r in result.rows] == ["invalid"]
    assert "needs a resolution text" in result.rows[0].problems[0].reason


def _many_organisations(path, count):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Organisations")
    ws.append(["Name", "Kind"])
    for index in range(count):
        ws.append([f"Verein {index}", "ngo"])
    wb.save(path)


@pytest.mark.slow
def test_apply_is_all_or_nothing_among_ten_thousand_rows(db, tmp_path):
    path = tmp_path / "many.xlsx"
    _many_organisations(path, 10_000)
    result = read(db, path)
    assert len(by_status(result, "new")) == 10_000
    before = snapshot(db)
    # A row broken after the preview (as if the file changed under us) stops the whole import.
    result.rows[9_000].values["kind"] = "club"
    with pytest.raises(ImportFailed) as caught, db.unit() as s:
        apply(s, result, result.default_accepted())
    assert "row 9002" in caught.value.message and "column 'Kind'" in caught.value.message
    assert snapshot(db) == before


def test_a_failure_while_writing_rolls_back_every_row(db, tmp_path, monkeypatch):
    from workbook.domain.errors import KnownError
    from workbook.exchange import importer

    path = tmp_path / "some.xlsx"
    _many_organisations(path, 300)
    result = read(db, path)
    before = snapshot(db)
    real_create, calls = importer.create, []

    def failing_create(session, entity, values):
        calls.append(entity)
        if len(calls) == 250:  # the disk fills up, say, after 249 rows were written
            raise KnownError("disk full")
        return real_create(session, entity, values)

    monkeypatch.setattr(importer, "create", failing_create)
    with pytest.raises(ImportFailed, match="disk full"), db.unit() as s:
        apply(s, result, result.default_accepted())
    assert len(calls) == 250
    assert snapshot(db) == before


def test_a_file_resaved_by_libreoffice_shows_exactly_the_edits(db, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice (libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed (CI installs it)")
    with_demo(db)
    path = export(db, tmp_path / "a.xlsx")
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = out / "a.xlsx"
    assert {r.status for r in read(db, resaved).rows} == {"unchanged"}
    wb = load_workbook(resaved)
    ws = wb["Contacts"]
    cols = header(ws)
    ws.cell(3, cols.index("Role") + 1).value = "Schatzmeisterin"
    name = ws.cell(3, cols.index("Name") + 1).value
    wb.save(resaved)
    result = read(db, resaved)
    changed = [r for r in result.rows if r.status != "unchanged"]
    assert [(r.sheet, r.label, [(c.column, c.new) for c in r.changes]) for r in changed] == [
        ("Contacts", name, [("Role", "Schatzmeisterin")])
    ]


def test_rows_written_together_each_keep_their_history_and_search(db, tmp_path):
    """Updates of an import's batch are flushed at once; each record still gets its own
    history entry, version and search document."""
    from workbook.exchange import importer
    from workbook.store.history import history_of
    from workbook.store.search import search

    with_demo(db)
    path = export(db, tmp_path / "a.xlsx", entities=["organisation"])
    wb = load_workbook(path)
    ws = wb["Organisations"]
    notes = header(ws).index("Notes") + 1
    for row in range(2, 17):
        ws.cell(row, notes).value = f"Zaunkönigprojekt {row}"
    wb.save(path)
    result = read(db, path)
    assert len(by_status(result, "changed")) == 15
    from tests.workbook.test_bulk import statements

    with statements(db) as seen, db.unit() as s:
        counts = apply(s, result, result.default_accepted())
    updates = [st for st in seen if st.startswith("UPDATE organisations")]
    assert counts["changed"] == 15 and len(updates) == 1  # one batch: one UPDATE
    with db.unit() as s:
        organisations = {r.cells[0]: r for r in services.list_rows(s, "organisation", limit=100)}
        assert {hit.label for hit in search(s, "zaunkonigprojekt")} == set(organisations)
        for row in by_status(result, "changed"):
            entries = [e for e in history_of(s, row.record_id) if e.field == "notes"]
            assert entries[-1].new_value.startswith("Zaunkönigprojekt")
            assert services.get(s, "organisation", row.record_id).version == row.version + 1
    assert importer.APPLY_BATCH >= 15


def _filled(ws) -> list[int]:  # type: ignore[no-untyped-def]
    ident = header(ws).index("ID") + 1
    return [row for row in range(2, ws.max_row + 1) if ws.cell(row, ident).value]


def test_a_preview_and_apply_over_many_batches_check_and_write_every_row(db, tmp_path, monkeypatch):
    """Organisations are checked field by field without their records, decisions against
    theirs (a rule across fields); a broken row in a later batch is the one refused."""
    from workbook.exchange import importer

    monkeypatch.setattr(importer, "APPLY_BATCH", 4)
    with_demo(db)
    path = export(db, tmp_path / "a.xlsx", entities=["organisation", "decision"])
    wb = load_workbook(path)
    organisations, decisions = wb["Organisations"], wb["Decisions"]
    notes = header(organisations).index("Notes") + 1
    for row in _filled(organisations):
        organisations.cell(row, notes).value = f"Zaunkönig {row}"
    columns = header(decisions)
    title, review = columns.index("Title") + 1, columns.index("Review on") + 1
    *_rows, last = _filled(decisions)
    assert last > 2 * importer.APPLY_BATCH + 1
    for row in _filled(decisions):
        decisions.cell(row, title).value = f"Beschluss {row}"
    decisions.cell(last, review).value = date(1990, 1, 1)  # before it was decided
    wb.save(path)
    result = read(db, path)
    (broken,) = by_status(result, "invalid")
    assert (broken.sheet, broken.row, broken.problems[0].column) == ("Decisions", last, "Review on")
    changed = by_status(result, "changed")
    assert len(changed) == len(_filled(organisations)) + len(_filled(decisions)) - 1
    with db.unit() as s:
        counts = apply(s, result, {row.key for row in changed})
    assert counts["changed"] == len(changed)
    with db.unit() as s:
        for row in changed:
            record = services.get(s, row.entity, row.record_id)
            if row.entity == "organisation":
                assert record.notes == f"Zaunkönig {row.row}"
            else:
                assert record.title == f"Beschluss {row.row}"
            assert record.version == row.version + 1


def test_namesakes_in_an_unedited_export_import_back_unchanged(db, tmp_path):
    """Two people called Anna Schmitz: the meeting one of them attended keeps her, by id."""
    with db.unit() as s:
        first = services.create(s, "contact", {"name": "Anna Schmitz", "email": "a@one.example"})
        services.create(s, "contact", {"name": "Anna Schmitz", "email": "a@two.example"})
        services.create(
            s,
            "meeting",
            {"title": "Treffen", "held_on": date(2026, 5, 4), "attendee_ids": [first.id]},
        )
        services.create(s, "meeting", {"title": "Ohne sie", "held_on": date(2026, 5, 5)})
    path = export(db, tmp_path / "a.xlsx")

    result = read(db, path)
    assert {r.status for r in result.rows} == {"unchanged"}

    wb = load_workbook(path)  # the partner adds "Anna Schmitz" to the other meeting
    ws = wb["Meetings"]
    cols = header(ws)
    for cells in ws.iter_rows(min_row=2):
        if cells[cols.index("Title")].value == "Ohne sie":
            cells[cols.index("Attendees")].value = "Anna Schmitz"
    wb.save(path)
    result = read(db, path)
    invalid = by_status(result, "invalid")
    assert [r.label for r in invalid] == ["Ohne sie"]
    assert "more than one contact is called 'Anna Schmitz'" in invalid[0].problems[0].reason
    assert {r.status for r in result.rows if r.label != "Ohne sie"} == {"unchanged"}


@pytest.mark.slow
def test_an_unedited_export_of_a_lifetime_imports_back_unchanged(sqlite_db, tmp_path):
    """A generated lifetime (at a hundredth of its scale): namesakes, shared titles and all."""
    from workbook.lifetime import generate

    with sqlite_db.unit() as s:
        made = generate(s, scale=0.01, seed=3)
    assert made["meetings"] >= 300 and made["contacts"] >= 500
    path = export(sqlite_db, tmp_path / "lifetime.xlsx")

    result = read(sqlite_db, path)

    assert [(r.sheet, r.row, r.problems) for r in result.rows if r.status != "unchanged"] == []
    assert result.notices == []


def test_organisations_renamed_together_are_found_by_their_contacts_and_partnerships(db, tmp_path):
    """A batch of renamed organisations: their contacts' and partnerships' search documents
    name them by the new names (each document names its organisations)."""
    from sqlalchemy import select

    from workbook.domain.models import Contact, PartnershipPartner
    from workbook.store.search import search

    with_demo(db)
    path = export(db, tmp_path / "a.xlsx", entities=["organisation"])
    wb = load_workbook(path)
    ws = wb["Organisations"]
    name, ident = header(ws).index("Name") + 1, header(ws).index("ID") + 1
    renamed = {}
    for row in _filled(ws):
        renamed[ws.cell(row, ident).value.replace("-", "")] = f"Zaunkönig {row}"
        ws.cell(row, name).value = f"Zaunkönig {row}"
    wb.save(path)
    result = read(db, path)
    assert len(by_status(result, "changed")) == len(renamed) > 2
    with db.unit() as s:
        apply(s, result, result.default_accepted())
    with db.unit() as s:
        contacts = {
            c.id: c.name for c in s.scalars(select(Contact)) if c.organisation_id is not None
        }
        partnerships = set(s.scalars(select(PartnershipPartner.partnership_id)))
        assert contacts and partnerships
        found = {(hit.entity, hit.record_id) for hit in search(s, "zaunkonig", limit=500)}
    assert {("contact", i) for i in contacts} <= found
    assert {("partnership", i) for i in partnerships} <= found


def test_new_rows_are_written_together_each_with_its_history_and_search(db, tmp_path):
    """New contacts of a batch go in at once: one INSERT, their organisation read once for
    the batch (not once per row to check the link), each with its history and document."""
    from sqlalchemy import select

    from tests.workbook.test_bulk import statements
    from workbook.domain.models import Contact
    from workbook.store.history import history_of
    from workbook.store.search import search

    with db.unit() as s:
        services.create(s, "organisation", {"name": "Verein Zaunkönig", "kind": "ngo"})
    path = export(db, tmp_path / "a.xlsx", entities=["contact"])
    wb = load_workbook(path)
    ws = wb["Contacts"]
    columns = header(ws)
    for i in range(1, 41):
        row = {"Name": f"Person {i}", "Organisation": "Verein Zaunkönig", "Role": "Mitglied"}
        ws.append([row.get(h) for h in columns])
    ws.cell(41, columns.index("Email") + 1).value = "kaputt"  # row 41: person 40
    wb.save(path)
    result = read(db, path)
    (broken,) = by_status(result, "invalid")
    assert (broken.row, broken.problems[0].column) == (41, "Email")
    assert len(by_status(result, "new")) == 39
    with statements(db) as seen, db.unit() as s:
        counts = apply(s, result, result.default_accepted())
    assert counts["added"] == 39
    assert len([q for q in seen if q.startswith("INSERT INTO contacts")]) == 1
    assert len([q for q in seen if q.startswith("SELECT") and "FROM organisations" in q]) <= 2
    with db.unit() as s:
        made = {c.name: c for c in s.scalars(select(Contact))}
        assert set(made) == {f"Person {i}" for i in range(1, 40)}
        assert {c.organisation.name for c in made.values()} == {"Verein Zaunkönig"}
        for contact in made.values():
            (entry,) = history_of(s, contact.id)
            assert (entry.action, entry.new_value) == ("create", contact.name)
        found = {hit.record_id for hit in search(s, "zaunkonig", entity="contact", limit=100)}
        assert found == {c.id for c in made.values()}


def test_a_records_caption_made_from_its_exported_values_is_the_one_the_app_shows(db):
    """The preview names each row's record from the values it read for the comparison: the
    caption the lists and the drop-downs show, for every kind of record."""
    from workbook.exchange.layout import ENTITY_SHEETS, Lookups, entity_sheet

    with_demo(db)
    with db.unit() as s:
        lookups = Lookups(s)
        for entity in ENTITY_SHEETS:
            shown = dict(services.captions(s, entity, limit=100_000))
            rows = list(entity_sheet(entity).source.rows(s, None, lookups))
            assert rows, entity
            made = {ident: services.caption_from(entity, values) for ident, _v, values in rows}
            assert made == shown, entity
            by_id = entity_sheet(entity).source.by_id(s, list(made)[:3], lookups)
            assert {i: v for i, (_version, v) in by_id.items()} == {
                i: v for i, _version, v in rows if i in by_id
            }


def test_names_in_a_file_find_their_records_whatever_the_case_and_spaces(db):
    """A link typed in a cell finds every record of that caption, in list order; a
    decision is found by its number alone."""
    from workbook.exchange.layout import Lookups

    with db.unit() as s:
        first = services.create(s, "contact", {"name": "Anna Schmitz"})
        second = services.create(s, "contact", {"name": "anna schmitz"})
        services.create(s, "contact", {"name": "Anna Schmitzke"})
        decision = services.create(
            s, "decision", {"title": "Satzung", "decided_on": date(2026, 3, 1), "text": "Ja."}
        )
        number = decision.number
    with db.unit() as s:
        lookups = Lookups(s)
        assert set(lookups.find("contact", "  ANNA SCHMITZ ")) == {first.id, second.id}
        assert lookups.find("contact", "Anna") == []
        assert lookups.find("decision", number.lower(), first_word=True) == [decision.id]
        assert lookups.find("decision", f"{number} Satzung") == [decision.id]
        assert lookups.find("decision", number) == []
