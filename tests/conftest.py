"""Fixtures for every test: private directories, and real databases on both backends."""

from __future__ import annotations

import getpass
import itertools
import multiprocessing.util
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tools.pgserver import LocalPostgres, find_bin_dir
from workbook.opening import open_database
from workbook.store.db import Database

_counter = itertools.count()

#: Where the suite keeps its files when the machine has a memory disk with room to spare: a
#: commit on a disk waits for fsync (``PRAGMA synchronous=FULL``), which a test's throw-away
#: file does not need (kill -9, the crash the tests make, loses nothing a memory disk keeps).
#: ``WORKBOOK_TEST_TMP=disk`` keeps them in the usual temporary folder.
MEMORY_DISK = Path("/dev/shm")
MEMORY_DISK_ROOM = 4 * 1024**3
_MEMORY_BASE = pytest.StashKey[Path]()


def _keep_bytecode() -> None:
    """Compiled test modules kept between processes and runs, outside the tree: where
    ``PYTHONDONTWRITEBYTECODE`` is set, each xdist worker and each child would otherwise
    compile every module again, and pytest rewrite the asserts of every test module (4 s a
    worker). ``WORKBOOK_TEST_BYTECODE=off`` leaves the setting alone."""
    if not sys.dont_write_bytecode or os.environ.get("WORKBOOK_TEST_BYTECODE") == "off":
        return
    prefix = os.environ.get("PYTHONPYCACHEPREFIX") or str(
        Path(tempfile.gettempdir()) / f"alliance-workbook-pycache-{getpass.getuser()}"
    )
    sys.dont_write_bytecode = False
    sys.pycache_prefix = prefix
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the workers and the children too
    os.environ["PYTHONPYCACHEPREFIX"] = prefix


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than processors. A fifth of a worker's time is spent
    waiting (a reader's child process, a command's fork, the test server, a window's
    timers); the extra worker fills it (the fast loop on 2 processors: 99 -> 88 s)."""
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        processors = os.cpu_count() or 1
    return processors + 1


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        _keep_bytecode()
    if hasattr(config, "workerinput") or config.option.basetemp:
        return  # a worker of pytest-xdist (its folder is the controller's), or a folder given
    if os.environ.get("WORKBOOK_TEST_TMP") == "disk" or not os.access(MEMORY_DISK, os.W_OK):
        return
    if shutil.disk_usage(MEMORY_DISK).free < MEMORY_DISK_ROOM:
        return
    # multiprocessing's folder is made now, in the usual temporary folder: it is removed at
    # exit, after the memory disk's folder (and all in it) is gone
    multiprocessing.util.get_temp_dir()
    base = Path(tempfile.mkdtemp(prefix="workbook-tests-", dir=MEMORY_DISK))
    (base / "tmp").mkdir()
    for folder in (base, base / "tmp"):  # the test server's own user passes through to its own
        folder.chmod(0o711)
    config.option.basetemp = str(base / "pytest")
    os.environ["TMPDIR"] = str(base / "tmp")  # tempfile, the children and the workers
    tempfile.tempdir = None
    config.stash[_MEMORY_BASE] = base


def pytest_unconfigure(config: pytest.Config) -> None:
    base = config.stash.get(_MEMORY_BASE, None)
    if base is not None:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data, settings and log directories; nothing touches $HOME."""
    home = tmp_path_factory.mktemp("home")
    for name in ("DATA", "CONFIG", "LOG"):
        monkeypatch.setenv(f"WORKBOOK_{name}_DIR", str(home / name.lower()))
    monkeypatch.delenv("WORKBOOK_DB", raising=False)
    monkeypatch.setenv("WORKBOOK_MEMBER", "Test Member")
    return home


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server: $WORKBOOK_TEST_PG_URL, or one started from the system's binaries."""
    url = os.environ.get("WORKBOOK_TEST_PG_URL")
    if url:
        yield url
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL, but no server binaries were found")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    server = LocalPostgres(bin_dir)
    try:
        url = server.start()
        _LOCAL_SERVER.append(server)
        yield url
    finally:
        _LOCAL_SERVER.clear()
        server.stop()


_LOCAL_SERVER: list[LocalPostgres] = []


@pytest.fixture
def postgres_log(postgres_url: str) -> Path:
    """The log file of the suite's own server (to prove what never reaches it)."""
    if not _LOCAL_SERVER:
        pytest.skip("the server is not the suite's own: its log is not readable here")
    return _LOCAL_SERVER[0].dir / "log"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file, built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path).close()
    return path


def _admin(url: str):
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str) -> str:
    """A migrated, empty PostgreSQL database used as template for each test's database."""
    admin = _admin(postgres_url)
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS workbook_template"))
        conn.execute(text("CREATE DATABASE workbook_template"))
    admin.dispose()
    url = make_url(postgres_url).set(database="workbook_template")
    open_database(url.render_as_string(hide_password=False)).close()
    return "workbook_template"


def fresh_database_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        target = tmp_path / "workbook.sqlite"
        shutil.copyfile(template, target)
        return str(target)
    base = request.getfixturevalue("postgres_url")
    template = request.getfixturevalue("postgres_template")
    name = f"workbook_test_{os.getpid()}_{next(_counter)}"
    admin = _admin(base)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE {template}'))
    admin.dispose()

    def drop() -> None:
        admin = _admin(base)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return make_url(base).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def backend(request: pytest.FixtureRequest) -> str:
    """Each test of the core on both backends; the fast loop (``-m "not slow"``) on SQLite."""
    return str(request.param)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """A URL of a fresh, migrated database on the test's backend."""
    return fresh_database_url(request, backend, tmp_path)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The fresh database, opened as the app opens it, without the daily backup of its empty
    copy (``test_backups`` takes that one; a test that needs backups makes them)."""
    database = open_database(db_url, member="Test Member", backup=False)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh database on SQLite only, for what is about files."""
    url = fresh_database_url(request, "sqlite", tmp_path)
    database = open_database(url, member="Test Member", backup=False)  # as ``db``
    yield database
    database.close()
