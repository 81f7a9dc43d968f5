"""The command line, run as a user would: a process of its own on a temporary database
(forked from one that has loaded the command line, ``tests.commands``; the first command of
``test_init_sets_the_profile_and_help_works`` starts Python afresh, as the console script does)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands import run_at


def run(
    *args: str, db: Path | str, check: bool = True, fresh: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKBOOK_MEMBER": "Anna Schmitz"}
    if fresh:
        result = subprocess.run(
            [sys.executable, "-m", "workbook", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    else:
        result = run_at(db, *args, env=env)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    out = run("demo", db=path).stdout
    assert "15 organisations, 40 contacts, 4 partnerships" in out
    assert "30 decisions, 5 conflicts" in out
    return path


def test_stats_counts_the_demo(demo_db):
    out = run("stats", db=demo_db).stdout
    assert "Demokratie Leben Rheinland e.V." in out
    lines = dict(line.split() for line in out.splitlines()[3:])
    assert lines["decision"] == "30" and lines["conflict"] == "5" and lines["contact"] == "40"


def test_list_with_search_and_filter(demo_db):
    out = run("list", "organisations", "--search", "demokr", db=demo_db).stdout
    assert "Demokratiewerkstatt Köln e.V." in out and "Radio Rheinwelle" not in out
    out = run("list", "decision", "--filter", "status=superseded", db=demo_db).stdout
    assert out.strip().endswith("1 of 1 decision(s)")
    out = run("list", "conflict", "--sort", "title", db=demo_db).stdout
    titles = [line for line in out.splitlines()[1:-1]]
    assert len(titles) == 5


def test_show_and_history_by_decision_number(demo_db):
    # the demo is dated from today: its numbers say this year or the last (D-2026-006)
    listed = run("list", "decision", "--filter", "status=superseded", db=demo_db).stdout
    old = re.search(r"\bD-\d{4}-\d{3}\b", listed).group()
    out = run("show", "decision", old, db=demo_db).stdout
    assert "superseded_by" in out and "superseded" in out
    new = re.search(r"superseded_by\s+(D-\d{4}-\d{3})", out).group(1)
    out = run("show", "decision", new.lower(), db=demo_db).stdout  # typed as it comes
    assert "supersedes" in out and old in out
    out = run("history", "decision", old, db=demo_db).stdout
    assert "create" in out and "status" in out and "adopted" in out and "superseded" in out


def test_search_across_everything(demo_db):
    out = run("search", "lukasz", db=demo_db).stdout
    assert "Łukasz Kowalski" in out


def test_errors_are_clear_with_nonzero_exit(demo_db, tmp_path):
    result = run("show", "decision", "D-1999-999", db=demo_db, check=False)
    assert result.returncode == 1
    assert "No decision with id 'D-1999-999'" in result.stderr and "Traceback" not in result.stderr
    result = run("list", "invoices", db=demo_db, check=False)
    assert result.returncode == 2 and "unknown entity 'invoices'" in result.stderr
    result = run("demo", db=demo_db, check=False)
    assert result.returncode == 1 and "already holds records" in result.stderr
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all")
    result = run("stats", db=junk, check=False)
    assert result.returncode == 1 and "not an Alliance Workbook database" in result.stderr


def test_init_sets_the_profile_and_help_works(tmp_path):
    path = tmp_path / "new.sqlite"
    assert "Database ready" in run("init", "--name", "Jugendforum Süd", db=path, fresh=True).stdout
    assert "Jugendforum Süd" in run("stats", db=path).stdout
    for command in ("list", "show", "history", "demo", "stats", "search", "init"):
        assert "usage: workbook" in run(command, "--help", db=path).stdout


def test_export_edit_and_import_from_the_command_line(demo_db, tmp_path):
    from openpyxl import load_workbook

    book = tmp_path / "alliance.xlsx"
    out = run("export", "xlsx", str(book), db=demo_db).stdout
    assert "30 Decisions" in out and book.exists()
    wb = load_workbook(book)
    ws = wb["Organisations"]
    ws.cell(2, 1).value = "Umbenannt e.V."
    ws.append(["Neuer Partner", "kaputt"])
    wb.save(book)
    result = run("import", str(book), db=demo_db, check=False)
    assert result.returncode == 1  # a dry run with an invalid row
    assert "Name: " in result.stdout and "'Umbenannt e.V.'" in result.stdout
    assert "column 'Kind': value 'kaputt': must be one of" in result.stdout
    assert "Dry run: nothing was changed" in result.stdout
    refused = run("import", str(book), "--apply", db=demo_db, check=False)
    assert refused.returncode == 1 and "Nothing was changed" in refused.stderr
    applied = run("import", str(book), "--apply", "--skip-invalid", db=demo_db).stdout
    assert "Imported: 0 added, 1 changed" in applied
    assert (
        "Umbenannt e.V." in run("list", "organisation", "--search", "umbenannt", db=demo_db).stdout
    )
    csv_file = tmp_path / "decisions.csv"
    assert (
        "Wrote 30 rows"
        in run(
            "export", "csv", str(csv_file), "--entities", "decisions", "--bom", db=demo_db
        ).stdout
    )


@pytest.mark.slow
def test_backups_trash_archive_and_personal_data_from_the_command_line(tmp_path):
    path = tmp_path / "w.sqlite"
    run("demo", db=path)
    created = run("backup", "create", db=path).stdout
    assert "Backed up to" in created
    listing = run("backup", "list", db=path).stdout
    name = listing.splitlines()[1].split()[-1]  # the name comes last, whole, to be copied
    assert name.endswith(".sqlite")
    assert "manual" in listing and "114" in listing  # records counted in the backup

    contact = run("list", "contact", "--search", "Anna Schmitz", db=path).stdout.splitlines()[1]
    contact_id = contact.split()[0]
    refused = run("person", "erase", contact_id, db=path, check=False)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    exported = run("person", "export", contact_id, "-o", str(tmp_path), db=path).stdout
    assert "personal-data-anna-schmitz.json" in exported
    assert "Erased" in run("person", "erase", contact_id, "--yes", db=path).stdout
    assert "Anna Schmitz" not in run("list", "contact", db=path).stdout
    assert "consent without a purpose" in run("person", "review", db=path).stdout

    deleted = run("trash", "list", db=path).stdout
    assert len(deleted.splitlines()) == 1  # the header only: erasure bypasses the trash

    restored = run("backup", "restore", name, db=path).stdout
    assert f"Restored {name}" in restored and "applied again" in restored
    assert "Anna Schmitz" not in run("list", "contact", db=path).stdout

    run("archive", str(tmp_path / "a.zip"), db=path)
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbook",
            "unarchive",
            str(tmp_path / "a.zip"),
            str(tmp_path / "n.sqlite"),
        ],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    assert "30" in run("stats", db=tmp_path / "n.sqlite").stdout


def test_reading_commands_work_beside_the_open_app_and_writing_ones_say_who(tmp_path):
    path = tmp_path / "w.sqlite"
    run("demo", db=path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from workbook.opening import open_database; "
            "db = open_database(sys.argv[1], member='Berta'); print('ready', flush=True); "
            "time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert "Lenkungskreis" in run("list", "decision", db=path).stdout
        assert "Backed up" in run("backup", "create", db=path).stdout
        refused = run("trash", "purge", db=path, check=False)
        assert refused.returncode == 1 and "Berta" in refused.stderr
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_day_to_day_from_the_command_line(tmp_path):
    path = tmp_path / "w.sqlite"
    run("demo", db=path)
    due = run("due", "--days", "400", db=path).stdout
    assert "consent without purpose" in due and "KEY" in due
    key = next(line.split()[-1] for line in due.splitlines() if "consent_purpose:" in line)
    run("due", "--done", key, db=path)
    assert key not in run("due", "--days", "400", db=path).stdout
    assert key in run("due", "--days", "400", "--all", db=path).stdout

    assert "events to" in run("calendar", str(tmp_path / "d.ics"), db=path).stdout
    assert (tmp_path / "d.ics").read_text().startswith("BEGIN:VCALENDAR")

    partnership = run("list", "partnership", db=path).stdout.splitlines()[1].split()[0]
    amended = run("amend", partnership, "--end", "2031-12-31", "--reason", "Verlängert", db=path)
    assert "Version 2 (renewal)" in amended.stdout and "→ 2031-12-31" in amended.stdout
    inserted = run("clause", "insert", "termination", "--partnership", partnership,
                   "--language", "de", db=path)  # fmt: skip
    assert "Kündigung" in inserted.stdout
    run("report", "agreement", "--partnership", partnership, "--agreement-version", "1",
        "-o", str(tmp_path / "v1.pdf"), db=path)  # fmt: skip

    members = tmp_path / "mitglieder.csv"
    members.write_bytes(
        "Name;Funktion;Mail\r\nJana Nowak;Kasse;jana@x.example\r\n".encode("cp1252")
    )
    dry = run("adopt", str(members), "--entity", "contact", "--save-preset", "m", db=path).stdout
    assert "'Funktion'" in dry and "-> role" in dry and "[new] Jana Nowak" in dry
    adopted = run("adopt", str(members), "--preset", "m", "--apply", db=path).stdout
    assert "Adopted 1 new contact" in adopted
    assert "Jana Nowak" in run("list", "contact", "--search", "Nowak", db=path).stdout


def test_each_command_says_in_its_group_whether_it_writes():
    """Every command of every group has its handler, and whether it writes the database
    (and so takes the file's lock, or reads beside the open app) is said beside it."""
    from workbook.cli import GROUPS, _writes, build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert len(GROUPS) == 8 and len(commands) >= 24  # "copy-to" and its old name
    for name, command in commands.items():
        assert callable(command.get_default("func")), name
    cases = {
        ("init",): True, ("demo",): True, ("list", "decision"): False, ("stats",): False,
        ("import", "f.xlsx"): False, ("import", "f.xlsx", "--apply"): True,
        ("adopt", "f.csv"): False, ("adopt", "f.csv", "--apply"): True,
        ("due",): False, ("due", "--done", "k"): True, ("trash", "list"): False,
        ("trash", "purge"): True, ("person", "review"): False, ("person", "erase", "x"): True,
        ("clause", "list"): False, ("clause", "insert", "k"): True,
        ("amend", "p", "--reason", "r"): True, ("export", "xlsx", "f"): False,
        ("report", "decisions", "-o", "f.pdf"): False, ("copy-to", "t"): False,
        ("sync",): True, ("sync", "--conflicts"): False, ("sync", "--admit", "r"): True,
    }  # fmt: skip
    assert {argv: _writes(parser.parse_args(list(argv))) for argv in cases} == cases
