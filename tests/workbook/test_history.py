"""The change history says who changed which field from what to what, and when."""

from __future__ import annotations

import uuid

from sqlalchemy.engine import make_url

from tests.workbook import factories
from workbook import services
from workbook.opening import open_database
from workbook.services import conflicts
from workbook.store.history import history_of
from workbook.store.server import add_member, init_server


def test_field_level_old_and_new_values(db, db_url):
    with db.unit() as s:
        decision = factories.decision(s, "Budget", votes_for=5)
        decision_id = decision.id
    if db.is_sqlite:  # one computer: the name the member gave
        other, editor = open_database(db_url, member="Björn Ahlgren"), "Björn Ahlgren"
    else:  # a server: the member's own account, whatever name is typed
        init_server(db_url)
        editor = f"bjoern_{uuid.uuid4().hex[:8]}"
        add_member(db_url, editor, "geheim", "editor")
        account = make_url(db_url).set(username=editor, password="geheim")
        other = open_database(account.render_as_string(hide_password=False), member="Björn")
    try:
        with other.unit() as s:
            services.update(
                s,
                "decision",
                decision_id,
                {"title": "Budget 2026", "votes_for": 6, "rationale": "Neu"},
            )
    finally:
        other.close()
    with db.unit() as s:
        entries = history_of(s, decision_id)
    creator = "Test Member" if db.is_sqlite else db.member
    assert next((e.action, e.changed_by) for e in entries) == ("create", creator)
    updates = {
        e.field: (e.old_value, e.new_value, e.changed_by) for e in entries if e.action == "update"
    }
    assert updates == {
        "title": ("Budget", "Budget 2026", editor),
        "votes_for": ("5", "6", editor),
        "rationale": (None, "Neu", editor),
    }


def test_children_and_links_are_filed_under_their_record(db):
    with db.unit() as s:
        c = factories.conflict(s)
        conflicts.add_step(s, c.id, taken_on="2026-02-02", description="Gespräch")
        people = [services.create(s, "contact", {"name": n}) for n in ("Anna", "Jakub")]
        meeting = services.create(
            s, "meeting", {"title": "M", "held_on": "2026-01-01", "attendee_ids": [people[0].id]}
        )
        org = factories.organisation(s, strengths=["Moderation", "Druck"])
        ids = c.id, meeting.id, org.id, people[1].id
    conflict_id, meeting_id, org_id, jakub = ids
    with db.unit() as s:
        services.update(s, "meeting", meeting_id, {"attendee_ids": [jakub]})
        services.update(s, "organisation", org_id, {"strengths": ["Moderation"]})
    with db.unit() as s:
        steps = [(e.action, e.subject, e.new_value) for e in history_of(s, conflict_id)]
        assert ("create", "conflict_step", "2026-02-02: Gespräch") in steps
        changes = [
            (e.field, e.old_value, e.new_value)
            for e in history_of(s, meeting_id)
            if e.action == "update"
        ]
        assert changes == [("attendees", "Anna", "Jakub")]
        removed = [
            (e.action, e.subject, e.old_value)
            for e in history_of(s, org_id)
            if e.action == "delete"
        ]
        assert removed == [("delete", "organisation_tag", "strength: Druck")]


def test_delete_is_recorded(db):
    with db.unit() as s:
        goal_id = services.create(s, "goal", {"title": "Ziel"}).id
    with db.unit() as s:
        services.delete(s, "goal", goal_id)
    with db.unit() as s:
        assert [(e.action, e.old_value) for e in history_of(s, goal_id)] == [
            ("create", None),
            ("delete", "Ziel"),
        ]


def test_history_survives_a_failed_transaction_untouched(db):
    with db.unit() as s:
        goal_id = services.create(s, "goal", {"title": "Ziel"}).id
    try:
        with db.unit() as s:
            services.update(s, "goal", goal_id, {"title": "Neu"})
            raise RuntimeError("power cut")
    except RuntimeError:
        pass
    with db.unit() as s:
        assert [e.action for e in history_of(s, goal_id)] == ["create"]
