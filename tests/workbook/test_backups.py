"""Backups: consistent while writing, rotated, restorable, and refused when damaged."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.workbook import factories
from workbook import opening, services
from workbook.domain.models import Contact, Organisation
from workbook.opening import open_database
from workbook.store import backup
from workbook.store.search import search


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _organisations(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM organisations")}


def test_backup_while_another_thread_writes_is_one_consistent_snapshot(sqlite_db):
    stop = threading.Event()
    committed: list[str] = []

    def write() -> None:
        n = 0
        while not stop.is_set():
            with sqlite_db.unit() as s:
                org = factories.organisation(s, f"Verein {n}")
                for k in range(3):
                    services.create(
                        s, "contact", {"name": f"Person {n}-{k}", "organisation_id": org.id}
                    )
            committed.append(f"Verein {n}")
            n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(committed) < 20:
            stop.wait(0.01)
        info = backup.create_backup(sqlite_db.file, "manual")
        seen = len(committed)
        while len(committed) < seen + 10:  # the writer carried on while we copied
            stop.wait(0.01)
    finally:
        stop.set()
        writer.join()
    assert backup.check_file(info.path) is None
    with closing(sqlite3.connect(info.path)) as conn:
        orgs = conn.execute("SELECT count(*) FROM organisations").fetchone()[0]
        per_org = conn.execute(
            "SELECT count(c.id) FROM organisations o LEFT JOIN contacts c "
            "ON c.organisation_id = o.id GROUP BY o.id"
        ).fetchall()
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert 20 <= orgs < len(committed)
    assert {n for (n,) in per_org} == {3}, "a transaction was copied half"
    assert info.counts["organisations"] == orgs and info.counts["contacts"] == 3 * orgs
    assert mode == "delete", "a backup is one self-contained file"
    assert backup.list_backups(sqlite_db.file)[0].name == info.name


def _damage_an_index(path: Path) -> None:
    """An index page turned to garbage; its table still reads."""
    with closing(sqlite3.connect(path)) as conn:
        page = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_organisations_name'"
        ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xff" * 64)


def test_rotation_keeps_exactly_the_right_files_for_a_year_of_daily_opens(sqlite_db):
    path = sqlite_db.file
    assert backup.list_backups(path) == []  # the fixture opens without its daily backup
    for day in range(365):
        opened = datetime(2026, 1, 1, 9, 0) + timedelta(days=day)
        assert backup.backup_on_open(path, now=opened) is not None
        # a second opening the same day takes no second backup
        assert backup.backup_on_open(path, now=opened + timedelta(hours=3)) is None
    kept = {b.created.date() for b in backup.list_backups(path)}
    daily = {date(2026, 12, d) for d in range(25, 32)}
    weekly = {date(2026, 12, 13), date(2026, 12, 20), date(2026, 12, 27), date(2026, 12, 31)}
    month_ends = {
        (date(2026, m + 1, 1) - timedelta(days=1)) if m < 12 else date(2026, 12, 31)
        for m in range(1, 13)
    }
    assert kept == daily | weekly | month_ends
    assert len(kept) == 20
    assert len(list(backup.backup_dir(path).glob("*.sqlite"))) == 20
    assert len(list(backup.backup_dir(path).glob("*.json"))) == 20


def test_rotation_is_configurable_and_keeps_every_recent_backup():
    now = datetime(2026, 11, 25, 12, 0)
    backups = [
        backup.BackupInfo(Path(f"b{h}.sqlite"), now - timedelta(hours=h), "before-import")
        for h in range(0, 60, 2)
    ]
    keep = backup.to_keep(backups, backup.Retention(daily=3, weekly=0, monthly=0), now)
    recent = {b.path for b in backups if now - b.created < timedelta(hours=24)}
    assert recent <= keep
    # beyond the last 24 hours (back to 24 Nov 12:00): only the newest of 23 November
    assert keep - recent == {Path("b38.sqlite")}


def test_restore_round_trip_keeps_the_replaced_state_too(sqlite_db, tmp_path):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Vor der Sicherung")
    saved = backup.create_backup(sqlite_db.file, "manual")
    with sqlite_db.unit() as s:
        services.delete(s, "organisation", services.list_rows(s, "organisation")[0].id)
        factories.organisation(s, "Nach der Sicherung")
    path = sqlite_db.file
    sqlite_db.close()

    before, replayed = opening.restore(path, saved.name, member="Test Member")

    assert _organisations(path) == {"Vor der Sicherung"}
    assert before is not None and _organisations(before.path) == {"Nach der Sicherung"}
    assert replayed == 0
    db = open_database(path)
    try:
        with db.unit() as s:
            assert [h.label for h in search(s, "Sicherung")] == ["Vor der Sicherung"]
    finally:
        db.close()


def test_restore_of_a_damaged_backup_is_refused_and_changes_nothing(sqlite_db):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Bleibt")
    saved = backup.create_backup(sqlite_db.file, "manual")
    path = sqlite_db.file
    sqlite_db.close()
    data = bytearray(saved.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the backup overwritten
    saved.path.write_bytes(bytes(data))
    before = _digest(path)
    count = len(backup.list_backups(path))

    with pytest.raises(backup.BackupDamaged) as caught:
        opening.restore(path, saved.name)

    assert saved.name in caught.value.message and "nothing was restored" in caught.value.message
    assert _digest(path) == before
    assert len(backup.list_backups(path)) == count


def test_backup_of_a_server_database_points_to_the_servers_tools(postgres_url):
    db = open_database(postgres_url)
    try:
        with pytest.raises(backup.NoBackupOnServer) as caught:
            backup.backup_database(db)
        assert "pg_dump" in caught.value.message
        assert backup.before_import(db) is None
    finally:
        db.close()


def test_opening_takes_the_daily_backup_and_migrations_take_their_own(tmp_path):
    path = tmp_path / "w.sqlite"
    open_database(path).close()  # created: nothing worth a backup yet
    assert backup.list_backups(path) == []
    open_database(path).close()
    open_database(path).close()
    assert [b.reason for b in backup.list_backups(path)] == ["daily"]


def test_counts_in_the_backup_list_are_the_records_it_holds(sqlite_db):
    with sqlite_db.unit() as s:
        org = factories.organisation(s, "Verein")
        services.create(s, "contact", {"name": "Ada", "organisation_id": org.id})
        orgs = s.scalar(select(func.count()).select_from(Organisation))
        contacts = s.scalar(select(func.count()).select_from(Contact))
    info = backup.backup_database(sqlite_db, "manual")
    listed = backup.list_backups(sqlite_db.file)[0]
    assert listed.counts == info.counts
    assert (listed.counts["organisations"], listed.counts["contacts"]) == (orgs, contacts)


def test_the_retention_policy_is_the_associations_own_choice(sqlite_db):
    with sqlite_db.unit() as s:
        backup.set_retention(s, backup.Retention(daily=2, weekly=0, monthly=0))
    with sqlite_db.unit() as s:
        assert backup.retention_of(s) == backup.Retention(daily=2, weekly=0, monthly=0)
    now = datetime.now(UTC).replace(tzinfo=None)
    older = [
        backup.create_backup(sqlite_db.file, "manual", now=now - timedelta(days=k, hours=1))
        for k in range(1, 6)
    ]
    backup.backup_database(sqlite_db, "manual")
    left = {b.path for b in backup.list_backups(sqlite_db.file)}
    assert older[0].path in left, "yesterday's newest is the second day kept"
    assert not left & {b.path for b in older[1:]}


def test_the_file_is_copied_whole_unless_a_reader_holds_an_older_snapshot(sqlite_db, monkeypatch):
    by_pages = []
    original = backup._copy_by_pages
    monkeypatch.setattr(backup, "_copy_by_pages", lambda *a: by_pages.append(a) or original(*a))
    with sqlite_db.unit() as s:
        factories.organisation(s, "Erste")
    whole = backup.create_backup(sqlite_db.file, "manual")
    assert by_pages == [] and _organisations(whole.path) == {"Erste"}

    with closing(sqlite3.connect(sqlite_db.file, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM organisations").fetchone()  # an older snapshot
        with sqlite_db.unit() as s:
            factories.organisation(s, "Zweite")  # cannot reach the file past that reader
        paged = backup.create_backup(sqlite_db.file, "manual", now=datetime(2030, 1, 1))
        reader.execute("COMMIT")
    assert len(by_pages) == 1 and _organisations(paged.path) == {"Erste", "Zweite"}
    for info in (whole, paged):
        assert backup.check_file(info.path) is None
        assert info.counts["organisations"] == len(_organisations(info.path))


def test_a_database_in_a_folder_nobody_may_write_is_copied_page_by_page(sqlite_db, monkeypatch):
    """Such a file is read as immutable, without locks: nothing would keep the file still."""
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein")
    sqlite_db.close()  # all in the file, as it is where nobody could have written
    by_pages = []
    original = backup._copy_by_pages
    monkeypatch.setattr(backup, "_copy_by_pages", lambda *a: by_pages.append(a) or original(*a))
    immutable = lambda path: f"{path.resolve().as_uri()}?immutable=1"  # noqa: E731
    monkeypatch.setattr(backup, "read_only_uri", immutable)

    info = backup.create_backup(sqlite_db.file, "manual")

    assert len(by_pages) == 1 and _organisations(info.path) == {"Verein"}


@pytest.mark.parametrize("way", ["whole", "by pages"])
def test_a_backup_of_a_damaged_database_is_refused_and_the_older_ones_kept(
    sqlite_db, monkeypatch, way
):
    if way == "by pages":
        monkeypatch.setattr(backup, "_copy_whole", lambda *_a: None)
    with sqlite_db.unit() as s:
        for n in range(300):
            factories.organisation(s, f"Verein {n}")
    good = backup.create_backup(sqlite_db.file, "manual")
    kept = sorted(p.name for p in good.path.parent.iterdir())
    path = sqlite_db.file
    sqlite_db.close()
    _damage_an_index(path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(version) FROM organisations").fetchone() == (300,)

    with pytest.raises(backup.BackupFailed) as caught:
        backup.create_backup(path, "manual", now=datetime(2030, 1, 1))

    assert str(path) in caught.value.message
    assert backup.list_backups(path)[0].name == good.name
    assert sorted(p.name for p in good.path.parent.iterdir()) == kept  # and no half copy


def test_a_big_file_s_structure_is_checked_weekly_and_a_restore_checks_in_full(
    sqlite_db, monkeypatch
):
    monkeypatch.setattr(backup, "ALWAYS_CHECK_BYTES", 0)  # every file counts as big
    with sqlite_db.unit() as s:
        for n in range(300):
            factories.organisation(s, f"Verein {n}")
    path = sqlite_db.file
    sqlite_db.close()
    for taken_on_opening in backup.list_backups(path):
        taken_on_opening.path.unlink()
    monday = datetime(2030, 1, 7, 9, 0)
    first = backup.create_backup(path, "manual", now=monday)
    _damage_an_index(path)

    # within the week the copy is not checked again: the damage goes unseen...
    unchecked = backup.create_backup(path, "daily", now=monday + timedelta(days=6))
    assert (first.checked, unchecked.checked) == (True, False)
    assert backup.list_backups(path)[0].checked is False  # as its side file says
    # ...until the restore, which checks the backup in full and refuses it
    with pytest.raises(backup.BackupDamaged) as refused:
        opening.restore(path, unchecked.name)
    assert unchecked.name in refused.value.message
    # a week after the last check the backup checks again, and refuses the damaged file
    with pytest.raises(backup.BackupFailed):
        backup.create_backup(path, "daily", now=monday + timedelta(days=7))
    # a restore of the checked one is what is left, and it is whole
    opening.restore(path, first.name)
    assert len(_organisations(path)) == 300


def test_rotation_keeps_the_newest_checked_backup_whatever_its_age():
    now = datetime(2030, 3, 1, 12, 0)
    checked = backup.BackupInfo(Path("checked.sqlite"), now - timedelta(days=40), "manual")
    newer = [
        backup.BackupInfo(Path(f"d{d}.sqlite"), now - timedelta(days=d), "daily", checked=False)
        for d in range(1, 4)
    ]
    keep = backup.to_keep([checked, *newer], backup.Retention(2, 0, 0, 0), now)
    assert keep == {Path("d1.sqlite"), Path("d2.sqlite"), Path("checked.sqlite")}


def test_writers_carry_on_while_the_file_is_copied_and_the_copy_stays_one_snapshot(
    sqlite_db, monkeypatch
):
    with sqlite_db.unit() as s:
        for n in range(200):
            factories.organisation(s, f"Vorher {n}")
    copy = backup._copy_bytes
    written = []

    def copy_while_writing(source, target, progress):
        with closing(sqlite3.connect(source, isolation_level=None, timeout=0.05)) as writer:
            for n in range(300):  # not kept waiting: a locked file fails this at once
                writer.execute(
                    "UPDATE organisations SET name = ? WHERE name = ?", (f"Neu {n}", f"Vorher {n}")
                )
                writer.execute("PRAGMA wal_checkpoint(PASSIVE)")
            written.append(writer.total_changes)
        return copy(source, target, progress)

    monkeypatch.setattr(backup, "_copy_bytes", copy_while_writing)
    info = backup.create_backup(sqlite_db.file, "manual")

    assert written == [200]
    assert backup.check_file(info.path) is None
    assert _organisations(info.path) == {f"Vorher {n}" for n in range(200)}
    assert _organisations(sqlite_db.file) == {f"Neu {n}" for n in range(200)}


def test_the_whole_file_copy_shows_its_progress_and_stops_when_cancelled(sqlite_db, monkeypatch):
    from workbook.domain.progress import Cancelled, Progress

    with sqlite_db.unit() as s:
        for n in range(300):
            factories.organisation(s, f"Verein {n}", notes="Partner seit 2019. " * 20)
    monkeypatch.setattr(backup, "COPY_STEP", 16 * 1024)

    class Watched(Progress):
        def __init__(self, stop_after: int | None = None) -> None:
            super().__init__()
            self.seen: list[tuple[int, int]] = []
            self.stop_after = stop_after

        def update(self, done, total=None, message=None):  # type: ignore[no-untyped-def]
            self.seen.append((done, total or self.total))
            if self.stop_after is not None and len(self.seen) > self.stop_after:
                self.cancel()
            super().update(done, total, message)

    shown = Watched()
    info = backup.create_backup(sqlite_db.file, "manual", progress=shown)
    size = info.path.stat().st_size  # the file as copied: its log was checkpointed first
    assert size > 8 * backup.COPY_STEP
    copied = [done for done, total in shown.seen if total == size]
    assert len(copied) >= 8 and copied == sorted(copied) and copied[-1] == size
    assert backup.check_file(info.path) is None

    kept = sorted(p.name for p in info.path.parent.iterdir())
    stopped = Watched(stop_after=3)
    with pytest.raises(Cancelled):
        backup.create_backup(sqlite_db.file, "manual", progress=stopped, now=datetime(2030, 1, 1))
    assert len(stopped.seen) == 4  # stopped at the step after the cancel
    assert backup.list_backups(sqlite_db.file)[0].name == info.name
    assert sorted(p.name for p in info.path.parent.iterdir()) == kept  # and no half copy
