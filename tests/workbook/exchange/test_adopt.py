"""Adopting the association's own spreadsheets: German CSV, an .ods with unusual headers."""

from __future__ import annotations

import zipfile
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import func, select

from tests.workbook import factories
from workbook import services
from workbook.domain.models import Contact, Organisation
from workbook.exchange import adopt
from workbook.exchange.guard import BadSpreadsheet

CSV = (
    "Verein;Art;E-Mail-Adresse;Telefon (Büro);Stärken;Bemerkung\r\n"
    "Jugendring Köln;Verein;info@jugendring.example;0221 123;Moderation, Workshops;Großer Saal\r\n"
    "Gymnasium Süd;Schule;sekretariat@gym.example;;Schulnetzwerk;\r\n"
    "Demokratiewerkstatt;Verein;;;;schon bekannt\r\n"
    "Jugendring Köln;Verein;;;;doppelt in der Datei\r\n"
)


def write_ods(path, rows):
    """A real, minimal OpenDocument spreadsheet (what LibreOffice reads and writes)."""

    def cell(value):
        return (
            '<table:table-cell office:value-type="string"><text:p>'
            f"{escape(str(value))}</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Kontakte">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )  # fmt: skip
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


def _count(db, model) -> int:
    with db.unit() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_german_semicolon_cp1252_csv_of_organisations(db, tmp_path):
    path = tmp_path / "vereine.csv"
    path.write_bytes(CSV.encode("cp1252"))
    with db.unit() as s:
        factories.organisation(s, "Demokratiewerkstatt")
    table = adopt.read_table(path)
    assert table.headers[3] == "Telefon (Büro)" and len(table.rows) == 4
    proposed = adopt.propose("organisation", table.headers)
    assert proposed == {
        "Verein": "name", "Art": "kind", "E-Mail-Adresse": "email", "Telefon (Büro)": "phone",
        "Stärken": "strengths", "Bemerkung": "notes",
    }  # fmt: skip
    with db.unit() as s:
        rows = adopt.preview(s, table, "organisation", proposed)
    assert [(r.row, r.status) for r in rows] == [
        (2, "new"), (3, "new"), (4, "duplicate"), (5, "duplicate"),
    ]  # fmt: skip
    assert (
        rows[2].duplicate_of == "Demokratiewerkstatt" and rows[3].duplicate_of == "Jugendring Köln"
    )
    assert rows[0].values["kind"] == "ngo" and rows[1].values["kind"] == "school"
    assert rows[0].values["strengths"] == ["Moderation", "Workshops"]
    with db.unit() as s:
        assert adopt.apply(s, "organisation", rows) == 2
    with db.unit() as s:
        org = services.get(
            s, "organisation", services.list_rows(s, "organisation", search="Jugendring")[0].id
        )
        assert (org.email, org.phone, org.notes) == (
            "info@jugendring.example",
            "0221 123",
            "Großer Saal",
        )
    assert _count(db, Organisation) == 3


@pytest.fixture
def contacts_ods(db, tmp_path):
    with db.unit() as s:
        factories.organisation(s, "Jugendring Köln")
        services.create(s, "contact", {"name": "Ada Lovelace", "email": "ada@example.org"})
    path = tmp_path / "mitglieder.ods"
    write_ods(path, [
        ["Vorname", "Nachname", "Funktion", "Einrichtung", "Mail", "Lieblingsfarbe"],
        ["Jana", "Nowak", "Vorstand", "Jugendring Köln", "jana@example.org", "blau"],
        ["Ada", "Lovelace", "Beirat", "", "ada@example.org", "grün"],
        ["Ben", "Otto", "", "Unbekannter Verein", "ben@example.org", ""],
        ["Jana", "Nowak", "Vorstand", "Jugendring Köln", "jana@example.org", ""],
    ])  # fmt: skip
    return path


def test_ods_with_unusual_headers_proposed_adjusted_and_all_or_nothing(db, contacts_ods):
    table = adopt.read_table(contacts_ods)
    assert table.sheet == "Kontakte"
    proposed = adopt.propose("contact", table.headers)
    assert proposed == {
        "Vorname": "name", "Nachname": "name", "Funktion": "role",
        "Einrichtung": "organisation_id", "Mail": "email", "Lieblingsfarbe": None,
    }  # fmt: skip
    adjusted = {**proposed, "Funktion": "notes"}  # the user keeps functions as notes
    with db.unit() as s:
        rows = adopt.preview(s, table, "contact", adjusted)
    assert [r.status for r in rows] == ["new", "duplicate", "invalid", "duplicate"]
    assert rows[0].values["name"] == "Jana Nowak"
    # the column mapped to nothing is kept in the notes, under its header
    assert rows[0].values["notes"] == "Vorstand\nLieblingsfarbe: blau"
    assert rows[1].duplicate_of == "Ada Lovelace"
    assert rows[2].problems == ["row 4: there is no organisation called 'Unbekannter Verein'"]
    before = _count(db, Contact)
    with pytest.raises(adopt.BadMapping) as refused, db.unit() as s:
        adopt.apply(s, "contact", rows, accepted={2, 4})
    assert "row 4" in refused.value.message and "Nothing was adopted" in refused.value.message
    assert _count(db, Contact) == before, "all or nothing"
    with db.unit() as s:
        assert adopt.apply(s, "contact", rows) == 1
    assert _count(db, Contact) == before + 1


def test_a_mapping_is_kept_as_a_preset_and_reused(db, contacts_ods, tmp_path):
    table = adopt.read_table(contacts_ods)
    mapping = {**adopt.propose("contact", table.headers), "Funktion": "notes"}
    with db.unit() as s:
        adopt.save_preset(s, "Mitgliederliste", "contact", mapping)
    again = tmp_path / "mitglieder-2026.ods"
    write_ods(
        again, [["Vorname", "Nachname", "Funktion", "Neue Spalte"], ["Eva", "Roth", "Kasse", "x"]]
    )
    with db.unit() as s:
        entity, saved = adopt.presets(s)["Mitgliederliste"]
        second = adopt.read_table(again)
        reused = adopt.apply_preset(saved, second.headers)
        assert entity == "contact"
        assert reused == {
            "Vorname": "name",
            "Nachname": "name",
            "Funktion": "notes",
            "Neue Spalte": None,
        }
        rows = adopt.preview(s, second, entity, reused)
        assert rows[0].values == {"name": "Eva Roth", "notes": "Kasse\nNeue Spalte: x"}


def test_files_that_cannot_be_adopted_say_why(tmp_path):
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    with pytest.raises(BadSpreadsheet) as caught:
        adopt.read_table(empty)
    assert caught.value.message == "leer.csv: it has no rows."
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(BadSpreadsheet) as caught:
        adopt.read_table(pdf)
    assert "choose a .csv, .xlsx or .ods file" in caught.value.message
    fake = tmp_path / "kaputt.ods"
    fake.write_bytes(b"PK\x03\x04 nicht wirklich")
    with pytest.raises(BadSpreadsheet) as caught:
        adopt.read_table(fake)
    assert caught.value.message.startswith("kaputt.ods: ")
