"""Each unit of work reports what it changed: kinds, ids, counts and relations."""

from __future__ import annotations

from datetime import date

from tests.workbook import factories
from workbook import services
from workbook.domain import changes
from workbook.services import conflicts, trash


def _unit(db, work):
    with db.unit() as session:
        result = work(session)
    return result, changes.of(session)


def test_a_new_record_moves_its_kind_and_the_count(db):
    org, said = _unit(db, lambda s: factories.organisation(s, "Verein"))
    assert said.kinds == {"organisation"} and said.ids == {org.id}
    assert said.counts and not said.relations and not said.everything
    assert said.touches(["contact", "organisation"]) and not said.touches(["decision"])


def test_a_change_of_fields_moves_no_count(db):
    with db.unit() as s:
        org_id = factories.organisation(s, "Verein").id
    _none, said = _unit(db, lambda s: services.update(s, "organisation", org_id, {"notes": "neu"}))
    assert said == changes.Changes(frozenset({"organisation"}), frozenset({org_id}))
    _none, said = _unit(db, lambda s: services.list_rows(s, "organisation"))
    assert not said, "a read changes nothing"


def test_a_child_record_is_filed_under_its_parent(db):
    with db.unit() as s:
        conflict_id = factories.conflict(s).id
    _step, said = _unit(
        db,
        lambda s: conflicts.add_step(
            s, conflict_id, taken_on=date(2026, 3, 1), description="Gespräch"
        ),
    )
    assert said.kinds == {"conflict"} and conflict_id in said.ids
    assert said.relations and not said.counts


def test_delete_and_restore(db):
    with db.unit() as s:
        org_id = factories.organisation(s, "Verein").id
    _none, said = _unit(db, lambda s: services.delete(s, "organisation", org_id))
    assert "organisation" in said.kinds and said.counts
    with db.unit() as s:
        (entry,) = trash.items(s)
    _record, said = _unit(db, lambda s: trash.restore(s, entry.id))
    assert said.everything, "its children and links in other tables come back"
