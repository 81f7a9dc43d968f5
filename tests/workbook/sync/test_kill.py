"""kill -9 at random moments of a sync (200 times): the database stays intact, the next sync
completes, and the members end in step; a full disk during a sync changes nothing."""

from __future__ import annotations

import errno
import os
import random
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.workbook.sync.helpers import Laptop, association, deliver, dump, settle
from workbook import services
from workbook.opening import open_database
from workbook.sync import folder as sync

NAMES = ["anna", "ben"]
KILLS = 200


def _seed(db):
    with db.unit() as session:
        services.create(session, "organisation", {"name": "Verein Brücke", "kind": "ngo"})


def _work_and_sync(where: Path, round_: int) -> None:
    """In the child: Ben edits, adds a strength and a person, and syncs."""
    db = open_database(where / "ben.sqlite", member="ben", backup=False)
    with db.reading() as session:
        org = session.connection().exec_driver_sql("SELECT id FROM organisations").scalar()
    with db.unit() as session:
        services.update(session, "organisation", org, {"notes": f"Runde {round_}"})
        services.create(session, "contact", {"name": f"Person {round_}", "organisation_id": org})
    sync.sync(db, where / "view-ben")
    db.close()


def _intact(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.slow  # the kill -9 loop: the fast loop leaves it out
def test_a_sync_killed_anywhere_leaves_the_database_intact_and_the_next_completes(
    sqlite_template, tmp_path
):
    shared, laptops = association(tmp_path, sqlite_template, NAMES, seed=_seed)
    for laptop in laptops:
        laptop.db.close()
    rng = random.Random(2026)
    killed = 0
    for round_ in range(KILLS):
        pid = os.fork()
        if pid == 0:  # the child: no pytest teardown, no atexit, only the work
            try:
                _work_and_sync(tmp_path, round_)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.25))
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        _intact(tmp_path / "ben.sqlite")
    assert killed > KILLS / 2  # most were killed on the way, not after the end
    reopened = [
        Laptop(
            name,
            open_database(tmp_path / f"{name}.sqlite", member=name, backup=False),
            tmp_path / f"view-{name}",
            laptops[i].replica,
        )
        for i, name in enumerate(NAMES)
    ]
    try:
        settle(shared, reopened, rounds=3)
        assert dump(reopened[0].db) == dump(reopened[1].db)
        for laptop in reopened:
            assert not laptop.reports[-1].refused and not laptop.reports[-1].waiting
    finally:
        for laptop in reopened:
            laptop.db.close()


def test_a_full_disk_during_a_sync_is_said_and_half_of_nothing_is_applied(
    sqlite_template, tmp_path, monkeypatch
):
    shared, (anna, ben) = association(tmp_path, sqlite_template, NAMES, seed=_seed)
    try:
        with ben.db.reading() as session:
            org = session.connection().exec_driver_sql("SELECT id FROM organisations").scalar()
        with ben.db.unit() as session:
            services.update(session, "organisation", org, {"notes": "voll"})

        real = os.replace

        def full(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))

        monkeypatch.setattr(os, "replace", full)
        with pytest.raises(
            sync.FolderUnwritable, match=r"No space left on device\. Nothing is lost"
        ):
            sync.sync(ben.db, ben.view)
        monkeypatch.setattr(os, "replace", real)
        # the change waits, committed, and goes out whole with the next sync
        assert not list((ben.view / "changes" / ben.replica).glob("*2.wbsync"))
        ben.sync(shared)
        deliver(shared, anna.view)
        assert [a.changes for a in anna.sync(shared).arrived] == [1]
    finally:
        anna.db.close()
        ben.db.close()
