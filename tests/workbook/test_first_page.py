"""A list's first page read with the standard library's sqlite3 is the page the service reads."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.demo import fill
from workbook import first_page
from workbook.services import ListQuery, count_rows, list_page, update
from workbook.services.registry import all_specs
from workbook.store.db import Database

PAGE = 50


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    fill(sqlite_db)
    return sqlite_db


def _orders(entity: str) -> list[ListQuery]:
    spec = next(s for s in all_specs() if s.entity == entity)
    orders = [ListQuery()]
    for column in spec.columns:
        orders += [
            ListQuery(sort=column.key, descending=False),
            ListQuery(sort=column.key, descending=True),
        ]
    return orders


def _read(db: Database, kept: str) -> first_page.FirstPage | None:
    """``read`` as the next start does it: with the database closed by the last session."""
    db.engine.dispose()
    return first_page.read(Path(db.file or ""), kept)


@pytest.mark.parametrize("entity", sorted(s.entity for s in all_specs()))
def test_every_list_in_every_order_reads_as_the_service_does(demo: Database, entity: str) -> None:
    path = Path(demo.file or "")
    spec = next(s for s in all_specs() if s.entity == entity)
    for query in _orders(entity):
        kept = first_page.take(path, entity, query, PAGE)
        assert kept is not None
        with demo.reading() as session:
            expected = list_page(session, entity, query, limit=PAGE)
            count = count_rows(session, entity)
        page = _read(demo, kept)
        assert page is not None
        assert page.count == count > 0
        assert page.sort == query.sort and page.descending == query.descending
        assert [key for key, _kind in page.columns] == [c.key for c in spec.columns]
        # the same rows, in the same order, holding values of the same types
        assert list(page.rows) == expected, (entity, query)
        for row, view in zip(page.rows, expected, strict=True):
            assert [type(c) for c in row.cells] == [type(c) for c in view.cells], (entity, query)


def test_the_page_is_read_now_not_when_it_was_taken(demo: Database) -> None:
    path = Path(demo.file or "")
    kept = first_page.take(path, "decision", ListQuery(), PAGE)
    assert kept is not None
    with demo.reading() as session:
        first = list_page(session, "decision", ListQuery(), limit=1)[0]
    with demo.unit() as session:
        update(session, "decision", first.id, {"title": "Renamed since the last session"})
    page = _read(demo, kept)
    assert page is not None
    assert page.rows[0].id == first.id
    assert "Renamed since the last session" in page.rows[0].cells
    assert page.rows[0].version == first.version + 1
    # nothing of the data is kept between sessions: only statements and column kinds
    assert "Renamed" not in kept and str(first.id) not in kept and first.id.hex not in kept


def test_it_applies_only_to_the_same_file_app_and_schema(demo: Database, tmp_path: Path) -> None:
    path = Path(demo.file or "")
    kept = first_page.take(path, "decision", ListQuery(), PAGE)
    assert kept is not None
    assert _read(demo, kept) is not None

    other = tmp_path / "other.sqlite"
    other.write_bytes(path.read_bytes())
    assert first_page.read(other, kept) is None  # another file

    plan = json.loads(kept)
    assert first_page.read(path, json.dumps({**plan, "app": "0.0.1"})) is None  # another app
    assert first_page.read(path, json.dumps({**plan, "schema": "0001"})) is None
    broken = {**plan, "page": ["SELECT nothing FROM nowhere", []]}
    assert first_page.read(path, json.dumps(broken)) is None  # a statement that fails
    assert first_page.read(path, "not json") is None
    assert first_page.read(tmp_path / "gone.sqlite", kept) is None


def test_a_database_at_another_schema_is_left_to_the_usual_opening(demo: Database) -> None:
    path = Path(demo.file or "")
    kept = first_page.take(path, "decision", ListQuery(), PAGE)
    assert kept is not None
    demo.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0008'")
    assert first_page.read(path, kept) is None


def test_reading_leaves_nothing_beside_the_file(demo: Database) -> None:
    path = Path(demo.file or "")
    kept = first_page.take(path, "decision", ListQuery(), PAGE)
    assert kept is not None
    demo.close()
    beside = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    assert not any(p.exists() for p in beside)
    assert first_page.read(path, kept) is not None
    # a log left beside the file would make the next opening check it as not closed
    assert not any(p.exists() for p in beside)


def test_a_file_not_closed_is_left_to_the_usual_opening(demo: Database) -> None:
    path = Path(demo.file or "")
    kept = first_page.take(path, "decision", ListQuery(), PAGE)
    assert kept is not None
    with demo.reading() as session:  # open: its log is beside it
        assert Path(f"{path}-wal").exists()
        assert first_page.read(path, kept) is None
        assert count_rows(session, "decision") > 0
