"""Restores verify content: a backup must hold what it held when it was taken."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from tests.workbook import factories
from tests.workbook.test_cli import run
from workbook import opening
from workbook.opening import open_database
from workbook.store import backup
from workbook.store.migrate import HEAD


def _names(path):
    with closing(sqlite3.connect(path)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM organisations"))


@pytest.fixture
def kept(sqlite_db):
    """A database with three organisations and a backup of them; a fourth added since."""
    with sqlite_db.unit() as s:
        for name in ("Verein A", "Verein B", "Verein C"):
            factories.organisation(s, name)
    info = backup.create_backup(sqlite_db.file, "manual")
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein D")
    path = sqlite_db.file
    sqlite_db.close()
    return path, info


def test_a_backup_records_its_checksum_counts_and_schema(kept):
    _path, info = kept
    side = json.loads(info.path.with_suffix(".json").read_text())
    assert side["sha256"] == backup.digest(info.path)
    assert side["counts"]["organisations"] == 3
    assert side["schema"] == HEAD and side["size"] == info.path.stat().st_size
    assert backup.verify(backup.find_backup(_path, info.name)) is None


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda p: p.write_bytes(b""), "the file is empty"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not sqlite" * 100), "not a database file"),
        (None, "the checksum differs"),
    ],
    ids=["zero-byte", "not-sqlite", "flipped-bytes"],
)
def test_a_damaged_backup_is_refused_by_name_and_nothing_changes(kept, damage, reason):
    path, info = kept
    if damage is None:  # one byte inside the row data, where no structure check looks
        data = bytearray(info.path.read_bytes())
        at = data.find(b"Verein B")
        data[at + 7] = ord("X")
        info.path.write_bytes(bytes(data))
        assert backup.check_file(info.path) is None  # SQLite itself sees nothing wrong
    else:
        damage(info.path)
    before = path.read_bytes()

    with pytest.raises(backup.BackupDamaged, match=reason):
        opening.restore(path, info.name)

    assert path.read_bytes() == before
    assert _names(path) == ["Verein A", "Verein B", "Verein C", "Verein D"]


def test_a_backup_whose_records_differ_from_its_side_file_is_refused(kept):
    path, info = kept
    with closing(sqlite3.connect(info.path)) as conn, conn:
        conn.execute("DELETE FROM organisations WHERE name = 'Verein C'")
    side = info.path.with_suffix(".json")
    data = json.loads(side.read_text())
    data["sha256"] = backup.digest(info.path)  # as if the checksum had been forged too
    side.write_text(json.dumps(data))

    with pytest.raises(backup.BackupDamaged, match="2 organisations where the backup had 3"):
        opening.restore(path, info.name)


def test_restore_onto_a_damaged_file_keeps_it_aside(kept):
    path, info = kept
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * 8192  # the pages after the first: garbage
    path.write_bytes(bytes(data))
    damaged = bytes(data)

    result = run("backup", "restore", info.name, db=path)

    assert f"Restored {info.name}" in result.stdout
    assert _names(path) == ["Verein A", "Verein B", "Verein C"]
    aside = list(backup.backup_dir(path).glob("set-aside-*/" + path.name))
    assert [p.read_bytes() for p in aside] == [damaged]  # moved aside whole, never deleted


def test_restore_onto_a_missing_file(kept):
    path, info = kept
    path.unlink()

    listed = run("backup", "list", db=path).stdout
    assert info.name in listed
    run("backup", "restore", info.name, db=path)

    assert _names(path) == ["Verein A", "Verein B", "Verein C"]
    open_database(path).close()
