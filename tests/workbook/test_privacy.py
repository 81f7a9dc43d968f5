"""Personal data: everything about a person exported; erasure leaves no trace of them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from contextlib import closing
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.demo import fill
from tests.workbook import factories
from workbook import opening, privacy, services
from workbook.domain.models import Change, Contact, Decision, Meeting
from workbook.store import backup
from workbook.store.search import search

NAME, EMAIL = "Jana Nowak", "jana.nowak@partner.example"


@pytest.fixture
def person(sqlite_db):
    """A person who attends meetings, signs, is party to a conflict and is named in texts."""
    fill(sqlite_db)
    with sqlite_db.unit() as s:
        org = factories.organisation(s, "Verein Nowak")
        contact = services.create(
            s,
            "contact",
            {
                "name": NAME,
                "email": EMAIL,
                "organisation_id": org.id,
                "consent_given_on": date(2025, 3, 1),
                "consent_purpose": "Einladungen zu Treffen",
            },
        )
        meeting = services.create(
            s,
            "meeting",
            {
                "title": "Lenkungskreis Sondersitzung",
                "held_on": date(2026, 9, 1),
                "attendee_ids": [contact.id],
                "minutes": f"{NAME} berichtet vom Projekt; Rückfragen an {EMAIL}.",
            },
        )
        services.create(
            s,
            "decision",
            {
                "title": "Projektleitung",
                "decided_on": date(2026, 9, 1),
                "text": f"Die Projektleitung übernimmt {NAME}.",
                "decided_by": f"Lenkungskreis ({NAME}, Ben Otto)",
                "meeting_id": meeting.id,
            },
        )
        services.create(
            s,
            "conflict",
            {
                "title": "Streit um Honorare",
                "raised_on": date(2026, 9, 2),
                "party_contact_ids": [contact.id],
            },
        )
        services.update(s, "contact", contact.id, {"role": "Projektleitung"})
    return sqlite_db, contact.id


def test_export_holds_everything_stored_about_the_person(person, tmp_path):
    db, contact_id = person
    with db.unit() as s:
        json_path, pdf_path = privacy.export_person(s, contact_id, tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["person"]["name"] == NAME and data["person"]["email"] == EMAIL
    assert data["organisation"] == "Verein Nowak"
    assert data["consent"] == {"given_on": "2025-03-01", "purpose": "Einladungen zu Treffen"}
    assert [m["title"] for m in data["meetings_attended"]] == ["Lenkungskreis Sondersitzung"]
    assert data["conflicts"] == [
        {"conflict": "Streit um Honorare", "raised_on": "2026-09-02", "status": "open"}
    ]
    mentioned = {(m["table"], m["field"]) for m in data["mentioned_in"]}
    assert {
        ("decisions", "text"),
        ("decisions", "decided_by"),
        ("meetings", "minutes"),
    } <= mentioned
    assert any(h["field"] == "role" and h["new"] == "Projektleitung" for h in data["history"])
    pdf = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True).stdout
    assert f"Personal data held about {NAME}" in pdf
    assert "Lenkungskreis Sondersitzung" in pdf and "Einladungen zu Treffen" in pdf
    # the person is told what the app keeps elsewhere, and for how long
    assert data["kept_elsewhere"] == {"backup_months": 12, "trash_days": 30}
    flat = " ".join(pdf.split())
    assert "Backups of the database keep these data for up to 12 months" in flat
    assert "erased again as soon as it is restored or opened" in flat


def _traces(path, needles):
    """Every table (FTS shadow tables included) and the raw file, searched for the needles."""
    found = []
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    blob = value if isinstance(value, bytes) else str(value).encode()
                    found += [(table, n) for n in needles if n.encode() in blob]
    raw = path.read_bytes()
    found += [("file", n) for n in needles if n.encode() in raw]
    return found


def test_erasure_leaves_no_trace_and_decisions_remain(person):
    db, contact_id = person
    with db.unit() as s:
        decisions = s.scalar(select(func.count()).select_from(Decision))
        meetings = s.scalar(select(func.count()).select_from(Meeting))
        assert search(s, "Nowak")

    privacy.erase_person(db, contact_id)

    assert _traces(db.file, [NAME, EMAIL, "Jana", "jana"]) == []
    with db.unit() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == decisions
        assert s.scalar(select(func.count()).select_from(Meeting)) == meetings
        decision = s.scalars(select(Decision).where(Decision.title == "Projektleitung")).one()
        assert decision.text == "Die Projektleitung übernimmt [erased]."
        assert decision.decided_by == "Lenkungskreis ([erased], Ben Otto)"
        contact = s.get(Contact, contact_id)
        assert (contact.name, contact.email, contact.erased_on) == (
            privacy.ERASED_NAME,
            None,
            date.today(),
        )
        assert [
            c.action for c in s.scalars(select(Change).where(Change.record_id == contact_id))
        ] == ["erase"]
        assert search(s, "Jana") == []
        # the conflict keeps its party, now anonymous
        conflict = services.get(
            s, "conflict", services.list_rows(s, "conflict", search="Honorare")[0].id
        )
        assert [p.contact.name for p in conflict.parties] == [privacy.ERASED_NAME]
    with pytest.raises(privacy.AlreadyErased), db.unit() as s:
        privacy.erase(s, contact_id)


def test_an_erasure_is_applied_again_after_restoring_an_older_backup(person):
    db, contact_id = person
    path = db.file
    older = backup.create_backup(path, "manual")
    privacy.erase_person(db, contact_id)
    db.close()

    _before, replayed = opening.restore(path, older.name)

    assert replayed == 1
    assert _traces(path, [NAME, EMAIL]) == []


def test_review_lists_missing_consent_missing_purpose_and_long_inactive(sqlite_db):
    today = date.today()  # the day the records are written: their activity
    with sqlite_db.unit() as s:
        fine = services.create(
            s, "contact", {"name": "Aktiv", "consent_given_on": today, "consent_purpose": "Info"}
        )
        services.create(s, "contact", {"name": "Ohne Einwilligung"})
        services.create(s, "contact", {"name": "Ohne Zweck", "consent_given_on": today})
        old = services.create(
            s,
            "contact",
            {
                "name": "Lange still",
                "consent_given_on": date(2019, 1, 1),
                "consent_purpose": "Info",
            },
        )
        services.create(
            s,
            "meeting",
            {"title": "Treffen", "held_on": date(2020, 5, 1), "attendee_ids": [old.id]},
        )
        assert fine.id
    with sqlite_db.unit() as s:
        reasons = {i.name: i.reason for i in privacy.review(s, years=3, today=today)}
        assert reasons == {"Ohne Einwilligung": "no_consent", "Ohne Zweck": "no_purpose"}
        later = today + timedelta(days=365 * 4)
        reasons = {i.name: i.reason for i in privacy.review(s, years=3, today=later)}
    assert reasons["Lange still"] == "inactive" and reasons["Aktiv"] == "inactive"


def test_the_person_export_reads_as_a_letter_in_the_users_language(person, tmp_path):
    """Field names and places in words, dates as dates, no database keys or timestamps,
    the language the person prefers by its name."""
    import re

    db, contact_id = person
    with db.unit() as s:
        services.update(s, "contact", contact_id, {"language": "tr"})
    with db.unit() as s:
        _json, german = privacy.export_person(s, contact_id, tmp_path, language="de")
        _json, english = privacy.export_person(s, contact_id, tmp_path / "en", language="en")
    said = subprocess.run(["pdftotext", "-layout", str(english), "-"], capture_output=True,
                          text=True).stdout  # fmt: skip
    assert re.search(r"Language\s+Turkish", said), said
    assert not re.search(r"\btr\b", said), "the language by its name, in the history too"
    pdf = subprocess.run(["pdftotext", "-layout", str(german), "-"], capture_output=True,
                         text=True).stdout  # fmt: skip
    flat = " ".join(pdf.split())
    assert f"Gespeicherte personenbezogene Daten zu {NAME}" in flat
    assert re.search(r"Sprache\s+Türkisch", pdf) and not re.search(r"\btr\b", pdf)
    for words in ("E-Mail", "Erfasst am", "Einwilligung", "01.03.2025", "Erwähnt in",
                  "Beschluss", "Beschlossen von", "Protokoll", "Änderungsverlauf", "Rolle",
                  "Wie unterzeichnet aufbewahrt", "Art. 17 Abs. 3"):  # fmt: skip
        assert words in flat, words
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", pdf), "no database key"
    assert not re.search(r"\d\d:\d\d:\d\d", pdf), "no raw timestamp"
    assert not re.search(r"\d{4}-\d\d-\d\d", pdf), "German dates"
    for english in ("Mentioned in", "given on", "changes", "new_value", "decided_by"):
        assert english not in pdf, english


def test_an_erasure_keeps_signed_agreements_as_they_were_signed(person, tmp_path):
    """A signed agreement is kept as signed, the person's signature with it (legal
    retention); an unsigned draft, like every other text, is erased; the export says so."""
    from workbook.reports import generate
    from workbook.services import agreements

    db, contact_id = person
    with db.unit() as s:
        org = services.list_rows(s, "organisation", search="Verein Nowak")[0]
        signed = factories.partnership(
            s, "Unterzeichnet", signed_on=date(2026, 1, 15), start_date=date(2026, 1, 15),
            end_date=date(2026, 12, 31), partners=[{"organisation_id": org.id}],
            signatories=[{"name": NAME, "organisation_id": org.id, "role": "Vorstand",
                          "signed_on": date(2026, 1, 15), "place": "Köln"}],
        )  # fmt: skip
        agreements.renew(s, signed.id, date(2027, 12, 31), reason="Ein Jahr mehr")
        draft = factories.partnership(
            s, "Entwurf", partners=[{"organisation_id": org.id}],
            signatories=[{"name": NAME, "organisation_id": org.id}],
        )  # fmt: skip
    with db.unit() as s:
        data = privacy.person_data(s, contact_id)
        _name, places = privacy.places(s, contact_id)
    assert {(k["partnership"], k["what"], k["version"]) for k in data["kept_as_signed"]} == {
        ("Unterzeichnet", "signatory", None),
        ("Unterzeichnet", "version", 1),
        ("Unterzeichnet", "version", 2),
    }
    assert ("signatories", "name") in {(p.table, p.field) for p in places}, "the draft's"

    privacy.erase_person(db, contact_id)

    with db.unit() as s:
        kept = services.get(s, "partnership", signed.id)
        assert [x.name for x in kept.signatories] == [NAME]
        assert all(NAME in v.snapshot for v in kept.versions)
        assert [x.name for x in services.get(s, "partnership", draft.id).signatories] == [
            privacy.ERASED
        ]
        generate(s, "agreement", tmp_path / "signed.pdf", partnership_id=signed.id)
        generate(s, "agreement", tmp_path / "v1.pdf", partnership_id=signed.id, version=1)
        decision = s.scalars(select(Decision).where(Decision.title == "Projektleitung")).one()
        assert NAME not in decision.text
    for pdf in ("signed.pdf", "v1.pdf"):
        text = subprocess.run(["pdftotext", str(tmp_path / pdf), "-"], capture_output=True,
                              text=True).stdout  # fmt: skip
        assert NAME in text and "Vorstand" in text
