"""One writer per database file whatever path reaches it; readers never hold writers up;
SIGTERM closes as cleanly as the user would."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.workbook import factories
from tests.workbook.test_cli import run
from workbook.cli import _open_for
from workbook.services.profile import set_profile
from workbook.store import lock

ROOT = Path(__file__).parents[2]


def test_a_hard_link_to_an_open_file_gets_no_second_writer(sqlite_db, tmp_path):
    link = tmp_path / "elsewhere" / "same-file.sqlite"
    link.parent.mkdir()
    os.link(sqlite_db.file, link)

    refused = run("demo", db=link, check=False)

    assert refused.returncode == 1
    assert "is open in Alliance Workbook by Test Member" in refused.stderr
    assert "read-only" in refused.stderr
    listed = run("list", "organisation", db=link)  # reading beside the writer still works
    assert "0 of 0" in listed.stdout


def test_a_reading_command_takes_no_lock(sqlite_db):
    path = sqlite_db.file
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein A")
    sqlite_db.close()

    reader = _open_for(argparse.Namespace(db=str(path), member=None), writes=False)
    try:
        assert reader.read_only == "requested" and reader.lock_file is None
        assert lock.holder(path) is None
        # meanwhile another member's writing command goes ahead
        assert "Database ready" in run("init", "--name", "Verein Brücke", db=path).stdout
    finally:
        reader.close()


def test_sigterm_closes_the_app_cleanly(sqlite_db, tmp_path):
    with sqlite_db.unit() as s:
        set_profile(s, name="Verein Brücke")
        factories.organisation(s, "Verein A")
    path = sqlite_db.file
    sqlite_db.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    log = tmp_path / "app.log"
    with open(log, "wb") as out:
        app = subprocess.Popen(
            [sys.executable, "-m", "workbook", "--db", str(path)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while lock.holder(path) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert lock.holder(path) is not None, "the app did not open the database"
        time.sleep(1.0)
        app.send_signal(signal.SIGTERM)
        code = app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert code == 0, log.read_text()[-2000:]
    assert lock.holder(path) is None
    assert not lock.lock_path(path.resolve()).exists()
    assert not Path(f"{path}-wal").exists()
