"""Deleted records come back from the trash; an archive re-opens as the same workbook."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import select

from tests.demo import fill
from tests.workbook import factories
from workbook import archive, services
from workbook.domain.errors import NotFound
from workbook.domain.models import Contact, Organisation, utcnow
from workbook.services import trash
from workbook.store.dump import dump_table, tables
from workbook.store.history import history_of
from workbook.store.search import search


@pytest.fixture
def demo(db):
    fill(db)
    return db


def _snapshot(db) -> dict[str, list[dict]]:
    with db.engine.connect() as conn:
        return {t.name: list(dump_table(conn, t)) for t in tables() if t.name != "search_documents"}


def test_delete_goes_to_the_trash_and_restores_everything_it_took(demo):
    before = _snapshot(demo)
    with demo.unit() as s:
        org = s.scalars(
            select(Organisation).where(Organisation.name.like("Demokratiewerkstatt%"))
        ).one()
        org_id, name = org.id, org.name
        affected = services.dependents(s, "organisation", org_id)
        services.delete(s, "organisation", org_id)
    assert affected["deleted"] and affected["unlinked"]
    with demo.unit() as s:
        assert s.get(Organisation, org_id) is None
        assert s.scalars(select(Contact).where(Contact.organisation_id == org_id)).all() == []
        assert all(h.record_id != org_id for h in search(s, "Demokratiewerkstatt"))
        [item] = trash.items(s)
        assert (item.entity, item.caption, item.deleted_by) == ("organisation", name, demo.member)
        assert item.purge_after - item.deleted_at == timedelta(days=30)

    with demo.unit() as s:
        trash.restore(s, str(item.id)[:8])

    def content(rows: list[dict]) -> list[dict]:
        # links the delete cleared and the restore set again count as edits of those rows
        return [{k: v for k, v in r.items() if k not in ("version", "updated_at")} for r in rows]

    after = _snapshot(demo)
    for table in before:
        if table in ("changes", "trash"):
            continue
        assert content(after[table]) == content(before[table]), table
    assert after["organisations"] == before["organisations"]
    with demo.unit() as s:
        assert trash.items(s) == []
        assert any(h.record_id == org_id for h in search(s, "Demokratiewerkstatt"))
        actions = [e.action for e in history_of(s, org_id) if e.subject is None]
        assert actions[-2:] == ["delete", "restore"]


def test_trash_is_purged_after_thirty_days_and_unknown_items_are_refused(db):
    with db.unit() as s:
        old = factories.organisation(s, "Alt").id
        recent = factories.organisation(s, "Neu").id
    with db.unit() as s:
        services.delete(s, "organisation", old)
        services.delete(s, "organisation", recent)
    with db.unit() as s:
        assert trash.purge(s, now=utcnow() + timedelta(days=29)) == 0
        assert trash.purge(s, now=utcnow() + timedelta(days=31)) == 2
        assert trash.items(s) == []
    with pytest.raises(NotFound), db.unit() as s:
        trash.restore(s, str(old))


def test_a_record_whose_parent_was_deleted_meanwhile_comes_back_unlinked(db):
    with db.unit() as s:
        org = factories.organisation(s, "Verein")
        contact = services.create(s, "contact", {"name": "Ada", "organisation_id": org.id})
        ids = org.id, contact.id
    with db.unit() as s:
        services.delete(s, "contact", ids[1])
    with db.unit() as s:
        services.delete(s, "organisation", ids[0])
    with db.unit() as s:
        contact_item = next(i for i in trash.items(s) if i.entity == "contact")
        trash.restore(s, contact_item.id)
    with db.unit() as s:
        restored = s.get(Contact, ids[1])
        assert restored.name == "Ada" and restored.organisation_id is None


def test_archive_reopens_from_the_file_copy_and_from_the_json(demo, tmp_path):
    zip_path = tmp_path / "uebergabe.zip"
    counts = archive.create_archive(demo, zip_path)
    assert counts["decisions"] == 30 and counts["contacts"] == 40
    with zipfile.ZipFile(zip_path) as zf:
        assert set(zf.namelist()) == {
            "manifest.json",
            "records.json",
            "workbook.xlsx",
        } | ({"workbook.sqlite"} if demo.is_sqlite else set())
        records = json.loads(zf.read("records.json"))
        zf.extract("workbook.xlsx", tmp_path)
    assert len(records["tables"]["organisations"]) == 15
    sheets = openpyxl.load_workbook(tmp_path / "workbook.xlsx", read_only=True).sheetnames
    assert "Decisions" in sheets
    expected = _snapshot(demo)
    for from_records in (False, True):
        target = tmp_path / f"new-{from_records}.sqlite"
        copy = archive.open_archive(zip_path, target, from_records=from_records)
        try:
            got = _snapshot(copy)
            assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in expected.items()}
            for table in ("organisations", "decisions", "changes", "meeting_attendees"):
                assert got[table] == expected[table], table
            with copy.unit() as s:
                assert search(s, "Lenkungskreis")
        finally:
            copy.close()


def test_a_broken_archive_is_refused_clearly(tmp_path, db):
    bad = tmp_path / "kaputt.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(archive.BadArchive) as caught:
        archive.open_archive(bad, tmp_path / "x.sqlite")
    assert "kaputt.zip" in caught.value.message
    assert not (tmp_path / "x.sqlite").exists()
