"""Each fault of the file or its disk is said in one sentence, and nothing is changed."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from tests.workbook import factories
from tests.workbook.test_cli import run
from workbook.domain.errors import DatabaseDamaged, DiskFull, NotADatabaseFile, NotOurDatabase
from workbook.opening import open_database
from workbook.store import backup, paths


@pytest.fixture
def small_disk(tmp_path):
    """A real 4 MB disk (tmpfs), to be filled up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> None:
    with open(disk / "filler", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError:
            pass


def test_a_full_disk_says_disk_full_and_never_damaged(small_disk):
    path = small_disk / "verein.sqlite"
    db = open_database(path, backup=False)
    with db.unit() as s:
        factories.organisation(s, "Verein A")
    db.close()
    before = path.read_bytes()
    _fill(small_disk)

    with pytest.raises(DiskFull) as raised:
        open_database(path)
    result = run("list", "organisation", db=path, check=False)

    assert "not enough free space" in raised.value.message and "MB needed" in raised.value.message
    assert "damaged" not in result.stderr and "Traceback" not in result.stderr
    assert "not enough free space on the disk" in result.stderr and result.returncode == 1
    assert path.read_bytes() == before


def test_a_backup_without_room_says_how_much_it_needs(sqlite_db, small_disk, monkeypatch):
    with sqlite_db.unit() as s:
        for n in range(200):
            factories.organisation(s, f"Verein {n}", notes="x" * 2000)
    _fill(small_disk)
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(small_disk))

    result = run("backup", "create", db=sqlite_db.file, check=False)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not enough free space on the disk of" in result.stderr
    assert not list(small_disk.rglob("*.partial")) and not list(small_disk.rglob("*.sqlite"))


def test_an_unwritable_backup_folder_is_one_sentence(sqlite_db):
    folder = paths.backup_dir(sqlite_db.file)
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the backup folder should be")

    result = run("backup", "create", db=sqlite_db.file, check=False)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"the backup folder {folder} cannot be written to" in result.stderr


def test_a_folder_in_place_of_the_file(tmp_path):
    (tmp_path / "verein.sqlite").mkdir()
    with pytest.raises(NotADatabaseFile, match="is a folder, not a database file"):
        open_database(tmp_path / "verein.sqlite")
    result = run("list", "organisation", db=tmp_path / "verein.sqlite", check=False)
    assert "is a folder, not a database file" in result.stderr and "Traceback" not in result.stderr


def test_an_empty_file_with_backups_beside_it_offers_the_latest(sqlite_db):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein A")
    kept = backup.create_backup(sqlite_db.file, "manual")
    path = sqlite_db.file
    sqlite_db.close()
    path.write_bytes(b"")

    with pytest.raises(DatabaseDamaged) as raised:
        open_database(path)

    assert raised.value.params["detail"] == "the file is empty"
    assert raised.value.params["backup"] == kept.name
    assert path.stat().st_size == 0  # nothing written over it


def test_another_applications_file_with_an_alembic_table_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('3f1c2a9b7d10')")
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = path.read_bytes()

    with pytest.raises(NotOurDatabase):
        open_database(path)

    assert path.read_bytes() == before  # still in its own journal mode, not switched to WAL
    assert not Path(f"{path}-wal").exists()
    assert backup.list_backups(path) == []


def test_a_file_nobody_may_write_opens_read_only(sqlite_db, tmp_path):
    """As an ordinary user (root may write any file): mode 444 reads, and says why."""
    import os
    import sys

    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to run as another user")
    import tempfile

    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein A")
    sqlite_db.close()
    # outside pytest's own folders, which only root may enter
    shared = Path(tempfile.mkdtemp(prefix="workbook-nobody-"))
    path = shared / "verein.sqlite"
    shutil.copyfile(sqlite_db.file, path)
    home = shared / "home"
    home.mkdir()
    for folder in (shared, home):
        folder.chmod(0o777)
    path.chmod(0o444)
    before = path.read_bytes()
    env = {
        **os.environ,
        "WORKBOOK_DATA_DIR": str(home / "data"),
        "WORKBOOK_CONFIG_DIR": str(home / "config"),
        "WORKBOOK_LOG_DIR": str(home / "log"),
        "HOME": str(home),
    }
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    listed = subprocess.run(
        [*as_nobody, sys.executable, "-m", "workbook", "--db", str(path), "list", "organisation"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert "Verein A" in listed.stdout and "1 of 1" in listed.stdout
    refused = subprocess.run(
        [*as_nobody, sys.executable, "-m", "workbook", "--db", str(path), "init", "--name", "X"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "the file, its folder or its medium cannot be written to" in refused.stderr
    assert path.read_bytes() == before
    shutil.rmtree(shared, ignore_errors=True)


def test_a_file_found_malformed_by_a_query_names_the_backup_to_restore(sqlite_db):
    with sqlite_db.unit() as s:
        for n in range(300):
            factories.organisation(s, f"Verein {n}", notes="x" * 400)
    kept = backup.create_backup(sqlite_db.file, "manual")
    path = sqlite_db.file
    sqlite_db.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # the organisations' table pages scribbled over, the first pages (schema) left whole
    data[page * 8 : page * 20] = b"\x0d" * (page * 12)
    path.write_bytes(bytes(data))

    result = run("list", "organisation", db=path, check=False)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is damaged" in result.stderr and kept.name in result.stderr
