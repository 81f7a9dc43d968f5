"""What needs attention, for a database built with known dates and a frozen "today"."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from tests.workbook import factories
from workbook import services
from workbook.domain.models import Goal
from workbook.opening import open_database
from workbook.services import attention, conflicts, goals

TODAY = date(2026, 11, 25)


def _build(db):
    with db.unit() as s:
        org = factories.organisation(s, "Verein")
        ending = factories.partnership(
            s, "Endet bald", status="active", start_date=date(2024, 1, 1),
            end_date=TODAY + timedelta(days=20), review_cadence="yearly",
            partners=[{"organisation_id": org.id}],
        )  # fmt: skip
        factories.partnership(
            s, "Läuft lange", status="active", start_date=TODAY - timedelta(days=100),
            end_date=TODAY + timedelta(days=400), review_cadence="quarterly",
        )  # fmt: skip
        factories.partnership(
            s, "Entwurf", status="draft", end_date=TODAY + timedelta(days=5),
        )  # fmt: skip
        services.create(
            s,
            "evaluation",
            {
                "title": "Rückblick",
                "held_on": TODAY - timedelta(days=30),
                "partnership_id": ending.id,
            },
        )
        factories.decision(s, "Prüfen", review_on=TODAY - timedelta(days=1))
        factories.decision(s, "Später prüfen", review_on=TODAY + timedelta(days=10))
        stale = services.create(
            s, "goal",
            {"title": "Ohne Messung", "target": 10, "update_cadence": "monthly"},
        )  # fmt: skip
        fresh = services.create(
            s, "goal", {"title": "Gemessen", "target": 10, "update_cadence": "monthly"}
        )
        goals.record_progress(s, fresh.id, recorded_on=TODAY - timedelta(days=3), value=4)
        services.create(
            s, "goal",
            {"title": "Bald fällig", "target": 10, "due_date": TODAY + timedelta(days=15)},
        )  # fmt: skip
        quiet = factories.conflict(s, "Still", raised_on=TODAY - timedelta(days=60))
        busy = factories.conflict(s, "Lebhaft", raised_on=TODAY - timedelta(days=60))
        conflicts.add_step(s, busy.id, taken_on=TODAY - timedelta(days=5), description="Gespräch")
        services.create(s, "contact", {"name": "Ohne Zweck", "consent_given_on": TODAY})
        services.create(
            s, "contact",
            {"name": "Mit Zweck", "consent_given_on": TODAY, "consent_purpose": "Newsletter"},
        )  # fmt: skip
        # goals were created "now"; date them back so their cadence has passed
        s.execute(update(Goal).values(created_at=TODAY - timedelta(days=200)))
        return quiet.id, stale.id


def test_the_list_holds_exactly_what_is_due(db):
    _build(db)
    with db.unit() as s:
        found = {(i.kind, i.title) for i in attention.items(s, today=TODAY, horizon_days=60)}
    assert found == {
        ("agreement_ending", "Endet bald"),
        ("evaluation_due", "Läuft lange"),  # quarterly, started 100 days ago, never evaluated
        ("decision_review", "D-2026-001 Prüfen"),
        ("goal_stale", "Ohne Messung"),
        ("goal_stale", "Bald fällig"),  # quarterly by default, 200 days without a measurement
        ("goal_behind", "Bald fällig"),
        ("conflict_quiet", "Still"),
        ("consent_purpose", "Ohne Zweck"),
    }


def test_done_and_snoozed_are_remembered_across_restarts(db, db_url):
    quiet_id, stale_id = _build(db)
    with db.unit() as s:
        listed = attention.items(s, today=TODAY)
        quiet = next(i for i in listed if i.record_id == quiet_id)
        stale = next(i for i in listed if i.record_id == stale_id)
        attention.mark_done(s, quiet.key)
        attention.snooze(s, stale.key, TODAY + timedelta(days=7))
    db.close()

    again = open_database(db_url)
    try:
        with again.unit() as s:
            keys = {i.key for i in attention.items(s, today=TODAY)}
            assert quiet.key not in keys and stale.key not in keys
            later = {i.key for i in attention.items(s, today=TODAY + timedelta(days=8))}
            assert stale.key in later, "a snooze ends"
            assert quiet.key not in later, "done stays done"
            everything = {i.key for i in attention.items(s, today=TODAY, include_marked=True)}
            assert {quiet.key, stale.key} <= everything
            conflicts.add_step(s, quiet_id, taken_on=TODAY - timedelta(days=40), description="x")
        with again.unit() as s:
            # the conflict has a newer step now: it comes due again, under a new key
            items = attention.items(s, today=TODAY)
            assert any(i.record_id == quiet_id and i.key != quiet.key for i in items)
    finally:
        again.close()


def test_the_most_pressing_are_the_head_of_the_list_with_its_count(db):
    """The dashboard's 200 of a lifetime's items: the same items, keys and order as the
    whole list's head, and its count; marked items left out of both."""
    quiet_id, _stale_id = _build(db)
    with db.unit() as s:
        listed = attention.items(s, today=TODAY)
        for limit in (1, 3, 100):
            top, total = attention.most_pressing(s, limit, today=TODAY)
            assert (top, total) == (listed[:limit], len(listed))
        assert [i.due for i in listed] == sorted(i.due for i in listed)
        assert all(str(i.record_id) in i.key for i in listed)  # the ids' text, as uuid writes it
        quiet = next(i for i in listed if i.record_id == quiet_id)
        assert quiet.key == f"conflict_quiet:{quiet_id}:{TODAY - timedelta(days=60)}"
        attention.mark_done(s, quiet.key)
    with db.unit() as s:
        top, total = attention.most_pressing(s, 100, today=TODAY)
        assert total == len(listed) - 1 and quiet not in top
        assert top == attention.items(s, today=TODAY)


