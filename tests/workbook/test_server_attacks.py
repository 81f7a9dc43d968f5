"""A shared server nobody can take over: every attack a hostile member tried, at a SQL
prompt (psycopg, as psql sends it), as each level and as a member of another database.

Each attack must be refused by PostgreSQL itself; the history must record what a member
changes behind the app's back, in the member's own name.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from tests.workbook import factories
from workbook import services
from workbook.domain.errors import StaleRecord
from workbook.opening import open_database
from workbook.store.history import history_of
from workbook.store.server import (
    ServerError,
    add_member,
    groups_of,
    init_server,
    members,
    remove_member,
    set_level,
)

PASSWORD = "Sehr-Geheim-4711"


@dataclass
class Shared:
    url: str  # as the owner
    database: str
    tag: str
    accounts: dict[str, str]  # level -> URL as that member
    decision_id: uuid.UUID
    partnership_id: uuid.UUID

    def login(self, level: str) -> str:
        return f"{level}_{self.tag}"


def _as(url: str, name: str) -> str:
    return make_url(url).set(username=name, password=PASSWORD).render_as_string(hide_password=False)


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def prompt(url: str) -> Iterator[psycopg.Connection]:
    """A SQL prompt as the URL's account: each statement in its own transaction."""
    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        yield conn


def refused(conn: psycopg.Connection, sql: str, params: tuple = ()) -> str:
    with pytest.raises(psycopg.Error) as error:
        conn.execute(sql, params)
    return str(error.value)


#: How PostgreSQL words a refusal for want of privilege (its SQLSTATE class 42501 and the
#: role checks, whose words differ by statement).
DENIED = ("permission denied", "must have admin option", "must be superuser")


def denied(conn: psycopg.Connection, sql: str, params: tuple = ()) -> bool:
    message = refused(conn, sql, params)
    return any(words in message for words in DENIED)


