"""The schema is created and upgraded by the shipped migrations; a newer database is refused."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from workbook import services
from workbook.domain.errors import DatabaseTooNew, NotOurDatabase
from workbook.domain.models import Base
from workbook.opening import open_database
from workbook.store.backup import list_backups
from workbook.store.db import Database, create_workbook_engine, resolve_url
from workbook.store.migrate import HEAD, current_revision, head_revision
from workbook.store.migrate import upgrade as migrate_to


def stamp_unknown_revision_for_tests(db: Database, revision: str) -> None:
    """Pretend a newer application wrote the database."""
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_is_at_head_with_every_table(db):
    with db.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        tables = set(inspect(conn).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_the_head_opening_compares_with_is_the_scripts_head():
    """Opening skips Alembic when a database is at ``HEAD``: a new migration must move it."""
    assert head_revision() == HEAD


def test_schema_matches_the_models(db):
    """No model change without a migration (autogenerate finds nothing to do)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from workbook.store.migrate import include_object

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = [
            d
            for d in compare_metadata(context, Base.metadata)
            if not (isinstance(d, tuple) and "search_documents" in str(d) and "document" in str(d))
        ]
    assert diff == []


def test_older_database_is_upgraded_after_a_backup_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite"
    url = resolve_url(path)
    old = Database(url=url, engine=create_workbook_engine(url))
    migrate_to(old, "0001")
    # The models are newer than this schema: write the old rows as an old version would.
    decision_id, conflict_id = uuid.uuid4(), uuid.uuid4()
    stamp = "2026-01-01 10:00:00"
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO decisions (id, number, title, decided_on, text, consensus, status, "
                "created_at, updated_at, version) VALUES (:id, 'D-2026-001', 'Alter Beschluss', "
                "'2026-01-01', 't', 0, 'adopted', :at, :at, 1)"
            ),
            {"id": decision_id.hex, "at": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO conflicts (id, title, raised_on, status, created_at, updated_at, "
                "version) VALUES (:id, 'Streit', '2026-01-01', 'resolved', :at, :at, 1)"
            ),
            {"id": conflict_id.hex, "at": stamp},
        )
        conn.execute(
            text("INSERT INTO conflict_decisions VALUES (:c, :d)"),
            {"c": conflict_id.hex, "d": decision_id.hex},
        )
    old.close()

    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
        with db.unit() as s:
            conflict = services.get(s, "conflict", conflict_id)
            # rebuilding the decisions table must not cascade into the link table
            assert [d.title for d in conflict.settled_by] == ["Alter Beschluss"]
            services.update(s, "decision", conflict.settled_by[0].id, {"review_on": "2027-01-01"})
    finally:
        db.close()
    backups = [b for b in list_backups(path) if b.reason == "before-upgrade-0001"]
    assert len(backups) == 1
    check = create_engine(f"sqlite:///{backups[0].path}")
    with check.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("SELECT title FROM decisions")).scalar() == "Alter Beschluss"
    check.dispose()


def test_database_from_a_newer_version_is_refused_untouched(sqlite_db):
    path = Path(sqlite_db.location)
    stamp_unknown_revision_for_tests(sqlite_db, "9999_from_the_future")
    sqlite_db.close()
    before = _digest(path)
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(path)
    assert (
        "newer version" in caught.value.message and "9999_from_the_future" in caught.value.message
    )
    assert _digest(path) == before


def test_newer_postgresql_database_is_refused(db):
    stamp_unknown_revision_for_tests(db, "9999_from_the_future")
    with pytest.raises(DatabaseTooNew):
        open_database(db.url)
    with db.engine.connect() as conn:
        assert current_revision(conn) == "9999_from_the_future"


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    before = _digest(path)
    with pytest.raises(NotOurDatabase):
        open_database(path)
    assert _digest(path) == before


def test_default_database_is_created_in_the_user_data_dir(private_dirs):
    db = open_database()
    try:
        assert Path(db.location) == private_dirs / "data" / "workbook.sqlite"
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    finally:
        db.close()


def test_environment_variable_selects_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "chosen.sqlite"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'chosen.sqlite'}"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def _search_table_sql(db: Database) -> str:
    with db.engine.connect() as conn:
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name='search_fts'"))
        return str(sql.scalar_one())


def test_search_prefix_indexes_are_added_to_an_older_database_keeping_what_it_found(tmp_path):
    from alembic import command

    from workbook.store.migrate import alembic_config
    from workbook.store.search import search

    path = tmp_path / "indexed.sqlite"
    db = open_database(path)
    with db.unit() as s:
        services.create(s, "organisation", {"name": "Jugendforum Köln", "kind": "ngo"})
    assert "prefix='1 2 3'" in _search_table_sql(db)
    config = alembic_config()
    with db.engine.begin() as connection:  # back to the schema before the prefix indexes
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    assert "prefix" not in _search_table_sql(db)
    with db.unit() as s:
        assert [hit.label for hit in search(s, "ju")] == ["Jugendforum Köln"]
    db.close()

    db = open_database(path)  # upgraded again: the table is rebuilt from the documents
    try:
        assert "prefix='1 2 3'" in _search_table_sql(db)
        with db.unit() as s:
            assert [hit.label for hit in search(s, "j")] == ["Jugendforum Köln"]
            assert [hit.label for hit in search(s, "köln")] == ["Jugendforum Köln"]
            services.create(s, "organisation", {"name": "Podcastwerkstatt", "kind": "ngo"})
        with db.unit() as s:
            assert [hit.label for hit in search(s, "po")] == ["Podcastwerkstatt"]
    finally:
        db.close()
