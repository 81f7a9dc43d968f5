"""A batch's plain changes go in one UPDATE per kind, each row guarded by its version, with
the history, search documents and versions the ORM would have written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, update

from tests.workbook import factories
from workbook import services
from workbook.domain.errors import StaleRecord
from workbook.domain.models import Organisation
from workbook.services.records import written_together
from workbook.store.history import history_of
from workbook.store.search import search


@contextmanager
def statements(db) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def _organisations(db, count: int) -> list:  # type: ignore[no-untyped-def]
    with db.unit() as s:
        made = [
            factories.organisation(s, f"Verein {i}", notes="Partner seit 2019", phone="+49 221 100")
            for i in range(count)
        ]
        return [(o.id, o.updated_at) for o in made]


def _held(s, made) -> list:  # type: ignore[no-untyped-def]
    """The records loaded before their batch, as an import's batch holds them (a record
    read in the block would flush what waits: a query flushes first)."""
    return [services.get(s, "organisation", ident) for ident, _at in made]


def test_plain_changes_of_a_batch_are_one_update_with_history_search_and_versions(db):
    made = _organisations(db, 6)
    with statements(db) as seen, db.unit() as s:
        held = _held(s, made)
        with written_together(s):
            for i, (ident, _at) in enumerate(made[:5]):
                services.update(
                    s,
                    "organisation",
                    ident,
                    {"notes": f"Zaunkönigprojekt {i}", "phone": f"+49 221 20{i}"},
                    expected_version=1,
                )
            # one record also gains a strength: a relationship, written by the ORM
            services.update(s, "organisation", made[5][0], {"strengths": ["Moderation"]})
        assert held[0].version == 2 and held[0].notes == "Zaunkönigprojekt 0"  # read again
    updates = [st for st in seen if st.startswith("UPDATE organisations")]
    # five rows, one statement; the sixth's strengths are rows of another table, and its own
    # row is written by the ORM only for its version
    assert len([st for st in updates if "notes=" in st]) == 1, updates
    assert len(updates) == 2, updates
    with db.unit() as s:
        for i, (ident, updated_at) in enumerate(made[:5]):
            record = services.get(s, "organisation", ident)
            assert (record.notes, record.phone, record.version) == (
                f"Zaunkönigprojekt {i}",
                f"+49 221 20{i}",
                2,
            )
            assert record.updated_at > updated_at
            changes = {
                e.field: (e.old_value, e.new_value)
                for e in history_of(s, ident)
                if e.action == "update"
            }
            assert changes == {
                "notes": ("Partner seit 2019", f"Zaunkönigprojekt {i}"),
                "phone": ("+49 221 100", f"+49 221 20{i}"),
            }
        sixth = services.get(s, "organisation", made[5][0])
        assert (sixth.strengths, sixth.version) == (["Moderation"], 2)
        assert {h.label for h in search(s, "zaunkonigprojekt")} == {f"Verein {i}" for i in range(5)}
        assert {h.label for h in search(s, "moderation")} == {"Verein 5"}
        assert {h.label for h in search(s, "partner seit")} == {"Verein 5"}  # old text is gone


def test_a_record_changed_meanwhile_fails_the_whole_batch_and_nothing_is_written(db):
    made = _organisations(db, 3)
    with pytest.raises(StaleRecord), db.unit() as s:
        held = _held(s, made)
        with written_together(s):
            for ident, _at in made:
                services.update(s, "organisation", ident, {"notes": "Neu"})
            # another member's save of the second, between reading and writing
            s.connection().execute(  # not through the session, which would flush first
                update(Organisation.__table__)
                .where(Organisation.__table__.c.id == made[1][0])
                .values(version=2, notes="Fremd")
            )
        del held
    with db.unit() as s:
        assert [services.get(s, "organisation", i).notes for i, _at in made] == [
            "Partner seit 2019"
        ] * 3
        assert search(s, "neu") == []
        assert not [e for i, _at in made for e in history_of(s, i) if e.action == "update"]


def test_a_change_that_does_not_reach_the_search_document_leaves_the_index_alone(db):
    made = _organisations(db, 2)
    with statements(db) as seen, db.unit() as s:
        services.update(s, "organisation", made[0][0], {"phone": "+49 30 1234"})  # not searchable
    assert not [st for st in seen if "search_documents" in st and not st.startswith("SELECT")]
    with statements(db) as seen, db.unit() as s:
        services.update(s, "organisation", made[0][0], {"notes": "Zaunkönig"})
    written = [st.split()[0] for st in seen if "search_documents" in st]
    assert written == ["SELECT", "UPDATE"]  # changed in place, not deleted and added
    with db.unit() as s:
        assert [h.label for h in search(s, "zaunkonig")] == ["Verein 0"]
        assert [h.label for h in search(s, "partner")] == ["Verein 1"]
