"""Every rule refuses bad input with an error naming the field and reason, and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.workbook import factories
from workbook import services
from workbook.domain.errors import ValidationError
from workbook.domain.models import Change, SearchDocument
from workbook.services import conflicts, goals


def _snapshot(db):
    with db.unit() as s:
        counts = {spec.entity: services.count_rows(s, spec.entity) for spec in services.all_specs()}
        counts["changes"] = s.scalar(select(func.count(Change.id)))
        counts["search"] = s.scalar(select(func.count(SearchDocument.id)))
        return counts


@pytest.mark.parametrize(
    "entity, values, field, reason",
    [
        ("organisation", {"kind": "ngo"}, "name", "is required"),
        ("organisation", {"name": "  ", "kind": "ngo"}, "name", "is required"),
        ("organisation", {"name": "x" * 201, "kind": "ngo"}, "name", "longer than 200"),
        ("organisation", {"name": "A", "kind": "club"}, "kind", "must be one of"),
        (
            "organisation",
            {"name": "A", "kind": "ngo", "email": "anna(at)x.de"},
            "email",
            "not an e-mail",
        ),
        (
            "organisation",
            {"name": "A", "kind": "ngo", "website": "javascript:alert(1)"},
            "website",
            "not a web address",
        ),
        ("organisation", {"name": "A", "kind": "ngo", "phone": "call me"}, "phone", "not a phone"),
        ("organisation", {"name": "A\x1fB", "kind": "ngo"}, "name", "control characters"),
        ("organisation", {"name": "A", "kind": "ngo", "colour": "red"}, "colour", "not a field"),
        (
            "contact",
            {"name": "A", "consent_given_on": "2999-01-01"},
            "consent_given_on",
            "in the future",
        ),
        (
            "contact",
            {"name": "A", "consent_given_on": "31.02.2024"},
            "consent_given_on",
            "expected a date",
        ),
        (
            "contact",
            {"name": "A", "organisation_id": "00000000-0000-4000-8000-000000000000"},
            "organisation_id",
            "no such organisation",
        ),
        (
            "contact",
            {"name": "A", "organisation_id": "not-an-id"},
            "organisation_id",
            "expected the id",
        ),
        (
            "partnership",
            {"title": "P", "start_date": "2026-05-01", "end_date": "2026-04-30"},
            "end_date",
            "must not be before start_date",
        ),
        ("partnership", {"title": "P", "status": "active"}, "start_date", "active partnership"),
        ("goal", {"title": "G", "target": "viele"}, "target", "expected a number"),
        ("goal", {"title": "G", "baseline": 5, "target": 5}, "target", "differ from the baseline"),
        (
            "evaluation",
            {"title": "E", "held_on": "2026-01-01"},
            "partnership_id",
            "reviews a partnership or a goal",
        ),
        ("meeting", {"title": "M"}, "held_on", "is required"),
        ("decision", {"title": "D", "decided_on": "2026-01-01"}, "text", "is required"),
        (
            "decision",
            {"title": "D", "decided_on": "2026-01-01", "text": "t", "votes_for": -1},
            "votes_for",
            "at least 0",
        ),
        (
            "decision",
            {"title": "D", "decided_on": "2026-01-01", "text": "t", "votes_for": 2.5},
            "votes_for",
            "whole number",
        ),
        (
            "decision",
            {
                "title": "D",
                "decided_on": "2026-01-01",
                "text": "t",
                "consensus": True,
                "votes_for": 3,
            },
            "consensus",
            "no vote counts",
        ),
        (
            "conflict",
            {
                "title": "C",
                "raised_on": "2026-01-01",
                "status": "resolved",
                "resolved_on": "2026-02-01",
            },
            "resolution",
            "needs a resolution text",
        ),
        (
            "conflict",
            {
                "title": "C",
                "raised_on": "2026-01-01",
                "status": "resolved",
                "resolution": "Einigung",
            },
            "resolved_on",
            "needs the date",
        ),
        (
            "conflict",
            {
                "title": "C",
                "raised_on": "2026-03-01",
                "status": "resolved",
                "resolution": "Einigung",
                "resolved_on": "2026-02-01",
            },
            "resolved_on",
            "must not be before raised_on",
        ),
        (
            "conflict",
            {"title": "C", "raised_on": "2026-01-01", "status": "in_mediation"},
            "mediator",
            "needs a mediator",
        ),
        (
            "conflict",
            {"title": "C", "raised_on": "2026-01-01", "resolved_on": "2026-02-01"},
            "resolved_on",
            "only a resolved or closed",
        ),
    ],
)
def test_rule_rejects_and_changes_nothing(db, entity, values, field, reason):
    with db.unit() as s:
        factories.organisation(s, "Bestehender Partner")
    before = _snapshot(db)
    with pytest.raises(ValidationError) as caught, db.unit() as s:
        services.create(s, entity, values)
    error = caught.value
    assert (error.entity, error.field) == (entity, field)
    assert reason in error.reason
    assert field in error.message and entity in error.message
    assert _snapshot(db) == before


def test_partner_entries_are_validated_with_their_position(db):
    with db.unit() as s:
        org = factories.organisation(s)
        org_id = org.id
    before = _snapshot(db)
    with pytest.raises(ValidationError) as caught, db.unit() as s:
        factories.partnership(
            s, partners=[{"organisation_id": org_id}, {"organisation_id": org_id}]
        )
    assert (caught.value.field, caught.value.entry) == ("partners", 2)
    assert caught.value.reason.why == "already_partner"
    assert "partners (entry 2)" in caught.value.message
    with pytest.raises(ValidationError) as caught, db.unit() as s:
        factories.partnership(s, terms=[{"heading": "Zweck"}])
    assert (caught.value.field, caught.value.entry) == ("text", 1)
    assert _snapshot(db) == before


def test_failed_update_leaves_record_as_it_was(db):
    with db.unit() as s:
        org_id = factories.organisation(s, "Verein", email="a@b.de").id
    with pytest.raises(ValidationError), db.unit() as s:
        services.update(s, "organisation", org_id, {"name": "Neu", "email": "kaputt"})
    with db.unit() as s:
        org = services.get(s, "organisation", org_id)
        assert (org.name, org.email, org.version) == ("Verein", "a@b.de", 1)


def test_progress_and_steps_are_validated(db):
    with db.unit() as s:
        goal_id = services.create(s, "goal", {"title": "G"}).id
        conflict_id = factories.conflict(s, raised_on="2026-02-01").id
    with pytest.raises(ValidationError, match="recorded_on"), db.unit() as s:
        goals.record_progress(s, goal_id, recorded_on="2999-01-01", value=1)
    with pytest.raises(ValidationError, match="value"), db.unit() as s:
        goals.record_progress(s, goal_id, recorded_on="2026-01-01", value="n/a")
    with pytest.raises(ValidationError, match="taken_on"), db.unit() as s:
        conflicts.add_step(s, conflict_id, taken_on="2026-01-01", description="zu früh")
    with db.unit() as s:
        assert services.get(s, "goal", goal_id).progress == []
        assert services.get(s, "conflict", conflict_id).steps == []


def test_a_strength_cannot_hold_the_separator(db):
    with pytest.raises(ValidationError, match="cannot contain a comma"), db.unit() as s:
        services.create(
            s, "organisation", {"name": "V", "kind": "ngo", "strengths": ["Moderation, Podcasts"]}
        )
    with db.unit() as s:
        org = services.create(
            s, "organisation", {"name": "V", "kind": "ngo", "strengths": "Moderation, Podcasts"}
        )
        assert sorted(org.strengths) == ["Moderation", "Podcasts"]
