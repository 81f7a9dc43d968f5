"""Several members, one PostgreSQL database: roles, grants, members and their levels.

Least privilege, enforced by PostgreSQL itself, not only by the app. Each workbook database
has three group roles of its own, named after it (``<database>_viewer``, ``_editor``,
``_admin``), and only they may connect to it:

- viewer reads everything;
- editor also creates and changes records (and the parts they own: terms, partners, tags,
  steps), but deletes no record, signatory, agreement version or profile row;
- admin also deletes them, empties the trash, erases personal data, and manages members.

No member holds CREATEROLE or any other role attribute. Members are managed through three
``SECURITY DEFINER`` functions owned by the database's owner, with a fixed ``search_path``,
that only an admin member may call, and that only create, re-level or remove login roles
holding a level in this database (a level changes in one transaction, revoking the old).
The password reaches the server as a SCRAM verifier made here, never as text.

The change history is written by the server's triggers (migration 0012), with the member's
own login, so no member can forge or bypass it; members may not insert into it at all.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from workbook.domain.errors import KnownError
from workbook.domain.models import Base
from workbook.store.db import Database, create_workbook_engine
from workbook.store.migrate import ensure_schema

LEVELS = ("viewer", "editor", "admin")
#: The records themselves: only an admin deletes them (they go to the trash first).
ROOTS = (
    "organisations", "contacts", "partnerships", "goals", "evaluations", "meetings",
    "decisions", "conflicts", "progress_updates", "conflict_steps", "clauses",
    # what a signed agreement and the association's profile are made of
    "signatories", "agreement_versions", "settings",
)  # fmt: skip
#: The server's own: written by its triggers only (an admin's erasure rewrites them).
HISTORY = ("changes",)
#: Only an admin writes these: the trash (a delete, a restore, the purge).
ADMIN_ONLY = ("trash",)
#: Member sessions give up instead of waiting for a lock someone holds at a SQL prompt.
TIMEOUTS = {
    "lock_timeout": "10s",
    "statement_timeout": "5min",
    "idle_in_transaction_session_timeout": "2min",
}
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
#: The groups of the set-up before levels were per database (upgraded by ``init_server``).
OLD_GROUPS = ("workbook_viewer", "workbook_editor", "workbook_admin")


class ServerError(KnownError):
    code = "server_error"
    template = "{reason}"


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    level: str


@dataclass(slots=True)
class Setup:
    """What ``init_server`` did, in sentences for the person who ran it."""

    database: str
    groups: dict[str, str]
    notes: list[str] = field(default_factory=list)


def groups_of(database: str) -> dict[str, str]:
    """The three group roles of one database: its name, made a plain role name."""
    prefix = re.sub(r"[^a-z0-9_]", "_", database.lower())
    if prefix != database or len(prefix) > 48 or not _NAME.match(prefix):
        digest = hashlib.sha256(database.encode()).hexdigest()[:8]
        prefix = f"{prefix[:40].strip('_') or 'workbook'}_{digest}"
    return {level: f"{prefix}_{level}" for level in LEVELS}


def _is_postgres(url: str) -> None:
    if make_url(url).get_backend_name() != "postgresql":
        raise ServerError(reason="A server URL is postgresql://user@host/database.")


def _exec(conn: Connection, sql: str) -> None:
    conn.exec_driver_sql(sql.replace("%", "%%"))  # the driver reads % as a placeholder


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _grant(conn: Connection, groups: dict[str, str], database: str) -> None:
    tables = [t.name for t in Base.metadata.sorted_tables] + ["alembic_version"]
    viewer, editor, admin = (_q(groups[level]) for level in LEVELS)
    _exec(conn, f"REVOKE ALL ON DATABASE {_q(database)} FROM PUBLIC")
    _exec(conn, f"GRANT CONNECT, TEMPORARY ON DATABASE {_q(database)} TO {viewer}")
    _exec(conn, "REVOKE ALL ON SCHEMA public FROM PUBLIC")
    _exec(conn, f"GRANT USAGE ON SCHEMA public TO {viewer}")
    _exec(conn, f"GRANT {viewer} TO {editor}")  # an editor can do what a viewer can
    _exec(conn, f"GRANT {editor} TO {admin}")
    for table in tables:
        _exec(conn, f'REVOKE ALL ON "{table}" FROM {viewer}, {editor}, {admin}')
        _exec(conn, f'GRANT SELECT ON "{table}" TO {viewer}')
        if table == "alembic_version" or table in HISTORY:
            continue
        if table in ADMIN_ONLY:
            _exec(conn, f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {admin}')
        elif table in ROOTS:
            _exec(conn, f'GRANT INSERT, UPDATE ON "{table}" TO {editor}')
            _exec(conn, f'GRANT DELETE ON "{table}" TO {admin}')
        else:  # parts of a record, replaced when the record is edited
            _exec(conn, f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {editor}')
    # an erasure rewrites what the history says of the person (admins only)
    _exec(conn, f'GRANT UPDATE, DELETE ON "changes" TO {admin}')
    _exec(conn, f"GRANT EXECUTE ON FUNCTION workbook_note_erasure(uuid) TO {admin}")
    _exec(conn, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {editor}")


def _management(groups: dict[str, str]) -> str:
    """The definer functions through which an admin member manages members."""
    levels = ", ".join(f"'{level}', '{groups[level]}'" for level in LEVELS)
    ours = "ARRAY[" + ", ".join(f"'{groups[level]}'" for level in LEVELS) + "]"
    settings = "\n".join(
        f"    EXECUTE format('ALTER ROLE %I SET {name} = %L', account, '{value}');"
        for name, value in TIMEOUTS.items()
    )
    header = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
    return f"""
