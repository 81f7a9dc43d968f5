"""Optimistic locking: the second of two concurrent edits is refused, the first survives."""

from __future__ import annotations

import pytest

from tests.workbook import factories
from workbook import services
from workbook.db import open_database
from workbook.errors import StaleRecord


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
