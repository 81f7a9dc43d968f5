"""One writer per file, read-only mode, damaged files, and kill -9 at random moments."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.workbook import factories
from tools import crashharness
from workbook import opening, services
from workbook.domain.errors import DatabaseDamaged, ReadOnlyDatabase
from workbook.opening import open_database
from workbook.store import backup, lock
from workbook.store.lock import DatabaseInUse

HOLDER = textwrap.dedent(
    """
    import sys, time
    from workbook.opening import open_database
    db = open_database(sys.argv[1], member="Berta Beispiel")
    print("ready", flush=True)
    time.sleep(120)
    """
)


@pytest.fixture
def other_instance(tmp_path):
    """Another app process that has the database open, as a second laptop user would."""
    path = tmp_path / "shared.sqlite"
    db = open_database(path)
    with db.unit() as s:
        factories.organisation(s, "Verein")
    db.close()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield path, process
    process.kill()
    process.wait()
    process.stdout.close()


def test_second_instance_is_told_who_has_it_and_may_read_only(other_instance):
    path, process = other_instance
    with pytest.raises(DatabaseInUse) as caught:
        open_database(path)
    message = caught.value.message
    assert "Berta Beispiel" in message and str(process.pid) in message
    assert "read-only" in message

    db = open_database(path, read_only=True)
    try:
        assert db.read_only == "in_use"
        with db.unit() as s:
            assert [r.cells[0] for r in services.list_rows(s, "organisation")] == ["Verein"]
        with pytest.raises(ReadOnlyDatabase) as refused, db.unit() as s:
            factories.organisation(s, "Zweiter Verein")
        assert "another member has it open" in refused.value.message
        # SQLite itself refuses, even hand-written SQL
        with pytest.raises(ReadOnlyDatabase), db.unit() as s:
            s.execute(text("DELETE FROM organisations"))
    finally:
        db.close()
    assert lock.holder(path).member == "Berta Beispiel"


def test_a_stale_lock_after_a_crash_is_recognised_and_cleared(other_instance, caplog):
    path, process = other_instance
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert lock.lock_path(path).exists(), "a crash leaves the lock file behind"
    assert lock.holder(path) is None, "but nobody holds it"
    with caplog.at_level(logging.WARNING, logger="workbook.store.lock"):
        db = open_database(path)
    try:
        assert f"stale lock on {path}" in caplog.text and str(process.pid) in caplog.text
        with db.unit() as s:
            factories.organisation(s, "Nach dem Absturz")
        assert lock.holder(path).pid == os.getpid()
    finally:
        db.close()
    assert not lock.lock_path(path).exists(), "closing removes the lock file"


def test_a_folder_that_cannot_be_written_opens_read_only(sqlite_db):
    path = sqlite_db.file
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein")
    sqlite_db.close()
    lock.lock_path(path).mkdir()  # the lock file cannot be created: as on a read-only medium
    db = open_database(path)
    try:
        assert db.read_only == "medium"
        with db.unit() as s:
            assert services.count_rows(s, "organisation") == 1
        with pytest.raises(ReadOnlyDatabase) as refused, db.unit() as s:
            factories.organisation(s, "Neu")
        assert "cannot be written" in refused.value.message
    finally:
        db.close()


def _mount_read_only(source: Path, target: Path) -> bool:
    target.mkdir()
    done = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True)
    if done.returncode:
        return False
    subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], check=True)
    return True


def test_a_database_on_a_read_only_medium_opens_read_only(sqlite_db, tmp_path):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Auf dem Stick")
    sqlite_db.close()  # the last one out folds the write-ahead log into the file
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copy(sqlite_db.file, folder / "w.sqlite")
    medium = tmp_path / "medium"
    if not _mount_read_only(folder, medium):
        pytest.skip("this machine does not allow a read-only mount (needs root)")
    try:
        db = open_database(medium / "w.sqlite")
        try:
            assert db.read_only == "medium"
            with db.unit() as s:
                assert [r.cells[0] for r in services.list_rows(s, "organisation")] == [
                    "Auf dem Stick"
                ]
            with pytest.raises(ReadOnlyDatabase), db.unit() as s:
                factories.organisation(s, "Neu")
        finally:
            db.close()
    finally:
        subprocess.run(["umount", str(medium)], check=True)


def _filled_and_backed_up(db, organisations: int):
    """A closed database file of some size, and a manual backup of it."""
    with db.unit() as s:
        for n in range(organisations):
            factories.organisation(s, f"Verein {n}", notes="x" * 500)
    db.close()
    return db.file, backup.create_backup(db.file, "manual")


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_file_is_detected_on_open_with_the_way_back(sqlite_db, damage):
    path, good = _filled_and_backed_up(sqlite_db, 300)
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        if damage == "truncated":
            handle.truncate(size // 3)
        else:
            handle.write(os.urandom(size))
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    message = caught.value.message
    assert "damaged" in message and good.name in message
    assert f"workbook backup restore {good.name}" in message

    opening.restore(path, good.name)
    db = open_database(path)
    try:
        with db.unit() as s:
            assert services.count_rows(s, "organisation") == 300
    finally:
        db.close()


def test_two_processes_never_write_the_same_file(other_instance):
    path, _process = other_instance
    for _attempt in range(3):
        with pytest.raises(DatabaseInUse):
            open_database(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_kill_minus_nine_at_random_moments_loses_no_acknowledged_commit(tmp_path):
    outcome = crashharness.run(tmp_path, 200)
    assert outcome.iterations == 200
    assert outcome.problems == []
    assert (outcome.corrupt, outcome.lost, outcome.partial) == (0, 0, 0)
    assert outcome.acknowledged > 50, "the writers must have committed between the kills"


def test_a_new_database_in_a_folder_that_does_not_exist_yet(tmp_path):
    db = open_database(tmp_path / "neu" / "ordner" / "w.sqlite")
    try:
        assert db.read_only is None
        with db.unit() as s:
            factories.organisation(s, "Erster Verein")
    finally:
        db.close()


def test_a_cut_off_big_file_is_caught_without_reading_it_all(sqlite_db, monkeypatch):
    import workbook.opening

    path, _backup = _filled_and_backed_up(sqlite_db, 200)
    monkeypatch.setattr(workbook.opening, "QUICK_CHECK_BYTES", 0)  # as if it were gigabytes
    open_database(path).close()  # a clean, whole file opens without a full check
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    assert "cut off" in caught.value.message