CREATE OR REPLACE FUNCTION workbook_level_group(level text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT (jsonb_build_object({levels})) ->> level
$$;
CREATE OR REPLACE FUNCTION workbook_check_member(account text) RETURNS boolean {header} AS $$
-- true when the account holds a level here and nothing outside this database
DECLARE
    target pg_roles;
BEGIN
    SELECT * INTO target FROM pg_roles WHERE rolname = account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'workbook: there is no account called %', account USING ERRCODE = '42704';
    END IF;
    IF target.rolsuper OR target.rolcreaterole OR target.rolcreatedb OR target.rolreplication
       OR target.rolbypassrls OR NOT target.rolcanlogin
       OR target.oid = (SELECT datdba FROM pg_database WHERE datname = current_database())
       OR NOT EXISTS (SELECT 1 FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid
                      WHERE a.member = target.oid AND g.rolname = ANY({ours})) THEN
        RAISE EXCEPTION 'workbook: % is not a member of this database', account
            USING ERRCODE = '42501';
    END IF;
    RETURN NOT EXISTS (SELECT 1 FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid
                       WHERE a.member = target.oid AND g.rolname <> ALL({ours}));
END $$;
CREATE OR REPLACE FUNCTION workbook_add_member(account text, verifier text, level text)
RETURNS void {header} AS $$
DECLARE
    grp text := public.workbook_level_group(level);
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('workbook members'));
    IF account !~ '^[a-z_][a-z0-9_]{{0,62}}$' THEN
        RAISE EXCEPTION 'workbook: % cannot be an account name', account USING ERRCODE = '22023';
    END IF;
    IF grp IS NULL THEN
        RAISE EXCEPTION 'workbook: there is no level %', level USING ERRCODE = '22023';
    END IF;
    IF verifier !~ '^SCRAM-SHA-256\\$' THEN
        RAISE EXCEPTION 'workbook: the password must come as a SCRAM verifier'
            USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = account) THEN
        RAISE EXCEPTION 'workbook: there is already an account called %', account
            USING ERRCODE = '42710';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT '
                   'NOREPLICATION NOBYPASSRLS PASSWORD %L', account, verifier);
    EXECUTE format('GRANT %I TO %I', grp, account);
{settings}
END $$;
CREATE OR REPLACE FUNCTION workbook_set_level(account text, level text) RETURNS void
{header} AS $$
DECLARE
    grp text := public.workbook_level_group(level);
    other text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('workbook members'));
    IF grp IS NULL THEN
        RAISE EXCEPTION 'workbook: there is no level %', level USING ERRCODE = '22023';
    END IF;
    PERFORM public.workbook_check_member(account);
    FOREACH other IN ARRAY {ours} LOOP  -- the old level goes in the same transaction
        EXECUTE format('REVOKE %I FROM %I', other, account);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', grp, account);
