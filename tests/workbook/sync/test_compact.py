"""Compaction: the change files every member has applied give way to a snapshot; a laptop
that joins later starts from it and ends with the same records and the same open
conflicts; a member who is behind keeps the files it still needs; erased data leaves the
folder with the old files."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from datetime import date

import pytest

from tests.workbook.sync.helpers import (
    Laptop,
    deliver,
    dump,
    in_step,
    members,
    next_number,
    organisation,
    person,
    replica_of,
    rounds,
    settle,
    value,
)
from workbook import services
from workbook.cli import main
from workbook.opening import open_database
from workbook.privacy.erasure import erase
from workbook.store.search import search
from workbook.sync import folder as sync
from workbook.sync import schema, snapshot

NAMES = ["anna", "ben", "cara"]


@pytest.fixture
def trio(sqlite_template, tmp_path):
    yield from members(tmp_path, sqlite_template, NAMES)


def _change_files(shared):
    return sorted((shared / "changes").glob("*/*.wbsync"))


def _work(shared, laptops):
    """A season of work: people, a decision, a strength, a conflict left open, a delete."""
    anna, ben, cara = laptops
    org = value(anna.db, "SELECT id FROM organisations")
    with anna.db.unit() as session:
        services.create(session, "contact", {"name": "Jonas Reiter", "organisation_id": org})
        services.create(
            session,
            "decision",
            {"title": "Satzung", "text": "Beschlossen.", "decided_on": date(2026, 11, 3)},
        )
    settle(shared, laptops)
    with ben.db.unit() as session:
        services.create(session, "organisation", {"name": "Weg damit", "kind": "ngo"})
    settle(shared, laptops)
    gone = value(ben.db, "SELECT id FROM organisations WHERE name = 'Weg damit'")
    with cara.db.unit() as session:
        services.delete(session, "organisation", gone)
    for laptop, notes in ((anna, "Annas Notiz"), (ben, "Bens Notiz")):
        with laptop.db.unit() as session:
            services.update(session, "organisation", org, {"notes": notes})
    settle(shared, laptops)
    return org


def _newcomer(tmp_path, sqlite_template, name="dora"):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(sqlite_template, path)
    return Laptop(name, open_database(path, member=name, backup=False), tmp_path / f"view-{name}")


def _admit(shared, admitter, laptops, newcomer):
    """The newcomer's request reaches a member, who admits it; then everyone syncs."""
    deliver(shared, admitter.view)
    sync.admit(admitter.db, admitter.view, newcomer.replica)
    settle(shared, [*laptops, newcomer], rounds=3)


def test_a_laptop_joining_after_compaction_starts_from_the_snapshot_and_keeps_the_conflicts(
    trio, sqlite_template, tmp_path
):
    shared, laptops = trio
    anna = laptops[0]
    org = _work(shared, laptops)
    before = _change_files(shared)
    done = sync.compact(anna.db, shared)
    assert done.snapshot is not None and done.removed == len(before) and done.freed > 0
    assert _change_files(shared) == []
    dora = _newcomer(tmp_path, sqlite_template)
    try:
        report = sync.join(dora.db, shared)
        assert report.snapshot == done.snapshot and not report.refused
        dora.replica = replica_of(dora.db)
        # what she started from is the association's state, the open conflict included
        assert dump(dora.db) == dump(anna.db)
        (conflict,) = sync.conflicts(dora.db)
        assert conflict.key == org and conflict.column == "notes"
        # her search finds the records, her next decision number is a new one
        with dora.db.reading() as session:
            assert [h.record_id.hex for h in search(session, "reiter")]
        assert next_number(dora.db, "Haushalt", date(2026, 11, 5)) == "D-2026-002"
        _admit(shared, anna, laptops, dora)
        # she decides the conflict: it closes for everyone
        sync.decide(dora.db, sync.conflicts(dora.db)[0], "Bens Notiz")
        settle(shared, [*laptops, dora], rounds=3)
        dumps = [dump(laptop.db) for laptop in (*laptops, dora)]
        assert all(d == dumps[0] for d in dumps)
        assert dumps[0]["conflicts"] == []
        assert value(anna.db, "SELECT notes FROM organisations WHERE id = :id", id=org) == (
            "Bens Notiz"
        )
        assert value(anna.db, "SELECT count(*) FROM decisions") == 2
    finally:
        dora.db.close()