def test_calendar_holds_meetings_and_due_dates_with_stable_uids(db, tmp_path):
    from icalendar import Calendar

    from workbook.exchange.calendar import export_calendar

    _build(db)
    with db.unit() as s:
        services.create(
            s, "meeting", {"title": "Lenkungskreis", "held_on": TODAY - timedelta(days=2),
                           "place": "Köln", "agenda": "1. Budget"},
        )  # fmt: skip
        count = export_calendar(s, tmp_path / "a.ics", lang="de")
        export_calendar(s, tmp_path / "b.ics", lang="de")
    events = {
        str(e["summary"]): e
        for e in Calendar.from_ical((tmp_path / "a.ics").read_bytes()).walk("VEVENT")
    }
    assert len(events) == count
    meeting = events["Lenkungskreis"]
    assert meeting["dtstart"].dt == TODAY - timedelta(days=2)
    for event in events.values():  # all-day events: dates, no times, no time zones
        start, end = event["dtstart"].dt, event["dtend"].dt
        assert type(start) is date and type(end) is date and end - start == timedelta(days=1)
        assert event["dtstart"].params.get("VALUE") == "DATE"
    assert str(meeting["location"]) == "Köln"
    assert events["Vereinbarung endet: Endet bald"]["dtstart"].dt == TODAY + timedelta(days=20)
    assert "Ziel fällig: Bald fällig" in events
    assert events["Beschluss D-2026-001 überprüfen: Prüfen"]["dtstart"].dt == TODAY - timedelta(
        days=1
    )
    assert "Beschluss D-2026-002 überprüfen: Später prüfen" in events
    assert any(s.startswith("Überprüfung der Partnerschaft fällig") for s in events)
    second = {
        str(e["uid"]) for e in Calendar.from_ical((tmp_path / "b.ics").read_bytes()).walk("VEVENT")
    }
    assert {str(e["uid"]) for e in events.values()} == second, "re-exporting updates, not adds"