END $$;
CREATE OR REPLACE FUNCTION workbook_remove_member(account text) RETURNS void {header} AS $$
DECLARE
    other text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('workbook members'));
    IF public.workbook_check_member(account) THEN
        EXECUTE format('DROP ROLE %I', account);
    ELSE  -- a member of other databases too: only this database's levels go
        FOREACH other IN ARRAY {ours} LOOP
            EXECUTE format('REVOKE %I FROM %I', other, account);
        END LOOP;
    END IF;
END $$;
"""


MANAGEMENT = (
    "workbook_level_group(text)",
    "workbook_check_member(text)",
    "workbook_add_member(text, text, text)",
    "workbook_set_level(text, text)",
    "workbook_remove_member(text)",
)


def _runner(conn: Connection) -> tuple[str, str, bool, bool]:
    """(database, its owner, whether the connected account is superuser, may create roles)."""
    row = conn.execute(
        text(
            "SELECT current_database(), pg_get_userbyid(d.datdba), r.rolsuper, "
            "(o.rolsuper OR o.rolcreaterole) FROM pg_database d, pg_roles r, pg_roles o "
            "WHERE d.datname = current_database() AND r.rolname = session_user "
            "AND o.oid = d.datdba"
        )
    ).one()
    return str(row[0]), str(row[1]), bool(row[2]), bool(row[3])


def init_server(url: str) -> Setup:
    """Create (or bring up to date) the schema, the three levels and their grants.

    ``url`` connects as the database's owner (or a superuser); the owner must be allowed to
    create roles, since members are created in its name. Checked before anything is made."""
    _is_postgres(url)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            database, owner, superuser, owner_creates_roles = _runner(conn)
            connected = str(conn.exec_driver_sql("SELECT session_user").scalar())
            if connected != owner and not superuser:
                raise ServerError(
                    reason=f"Only the owner of {database} ({owner}) or a superuser can set it "
                    f"up; {connected} cannot. Nothing was changed."
                )
            if not owner_creates_roles:
                raise ServerError(
                    reason=f"The owner of {database}, {owner}, may not create roles, so it "
                    "cannot add members. As a superuser, run: "
                    f"ALTER ROLE {_q(owner)} CREATEROLE; then set the database up again. "
                    "Nothing was changed."
                )
        schema = Database(url=url, engine=create_workbook_engine(url), member="setup")
        try:
            ensure_schema(schema)  # through Alembic
        finally:
            schema.close()
        with engine.connect() as conn:
            setup = Setup(database, groups_of(database))
            for level in LEVELS:
                group = setup.groups[level]
                exists = conn.execute(
                    text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}
                ).scalar()
                if not exists:
                    _exec(conn, f"CREATE ROLE {_q(group)} NOLOGIN")
                else:  # groups carry no attribute, whatever an earlier set-up gave them
                    _exec(conn, f"ALTER ROLE {_q(group)} NOLOGIN NOCREATEROLE NOCREATEDB")
            _grant(conn, setup.groups, database)
            _exec(conn, _management(setup.groups))
            for function in MANAGEMENT:
                _exec(conn, f"ALTER FUNCTION {function} OWNER TO {_q(owner)}")
                _exec(conn, f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
            for function in MANAGEMENT[2:]:
                _exec(conn, f"GRANT EXECUTE ON FUNCTION {function} TO {_q(setup.groups['admin'])}")
            setup.notes.extend(_upgrade_old_groups(conn, database))
    except DBAPIError as exc:
        raise ServerError(
            reason=f"The server refused the set-up: {_reason(exc)}; nothing more was changed."
        ) from exc
    finally:
        engine.dispose()
    return setup


def _upgrade_old_groups(conn: Connection, database: str) -> list[str]:
    """The cluster-wide levels of the earlier set-up lose this database, and their members
    the attribute that let them make roles of their own."""
    old = [
        str(r[0])
        for r in conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:g)"), {"g": list(OLD_GROUPS)}
        )
    ]
    if not old:
        return []
    names = ", ".join(_q(g) for g in old)
    _exec(conn, f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {names}")
    _exec(conn, f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {names}")
    _exec(conn, f"REVOKE ALL ON SCHEMA public FROM {names}")
    _exec(conn, f"REVOKE ALL ON DATABASE {_q(database)} FROM {names}")
    accounts = [
        str(r[0])
        for r in conn.execute(
            text(
                "SELECT DISTINCT m.rolname FROM pg_auth_members a "
                "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
                "WHERE g.rolname = ANY(:g) AND m.rolcanlogin AND NOT m.rolsuper ORDER BY 1"
            ),
            {"g": old},
        )
    ]
    for account in accounts:
        _exec(conn, f"ALTER ROLE {_q(account)} NOCREATEROLE")
    if not accounts:
        return []
    return [
        "The levels of the earlier set-up no longer open this database. Give each of these "
        f"accounts its level again (workbook server set-level): {', '.join(accounts)}."
    ]


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ServerError(
            reason=f"{name!r} cannot be an account name: use lower-case letters, digits and _."
        )
    return name


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ServerError(reason=f"The level is one of {', '.join(LEVELS)}.")
    return level


def _manage(url: str, what: str, sql: str, params: dict[str, str]) -> None:
    """Call one of the management functions as the connected account."""
    _is_postgres(url)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if "verifier" in params:
                raw = conn.connection.dbapi_connection
                params["verifier"] = raw.pgconn.encrypt_password(  # type: ignore[union-attr]
                    params["verifier"].encode(), params["account"].encode(), b"scram-sha-256"
                ).decode()
            conn.execute(text(sql), params)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501" and "function workbook_" in str(exc.orig):
            raise ServerError(
                reason="Only an admin member or the database's owner manages members; "
                "nothing was changed."
            ) from exc
        raise ServerError(reason=f"{what}: {_reason(exc)}; nothing was changed.") from exc
    finally:
        engine.dispose()


def add_member(url: str, name: str, password: str, level: str) -> Member:
    """A new login for a member at ``level`` (run as an admin member or the owner)."""
    _check_name(name)
    _check_level(level)
    if not password:
        raise ServerError(reason="The new member needs a password; nothing was changed.")
    _manage(
        url,
        "the member could not be added",
        "SELECT workbook_add_member(:account, :verifier, :level)",
        {"account": name, "verifier": password, "level": level},
    )
    return Member(name, level)


def set_level(url: str, name: str, level: str) -> None:
    _manage(
        url,
        "the level could not be changed",
        "SELECT workbook_set_level(:account, :level)",
        {"account": _check_name(name), "level": _check_level(level)},
    )


def remove_member(url: str, name: str) -> None:
    _manage(
        url,
        "the member could not be removed",
        "SELECT workbook_remove_member(:account)",
        {"account": _check_name(name)},
    )


def _groups_here(conn: Connection) -> dict[str, str]:
    return groups_of(str(conn.exec_driver_sql("SELECT current_database()").scalar()))


def members(conn: Connection) -> list[Member]:
    """Every login that holds a level in this database, with its highest level."""
    groups = _groups_here(conn)
    level_of_group = {group: level for level, group in groups.items()}
    rows = conn.execute(
        text(
            "SELECT m.rolname AS name, g.rolname AS grp FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname = ANY(:groups) AND m.rolcanlogin ORDER BY m.rolname"
        ),
        {"groups": list(groups.values())},
    ).all()
    levels: dict[str, str] = {}
    for name, group in rows:
        level = level_of_group[group]
        if name not in levels or LEVELS.index(level) > LEVELS.index(levels[name]):
            levels[name] = level
    return [Member(name, level) for name, level in sorted(levels.items())]


def level_of(conn: Connection) -> str:
    """The level of the connected account: "owner" for the owner or a superuser."""
    owner = conn.execute(
        text(
            "SELECT r.rolsuper OR d.datdba = r.oid FROM pg_roles r, pg_database d "
            "WHERE r.rolname = session_user AND d.datname = current_database()"
        )
    ).scalar()
    if owner:
        return "owner"
    groups = _groups_here(conn)
    for level in reversed(LEVELS):
        member = conn.execute(
            text(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :g) "
                "THEN pg_has_role(session_user, :g, 'MEMBER') ELSE false END"
            ),
            {"g": groups[level]},
        ).scalar()
        if member:
            return level
    return "none"


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    reason = str(orig or exc).strip().splitlines()[0]
    return reason.removeprefix("workbook: ").rstrip(".")
