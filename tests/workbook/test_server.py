"""A shared PostgreSQL database: levels enforced by the server itself, members managed."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.workbook import factories
from workbook import services
from workbook.domain.errors import NotPermitted
from workbook.opening import open_database
from workbook.store.server import ServerError, add_member, init_server, members


@pytest.fixture
def server(request, tmp_path):
    from tests.conftest import fresh_database_url

    url = fresh_database_url(request, "postgresql", tmp_path)
    init_server(url)
    tag = uuid.uuid4().hex[:6]
    accounts = {}
    for level in ("viewer", "editor", "admin"):
        name = f"{level}_{tag}"
        add_member(url, name, "geheim", level)
        accounts[level] = (
            make_url(url)
            .set(username=name, password="geheim")
            .render_as_string(hide_password=False)
        )
    owner = open_database(url)
    with owner.unit() as s:
        decision_id = factories.decision(s, "Budget").id
    owner.close()
    return url, accounts, decision_id, tag


def test_a_viewer_cannot_write_even_with_hand_written_sql(server):
    _url, accounts, decision_id, tag = server
    db = open_database(accounts["viewer"])
    try:
        assert (db.level, db.member) == ("viewer", f"viewer_{tag}")
        with db.unit() as s:
            assert services.get(s, "decision", decision_id).title == "Budget"
        with pytest.raises(NotPermitted) as refused, db.unit() as s:
            s.execute(text("UPDATE decisions SET title = 'gehackt'"))
        assert "viewer" in refused.value.message and "permission denied" in refused.value.message
        with pytest.raises(NotPermitted), db.unit() as s:
            factories.organisation(s, "Neu")
    finally:
        db.close()


def test_an_editor_writes_but_neither_deletes_records_nor_manages_members(server):
    _url, accounts, decision_id, tag = server
    db = open_database(accounts["editor"])
    try:
        assert db.level == "editor"
        with db.unit() as s:
            services.update(s, "decision", decision_id, {"title": "Budget 2027"})
        with pytest.raises(NotPermitted), db.unit() as s:
            services.delete(s, "decision", decision_id)
        with pytest.raises(NotPermitted), db.unit() as s:
            s.execute(text("DELETE FROM changes"))  # the history is append-only
    finally:
        db.close()
    with pytest.raises(ServerError) as refused:
        add_member(accounts["editor"], f"intruder_{tag}", "x", "admin")
    assert "manages members" in refused.value.message


def test_an_admin_deletes_and_manages_members(server):
    _url, accounts, decision_id, tag = server
    db = open_database(accounts["admin"])
    try:
        assert db.level == "admin"
        with db.unit() as s:
            services.delete(s, "decision", decision_id)
        add_member(accounts["admin"], f"newcomer_{tag}", "willkommen", "viewer")
        with db.engine.connect() as conn:
            listed = {m.name: m.level for m in members(conn)}
        assert listed[f"newcomer_{tag}"] == "viewer" and listed[f"editor_{tag}"] == "editor"
    finally:
        db.close()
