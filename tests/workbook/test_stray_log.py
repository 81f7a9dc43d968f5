"""A write-ahead log that is not the file's own is set aside, never replayed into the file."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.workbook import factories
from tests.workbook.test_cli import run
from workbook.opening import open_database
from workbook.store import paths


def _count(path: Path) -> int:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT count(*) FROM organisations").fetchone()[0]


def _with_stale_log(path: Path) -> Path:
    """The file closed cleanly with 350 organisations, beside it a log from when it had 50."""
    db = open_database(path)
    with db.unit() as s:
        for n in range(50):
            factories.organisation(s, f"Alt {n}", notes="x" * 500)
    stale = path.with_name("stale-wal")
    shutil.copyfile(f"{path}-wal", stale)
    with db.unit() as s:
        for n in range(300):
            factories.organisation(s, f"Neu {n}", notes="y" * 800)
    db.close()
    assert not Path(f"{path}-wal").exists()
    shutil.copyfile(stale, f"{path}-wal")
    return stale


def test_a_stale_log_beside_an_intact_file_is_set_aside_and_the_file_stays_whole(tmp_path):
    path = tmp_path / "verein.sqlite"
    stale = _with_stale_log(path)

    result = run("list", "organisation", "--limit", "1", db=path)

    assert "was set aside without being applied" in result.stderr
    assert "1 of 350 organisation" in result.stdout
    assert _count(path) == 350
    kept = list(paths.backup_dir(path).glob("stray-log-*/verein.sqlite-wal"))
    assert [k.read_bytes() for k in kept] == [stale.read_bytes()]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_log_a_crashed_session_left_is_replayed(tmp_path):
    """A writer killed before it closed leaves its lock file and its log: they are its own."""
    path = tmp_path / "verein.sqlite"
    script = (
        "import os\n"
        "from tests.workbook import factories\n"
        "from workbook.opening import open_database\n"
        f"db = open_database({str(path)!r})\n"
        "with db.unit() as s:\n"
        "    factories.organisation(s, 'Zuletzt gespeichert')\n"
        "os._exit(0)  # no close: as after kill -9\n"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).parents[2])
    assert Path(f"{path}-wal").stat().st_size > 0

    db = open_database(path)
    try:
        assert db.notices == []
        with db.unit() as s:
            from workbook import services

            assert [r.cells[0] for r in services.list_rows(s, "organisation")] == [
                "Zuletzt gespeichert"
            ]
    finally:
        db.close()
