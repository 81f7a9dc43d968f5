"""A member joins with a database typed apart from the association's: the same
organisation, person and decision, typed on two laptops with different ids (and spellings),
meet as one record each; their differences are conflicts to decide; what only the member
had reaches everyone. From the change files or, once compacted, from the snapshot."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from sqlalchemy import text

from tests.workbook.sync.helpers import dump, in_step, replica_of, rounds, value
from workbook import services
from workbook.cli import main
from workbook.opening import open_database
from workbook.sync import folder as sync


def _typed(db, org, person, email, notes, *, extra=None):
    with db.unit() as session:
        made = services.create(
            session, "organisation", {"name": org, "kind": "ngo", "notes": notes}
        )
        services.create(
            session, "contact", {"name": person, "email": email, "organisation_id": made.id}
        )
        services.create(
            session,
            "decision",
            {"title": "Satzung", "text": "Beschlossen.", "decided_on": date(2026, 11, 3)},
        )
        if extra:
            services.create(session, "organisation", {"name": extra, "kind": "ngo"})


@pytest.fixture
def apart(sqlite_template, tmp_path):
    dbs = {}
    for name in ("anna", "cara", "ben"):
        shutil.copyfile(sqlite_template, tmp_path / f"{name}.sqlite")
        dbs[name] = open_database(tmp_path / f"{name}.sqlite", member=name, backup=False)
    with dbs["ben"].unit() as session:  # Ben's file is of his own making
        session.execute(text("UPDATE settings SET value = 'bens' WHERE key = 'association.id'"))
    yield dbs
    for db in dbs.values():
        db.close()


@pytest.mark.parametrize("compacted", [False, True])
def test_records_typed_apart_meet_as_one_and_differences_are_conflicts(apart, tmp_path, compacted):
    anna, cara, ben = apart["anna"], apart["cara"], apart["ben"]
    shared = tmp_path / "shared"
    _typed(anna, "Verein Brücke e.V.", "Jonas Müller", "jonas@bruecke.example", "von Anna")
    _typed(
        ben,
        "Verein Bruecke",
        "Jonas Mueller",
        "Jonas@Bruecke.example",
        "von Ben",
        extra="Nur bei Ben",
    )
    in_step(anna, cara, shared)
    if compacted:
        assert sync.compact(anna, shared).removed > 0
    report = sync.join(ben, shared)
    assert report.matched == 3  # the organisation, the person, the decision
    assert (report.snapshot is not None) == compacted
    sync.admit(anna, shared, replica_of(ben))
    rounds([anna, cara, ben], shared)
    for db in (anna, cara, ben):
        assert value(db, "SELECT count(*) FROM organisations") == 2
        assert value(db, "SELECT count(*) FROM contacts") == 1
        assert value(db, "SELECT count(*) FROM decisions") == 1
        assert value(db, "SELECT number FROM decisions") == "D-2026-001"
        fields = {(c.table, c.column) for c in sync.conflicts(db)}
        assert ("organisations", "name") in fields and ("organisations", "notes") in fields
        assert not any(column == "created_at" for _, column in fields)
    assert dump(anna) == dump(ben) == dump(cara)
    # Ben's own history still belongs to his record, now under the association's id
    org = value(anna, "SELECT id FROM organisations WHERE name LIKE 'Verein%'")
    assert value(ben, "SELECT count(*) FROM changes WHERE record_id = :id", id=org) > 0


def test_the_command_says_how_many_records_matched(tmp_path, capsys):
    a, b, shared = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "shared"
    for path, name in ((a, "Anna"), (b, "Ben")):
        assert main(["--db", str(path), "init"]) == 0
        db = open_database(path, member=name, backup=False)
        with db.unit() as session:
            services.create(session, "organisation", {"name": "Fundacja Most", "kind": "ngo"})
        db.close()
    assert main(["--db", str(a), "sync", "--found", str(shared), "--name", "Anna"]) == 0
    capsys.readouterr()
    assert main(["--db", str(b), "sync", "--join", str(shared), "--name", "Ben"]) == 0
    assert "1 of your records matched" in capsys.readouterr().out
