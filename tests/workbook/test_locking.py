"""Optimistic locking: the second of two concurrent edits is refused, the first survives."""

from __future__ import annotations

import pytest

from tests.workbook import factories
from workbook import services
from workbook.domain.errors import StaleRecord
from workbook.opening import open_database


def test_second_editor_gets_clear_error_and_first_change_survives(db, db_url):
    other = open_database(db_url, member="Second Member")
    try:
        with db.unit() as s:
            org_id = factories.organisation(s, "Verein").id
        # Both members open the form: each keeps the version it saw.
        with db.unit() as s:
            seen_by_first = services.get(s, "organisation", org_id).version
        with other.unit() as s:
            seen_by_second = services.get(s, "organisation", org_id).version
        with db.unit() as s:
            services.update(
                s,
                "organisation",
                org_id,
                {"name": "Verein (erste)"},
                expected_version=seen_by_first,
            )
        with pytest.raises(StaleRecord) as caught, other.unit() as s:
            services.update(
                s,
                "organisation",
                org_id,
                {"name": "Verein (zweite)"},
                expected_version=seen_by_second,
            )
        assert "changed by someone else" in caught.value.message
        with other.unit() as s:
            org = services.get(s, "organisation", org_id)
            assert (org.name, org.version) == ("Verein (erste)", 2)
    finally:
        other.close()


def test_overlapping_sessions_are_caught_by_the_version_column(db, db_url):
    """Both sessions hold the row loaded before either writes: the UPDATE itself is guarded."""
    with db.unit() as s:
        decision_id = factories.decision(s).id
    other = open_database(db_url)
    first, second = db.sessions(), other.sessions()
    try:
        services.get(first, "decision", decision_id)
        first.commit()  # each member's read ends; the row stays loaded in each session
        services.get(second, "decision", decision_id)
        second.commit()
        services.update(first, "decision", decision_id, {"title": "Erste Änderung"})
        first.commit()
        with pytest.raises(StaleRecord):
            services.update(
                second, "decision", decision_id, {"title": "Zweite Änderung"}, expected_version=1
            )
        second.rollback()
    finally:
        first.close()
        second.close()
        other.close()
    with db.unit() as s:
        assert services.get(s, "decision", decision_id).title == "Erste Änderung"


def test_delete_of_a_changed_record_is_refused(db):
    with db.unit() as s:
        goal_id = services.create(s, "goal", {"title": "G"}).id
    with db.unit() as s:
        services.update(s, "goal", goal_id, {"title": "G2"})
    with pytest.raises(StaleRecord), db.unit() as s:
        services.delete(s, "goal", goal_id, expected_version=1)
    with db.unit() as s:
        assert services.get(s, "goal", goal_id).title == "G2"


@pytest.mark.parametrize(
    ("entity", "first", "second"),
    [
        ("organisation", {"strengths": ["Moderation"]}, {"strengths": ["Podcasts"]}),
        ("meeting", {"attendee_ids": "first"}, {"attendee_ids": "second"}),
    ],
)
def test_a_change_of_only_a_records_lists_moves_its_version(db, entity, first, second):
    """Strengths, networks, attendees: a second member's save of an older form is refused
    as for any field, and the first change survives."""
    with db.unit() as s:
        org = factories.organisation(s, "Verein")
        people = {
            key: services.create(s, "contact", {"name": name, "organisation_id": org.id}).id
            for key, name in (("first", "Ada"), ("second", "Bea"))
        }
        record_id = (
            org.id
            if entity == "organisation"
            else services.create(s, "meeting", {"title": "Plenum", "held_on": "2026-03-01"}).id
        )

    def values(change: dict) -> dict:
        return {k: [people[v]] if k == "attendee_ids" else v for k, v in change.items()}

    with db.unit() as s:
        seen = services.get(s, entity, record_id).version
    with db.unit() as s:
        services.update(s, entity, record_id, values(first), expected_version=seen)
    with pytest.raises(StaleRecord), db.unit() as s:
        services.update(s, entity, record_id, values(second), expected_version=seen)
    with db.unit() as s:
        record = services.get(s, entity, record_id)
        assert record.version == seen + 1
        shown = services.values_of(entity, record)
        key = next(iter(first))
        assert shown[key] == values(first)[key]