def test_a_member_who_is_behind_keeps_the_files_not_yet_applied(trio):
    shared, laptops = trio
    anna, ben, cara = laptops
    org = value(anna.db, "SELECT id FROM organisations")
    for notes in ("erste", "zweite", "dritte"):  # Cara's laptop stays shut meanwhile
        with ben.db.unit() as session:
            services.update(session, "organisation", org, {"notes": notes})
        ben.sync(shared)
        deliver(shared, anna.view)
        anna.sync(shared)
    kept = {p.name for p in (shared / "changes" / ben.replica).glob("*.wbsync")}
    done = sync.compact(anna.db, shared)
    assert done.snapshot is not None
    left = {p.name for p in (shared / "changes" / ben.replica).glob("*.wbsync")}
    assert len(left) == 3 and left <= kept  # Ben's three new files: Cara has none of them
    # Cara's sync client has the folder as it is now (the removed files gone)
    shutil.rmtree(cara.view)
    deliver(shared, cara.view)
    settle(shared, laptops)
    assert value(cara.db, "SELECT notes FROM organisations") == "dritte"
    assert dump(cara.db) == dump(anna.db) == dump(ben.db)


def test_an_erasure_leaves_the_folder_with_the_old_files(trio):
    shared, laptops = trio
    anna, ben, _cara = laptops
    zofia = person(anna.db)
    settle(shared, laptops)
    with ben.db.unit() as session:
        erase(session, zofia)
    settle(shared, laptops)

    def folder_text():
        found = b""
        for path in _change_files(shared):
            found += gzip.decompress(path.read_bytes().split(b"\n", 3)[3])
        for snap in snapshot.found(shared):
            with snapshot.opened(snap, sync._request_key(shared, snap.header.replica)) as copy:
                found += copy.read_bytes()
        return found

    assert b"zofia@example.org" in folder_text()  # the file that made her is still there
    sync.compact(anna.db, shared)
    everything = folder_text()
    assert b"zofia@example.org" not in everything
    assert "Wąsowska".encode() not in everything


