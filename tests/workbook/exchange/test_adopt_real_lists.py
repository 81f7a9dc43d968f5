"""Adopting the lists associations really keep (tests/data/adopt): a volunteer's partner list
in one pass, organisations and their contact people linked; CSV as spreadsheet programs
write it; row numbers and columns as the spreadsheet shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from workbook.domain.models import Contact, Organisation
from workbook.exchange import adopt

DATA = Path(__file__).resolve().parents[2] / "data" / "adopt"


def _adopt(db, path: Path, entity: str) -> list[adopt.AdoptRow]:
    table = adopt.read_table(path)
    mapping = adopt.propose(entity, table.headers)
    with db.unit() as s:
        rows = adopt.preview(s, table, entity, mapping)
    with db.unit() as s:
        adopt.apply(s, entity, rows)
    return rows


def test_the_volunteers_partner_list_adopts_in_one_pass(db):
    table = adopt.read_table(DATA / "partnerliste-verein.csv")
    assert adopt.propose("organisation", table.headers) == {
        "Name der Organisation": "name",
        "Ansprechpartner/in": "contact",
        "Straße": "address",
        "PLZ": "address",
        "Ort": "address",
        "Telefon": "phone",
        "E-Mail": "email",
        "Partner seit": None,  # a date: no partner's name, kept in the notes
        "Bemerkung": "notes",
    }
    assert [n for n in table.numbers] == [2, 3, 4, 6]  # the blank row 5 is skipped, not lost
    rows = _adopt(db, DATA / "partnerliste-verein.csv", "organisation")
    assert [r.status for r in rows] == ["new"] * 4, [r.problems for r in rows]
    with db.unit() as s:
        orgs = {o.name: o for o in s.scalars(select(Organisation))}
        lupe = orgs['Schülerzeitung "Die Lupe" Coswig']  # doubled quotes read as Excel means
        assert lupe.address == "Schulstraße 1\n01640 Coswig"  # the leading zero kept
        assert "Partner seit: 15.09.2021" in (lupe.notes or "")
        vhs = orgs["Volkshochschule Görlitz"]
        assert vhs.notes == 'Kurse "Demokratie leben"; Raum 12'
        people = {c.name: c.organisation_id for c in s.scalars(select(Contact))}
    assert people == {
        "Marie Müller": orgs["Jugendwerk Lausitz e. V."].id,
        "Jonas Weber": lupe.id,  # "Weber, Jonas" turned round
        "Dr. Aylin Demir": vhs.id,
    }


def test_contacts_find_their_organisations_however_written(db):
    _adopt(db, DATA / "partnerliste-verein.csv", "organisation")
    table = adopt.read_table(DATA / "kontakte-verein.csv")
    mapping = adopt.propose("contact", table.headers)
    assert mapping == {
        "Nachname": "name", "Vorname": "name", "Verein": "organisation_id",
        "Telefon": "phone", "E-Mail": "email",
    }  # fmt: skip
    with db.unit() as s:
        rows = adopt.preview(s, table, "contact", mapping)
        orgs = {o.name: o.id for o in s.scalars(select(Organisation))}
    by_name = {r.label: r for r in rows}
    assert set(by_name) == {"Marie Mueller", "Paul Schmidt", "Ewa Kowalski"}  # first names first
    marie = by_name["Marie Mueller"]
    assert marie.status == "duplicate" and marie.duplicate_of == "Marie Müller"  # ü ~ ue
    assert marie.values["organisation_id"] == orgs["Jugendwerk Lausitz e. V."]  # "e.V."
    assert by_name["Ewa Kowalski"].values["organisation_id"] == orgs["Jugendwerk Lausitz e. V."]
    assert by_name["Paul Schmidt"].values["organisation_id"] == orgs["Bürgerbündnis Löbau gGmbH"]
    assert by_name["Paul Schmidt"].status == by_name["Ewa Kowalski"].status == "new"


@pytest.mark.parametrize(
    ("separator", "line_end"), [(";", "\r\n"), (",", "\n"), ("\t", "\r"), (";", "\r")]
)
def test_csv_as_spreadsheet_programs_write_it(tmp_path, separator, line_end):
    lines = [
        separator.join(["Name", "Notiz"]),
        separator.join(['"Schülerzeitung ""Die Lupe"" Coswig"', '"a, b; c"']),
        separator.join(["Jugendring", '"zwei' + line_end + 'Zeilen"']),
    ]
    path = tmp_path / "liste.csv"
    path.write_bytes((line_end.join(lines) + line_end).encode("utf-8-sig"))
    table = adopt.read_table(path)
    assert table.headers == ["Name", "Notiz"]
    assert table.rows[0] == ['Schülerzeitung "Die Lupe" Coswig', "a, b; c"]
    assert table.rows[1][0] == "Jugendring"
    assert table.rows[1][1].replace("\r", "\n").replace("\n\n", "\n") == "zwei\nZeilen"


def test_utf16_unicode_text_is_read(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Name\tOrt\r\nJugendring Köln\tKöln\r\n".encode("utf-16"))
    table = adopt.read_table(path)
    assert table.headers == ["Name", "Ort"] and table.rows == [["Jugendring Köln", "Köln"]]


def test_rows_and_columns_are_named_as_the_spreadsheet_shows_them(db, tmp_path):
    book = Workbook()
    ws = book.active
    ws["B3"], ws["C3"], ws["D3"] = "Name", "Name", "Telefon"  # the header in row 3
    ws.append([])
    ws["B4"], ws["C4"], ws["D4"] = "Demokratie e.V.", "Max Müller", 221987654
    ws["B6"], ws["C6"] = "", "nur Person"  # row 5 blank; row 6 lacks the organisation
    path = tmp_path / "liste.xlsx"
    book.save(path)
    table = adopt.read_table(path)
    assert table.headers == ["Name", "Name (2)", "Telefon"]  # from the first column with data
    assert table.numbers == [4, 6]
    mapping = {h: None for h in table.headers} | {"Name": "name", "Telefon": "phone"}
    with db.unit() as s:
        rows = adopt.preview(s, table, "organisation", mapping)
    assert rows[0].values["name"] == "Demokratie e.V."  # two columns of one header kept apart
    assert "Name (2): Max Müller" in rows[0].values["notes"]
    assert rows[0].values["phone"] == "221987654"
    assert any("leading 0" in w for w in rows[0].warnings)
    assert rows[1].row == 6 and rows[1].status == "invalid"
    assert "row 6" in rows[1].problems[0] and "'Name'" in rows[1].problems[0]
