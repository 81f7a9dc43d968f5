"""The workbook a partner gets: in the partner's language, only what concerns them, ready
to print; read back whichever language it speaks."""

from __future__ import annotations

import re
import subprocess

from openpyxl import load_workbook
from sqlalchemy import select

from tests.workbook.exchange.helpers import snapshot, with_demo
from workbook import services
from workbook.domain.models import Conflict, Contact, Meeting, Partnership
from workbook.exchange import vocabulary
from workbook.exchange.importer import preview
from workbook.exchange.layout import all_sheets
from workbook.exchange.xlsx_export import export_xlsx


def _partnership(db, title="Demokratie macht Schule"):
    with db.unit() as s:
        return s.scalars(select(Partnership).where(Partnership.title == title)).one().id


def _german_workbook(db, tmp_path):
    """The demo exported in German, and the workbook as a spreadsheet program opens it."""
    with_demo(db)
    path = tmp_path / "partner.xlsx"
    with db.unit() as s:
        export_xlsx(s, path, language="de")
    return path, load_workbook(path)


def test_a_german_workbook_speaks_german_and_reads_back_as_it_was(sqlite_db, tmp_path):
    db = sqlite_db
    path, book = _german_workbook(db, tmp_path)
    assert book.sheetnames[:4] == ["Über diese Datei", "Organisationen", "Kontakte",
                                   "Partnerschaften"]  # fmt: skip
    about = " ".join(str(c.value) for row in book["Über diese Datei"].iter_rows() for c in row)
    assert "So bearbeiten und zurückschicken" in about and "Zeilen" in about
    organisations = book["Organisationen"]
    header = [c.value for c in organisations[1]]
    assert header[:3] == ["Name", "Art", "Status"]
    kinds = {organisations.cell(row, 2).value for row in range(2, 17)}
    assert "Verein / NGO" in kinds and "ngo" not in kinds
    goals = book["Ziele"]
    goal_header = [c.value for c in goals[1]]
    status = goal_header.index("Status") + 1
    assert {goals.cell(r, status).value for r in range(2, 14)} <= {"Geplant", "Im Plan",
                                                                   "Gefährdet"}  # fmt: skip
    lists = [v for v in goals.data_validations.dataValidation if "Gefährdet" in v.formula1]
    assert lists, "the drop-down offers the German words"
    english_only = {c.header for s in all_sheets() for c in s.columns} - {
        "Name", "Status", "Website", "Online", "Text", "Partner", "Organisation"
    }  # fmt: skip
    for sheet in book.worksheets:
        shown = {c.value for c in sheet[1]} - {"ID", "Version", "Checksum"}
        assert not shown & english_only, sheet.title

    before = snapshot(db)
    with db.unit() as s:
        result = preview(s, path)
    assert result.notices == [] and not any(r.problems for r in result.rows)
    assert {r.status for r in result.rows} == {"unchanged"}
    assert snapshot(db) == before

    achieved = goals.cell(2, status)
    achieved.value = "Erreicht"  # the partner chooses from the German drop-down
    goals.cell(3, status).value = "achieved"  # or writes the code, or the English word
    goals.cell(4, status).value = "Achieved"
    book.save(path)
    with db.unit() as s:
        result = preview(s, path)
    changed = [r for r in result.rows if r.status == "changed"]
    assert len(changed) == 3
    assert all(r.values["status"] == "achieved" for r in changed)