def test_a_snapshot_still_copying_leaves_the_joiner_unchanged_until_it_is_whole(
    trio, sqlite_template, tmp_path
):
    shared, laptops = trio
    anna = laptops[0]
    _work(shared, laptops)
    done = sync.compact(anna.db, shared)
    whole = (shared / "snapshots").joinpath(*done.snapshot.split("/")[-2:]).read_bytes()
    arriving = tmp_path / "arriving"
    shutil.copytree(shared, arriving)
    target = arriving / "snapshots" / done.snapshot.split("/")[-2] / done.snapshot.split("/")[-1]
    target.write_bytes(whole[: len(whole) // 2])
    dora = _newcomer(tmp_path, sqlite_template)
    try:
        with pytest.raises(sync.NotAFolder, match="not whole here yet"):
            sync.join(dora.db, arriving)
        with dora.db.reading() as session:
            assert not schema.joined(session.connection())
        target.write_bytes(whole)
        report = sync.join(dora.db, arriving)
        assert report.snapshot is not None
        assert value(dora.db, "SELECT count(*) FROM contacts") == 1
    finally:
        dora.db.close()


def test_a_snapshot_signed_by_another_key_is_refused_by_name(trio, sqlite_template, tmp_path):
    shared, laptops = trio
    anna = laptops[0]
    _work(shared, laptops)
    done = sync.compact(anna.db, shared)
    path = next((shared / "snapshots").glob("*/*.wbsnap"))
    lines = path.read_bytes().split(b"\n", 4)
    lines[1] = bytes(64).hex().encode()  # a signature the member's key did not make
    path.write_bytes(b"\n".join(lines))
    dora = _newcomer(tmp_path, sqlite_template)
    try:
        with pytest.raises(sync.ChangeFileRefused, match="signature") as refused:
            sync.join(dora.db, shared)
        assert path.name in str(refused.value) and done.snapshot is not None
        with dora.db.reading() as session:
            assert not schema.joined(session.connection())
    finally:
        dora.db.close()


def test_a_member_with_a_copy_joins_a_compacted_folder_matched_by_id(sqlite_template, tmp_path):
    """Ben kept working on a copy of the association's file; by the time he joins, the
    folder was compacted. His records still meet theirs by id: equal fields merge, a
    different one is a conflict, his new record reaches everyone."""
    original = tmp_path / "original.sqlite"
    shutil.copyfile(sqlite_template, original)
    db = open_database(original, member="anna", backup=False)
    org = organisation(db).hex
    db.close()
    paths = {name: tmp_path / f"{name}.sqlite" for name in ("anna", "ben", "cara")}
    shutil.copyfile(original, paths["anna"])
    shutil.copyfile(original, paths["ben"])
    shutil.copyfile(sqlite_template, paths["cara"])
    dbs = {name: open_database(p, member=name, backup=False) for name, p in paths.items()}
    shared = tmp_path / "shared"
    try:
        anna, ben, cara = dbs["anna"], dbs["ben"], dbs["cara"]
        in_step(anna, cara, shared)
        with anna.unit() as session:
            services.update(
                session, "organisation", org, {"notes": "Anna", "website": "https://a.example"}
            )
        for _ in range(2):
            sync.sync(anna, shared)
            sync.sync(cara, shared)
        assert sync.compact(anna, shared).removed > 0
        with ben.unit() as session:
            services.update(
                session, "organisation", org, {"notes": "Ben", "website": "https://a.example"}
            )
            services.create(session, "organisation", {"name": "Nur bei Ben", "kind": "ngo"})
        report = sync.join(ben, shared)
        assert report.snapshot is not None
        sync.admit(anna, shared, replica_of(ben))
        rounds([anna, cara, ben], shared)
        for laptop in (anna, ben, cara):
            assert value(laptop, "SELECT count(*) FROM organisations") == 2
            (conflict,) = sync.conflicts(laptop)
            assert conflict.key == org and conflict.column == "notes"
        assert dump(anna) == dump(ben) == dump(cara)
    finally:
        for db in dbs.values():
            db.close()


def test_a_sync_compacts_by_itself_once_enough_files_are_everywhere(trio, monkeypatch):
    shared, laptops = trio
    monkeypatch.setattr(sync, "COMPACT_AFTER", 4)
    anna, ben, _cara = laptops
    org = value(anna.db, "SELECT id FROM organisations")
    reports = []
    for round_ in range(4):
        with ben.db.unit() as session:
            services.update(session, "organisation", org, {"notes": f"Runde {round_}"})
        for laptop in laptops:
            deliver(shared, laptop.view)
            reports.append(laptop.sync(shared))
    # each laptop's view is its sync client's: compaction in a view is published as the
    # snapshot; here the laptops compact their own views
    done = [r.compaction for r in reports if r.compaction and r.compaction.snapshot]
    assert done and done[0].removed >= 4


def test_the_command_compacts(trio, capsys):
    shared, laptops = trio
    anna = laptops[0]
    _work(shared, laptops)
    anna.db.close()
    location = str(anna.db.file)
    assert main(["--db", location, "sync", str(shared), "--compact"]) == 0
    out = capsys.readouterr().out
    assert "Compacted" in out and "snapshot" in out
    with sqlite3.connect(location) as conn:  # nothing a member needs left the database
        assert conn.execute("SELECT count(*) FROM sync_siblings").fetchone()[0] == 1
    laptops[0] = Laptop(anna.name, open_database(location, member="anna", backup=False), anna.view)


def test_a_folder_founded_from_many_records_starts_with_a_snapshot(
    sqlite_template, tmp_path, monkeypatch
):
    monkeypatch.setattr(sync, "SNAPSHOT_AT", 3)
    paths = {name: tmp_path / f"{name}.sqlite" for name in ("anna", "ben")}
    dbs = {}
    for name, path in paths.items():
        shutil.copyfile(sqlite_template, path)
        dbs[name] = open_database(path, member=name, backup=False)
    try:
        for name in ("Verein Brücke", "Fundacja Most", "Spolek Most"):
            organisation(dbs["anna"], name)
        shared = tmp_path / "shared"
        founded = sync.found(dbs["anna"], shared)
        assert founded.compaction is not None and founded.compaction.snapshot is not None
        assert _change_files(shared) == []  # the founder's first file is the snapshot now
        joined = sync.join(dbs["ben"], shared)
        assert joined.snapshot == founded.compaction.snapshot
        assert dump(dbs["ben"]) == dump(dbs["anna"])
    finally:
        for db in dbs.values():
            db.close()
