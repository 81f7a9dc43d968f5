"""Moving a workbook from a laptop's file to the shared server and back, verified."""

from __future__ import annotations

import pytest

from tests.conftest import fresh_database_url
from tests.demo import fill
from workbook.opening import open_database
from workbook.services import agreements
from workbook.transfer import TransferFailed, checks, copy_to


def test_file_to_server_and_back_keeps_every_row_history_and_version(request, sqlite_db, tmp_path):
    fill(sqlite_db)
    with sqlite_db.unit() as s:
        pid = (
            s.execute(__import__("sqlalchemy").text("SELECT id FROM partnerships"))
            .scalars()
            .first()
        )
        agreements.renew(s, pid, __import__("datetime").date(2030, 1, 1), reason="Weiter")
    original = checks(sqlite_db)
    server = fresh_database_url(request, "postgresql", tmp_path)

    on_server = copy_to(sqlite_db, server)
    assert on_server == original
    back_file = tmp_path / "zurueck.sqlite"
    shared = open_database(server)
    try:
        back = copy_to(shared, str(back_file))
        with shared.unit() as s:
            assert [v.number for v in agreements.versions(s, pid)] == [1, 2]
    finally:
        shared.close()
    assert back == original
    by_table = {c.table: c.rows for c in original}
    assert by_table["decisions"] == 30 and by_table["changes"] > 100
    with pytest.raises(TransferFailed) as refused:
        copy_to(sqlite_db, str(back_file))
    assert "already holds records" in refused.value.message
