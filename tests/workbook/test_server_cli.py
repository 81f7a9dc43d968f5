"""The server commands as an administrator runs them: processes of their own
(``tests.commands``), a real server; every failure one sentence and an exit code, and no
password on the screen or the command line."""

from __future__ import annotations

import os
import subprocess
import uuid

from sqlalchemy.engine import make_url

from tests import commands
from tests.workbook import factories
from workbook.opening import open_database

SECRET = "Geheim-Passwort-0815"


def workbook(*args: str, stdin: str = "", env: dict[str, str] | None = None):
    return commands.workbook(*args, stdin=stdin, env={**os.environ, **(env or {})})


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    said = result.stderr.strip().splitlines()[-1]  # argparse's usage may come before it
    assert said.startswith("workbook") and said.endswith("."), result.stderr


def _server(request, tmp_path) -> str:
    from tests.conftest import fresh_database_url

    return fresh_database_url(request, "postgresql", tmp_path)


def test_members_are_managed_from_the_command_line_without_a_password_in_sight(request, tmp_path):
    url = _server(request, tmp_path)
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    done = workbook("server", "init", plain)  # the URL as psql writes it
    assert done.returncode == 0, done.stderr
    assert "is ready" in done.stdout
    tag = uuid.uuid4().hex[:6]
    added = workbook(  # a script: the password on standard input, never in `ps`
        "server", "add-member", url, "--name", f"anna_{tag}", "--level", "editor",
        stdin=SECRET + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert SECRET not in added.stdout + added.stderr
    by_env = workbook(
        "server", "add-member", url, "--name", f"ben_{tag}", "--level", "viewer",
        env={"WORKBOOK_NEW_PASSWORD": SECRET},
    )  # fmt: skip
    assert by_env.returncode == 0, by_env.stderr
    assert (
        workbook("server", "set-level", url, "--name", f"ben_{tag}", "--level", "admin").returncode
        == 0
    )
    listed = workbook("server", "members", url)
    assert f"anna_{tag}" in listed.stdout and "editor" in listed.stdout
    assert any(f"ben_{tag}" in line and "admin" in line for line in listed.stdout.splitlines())
    assert workbook("server", "remove-member", url, "--name", f"ben_{tag}").returncode == 0
    assert f"ben_{tag}" not in workbook("server", "members", url).stdout
    # the member works with the password given, which the history does not hold either
    member = make_url(url).set(username=f"anna_{tag}", password=SECRET)
    db = open_database(member.render_as_string(hide_password=False))
    try:
        assert db.level == "editor" and SECRET not in db.location
    finally:
        db.close()
    old = workbook(
        "server", "add-member", url, "--name", "x", "--level", "viewer", "--password", SECRET
    )
    assert old.returncode == 2 and "unrecognized arguments" in old.stderr


def test_failures_are_sentences_with_an_exit_code(request, tmp_path):
    url = _server(request, tmp_path)
    assert workbook("server", "init", url).returncode == 0
    tag = uuid.uuid4().hex[:6]
    nothing = workbook("server", "add-member", url, "--name", f"c_{tag}", "--level", "viewer")
    assert nothing.returncode == 1 and "No password" in nothing.stderr
    no_traceback(nothing)
    assert (
        workbook(
            "server", "add-member", url, "--name", f"ed_{tag}", "--level", "editor", stdin=SECRET
        ).returncode
        == 0
    )
    editor = make_url(url).set(username=f"ed_{tag}", password=SECRET)
    as_editor = editor.render_as_string(hide_password=False)
    other = make_url(_server(request, tmp_path / "other"))  # an empty database, not the editor's
    elsewhere = other.set(username=f"ed_{tag}", password=SECRET).render_as_string(
        hide_password=False
    )
    open_database(tmp_path / "local.sqlite").close()
    for args in (
        ("server", "add-member", as_editor, "--name", f"x_{tag}", "--level", "admin"),
        ("server", "init", as_editor),
        ("--db", str(tmp_path / "local.sqlite"), "migrate-to", elsewhere),
        ("--db", url, "list", "decision", "--filter", "partnership=' OR 1=1 --"),
        ("--db", url, "list", "decision", "--limit", "-1"),
    ):
        result = workbook(*args, stdin=SECRET)
        assert result.returncode in (1, 2), (args, result.stdout)
        no_traceback(result)
        assert SECRET not in result.stdout + result.stderr


def test_a_reading_command_never_makes_a_schema(request, tmp_path):
    from tests.conftest import _admin

    url = _server(request, tmp_path)
    empty = f"empty_{uuid.uuid4().hex[:6]}"
    admin = _admin(url)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{empty}"')
    try:
        target = make_url(url).set(database=empty).render_as_string(hide_password=False)
        result = workbook("--db", target, "stats")
        assert result.returncode == 1 and "holds no workbook yet" in result.stderr
        no_traceback(result)
        from sqlalchemy import create_engine, inspect

        engine = create_engine(target)  # as empty as before
        try:
            with engine.connect() as conn:
                assert inspect(conn).get_table_names() == []
        finally:
            engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')
        admin.dispose()


def test_migrate_to_shows_the_server_without_its_password(request, tmp_path):
    source = tmp_path / "verein.sqlite"
    db = open_database(source)
    with db.unit() as s:
        factories.organisation(s, "Jugendring")
    db.close()
    url = _server(request, tmp_path)
    # the owner's own URL, with a password in it (a trust server ignores it)
    target = make_url(url).set(password=SECRET).render_as_string(hide_password=False)
    result = workbook("--db", str(source), "copy-to", target)
    assert result.returncode == 0, result.stderr
    assert "Copied" in result.stdout and SECRET not in result.stdout + result.stderr
    assert "***" in result.stdout