def listed(url: str) -> dict[str, str]:
    """The members and their levels, as the Members dialog lists them."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {m.name: m.level for m in members(conn)}
    finally:
        engine.dispose()


def _shared(request, tmp_path) -> Shared:
    from tests.conftest import fresh_database_url

    url = fresh_database_url(request, "postgresql", tmp_path)
    init_server(url)
    tag = uuid.uuid4().hex[:6]
    accounts = {}
    for level in ("viewer", "editor", "admin"):
        add_member(url, f"{level}_{tag}", PASSWORD, level)
        accounts[level] = _as(url, f"{level}_{tag}")
    owner = open_database(url)
    with owner.unit() as s:
        decision_id = factories.decision(s, "Budget").id
        partnership_id = services.create(
            s,
            "partnership",
            {
                "title": "Demokratie macht Schule",
                "signatories": [{"name": "Anna Schmitz", "role": "Vorstand"}],
            },
        ).id
    owner.close()
    return Shared(url, make_url(url).database or "", tag, accounts, decision_id, partnership_id)


@pytest.fixture
def shared(request, tmp_path) -> Shared:
    return _shared(request, tmp_path)


def test_no_member_holds_a_role_attribute_or_a_server_role(shared):
    with prompt(shared.url) as conn:
        rows = conn.execute(
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls "
            "FROM pg_roles WHERE rolname = ANY(%s)",
            (
                [shared.login(level) for level in shared.accounts]
                + list(groups_of(shared.database).values()),
            ),
        ).fetchall()
        assert len(rows) == 6 and all(not any(r[1:]) for r in rows)
        server_roles = conn.execute(
            "SELECT count(*) FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member "
            "WHERE m.rolname LIKE %s AND g.rolname LIKE 'pg_%%'",
            (f"%{shared.tag}",),
        ).fetchone()
        assert server_roles == (0,)


@pytest.mark.parametrize("level", ["viewer", "editor", "admin"])
def test_no_member_reaches_the_servers_shell_files_or_roles(shared, level):
    with prompt(shared.accounts[level]) as conn:
        me = shared.login(level)
        for role in ("pg_execute_server_program", "pg_read_server_files", "pg_write_server_files"):
            assert denied(conn, f"GRANT {role} TO {me}")
        assert denied(conn, "COPY (SELECT 1) TO PROGRAM 'id > /tmp/owned'")
        assert denied(conn, "COPY decisions FROM '/etc/passwd'")
        assert denied(conn, f"CREATE ROLE intruder_{shared.tag} LOGIN")
        assert denied(conn, "ALTER ROLE postgres PASSWORD 'taken'")
        assert denied(conn, "ALTER ROLE postgres NOLOGIN")
        assert denied(conn, f"ALTER ROLE {me} CREATEROLE")
        admin_group = groups_of(shared.database)["admin"]
        assert denied(conn, f"GRANT {admin_group} TO {me}")
        assert denied(conn, "CREATE TABLE public.mine (x int)")
        assert denied(conn, "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'")


def test_the_management_functions_are_for_admins_only(shared):
    for level in ("viewer", "editor"):
        with pytest.raises(ServerError) as error:
            add_member(shared.accounts[level], f"intruder_{shared.tag}", "x", "admin")
        assert "manages members" in error.value.message
        with prompt(shared.accounts[level]) as conn:
            assert denied(conn, "SELECT workbook_set_level(%s, 'admin')", (shared.login(level),))
    with pytest.raises(ServerError):
        set_level(shared.accounts["editor"], shared.login("editor"), "admin")


def test_an_admin_manages_this_databases_members_and_nobody_else(shared):
    admin = shared.accounts["admin"]
    add_member(admin, f"newcomer_{shared.tag}", PASSWORD, "viewer")
    set_level(admin, f"newcomer_{shared.tag}", "editor")
    assert listed(shared.url)[f"newcomer_{shared.tag}"] == "editor"
    remove_member(admin, f"newcomer_{shared.tag}")
    with prompt(shared.url) as conn:
        gone = conn.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname = %s", (f"newcomer_{shared.tag}",)
        )
        assert gone.fetchone() == (0,)
    for target in ("postgres", "pg_execute_server_program", f"nobody_{shared.tag}"):
        for action in (
            lambda t: set_level(admin, t, "viewer"),
            lambda t: remove_member(admin, t),
        ):
            with pytest.raises(ServerError):
                action(target)
    with prompt(admin) as conn:  # names are values, never SQL
        for name in ("x; DROP ROLE postgres", "Robert'); DROP TABLE decisions; --", "a b"):
            assert "cannot be an account name" in refused(
                conn, "SELECT workbook_add_member(%s, 'SCRAM-SHA-256$x', 'viewer')", (name,)
            )
        assert "SCRAM verifier" in refused(
            conn, "SELECT workbook_add_member(%s, 'plain', 'viewer')", (f"plain_{shared.tag}",)
        )


def test_level_changes_hold_both_ways(shared):
    owner = shared.url
    set_level(owner, shared.login("admin"), "viewer")  # demoted: nothing of admin is left
    with prompt(shared.accounts["admin"]) as conn:
        me = shared.login("admin")
        assert denied(conn, "SELECT workbook_set_level(%s, 'admin')", (me,))
        admin_group = groups_of(shared.database)["admin"]
        assert denied(conn, f"GRANT {admin_group} TO {me}")
        assert denied(conn, "UPDATE decisions SET title = 'x'")
    set_level(owner, shared.login("editor"), "admin")  # promoted: can add members at once
    add_member(shared.accounts["editor"], f"added_{shared.tag}", PASSWORD, "viewer")
    levels = listed(owner)
    assert levels[shared.login("admin")] == "viewer" and levels[shared.login("editor")] == "admin"


def test_concurrent_level_changes_leave_exactly_one_level(shared):
    target = shared.login("viewer")
    errors: list[Exception] = []

    def relevel(levels: list[str]) -> None:
        try:
            for level in levels * 5:
                set_level(shared.accounts["admin"], target, level)
        except Exception as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=relevel, args=(order,))
        for order in (["viewer", "admin"], ["editor", "viewer"], ["admin", "editor"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with prompt(shared.url) as conn:
        held = conn.execute(
            "SELECT count(*) FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member "
            "JOIN pg_roles g ON g.oid = a.roleid WHERE m.rolname = %s AND g.rolname = ANY(%s)",
            (target, list(groups_of(shared.database).values())),
        ).fetchone()
    assert held == (1,)


def test_a_member_of_another_database_cannot_connect_or_act_here(request, tmp_path, shared):
    other = _shared(request, tmp_path / "other")
    for level in other.accounts:
        stranger = make_url(shared.url).set(username=other.login(level), password=PASSWORD)
        with pytest.raises(psycopg.OperationalError) as error:
            psycopg.connect(_conninfo(stranger.render_as_string(hide_password=False)))
        assert "permission denied for database" in str(error.value)
    # and an admin here cannot re-level or remove the other database's members
    for action in (
        lambda: set_level(shared.accounts["admin"], other.login("viewer"), "admin"),
        lambda: remove_member(shared.accounts["admin"], other.login("admin")),
    ):
        with pytest.raises(ServerError) as error:
            action()
        assert "not a member of this database" in error.value.message


def test_editors_cannot_forge_or_rewrite_the_history(shared):
    with prompt(shared.accounts["editor"]) as conn:
        assert denied(
            conn,
            "INSERT INTO changes (entity, record_id, action, changed_by, changed_at) "
            "VALUES ('decision', %s, 'update', %s, '2020-01-01')",
            (shared.decision_id, shared.login("admin")),
        )
        for sql in ("UPDATE changes SET changed_by = 'x'", "DELETE FROM changes"):
            assert denied(conn, sql)
        assert denied(conn, "UPDATE trash SET payload = '{}'")
        assert denied(
            conn,
            "INSERT INTO trash (id, entity, record_id, caption, deleted_by, deleted_at, payload) "
            "VALUES (gen_random_uuid(), 'decision', gen_random_uuid(), 'x', 'x', now(), '{}')",
        )
        for table in ("signatories", "agreement_versions", "settings", "decisions"):
            assert denied(conn, f"DELETE FROM {table}")


def test_a_direct_update_is_in_the_history_and_stops_an_older_form(shared):
    owner = open_database(shared.url)
    try:
        with owner.unit() as s:
            before = services.get(s, "decision", shared.decision_id).version
        with prompt(shared.accounts["editor"]) as conn:  # behind the app's back
            conn.execute(
                "UPDATE decisions SET title = 'Budget gekürzt', version = 1 WHERE id = %s",
                (shared.decision_id,),
            )
        with owner.unit() as s:
            assert services.get(s, "decision", shared.decision_id).version == before + 1
            entries = history_of(s, shared.decision_id)
        assert [(e.action, e.field, e.old_value, e.new_value, e.changed_by) for e in entries][
            -1
        ] == ("update", "title", "Budget", "Budget gekürzt", shared.login("editor"))
        with pytest.raises(StaleRecord), owner.unit() as s:  # the form opened before it
            services.update(
                s, "decision", shared.decision_id, {"title": "Mein Titel"}, expected_version=before
            )
    finally:
        owner.close()


def test_a_replaced_scan_and_a_rewritten_snapshot_are_recorded(shared):
    with prompt(shared.url) as conn:
        version_id = conn.execute(
            "SELECT id FROM agreement_versions WHERE partnership_id = %s", (shared.partnership_id,)
        ).fetchone()
    if version_id is None:  # the first version is made when an agreement is first amended
        owner = open_database(shared.url)
        with owner.unit() as s:
            from workbook.services import agreements

            agreements.amend(s, shared.partnership_id, {"purpose": "Neu"}, reason="Start")
        owner.close()
        with prompt(shared.url) as conn:
            version_id = conn.execute(
                "SELECT id FROM agreement_versions WHERE partnership_id = %s ORDER BY number",
                (shared.partnership_id,),
            ).fetchone()
    with prompt(shared.accounts["editor"]) as conn:
        conn.execute(
            "UPDATE agreement_versions SET attachment = 'fake scan', snapshot = '{}' WHERE id = %s",
            (version_id[0],),
        )
    owner = open_database(shared.url)
    with owner.unit() as s:
        rows = [
            (e.subject, e.field, e.new_value, e.changed_by)
            for e in history_of(s, shared.partnership_id)
            if e.action == "update"
        ]
    owner.close()
    fields = {r[1]: r for r in rows}
    assert fields["attachment"][0] == "agreement_version"
    assert fields["attachment"][2].startswith("sha256:")
    assert fields["attachment"][3] == shared.login("editor")
    assert fields["snapshot"][2].startswith("sha256:")


def test_a_signatory_is_not_deleted_by_an_editor_saving_the_agreement(shared):
    editor = open_database(shared.accounts["editor"])
    try:
        with editor.unit() as s:  # an unchanged list, and a changed role: no delete needed
            services.update(
                s,
                "partnership",
                shared.partnership_id,
                {"signatories": [{"name": "Anna Schmitz", "role": "Vorsitzende"}]},
            )
        with editor.unit() as s:
            record = services.get(s, "partnership", shared.partnership_id)
            assert [(x.name, x.role) for x in record.signatories] == [
                ("Anna Schmitz", "Vorsitzende")
            ]
    finally:
        editor.close()


def test_member_sessions_give_up_on_a_lock_held_at_a_prompt(shared):
    with prompt(shared.accounts["editor"]) as conn:
        timeouts = {
            name: conn.execute(f"SHOW {name}").fetchone()[0]
            for name in ("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout")
        }
    assert timeouts == {
        "lock_timeout": "10s",
        "statement_timeout": "5min",
        "idle_in_transaction_session_timeout": "2min",
    }


def test_the_password_never_reaches_the_servers_log(request, tmp_path, postgres_log):
    from tests.conftest import fresh_database_url

    url = fresh_database_url(request, "postgresql", tmp_path)
    with prompt(url) as conn:
        conn.execute(f"ALTER DATABASE \"{make_url(url).database}\" SET log_statement = 'all'")
    init_server(url)
    tag = uuid.uuid4().hex[:6]
    add_member(url, f"logged_{tag}", PASSWORD, "editor")
    with pytest.raises(ServerError):  # a failed add: the statement goes to the log as an error
        add_member(url, f"logged_{tag}", PASSWORD + "-again", "editor")
    with prompt(url) as conn:
        conn.execute("SELECT pg_sleep(0.2)")
    log = postgres_log.read_text(errors="replace")
    assert f"logged_{tag}" in log  # the log is on, and holds the call
    assert PASSWORD not in log


def test_setting_up_as_a_plain_owner_says_what_is_missing_and_makes_nothing(request, tmp_path):
    from tests.conftest import fresh_database_url

    url = fresh_database_url(request, "postgresql", tmp_path)
    name = make_url(url).database
    plain = f"plain_{uuid.uuid4().hex[:6]}"
    with prompt(url) as conn:
        conn.execute(f"CREATE ROLE {plain} LOGIN PASSWORD '{PASSWORD}'")
        conn.execute(f'CREATE DATABASE "{name}_own" OWNER {plain}')
    own = make_url(url).set(database=f"{name}_own", username=plain, password=PASSWORD)
    try:
        with pytest.raises(ServerError) as error:
            init_server(own.render_as_string(hide_password=False))
        assert "may not create roles" in error.value.message
        assert "Nothing was changed" in error.value.message
        with prompt(own.render_as_string(hide_password=False)) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()
        assert tables == (0,)
    finally:
        with prompt(url) as conn:
            conn.execute(f'DROP DATABASE "{name}_own" WITH (FORCE)')
            conn.execute(f"DROP ROLE {plain}")


def test_the_members_level_is_checked_on_every_connection(shared):
    """A login that holds no level here cannot even connect, so none opens the app."""
    with prompt(shared.url) as conn:
        conn.execute(f"CREATE ROLE lost_{shared.tag} LOGIN PASSWORD '{PASSWORD}'")
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(_conninfo(_as(shared.url, f"lost_{shared.tag}")))
    assert f"lost_{shared.tag}" not in listed(shared.url)
    with prompt(shared.url) as conn:
        public = conn.execute(
            "SELECT has_database_privilege('public', current_database(), 'CONNECT')"
        ).fetchone()
    assert public == (False,)


def test_a_login_with_no_level_is_told_so_in_a_sentence(shared):
    from workbook.domain.errors import NoLevel

    with prompt(shared.url) as conn:  # a database whose doors an older set-up left open
        conn.execute(f"CREATE ROLE nolevel_{shared.tag} LOGIN PASSWORD '{PASSWORD}'")
        conn.execute(f'GRANT CONNECT ON DATABASE "{shared.database}" TO nolevel_{shared.tag}')
    with pytest.raises(NoLevel) as error:
        open_database(_as(shared.url, f"nolevel_{shared.tag}"))
    assert f"nolevel_{shared.tag} holds no level" in error.value.message


def test_a_table_locked_at_a_prompt_keeps_nobody_waiting_long(shared):
    from workbook.domain.errors import DatabaseBusy

    with prompt(shared.url) as conn:  # the suite waits one second, not the members' ten
        conn.execute(f"ALTER ROLE {shared.login('admin')} SET lock_timeout = '1s'")
    with psycopg.connect(_conninfo(shared.accounts["editor"])) as locker:
        locker.execute("LOCK TABLE decisions IN ACCESS EXCLUSIVE MODE")  # and stays idle
        db = open_database(shared.accounts["admin"])
        try:
            with pytest.raises(DatabaseBusy) as error, db.unit() as s:
                services.update(s, "decision", shared.decision_id, {"title": "Warten"})
            assert "busy" in error.value.message and "Nothing was changed" in error.value.message
        finally:
            db.close()
        locker.rollback()
