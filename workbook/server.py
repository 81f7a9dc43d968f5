"""Several members, one PostgreSQL database: roles, grants, members and their levels.

Three group roles carry the levels, enforced by PostgreSQL itself, not only by the app:

- ``workbook_viewer`` reads everything;
- ``workbook_editor`` also creates and changes records (and the parts they own: terms,
  partners, tags, steps), but deletes no record, and can only add to the change history;
- ``workbook_admin`` also deletes records, empties the trash, erases personal data, and
  manages members (it may create roles and grant the levels).

A member is a login role that is a member of one of them. The change history records the
member's own account (``current_user``), not a name typed into the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from workbook.errors import KnownError
from workbook.models import Base

LEVELS = ("viewer", "editor", "admin")
GROUP = {level: f"workbook_{level}" for level in LEVELS}
#: The records themselves: only an admin deletes them (they go to the trash first).
ROOTS = (
    "organisations", "contacts", "partnerships", "goals", "evaluations", "meetings",
    "decisions", "conflicts", "progress_updates", "conflict_steps", "clauses",
)  # fmt: skip
#: Append-only for editors.
APPEND_ONLY = ("changes",)
#: Admin-only deletes beyond the records: the trash's purge, erasure of a person's history.
ADMIN_DELETE = ("trash",)
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class ServerError(KnownError):
    code = "server_error"
    template = "{reason}"


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    level: str


def _is_postgres(url: str) -> None:
    if make_url(url).get_backend_name() != "postgresql":
        raise ServerError(reason="a server URL is postgresql+psycopg://user@host/database")


def _exec(conn: Connection, sql: str) -> None:
    conn.exec_driver_sql(sql)


def _grant(conn: Connection) -> None:
    tables = [t.name for t in Base.metadata.sorted_tables] + ["alembic_version"]
    viewer, editor, admin = GROUP["viewer"], GROUP["editor"], GROUP["admin"]
    _exec(conn, f"GRANT USAGE ON SCHEMA public TO {viewer}, {editor}, {admin}")
    _exec(conn, f"GRANT {viewer} TO {editor}")  # an editor can do what a viewer can
    _exec(conn, f"GRANT {editor} TO {admin}")
    for table in tables:
        _exec(conn, f'GRANT SELECT ON "{table}" TO {viewer}')
        if table == "alembic_version":
            continue
        if table in APPEND_ONLY:
            _exec(conn, f'GRANT INSERT ON "{table}" TO {editor}')
            _exec(conn, f'GRANT UPDATE, DELETE ON "{table}" TO {admin}')
        elif table in ROOTS or table in ADMIN_DELETE:
            _exec(conn, f'GRANT INSERT, UPDATE ON "{table}" TO {editor}')
            _exec(conn, f'GRANT DELETE ON "{table}" TO {admin}')
        else:  # parts of a record, replaced when the record is edited
            _exec(conn, f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {editor}')
    _exec(conn, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {editor}")


def init_server(url: str) -> None:
    """Create (or bring up to date) the schema, the three levels and their grants.

    ``url`` connects as the database's owner (or a superuser)."""
    from workbook.db import open_database

    _is_postgres(url)
    open_database(url, member="setup").close()  # the schema, through Alembic
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for level in LEVELS:
                exists = conn.execute(
                    text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": GROUP[level]}
                ).scalar()
                if not exists:
                    extra = " CREATEROLE" if level == "admin" else ""
                    _exec(conn, f"CREATE ROLE {GROUP[level]} NOLOGIN{extra}")
            _grant(conn)
    finally:
        engine.dispose()


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ServerError(
            reason=f"{name!r} cannot be an account name: use lower-case letters, digits and _"
        )
    return name


def add_member(url: str, name: str, password: str, level: str) -> Member:
    """A new login for a member at ``level`` (run as an admin member or the owner)."""
    _is_postgres(url)
    if level not in LEVELS:
        raise ServerError(reason=f"the level is one of {', '.join(LEVELS)}")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": _check_name(name)}
            ).scalar()
            if exists:
                raise ServerError(reason=f"there is already an account called {name}")
            literal = conn.exec_driver_sql("SELECT quote_literal(%s)", (password,)).scalar()
            if level == "admin":  # role attributes are not inherited: an admin needs its own
                _exec(conn, f"CREATE ROLE {name} LOGIN CREATEROLE PASSWORD {literal}")
                groups = ", ".join(GROUP.values())
                _exec(conn, f"GRANT {groups} TO {name} WITH ADMIN OPTION")
            else:
                _exec(conn, f"CREATE ROLE {name} LOGIN PASSWORD {literal}")
                _exec(conn, f"GRANT {GROUP[level]} TO {name}")
    except Exception as exc:
        if isinstance(exc, KnownError):
            raise
        raise ServerError(reason=f"the member could not be added: {_reason(exc)}") from exc
    finally:
        engine.dispose()
    return Member(name, level)


def set_level(url: str, name: str, level: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for other in LEVELS:
                _exec(conn, f"REVOKE {GROUP[other]} FROM {_check_name(name)}")
            _exec(conn, f"GRANT {GROUP[level]} TO {name}")
    except Exception as exc:
        raise ServerError(reason=f"the level could not be changed: {_reason(exc)}") from exc
    finally:
        engine.dispose()


def remove_member(url: str, name: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            _exec(conn, f"DROP ROLE {_check_name(name)}")
    except Exception as exc:
        raise ServerError(reason=f"the member could not be removed: {_reason(exc)}") from exc
    finally:
        engine.dispose()


def members(conn: Connection) -> list[Member]:
    """Every login that holds a level, with its highest level."""
    rows = conn.execute(
        text(
            "SELECT m.rolname AS name, g.rolname AS grp FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname = ANY(:groups) AND m.rolcanlogin ORDER BY m.rolname"
        ),
        {"groups": list(GROUP.values())},
    ).all()
    levels: dict[str, str] = {}
    for name, group in rows:
        level = group.removeprefix("workbook_")
        if name not in levels or LEVELS.index(level) > LEVELS.index(levels[name]):
            levels[name] = level
    return [Member(name, level) for name, level in sorted(levels.items())]


def level_of(conn: Connection) -> str:
    """The level of the connected account: "owner" for the owner or a superuser."""
    owner = conn.execute(
        text(
            "SELECT r.rolsuper OR d.datdba = r.oid FROM pg_roles r, pg_database d "
            "WHERE r.rolname = current_user AND d.datname = current_database()"
        )
    ).scalar()
    if owner:
        return "owner"
    for level in reversed(LEVELS):
        member = conn.execute(
            text("SELECT pg_has_role(current_user, :g, 'MEMBER')"), {"g": GROUP[level]}
        ).scalar()
        if member:
            return level
    return "none"


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0]
