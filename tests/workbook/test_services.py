"""Every entity goes through create, read, update, list and delete on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from tests.workbook import factories
from workbook import services
from workbook.domain.errors import NotFound, StaleRecord, ValidationError
from workbook.domain.models import Conflict, Goal, Meeting, Organisation, Partnership
from workbook.services import conflicts, goals


def test_organisation_with_strengths_and_contact(db):
    with db.unit() as s:
        org = factories.organisation(
            s,
            "Radio Rheinwelle",
            kind="media",
            strengths="Podcasts, Medienarbeit",
            networks=["NRW"],
            website="radio-rheinwelle.example",
            email="info@rw.example",
        )
        services.create(
            s,
            "contact",
            {
                "name": "Zeynep Yılmaz",
                "organisation_id": org.id,
                "email": "zeynep@rw.example",
                "language": "tr",
            },
        )
        org_id = org.id
    with db.unit() as s:
        org = services.get(s, "organisation", org_id)
        assert isinstance(org, Organisation)
        assert sorted(org.strengths) == ["Medienarbeit", "Podcasts"]
        assert org.networks == ["NRW"]
        assert org.website == "https://radio-rheinwelle.example"
        assert [c.name for c in org.contacts] == ["Zeynep Yılmaz"]


def test_partnership_with_partners_terms_and_signatories(db):
    with db.unit() as s:
        a = factories.organisation(s, "Verein A")
        b = factories.organisation(s, "Schule B", kind="school")
        p = factories.partnership(
            s,
            status="active",
            start_date="2026-01-01",
            end_date="2027-12-31",
            review_cadence="quarterly",
            partners=[
                {"organisation_id": a.id, "role": "Koordination"},
                {"organisation_id": b.id, "role": "Gastgeber", "responsibilities": "Räume"},
            ],
            terms=[{"heading": "Zweck", "text": "Bildung"}, {"heading": "Daten", "text": "DSGVO"}],
            signatories=[{"name": "Anna Schmitz", "role": "Vorstand", "organisation_id": a.id}],
        )
        pid = p.id
    with db.unit() as s:
        services.update(
            s,
            "partnership",
            pid,
            {
                "terms": [{"heading": "Zweck", "text": "Politische Bildung"}],
            },
            expected_version=1,
        )
    with db.unit() as s:
        p = services.get(s, "partnership", pid)
        assert isinstance(p, Partnership)
        assert {(x.organisation.name, x.role) for x in p.partners} == {
            ("Verein A", "Koordination"),
            ("Schule B", "Gastgeber"),
        }
        assert [(t.position, t.heading, t.text) for t in p.terms] == [
            (1, "Zweck", "Politische Bildung")
        ]
        assert [x.name for x in p.signatories] == ["Anna Schmitz"]


def test_goal_progress_and_evaluation(db):
    with db.unit() as s:
        p = factories.partnership(s)
        goal = services.create(
            s,
            "goal",
            {
                "title": "Workshops",
                "partnership_id": p.id,
                "baseline": 0,
                "target": 40,
                "unit": "Workshops",
            },
        )
        goals.record_progress(s, goal.id, recorded_on="2026-02-01", value=10)
        goals.record_progress(s, goal.id, recorded_on="2026-03-01", value="20,5")
        services.create(
            s,
            "evaluation",
            {
                "title": "Halbjahr",
                "held_on": "2026-06-30",
                "partnership_id": p.id,
                "rating_overall": 4,
                "successes": "Ausgebucht",
                "lessons": "Früher planen",
            },
        )
        goal_id, pid = goal.id, p.id
    with db.unit() as s:
        goal = services.get(s, "goal", goal_id)
        assert isinstance(goal, Goal)
        assert [u.value for u in goal.progress] == [10, 20.5]
        assert goal.progress_ratio == pytest.approx(20.5 / 40)
        p = services.get(s, "partnership", pid)
        assert [e.lessons for e in p.evaluations] == ["Früher planen"]


def test_meeting_with_attendees_and_decisions(db):
    with db.unit() as s:
        people = [services.create(s, "contact", {"name": n}) for n in ("Jürgen", "Ayşe")]
        meeting = services.create(
            s,
            "meeting",
            {
                "title": "Lenkungskreis",
                "held_on": "2026-04-01",
                "attendee_ids": [p.id for p in people],
            },
        )
        factories.decision(s, meeting_id=meeting.id, decided_on="2026-04-01")
        mid = meeting.id
    with db.unit() as s:
        meeting = services.get(s, "meeting", mid)
        assert isinstance(meeting, Meeting)
        assert [c.name for c in meeting.attendees] == ["Ayşe", "Jürgen"]
        assert [d.title for d in meeting.decisions] == ["Jahresbudget"]


def test_conflict_steps_and_resolution_by_decision(db):
    with db.unit() as s:
        org = factories.organisation(s)
        c = factories.conflict(s, party_organisation_ids=[org.id])
        conflicts.add_step(s, c.id, taken_on="2026-02-03", description="Erstes Gespräch")
        conflicts.add_step(s, c.id, taken_on="2026-02-10", description="Mediation")
        d = factories.decision(s, "Neuer Terminplan")
        cid, did = c.id, d.id
    with db.unit() as s:
        services.update(
            s,
            "conflict",
            cid,
            {
                "status": "resolved",
                "resolution": "Terminplan",
                "resolved_on": "2026-03-01",
                "settled_by_ids": [did],
            },
            expected_version=1,
        )
    with db.unit() as s:
        c = services.get(s, "conflict", cid)
        assert isinstance(c, Conflict)
        assert c.status == "resolved"
        assert [st.description for st in c.steps] == ["Erstes Gespräch", "Mediation"]
        assert [p.caption() for p in c.parties] == ["Demokratiewerkstatt"]
        assert [d.title for d in c.settled_by] == ["Neuer Terminplan"]


@pytest.mark.parametrize(
    "entity, values, change",
    [
        ("organisation", {"name": "Alt", "kind": "ngo"}, {"name": "Neu"}),
        ("contact", {"name": "Alt"}, {"name": "Neu"}),
        ("partnership", {"title": "Alt"}, {"title": "Neu"}),
        ("goal", {"title": "Alt"}, {"title": "Neu"}),
        ("meeting", {"title": "Alt", "held_on": "2026-01-01"}, {"title": "Neu"}),
        ("decision", {"title": "Alt", "decided_on": "2026-01-01", "text": "x"}, {"title": "Neu"}),
        ("conflict", {"title": "Alt", "raised_on": "2026-01-01"}, {"title": "Neu"}),
    ],
)
def test_every_entity_round_trip(db, entity, values, change):
    with db.unit() as s:
        record_id = services.create(s, entity, values).id
    with db.unit() as s:
        assert [r.id for r in services.list_rows(s, entity)] == [record_id]
        record = services.update(s, entity, record_id, change, expected_version=1)
        assert record.version == 2
    with db.unit() as s:
        assert services.get(s, entity, str(record_id)[:8]).caption().endswith("Neu")
        services.delete(s, entity, record_id, expected_version=2)
    with db.unit() as s:
        assert services.count_rows(s, entity) == 0
        with pytest.raises(NotFound):
            services.get(s, entity, record_id)


def test_evaluation_round_trip(db):
    with db.unit() as s:
        p = factories.partnership(s)
        e = services.create(
            s,
            "evaluation",
            {"title": "Bilanz", "held_on": date(2026, 1, 5), "partnership_id": p.id},
        )
        services.update(s, "evaluation", e.id, {"rating_overall": 5}, expected_version=1)
        assert services.list_rows(s, "evaluation")[0].cells[3] == 5


def test_list_sorts_filters_and_pages_in_sql(db):
    with db.unit() as s:
        p = factories.partnership(s)
        for day in range(1, 26):
            factories.decision(
                s,
                f"Beschluss {day:02d}",
                decided_on=f"2026-01-{day:02d}",
                partnership_id=p.id if day % 2 else None,
                status="rejected" if day % 5 == 0 else "adopted",
            )
    with db.unit() as s:
        newest = services.list_rows(s, "decision", limit=3)
        assert [r.cells[2] for r in newest] == ["Beschluss 25", "Beschluss 24", "Beschluss 23"]
        page = services.list_rows(s, "decision", sort="title", descending=False, offset=10, limit=5)
        assert [r.cells[2] for r in page] == [f"Beschluss {d}" for d in range(11, 16)]
        # counted without the partnership lookup, with it when a list column is filtered
        assert services.count_rows(s, "decision") == 25
        assert services.count_rows(s, "decision", filters={"partnership": p.id}) == 13
        assert services.count_rows(s, "decision", filters={"title": "Beschluss 02"}) == 1
        assert services.count_rows(s, "decision", filters={"status": "rejected"}) == 5
        assert (
            services.count_rows(s, "decision", filters={"from": "2026-01-10", "to": "2026-01-19"})
            == 10
        )
        assert services.count_rows(s, "decision", search="beschl") == 25
        assert (
            services.count_rows(s, "decision", search="beschl", filters={"status": "rejected"}) == 5
        )


def test_a_broad_search_read_in_the_lists_order_finds_the_same_page(db):
    from workbook.services.records import MANY_MATCHES

    with db.unit() as s:
        for day in range(1, 29):
            factories.decision(
                s,
                f"Beschluss {day:02d}" if day % 3 else f"Vermerk {day:02d}",
                decided_on=f"2026-02-{day:02d}",
                status="rejected" if day % 4 == 0 else "adopted",
            )
    with db.reading() as s:
        for sort, descending, filters in (
            (None, None, {}),
            ("title", False, {}),
            ("status", True, {"from": "2026-02-05"}),
        ):
            pages = [
                [
                    r.id
                    for r in services.list_rows(
                        s,
                        "decision",
                        search="beschluss",
                        sort=sort,
                        descending=descending,
                        filters=filters,
                        offset=offset,
                        limit=5,
                        matches=matches,
                    )
                ]
                for matches in (None, MANY_MATCHES)
                for offset in (0, 5, 15)
            ]
            assert pages[:3] == pages[3:] and len(pages[0]) == 5


def test_organisation_filters_by_strength(db):
    with db.unit() as s:
        factories.organisation(s, "Radio", strengths=["Podcasts"])
        factories.organisation(s, "Schule", kind="school", strengths=["Räume"])
    with db.unit() as s:
        rows = services.list_rows(s, "organisation", filters={"strength": "Räume"})
        assert [r.cells[0] for r in rows] == ["Schule"]
        assert services.count_rows(s, "organisation", filters={"kind": "school"}) == 1


def test_delete_reports_what_else_is_affected(db):
    with db.unit() as s:
        org = factories.organisation(s, strengths=["Moderation"])
        services.create(s, "contact", {"name": "Anna", "organisation_id": org.id})
        factories.partnership(s, partners=[{"organisation_id": org.id}])
        org_id = org.id
    with db.unit() as s:
        affected = services.dependents(s, "organisation", org_id)
        assert affected["deleted"] == {"organisation_tags": 1, "partnership_partners": 1}
        assert affected["unlinked"] == {"contacts": 1}
        services.delete(s, "organisation", org_id)
    with db.unit() as s:
        contact = services.list_rows(s, "contact")[0]
        assert contact.cells[1] is None  # the contact stays, without organisation
        assert services.count_rows(s, "partnership") == 1


def test_checking_a_record_leaves_no_savepoint_open(db):
    """An import checks each row in a savepoint; one left open per row made later writes of
    that transaction 80 times slower (40,000 rows: apply 104 -> 30 s)."""
    from sqlalchemy import event

    names: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("SAVEPOINT"):
            names.append(statement.split()[1])

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with pytest.raises(Exception, match=r"(?i)savepoint"), db.unit() as s:
            # its strengths are rows of another table: checked in a savepoint, undone after
            services.validate(
                s, "organisation", {"name": "Probe", "kind": "ngo", "strengths": ["a"]}
            )
            assert services.count_rows(s, "organisation") == 0
            assert len(names) == 1
            s.connection().exec_driver_sql(f'RELEASE SAVEPOINT "{names[0]}"')  # already gone
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)


def test_checking_a_new_record_of_plain_fields_takes_no_savepoint_and_finds_what_create_would(
    db,
):
    """A new contact or organisation of plain fields is checked without a savepoint (an
    import checks each new row: 5,000 new contacts' preview 2.6 -> 1.0 s); its rules are
    the create's own, and nothing of it reaches the session or the database."""
    from datetime import date, timedelta

    from sqlalchemy import event

    from workbook.domain.errors import ValidationError

    seen: list[str] = []

    def statement(conn, cursor, sql, parameters, context, executemany):
        seen.append(sql)

    tomorrow = date.today() + timedelta(days=1)
    broken = [
        ({"name": "Anna", "consent_given_on": tomorrow}, "consent_given_on"),
        ({"email": "anna@example.org"}, "name"),
        ({"name": "Anna", "email": "no address"}, "email"),
    ]
    with db.unit() as s:
        event.listen(db.engine, "before_cursor_execute", statement)
        try:
            services.validate(s, "contact", {"name": "Anna", "email": "anna@example.org"})
            refusals = []
            for values, field in broken:
                with pytest.raises(ValidationError) as refused:
                    services.validate(s, "contact", values)
                assert refused.value.field == field
                refusals.append(refused.value.reason)
        finally:
            event.remove(db.engine, "before_cursor_execute", statement)
        assert not s.new
        assert not any(q.startswith(("SAVEPOINT", "INSERT")) for q in seen)
        for (values, _field), reason in zip(broken, refusals, strict=True):
            with pytest.raises(ValidationError) as created:
                services.create(s, "contact", values)
            assert created.value.reason == reason
    with db.unit() as s:
        assert services.count_rows(s, "contact") == 0


def test_checking_an_update_of_plain_fields_finds_what_an_update_would(db):
    """Plain column changes of a kind without cross-record rules are checked field by field,
    without making and undoing the change; the answers are the update's own."""
    with db.unit() as s:
        org = services.create(s, "organisation", {"name": "Verein", "kind": "ngo"})
        org_id = org.id
    with db.unit() as s:
        services.validate(s, "organisation", {"notes": "neu"}, record_id=org_id, expected_version=1)
        for values, field in (
            ({"kind": "kein Typ"}, "kind"),
            ({"email": "keine Adresse"}, "email"),
            ({"name": ""}, "name"),
            ({"colour": "blau"}, "colour"),
        ):
            with pytest.raises(ValidationError) as caught:
                services.validate(s, "organisation", values, record_id=org_id)
            with pytest.raises(ValidationError) as updating:
                services.update(s, "organisation", org_id, values)
            assert caught.value.field == updating.value.field == field
            assert caught.value.reason == updating.value.reason
        with pytest.raises(StaleRecord):
            services.validate(
                s, "organisation", {"notes": "x"}, record_id=org_id, expected_version=7
            )
        assert services.get(s, "organisation", org_id).notes is None


def test_a_lists_ids_in_order_and_its_rows_read_by_id(db):
    """What a long list's deep pages are read by (ui.models.records), on both backends."""
    import uuid

    from workbook.services import ListQuery, ordered_ids, rows_by_id

    with db.unit() as s:
        for day in range(1, 21):
            factories.decision(s, f"Beschluss {day:02d}", decided_on=f"2026-03-{day:02d}")
    query = ListQuery(sort="title", descending=True, filters={"from": "2026-03-05"})
    with db.reading() as s:
        expected = [
            r.id
            for r in services.list_rows(
                s, "decision", sort="title", descending=True, filters=query.filters, limit=100
            )
        ]
        packed = ordered_ids(s, "decision", query)
        ids = [uuid.UUID(bytes=packed[i : i + 16]) for i in range(0, len(packed), 16)]
        assert ids == expected and len(ids) == 16
        missing = uuid.uuid4()
        rows = rows_by_id(s, "decision", [ids[3], missing, ids[0]])
        assert [r.id if r else None for r in rows] == [ids[3], None, ids[0]]
        assert rows[2].cells[2] == "Beschluss 20"
