"""Erasure hits only its person, every spelling of them, and cannot be undone by any path."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import String, Text, select, text
from sqlalchemy.exc import DBAPIError

from tests.workbook import factories
from workbook import archive, opening, privacy, services
from workbook.domain.models import Change, Contact, Decision, Meeting, TrashEntry
from workbook.opening import open_database
from workbook.privacy.mentions import FREE_TEXT, NOT_FREE_TEXT
from workbook.store import backup
from workbook.store.dump import tables
from workbook.store.search import search

ZOFIA = "Zofia Wąsowska"
ZOFIA_MAIL, ZOFIA_OLD_MAIL, ZOFIA_PHONE = (
    "z.wasowska@fundacja.example",
    "zofia@old.example",
    "0221 987654",
)
#: Every way the texts below name Zofia; none may survive her erasure.
SPELLINGS = [ZOFIA, "Zofia Wasowska", "Wąsowska", "Wasowska", ZOFIA_MAIL, ZOFIA_OLD_MAIL, "987654"]


@pytest.fixture
def people(db):
    return _people(db)


@pytest.fixture
def file_people(sqlite_db):
    return _people(sqlite_db)


@pytest.fixture
def zofia_alone(sqlite_db):
    """Zofia as the only person the texts name: nobody else holds any of her spellings."""
    return _people(sqlite_db, others=False)[0]


def _people(db, *, others=True):
    """Zofia, her namesake at another organisation, and people whose names contain hers."""
    with db.unit() as s:
        fundacja = factories.organisation(s, "Fundacja Most")
        verein = factories.organisation(s, "Verein Brücke")
        zofia = services.create(
            s,
            "contact",
            {"name": ZOFIA, "email": ZOFIA_OLD_MAIL, "organisation_id": fundacja.id},
        )
        namesake = (
            services.create(
                s,
                "contact",
                {"name": ZOFIA, "email": "zofia.w@verein.example", "organisation_id": verein.id},
            )
            if others
            else None
        )
        others = [
            services.create(s, "contact", {"name": n, "organisation_id": verein.id})
            for n in (("Sofia Wąsowska-Nowak", "Zofiana Wąsowski", "Anna Zofia") if others else ())
        ]
        meeting = services.create(
            s,
            "meeting",
            {
                "title": "Lenkungskreis",
                "held_on": date(2026, 9, 1),
                "attendee_ids": [zofia.id, *[o.id for o in others[:1]]],
                "minutes": "Frau Wąsowska berichtet"
                + ("; Sofia Wąsowska-Nowak ergänzt. Zofiana Wąsowski fehlt." if others else "."),
                "agenda": "1. Bericht Zofia Wasowska\n2. Verschiedenes",
            },
        )
        decision = factories.decision(
            s,
            "Projektleitung",
            text="Die Projektleitung übernimmt Wasowska, Zofia.",
            rationale="Erreichbar unter zofia@old.example.",
            meeting_id=meeting.id,
        )
    with db.unit() as s:
        services.update(s, "contact", zofia.id, {"email": ZOFIA_MAIL, "phone": ZOFIA_PHONE})
        services.update(
            s,
            "decision",
            decision.id,
            {"rationale": f"Erreichbar unter {ZOFIA_MAIL} oder 0221/98 76 54."},
        )
    return zofia.id, namesake and namesake.id, [o.id for o in others], meeting.id, decision.id


def _contact_rows(session, ids):
    table = Contact.__table__
    return {r.id: r for r in session.execute(select(table).where(table.c.id.in_(ids)))}


def test_every_text_column_is_either_free_text_or_a_records_own(db):
    for table in tables():
        texts = {c.name for c in table.columns if isinstance(c.type, String | Text)}
        texts -= {c.name for c in table.columns if c.foreign_keys}
        listed = set(FREE_TEXT.get(table.name, ())) | set(NOT_FREE_TEXT.get(table.name, ()))
        assert texts == listed, table.name


def test_erasure_shows_its_places_first_and_changes_exactly_those(db, people):
    zofia, namesake, others, meeting_id, decision_id = people
    with db.unit() as s:
        name, found = privacy.places(s, zofia)
        before = _contact_rows(s, [namesake, *others])
    assert name == ZOFIA
    where = {(p.table, p.field) for p in found}
    assert {
        ("meetings", "minutes"),
        ("meetings", "agenda"),
        ("decisions", "text"),
        ("decisions", "rationale"),
        ("changes", "old_value"),  # the rationale as it was, with her old e-mail
    } <= where
    assert any("Frau Wąsowska" in p.snippet for p in found)

    privacy.erase_person(db, zofia)

    with db.unit() as s:
        meeting = s.get(Meeting, meeting_id)
        assert meeting.minutes == (
            "[erased] berichtet; Sofia Wąsowska-Nowak ergänzt. Zofiana Wąsowski fehlt."
        )
        assert meeting.agenda == "1. Bericht [erased]\n2. Verschiedenes"
        decision = s.get(Decision, decision_id)
        assert decision.text == "Die Projektleitung übernimmt [erased]."
        assert decision.rationale == "Erreichbar unter [erased] oder [erased]."
        # the namesake and the people whose names contain hers: untouched, with their history
        assert _contact_rows(s, [namesake, *others]) == before
        names = s.scalars(select(Change.new_value).where(Change.record_id == namesake))
        assert ZOFIA in list(names)
        # she still attended; her entry is anonymous
        assert privacy.ERASED_NAME in [c.name for c in meeting.attendees]
        # her e-mail addresses are no search words any more; the namesake is still found
        assert search(s, ZOFIA_MAIL) == [] and search(s, ZOFIA_OLD_MAIL) == []
        assert namesake in {r.record_id for r in search(s, "zofia.w@verein.example")}
        assert meeting_id in {r.record_id for r in search(s, "Lenkungskreis")}


def test_no_spelling_of_the_person_is_left_in_the_file(sqlite_db, zofia_alone):
    db = sqlite_db
    privacy.erase_person(db, zofia_alone)
    db.close()

    with closing(sqlite3.connect(db.file)) as conn:
        texts = [
            str(v).casefold()
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            for row in conn.execute(f'SELECT * FROM "{t}"')
            for v in row
        ]
    raw = db.file.read_bytes().lower()
    for spelling in SPELLINGS:
        if spelling == "987654":
            continue  # digits also stand in ids and timestamps
        assert not [t for t in texts if spelling.casefold() in t], spelling
        assert spelling.lower().encode() not in raw, spelling
    assert not [t for t in texts if "98 76 54" in t or "0221 987654" in t]
    assert not db.file.with_name(db.file.name + "-wal").exists()


def test_an_erased_contact_cannot_be_changed_by_the_app_or_by_sql(db, people):
    zofia, *_ = people
    privacy.erase_person(db, zofia)

    with pytest.raises(privacy.ErasedRecord), db.unit() as s:
        services.update(s, "contact", zofia, {"name": ZOFIA, "email": ZOFIA_MAIL})
    with pytest.raises(DBAPIError, match="erased contact"), db.engine.begin() as conn:
        conn.execute(
            text("UPDATE contacts SET name = :n, email = :e WHERE id = :i"),
            {"n": ZOFIA, "e": ZOFIA_MAIL, "i": zofia.hex if db.is_sqlite else zofia},
        )
    with pytest.raises(privacy.AlreadyErased), db.unit() as s:
        privacy.erase(s, zofia)
    with db.unit() as s:
        contact = s.get(Contact, zofia)
        assert (contact.name, contact.email, contact.phone) == (privacy.ERASED_NAME, None, None)
        # what is not personal data may still change: the organisation it belongs to
        contact.organisation_id = None


def test_a_contact_in_the_trash_can_be_erased(db, people):
    zofia, *_ = people
    with db.unit() as s:
        services.delete(s, "contact", zofia)

    privacy.erase_person(db, str(zofia)[:8])

    with db.unit() as s:
        entry = s.scalars(select(TrashEntry).where(TrashEntry.record_id == zofia)).one()
        assert entry.caption == privacy.ERASED_NAME
        assert "Wąsowska" not in entry.payload and ZOFIA_MAIL not in entry.payload
        from workbook.services import trash

        restored = trash.restore(s, entry.id)
        assert (restored.name, restored.erased_on) == (privacy.ERASED_NAME, date.today())


def test_a_backup_and_an_archive_from_before_the_erasure_are_erased_again(
    sqlite_db, file_people, tmp_path
):
    db = sqlite_db
    zofia, namesake, *_ = file_people
    older = backup.create_backup(db.file, "manual")
    packed = tmp_path / "before.zip"
    archive.create_archive(db, packed)

    privacy.erase_person(db, zofia)
    assert [b.reason for b in backup.list_backups(db.file)].count("before-erase") == 1
    db.close()

    _before, replayed = opening.restore(db.file, older.name)
    assert replayed == 1
    elsewhere = archive.open_archive(packed, tmp_path / "elsewhere" / "copy.sqlite")
    assert elsewhere.erased_again == 1
    for database in (open_database(db.file), elsewhere):
        with database.unit() as s:
            rows = _contact_rows(s, [zofia, namesake])
            assert rows[zofia].name == privacy.ERASED_NAME
            assert rows[namesake].name == ZOFIA  # the namesake was never touched
        database.close()


def test_a_workbook_exported_before_the_erasure_cannot_bring_the_person_back(db, people, tmp_path):
    from workbook.exchange.importer import INVALID, ImportFailed, apply, preview
    from workbook.exchange.xlsx_export import export_xlsx

    zofia, *_ = people
    path = tmp_path / "before.xlsx"
    with db.unit() as s:
        export_xlsx(s, path)
    privacy.erase_person(db, zofia)
    from openpyxl import load_workbook

    from workbook.exchange.layout import ID, header_of

    book = load_workbook(path)  # the partner edits her row: a conflict with the erasure
    sheet = book["Contacts"]
    header = [c.value for c in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if cells[header.index(ID)].value == str(zofia):
            cells[header.index(header_of("role"))].value = "Projektleitung"
    book.save(path)

    with db.unit() as s:
        result = preview(s, path)
        row = next(r for r in result.rows if r.entity == "contact" and r.record_id == zofia)
        assert row.status == INVALID
        assert "erased" in row.problems[0].reason
        # even when the row is ticked, the person stays erased: nothing is imported
        with pytest.raises(ImportFailed, match="invalid"):
            apply(s, result, [row.key])
    with db.unit() as s:
        contact = s.get(Contact, zofia)
        assert (contact.name, contact.email) == (privacy.ERASED_NAME, None)
