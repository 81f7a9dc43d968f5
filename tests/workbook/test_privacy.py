"""Personal data: everything about a person exported; erasure leaves no trace of them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from contextlib import closing
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.workbook import factories
from workbook import backup, privacy, services
from workbook.demo import load_demo
from workbook.models import Change, Contact, Decision, Meeting
from workbook.search import search

NAME, EMAIL = "Jana Nowak", "jana.nowak@partner.example"


@pytest.fixture
def person(sqlite_db):
    """A person who attends meetings, signs, is party to a conflict and is named in texts."""
    with sqlite_db.unit() as s:
        load_demo(s)
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

    _before, replayed = backup.restore(path, older.name)

    assert replayed == 1
    assert _traces(path, [NAME, EMAIL]) == []


def test_review_lists_missing_consent_missing_purpose_and_long_inactive(sqlite_db):
    today = date(2026, 11, 25)
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
