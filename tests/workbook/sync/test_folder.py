"""Sync through real folders: files half copied, seen twice, damaged, foreign, from a newer
app, signed by a key nobody admitted or by a removed member; laptops' clocks days apart;
decision numbers given twice; an erasure that no file brings back; conflicts decided."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest
import time_machine
from sqlalchemy import text

from tests.workbook.sync.helpers import (
    deliver,
    dump,
    members,
    next_number,
    organisation,
    person,
    replica_of,
    settle,
    value,
)
from workbook import services
from workbook.cli import main
from workbook.opening import open_database
from workbook.privacy.erasure import erase
from workbook.store.search import search
from workbook.sync import files
from workbook.sync import folder as sync
from workbook.sync.files import ChangeFile

NAMES = ["anna", "ben"]


@pytest.fixture
def pair(sqlite_template, tmp_path):
    yield from members(tmp_path, sqlite_template, NAMES)


def _ben_writes(pair, notes="von Ben"):
    shared, (_anna, ben) = pair
    org = value(ben.db, "SELECT id FROM organisations")
    with ben.db.unit() as session:
        services.update(session, "organisation", org, {"notes": notes})
    ben.sync(shared)
    return sorted((shared / "changes" / ben.replica).glob("*.wbsync"))[-1], org


def test_the_founders_records_reach_a_new_member_and_edits_travel_back(pair):
    shared, (anna, ben) = pair
    assert value(ben.db, "SELECT name FROM organisations") == "Verein Brücke"
    _ben_writes(pair)
    deliver(shared, anna.view)
    report = anna.sync(shared)
    assert [(a.member, a.changes) for a in report.arrived] == [("ben", 1)]
    assert value(anna.db, "SELECT notes FROM organisations") == "von Ben"
    # the history says whose laptop made the change
    assert value(anna.db, "SELECT changed_by FROM changes WHERE field = 'notes'").startswith(
        "ben ("
    )
    # and search finds it by the new words
    with anna.db.reading() as session:
        found = search(session, "von ben")
    assert [hit.record_id.hex for hit in found] == [value(anna.db, "SELECT id FROM organisations")]


def test_a_file_still_being_copied_waits_and_is_applied_once_complete(pair):
    shared, (anna, _ben) = pair
    written, _ = _ben_writes(pair)
    deliver(shared, anna.view, [written], cut=True)
    report = anna.sync(shared)
    assert report.incomplete and not report.arrived and not report.refused
    assert value(anna.db, "SELECT notes FROM organisations") is None
    deliver(shared, anna.view, [written])
    assert [a.changes for a in anna.sync(shared).arrived] == [1]
    # seen again (a sync client copying it twice): applied once
    deliver(shared, anna.view, [written])
    assert anna.sync(shared).arrived == []
    assert value(anna.db, "SELECT count(*) FROM changes WHERE field = 'notes'") == 1


def test_files_arriving_out_of_order_wait_for_the_earlier_ones(pair):
    shared, (anna, _ben) = pair
    first, _ = _ben_writes(pair, "eins")
    second, _ = _ben_writes(pair, "zwei")
    deliver(shared, anna.view, [second])
    report = anna.sync(shared)
    assert report.waiting and not report.arrived
    deliver(shared, anna.view, [first])
    report = anna.sync(shared)
    assert [a.changes for a in report.arrived] == [1, 1]
    assert value(anna.db, "SELECT notes FROM organisations") == "zwei"


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda data: b"PK\x03\x04 not ours" + data, "not a change file"),
        (lambda data: data.replace(b"SYNC 1\n", b"SYNC 9\n", 1), "newer version"),
        (lambda data: data[:30] + (b"1" if data[30:31] == b"0" else b"0") + data[31:], "signature"),
    ],
    ids=["foreign", "newer", "signature"],
)
def test_a_damaged_foreign_or_newer_file_is_refused_by_name_and_changes_nothing(pair, damage, why):
    shared, (anna, _ben) = pair
    written, _ = _ben_writes(pair)
    before = dump(anna.db)
    deliver(shared, anna.view, [written])
    target = anna.view / written.relative_to(shared)
    target.write_bytes(damage(target.read_bytes()))
    report = anna.sync(shared)
    assert len(report.refused) == 1
    message = report.refused[0].message
    assert str(target) in message and why in message
    assert dump(anna.db) == before


def test_a_file_signed_by_a_key_the_association_did_not_admit_is_refused(pair):
    shared, (anna, _ben) = pair
    _ben_writes(pair)
    stranger = ChangeFile(
        association=value(anna.db, "SELECT association FROM sync_state"),
        replica="f" * 32,
        seq=1,
        lamport=99,
        context={},
        member="Mallory",
        laptop="elsewhere",
        written_at="2026-12-08T00:00:00+00:00",
        changes=[["set", "organisations", "x" * 32, "notes", "hijacked"]],
    )
    files.write(anna.view, stranger, files.new_key())
    report = anna.sync(shared)
    assert any("did not admit" in e.message for e in report.refused)
    assert "hijacked" not in json.dumps(dump(anna.db))


def test_files_of_a_removed_member_written_after_the_removal_are_refused(pair):
    shared, (anna, ben) = pair
    deliver(shared, anna.view)
    anna.sync(shared)
    sync.remove(anna.db, ben.replica)
    written, _ = _ben_writes(pair, "nach dem Ausschluss")
    deliver(shared, anna.view, [written])
    report = anna.sync(shared)
    assert any("removed" in e.message for e in report.refused)
    assert value(anna.db, "SELECT notes FROM organisations") is None


def test_laptops_whose_clocks_are_days_apart_merge_by_what_each_had_seen(pair):
    shared, (anna, ben) = pair
    org = value(anna.db, "SELECT id FROM organisations")
    # Ben's clock is three days ahead; he edits first, Anna edits after seeing his change
    with time_machine.travel(date.today() + timedelta(days=3)):
        with ben.db.unit() as session:
            services.update(session, "organisation", org, {"notes": "Ben, 3 Tage voraus"})
        ben.sync(shared)
    deliver(shared, anna.view)
    anna.sync(shared)
    with anna.db.unit() as session:
        services.update(session, "organisation", org, {"notes": "Anna, danach"})
    settle(shared, [anna, ben])
    # her later edit wins on both though his clock says it is older: no conflict either
    for laptop in (anna, ben):
        assert value(laptop.db, "SELECT notes FROM organisations") == "Anna, danach"
        assert sync.conflicts(laptop.db) == []


def test_a_concurrent_edit_is_a_conflict_decided_once_for_everyone(pair):
    shared, (anna, ben) = pair
    org = value(anna.db, "SELECT id FROM organisations")
    for laptop, notes in ((anna, "Annas Notiz"), (ben, "Bens Notiz")):
        with laptop.db.unit() as session:
            services.update(session, "organisation", org, {"notes": notes})
    settle(shared, [anna, ben])
    shown = {value(laptop.db, "SELECT notes FROM organisations") for laptop in (anna, ben)}
    assert len(shown) == 1  # the same provisional value on both
    (conflict,) = sync.conflicts(anna.db)
    (other,) = conflict.others
    assert {other[2], *shown} == {"Annas Notiz", "Bens Notiz"}
    sync.decide(anna.db, conflict, "Annas Notiz")
    settle(shared, [anna, ben])
    for laptop in (anna, ben):
        assert value(laptop.db, "SELECT notes FROM organisations") == "Annas Notiz"
        assert sync.conflicts(laptop.db) == []


def test_a_delete_concurrent_with_an_edit_keeps_the_record_as_a_conflict(pair):
    shared, (anna, ben) = pair
    org = value(anna.db, "SELECT id FROM organisations")
    with anna.db.unit() as session:
        services.delete(session, "organisation", org)
    with ben.db.unit() as session:
        services.update(session, "organisation", org, {"notes": "noch gebraucht"})
    settle(shared, [anna, ben])
    for laptop in (anna, ben):
        assert value(laptop.db, "SELECT notes FROM organisations") == "noch gebraucht"
        (conflict,) = sync.conflicts(laptop.db)
        assert conflict.column == "#"
    sync.decide(ben.db, sync.conflicts(ben.db)[0], False)
    settle(shared, [anna, ben])
    for laptop in (anna, ben):
        assert value(laptop.db, "SELECT count(*) FROM organisations") == 0
        assert sync.conflicts(laptop.db) == []


def test_a_decision_number_given_on_two_laptops_stays_unique_and_the_later_is_marked(pair):
    shared, (anna, ben) = pair
    made = {}
    for laptop, title in ((anna, "Satzung"), (ben, "Haushalt")):
        with laptop.db.unit() as session:
            decision = services.create(
                session,
                "decision",
                {"title": title, "text": "Beschlossen.", "decided_on": date(2026, 11, 3)},
            )
            made[title] = decision.number
    assert made["Satzung"] == made["Haushalt"] == "D-2026-001"
    settle(shared, [anna, ben])
    numbers = []
    for laptop in (anna, ben):
        with laptop.db.reading() as session:
            numbers.append(dict(session.execute(text("SELECT title, number FROM decisions")).all()))
    assert numbers[0] == numbers[1]
    kept = [n for n in numbers[0].values() if n == "D-2026-001"]
    marked = [n for n in numbers[0].values() if n.startswith("D-2026-001/")]
    assert len(kept) == 1 and len(marked) == 1
    # the renumbering is in the history, and the next number made here is a new one
    for laptop in (anna, ben):
        assert (
            value(
                laptop.db,
                "SELECT count(*) FROM changes WHERE field = 'number' AND new_value = :n",
                n=marked[0],
            )
            == 1
        )
        assert next_number(laptop.db, "Nächste", date(2026, 11, 4)) == "D-2026-002"


def test_an_erasure_travels_and_no_older_or_concurrent_file_brings_the_data_back(pair):
    shared, (anna, ben) = pair
    zofia = person(anna.db)
    settle(shared, [anna, ben])
    with ben.db.unit() as session:  # offline: Ben corrects her e-mail
        services.update(session, "contact", zofia, {"email": "z.wasowska@example.org"})
    ben.sync(shared)
    ben_file = sorted((shared / "changes" / ben.replica).glob("*.wbsync"))[-1]
    with anna.db.unit() as session:  # meanwhile Anna erases her, as she asked
        erase(session, zofia)
    settle(shared, [anna, ben])
    # the older file once more (a sync client bringing back an old copy): nothing returns
    shutil.copyfile(ben_file, anna.view / ben_file.relative_to(shared))
    anna.sync(shared)
    for laptop in (anna, ben):
        everything = json.dumps(dump(laptop.db), ensure_ascii=False)
        assert "Wąsowska" not in everything and "example.org" not in everything
        assert value(laptop.db, "SELECT erased_on FROM contacts") is not None
        history = value(
            laptop.db,
            "SELECT count(*) FROM changes WHERE new_value LIKE '%example.org%' "
            "OR old_value LIKE '%example.org%'",
        )
        assert history == 0


def test_a_member_who_kept_working_on_a_copy_joins_with_it_matched_not_duplicated(
    sqlite_template, tmp_path
):
    """Both kept a copy of the association's file and worked on it: joining with it, the
    records are the same records (by id), equal fields merge, different ones are conflicts,
    and what only one of them made reaches the other."""
    original = tmp_path / "original.sqlite"
    shutil.copyfile(sqlite_template, original)
    db = open_database(original, member="Anna", backup=False)
    org = organisation(db).hex
    db.close()
    copies = {}
    for name in NAMES:
        shutil.copyfile(original, tmp_path / f"{name}.sqlite")
        copies[name] = open_database(tmp_path / f"{name}.sqlite", member=name, backup=False)
    anna, ben = copies["anna"], copies["ben"]
    try:
        with anna.unit() as session:
            services.update(
                session, "organisation", org, {"notes": "Anna", "website": "https://a.example"}
            )
            services.create(session, "organisation", {"name": "Nur bei Anna", "kind": "ngo"})
        with ben.unit() as session:
            services.update(
                session, "organisation", org, {"notes": "Ben", "website": "https://a.example"}
            )
            services.create(session, "organisation", {"name": "Nur bei Ben", "kind": "ngo"})
        shared = tmp_path / "shared"
        sync.found(anna, shared)
        report = sync.join(ben, shared)
        assert report.written > 0 and not report.refused
        # Ben's first file waits for his admission, said so, not refused
        waiting = sync.sync(anna, shared)
        assert waiting.waiting and not waiting.refused and waiting.requests
        sync.admit(anna, shared, waiting.requests[0]["replica"])
        for _ in range(2):
            sync.sync(anna, shared)
            sync.sync(ben, shared)
        for laptop in (anna, ben):
            names = value(
                laptop,
                "SELECT group_concat(name, '|') FROM "
                "(SELECT name FROM organisations ORDER BY name)",
            )
            assert names == "Nur bei Anna|Nur bei Ben|Verein Brücke"
            assert (
                value(laptop, "SELECT website FROM organisations WHERE id = :id", id=org)
                == "https://a.example"
            )
            (conflict,) = sync.conflicts(laptop)
            assert conflict.column == "notes" and conflict.key == org
        assert dump(anna) == dump(ben)
    finally:
        for laptop in copies.values():
            laptop.close()


def test_a_folder_of_another_association_is_refused(pair, sqlite_template, tmp_path):
    shared, _ = pair
    own = tmp_path / "own.sqlite"
    shutil.copyfile(sqlite_template, own)
    db = open_database(own, member="Cem", backup=False)
    try:
        with db.unit() as session:  # a database of its own association (not the template's)
            session.execute(
                text("UPDATE settings SET value = 'elsewhere' WHERE key = 'association.id'")
            )
        other = tmp_path / "other-folder"
        sync.found(db, other)
        with pytest.raises(sync.NotAFolder, match="another association"):
            sync.sync(db, shared)
    finally:
        db.close()


def test_the_command_founds_joins_admits_and_syncs(tmp_path, capsys):
    a, b, shared = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "shared"
    assert main(["--db", str(a), "init"]) == 0
    db = open_database(a, member="Anna", backup=False)
    organisation(db)
    db.close()
    assert main(["--db", str(a), "sync", "--found", str(shared), "--name", "Anna"]) == 0
    assert "Sent" in capsys.readouterr().out
    assert main(["--db", str(b), "sync", "--join", str(shared), "--name", "Ben"]) == 0
    out = capsys.readouterr().out
    assert "from Anna" in out
    assert main(["--db", str(a), "sync"]) == 0
    asked = capsys.readouterr().out
    assert "Ben" in asked and "asks to join" in asked
    replica = asked.split("--admit ")[1].split()[0]
    assert main(["--db", str(a), "sync", "--admit", replica]) == 0
    assert main(["--db", str(a), "sync"]) == 0
    assert main(["--db", str(b), "sync"]) == 0
    capsys.readouterr()
    assert main(["--db", str(b), "sync", "--conflicts"]) == 0
    assert main(["--db", str(tmp_path / "c.sqlite"), "sync", str(shared)]) == 1
    assert "does not sync" in capsys.readouterr().err


def test_the_history_files_a_strength_from_another_laptop_under_its_organisation(pair):
    shared, (anna, ben) = pair
    org = value(ben.db, "SELECT id FROM organisations")
    with ben.db.unit() as session:
        services.update(session, "organisation", org, {"strengths": ["Bildung", "Recht"]})
    ben.sync(shared)
    deliver(shared, anna.view)
    anna.sync(shared)
    with ben.db.unit() as session:
        services.update(session, "organisation", org, {"strengths": ["Bildung"]})
    ben.sync(shared)
    deliver(shared, anna.view)
    anna.sync(shared)
    with anna.db.reading() as session:
        rows = session.execute(
            text(
                "SELECT entity, subject, action, old_value, new_value, changed_by FROM changes "
                "WHERE record_id = :id AND subject IS NOT NULL ORDER BY id"
            ),
            {"id": org},
        ).all()
    made = [(r.action, r.old_value, r.new_value) for r in rows]
    assert ("create", None, "strength: Bildung") in made and (
        "create",
        None,
        "strength: Recht",
    ) in made
    assert made[-1] == ("delete", "strength: Recht", None)
    assert {(r.entity, r.subject) for r in rows} == {("organisation", "organisation_tag")}
    assert all(r.changed_by.startswith("ben (") for r in rows)


def test_an_attendee_from_another_laptop_is_in_the_meetings_history(pair):
    shared, (anna, ben) = pair
    zofia = person(ben.db)
    with ben.db.unit() as session:
        meeting = services.create(
            session, "meeting", {"title": "Vorstand", "held_on": date(2026, 11, 3)}
        ).id
    ben.sync(shared)
    with ben.db.unit() as session:
        services.update(session, "meeting", meeting, {"attendee_ids": [zofia]})
    ben.sync(shared)
    deliver(shared, anna.view)
    anna.sync(shared)
    assert value(anna.db, "SELECT count(*) FROM meeting_attendees") == 1
    with anna.db.reading() as session:
        row = session.execute(
            text(
                "SELECT entity, field, new_value, changed_by FROM changes "
                "WHERE record_id = :id AND field = 'attendees'"
            ),
            {"id": meeting.hex},
        ).one()
    assert row.entity == "meeting" and row.new_value == "Zofia Wąsowska"
    assert row.changed_by.startswith("ben (")


def test_an_archive_of_a_members_database_joins_as_a_copy_never_as_that_member(pair, tmp_path):
    """Ben's archive, opened on a new laptop, holds his records but not his laptop's
    identity or key: it joins the folder as a copy (matched by id), and his own laptop's
    files stay his."""
    import zipfile

    from workbook.archive import create_archive, open_archive

    shared, (anna, ben) = pair
    archive = tmp_path / "ben.zip"
    create_archive(ben.db, archive)
    with ben.db.reading() as session:
        key = session.connection().exec_driver_sql("SELECT private_key FROM sync_state").scalar()
    with zipfile.ZipFile(archive) as zf:
        assert key not in zf.read("workbook.sqlite")
    cem = open_archive(archive, tmp_path / "cem.sqlite", member="cem")
    try:
        with cem.reading() as session:
            assert not sync.schema.joined(session.connection())
        report = sync.join(cem, shared)
        assert report.written > 0 and not report.refused
        sync.admit(anna.db, shared, replica_of(cem))
        for _ in range(2):
            for db in (anna.db, ben.db, cem):
                sync.sync(db, shared)
        assert dump(cem) == dump(anna.db) == dump(ben.db)
        assert value(cem, "SELECT count(*) FROM organisations") == 1
    finally:
        cem.close()


def test_a_laptop_put_back_to_an_earlier_backup_loses_nothing_and_reuses_no_number(pair, tmp_path):
    """Ben's file is damaged and he restores yesterday's backup: his own change file of
    today is in the folder but not in his database. It comes back in, and what he changes
    after the restore goes out under a new number (never over today's file)."""
    shared, (anna, ben) = pair
    org = value(ben.db, "SELECT id FROM organisations")
    path = ben.db.file
    ben.db.close()
    shutil.copyfile(path, tmp_path / "backup.sqlite")  # yesterday's backup
    ben.db = open_database(path, member="ben", backup=False)
    with ben.db.unit() as session:
        services.update(session, "organisation", org, {"notes": "heute"})
    ben.sync(shared)
    ben.db.close()
    shutil.copyfile(tmp_path / "backup.sqlite", path)  # the backup put back
    ben.db = open_database(path, member="ben", backup=False)
    assert value(ben.db, "SELECT notes FROM organisations") is None
    with ben.db.unit() as session:
        services.update(session, "organisation", org, {"website": "https://bruecke.example"})
    files_before = sorted(p.name for p in (shared / "changes" / ben.replica).glob("*.wbsync"))
    today = (shared / "changes" / ben.replica / files_before[-1]).read_bytes()
    ben.sync(shared)
    names = sorted(p.name for p in (shared / "changes" / ben.replica).glob("*.wbsync"))
    assert len(names) == len(files_before) + 1  # a new number
    assert (shared / "changes" / ben.replica / files_before[-1]).read_bytes() == today
    settle(shared, [anna, ben])
    for laptop in (anna, ben):
        assert value(laptop.db, "SELECT notes FROM organisations") == "heute"
        assert value(laptop.db, "SELECT website FROM organisations") == "https://bruecke.example"
    assert dump(anna.db) == dump(ben.db)