def test_a_partners_workbook_holds_its_people_and_its_conflicts_only(sqlite_db, tmp_path):
    db = sqlite_db
    with_demo(db)
    pid = _partnership(db)
    with db.unit() as s:
        p = s.get(Partnership, pid)
        partner = p.partners[1].organisation
        others = [x.organisation_id for x in p.partners if x.organisation_id != partner.id]
        services.create(  # between two other partners: not this partner's business
            s, "conflict", {"title": "Streit ohne sie", "raised_on": "2026-05-01",
                            "partnership_id": pid, "party_organisation_ids": others[:2]},
        )  # fmt: skip
        attending = {
            c.id
            for m in s.scalars(select(Meeting).where(Meeting.partnership_id == pid))
            for c in m.attendees
        }
        conflicts = s.scalars(select(Conflict).where(Conflict.partnership_id == pid)).all()
        theirs = {
            c.id
            for c in conflicts
            if any(
                x.organisation_id == partner.id
                or (x.contact and x.contact.organisation_id == partner.id)
                for x in c.parties
            )
        }
        parties = {x.contact_id for c in conflicts if c.id in theirs for x in c.parties}
        own = {c.id for c in partner.contacts}
        # someone at another partner who takes no part in the partnership
        stranger = services.create(s, "contact", {"name": "Nicht Beteiligt",
                                                  "organisation_id": others[0]})  # fmt: skip
        name = partner.name
    assert theirs and len(theirs) < len(conflicts), "the demo has conflicts of others too"
    path = tmp_path / "partner.xlsx"
    with db.unit() as s:
        written = export_xlsx(s, path, partnership_ids={pid}, partner=partner.id)
    book = load_workbook(path, read_only=True)
    ids = {}
    for title in ("Contacts", "Conflicts"):
        rows = list(book[title].iter_rows(values_only=True))
        at = rows[0].index("ID")
        ids[title] = {r[at] for r in rows[1:] if r[at]}
    with db.unit() as s:
        people = set(s.scalars(select(Contact.id)))
    wanted = {str(i) for i in (attending | own | parties) & people if i}
    assert ids["Contacts"] == wanted
    assert str(stranger.id) not in ids["Contacts"]
    assert ids["Conflicts"] == {str(i) for i in theirs}
    assert written["Conflicts"] == len(theirs)
    about = list(book["About"].iter_rows(values_only=True))
    assert any(f"For {name}" in str(cell) for row in about for cell in row)


def test_the_partner_workbook_prints_as_wide_as_the_page(sqlite_db, tmp_path):
    """Converted by LibreOffice as a partner prints it: landscape, each sheet as wide as
    the page (its last column on the first page), the header on every page."""
    from tests.libreoffice import soffice
    from tests.workbook.test_reports import pdf_text

    db = sqlite_db
    with_demo(db)
    path = tmp_path / "partner.xlsx"
    with db.unit() as s:
        export_xlsx(s, path, partnership_ids={_partnership(db)}, language="de")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "partner.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    width, height = (
        float(x) for x in next(
            line for line in info.splitlines() if line.startswith("Page size")
        ).split()[2:5:2]
    )  # fmt: skip
    assert width > height, "landscape"
    assert pages <= 16, pages  # was 53: columns printed in strips
    first = pdf_text(pdf, 1)
    assert "Ändern Sie Werte in den weißen Zellen" in first
    assert "Exportiert am" in first
    texts = [pdf_text(pdf, n) for n in range(1, pages + 1)]
    decisions = next(t for t in texts if re.search(r"D-\d{4}-001", t))  # the demo's year
    for head in ("Nummer", "Titel", "Treffen"):  # the first column and the last
        assert head in decisions, head
    assert vocabulary.title("Decisions", "de") in " ".join(texts)


def test_a_german_workbook_s_problems_and_changes_name_its_sheets_and_columns(sqlite_db, tmp_path):
    """A partner's German workbook says "Ziele" and "Zielwert": so does every problem,
    change and note its preview shows, and the command line's report of it."""
    import subprocess
    import sys

    db = sqlite_db
    path, book = _german_workbook(db, tmp_path)
    goals = book["Ziele"]
    header = [c.value for c in goals[1]]
    goals.cell(2, header.index("Zielwert") + 1).value = "viel"
    goals.cell(3, header.index("Fällig am") + 1).value = "32.13.2026"
    goals.cell(4, header.index("Einheit") + 1).value = "Abende"
    goals.cell(1, len(header) + 1).value = "Bemerkung"
    goals.cell(5, len(header) + 1).value = "nur für uns"
    book.save(path)
    with db.unit() as s:
        result = preview(s, path)
    problems = [p for r in result.rows for p in r.problems]
    assert {(p.sheet, p.row, p.column) for p in problems} == {
        ("Ziele", 2, "Zielwert"),
        ("Ziele", 3, "Fällig am"),
    }
    assert "sheet 'Ziele', row 2, column 'Zielwert'" in problems[0].message
    [changed] = [r for r in result.rows if r.status == "changed"]
    assert [c.column for c in changed.changes] == ["Einheit"]
    assert result.sheet_in_file(changed.sheet) == "Ziele"
    assert any("'Ziele'" in str(n) and "Bemerkung" in str(n) for n in result.notices)
    db.close()  # the command line opens the file itself
    said = subprocess.run(
        [sys.executable, "-m", "workbook", "--db", str(db.file), "import", str(path)],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    assert "Ziele row 4 [changed]" in said and "Einheit: " in said, said
    assert "column 'Zielwert'" in said and "Goals" not in said and "Target" not in said, said
