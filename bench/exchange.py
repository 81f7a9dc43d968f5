"""Export and import of 100,000 rows, paired round by round with raw library passes.

Export: against the same cells written by XlsxWriter in constant-memory mode, with the same
formats. Import, read as the app reads such files (python-calamine): the preview of the
exported file against python-calamine reading it; the preview and apply of a file with every
row edited (in one transaction, as the wizard does) against python-calamine reading it plus
one ``executemany`` UPDATE of the same rows and column and one of their search documents;
the preview and apply of a file of as many new people (contacts) against python-calamine
reading it plus one ``executemany`` INSERT of the people and one of their search documents.

Each round runs the app's job and its baseline once each, every job in its own process (its
peak memory its own), the order flipped every other round; each figure is the median and
[min-max] of the per-round ratios, wall and processor time alike.

Run: python -m bench.exchange [--rows 100000] [--rounds 5] [--json bench/results/exchange.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

HEADER = [
    "Name",
    "Kind",
    "Status",
    "Address",
    "Website",
    "Email",
    "Phone",
    "Notes",
    "Strengths",
    "Networks",
]


def make_database(path: Path, rows: int) -> None:
    from sqlalchemy import insert

    from workbook.domain.models import Organisation
    from workbook.opening import open_database
    from workbook.store.search import reindex

    db = open_database(path)
    with db.unit() as session:
        for start in range(0, rows, 10_000):
            session.execute(
                insert(Organisation),
                [
                    {
                        "id": uuid.uuid4(),
                        "name": f"Verein {i}",
                        "kind": "ngo",
                        "status": "active",
                        "address": f"Hauptstraße {i}\n50667 Köln",
                        "email": f"info{i}@verein.example",
                        "phone": "+49 221 123456",
                        "notes": "Partner seit 2019. " * 3,
                        "version": 1,
                    }
                    for i in range(start, min(rows, start + 10_000))
                ],
            )
        # every record of a real database has its search document, which an import's
        # changes must rewrite (until this run the benchmark's database had none)
        reindex(session)
    db.close()


#: when the job being measured started; a job that opens the database first restarts it
STARTED = 0.0


def _start() -> None:
    global STARTED, STARTED_CPU
    STARTED, STARTED_CPU = time.perf_counter(), time.process_time()


def _opened(db_path: str):  # type: ignore[no-untyped-def]
    """The database open, as it is when a user exports or imports; the timing starts now."""
    from workbook.opening import open_database

    db = open_database(db_path, backup=False)
    _start()
    return db


def job_export(db_path: str, out: str) -> None:
    from workbook.exchange.xlsx_export import export_xlsx

    db = _opened(db_path)
    with db.unit() as session:
        export_xlsx(session, out, entities=["organisation"])


def _raw_rows(db_path: str):  # type: ignore[no-untyped-def]
    """The cells of the Organisations sheet straight from SQLite: ten columns, the ID, the
    version and a checksum of the row (the hidden columns that bring edits back)."""
    import hashlib
    import sqlite3
    import uuid

    conn = sqlite3.connect(db_path)
    for row in conn.execute(
        "SELECT name, kind, status, address, website, email, phone, notes, id, version "
        "FROM organisations ORDER BY name"
    ):
        *values, ident, version = row
        cells = [*values, "", ""]
        digest = hashlib.sha256(repr(cells).encode()).hexdigest()[:16]
        yield [*cells, str(uuid.UUID(ident)), version, digest]


def job_raw_xlsxwriter(db_path: str, out: str) -> None:
    """The same cells written by xlsxwriter in constant-memory mode, with the same formats."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("Organisations")
    top = wb.add_format({"valign": "top", "locked": False})
    wrap = wb.add_format({"valign": "top", "locked": False, "text_wrap": True})
    formats = [top, top, top, wrap, top, top, top, wrap, top, top, None, None, None]
    ws.write_row(0, 0, [*HEADER, "ID", "Version", "Checksum"])
    for row, cells in enumerate(_raw_rows(db_path), start=1):
        for col, (value, fmt) in enumerate(zip(cells, formats, strict=True)):
            if value is None:
                ws.write_blank(row, col, None, fmt)
            elif isinstance(value, str):
                ws.write_string(row, col, value, fmt)
            else:
                ws.write_number(row, col, value, fmt)
    wb.close()


def job_preview(db_path: str, book: str) -> None:
    from workbook.exchange.importer import preview

    db = _opened(db_path)
    with db.unit() as session:
        result = preview(session, book)
    assert all(r.status == "unchanged" for r in result.rows)


def job_raw_read_calamine(db_path: str, book: str) -> None:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(book) as wb:
        for name in wb.sheet_names:
            for _row in wb.get_sheet_by_name(name).iter_rows():
                pass


def job_edit_book(db_path: str, book: str, out: str) -> None:
    """A copy of ``book`` as a partner sends it back: every organisation's notes edited."""
    import xlsxwriter
    from openpyxl import load_workbook

    source = load_workbook(book, read_only=True)
    target = xlsxwriter.Workbook(out, {"constant_memory": True})
    for ws in source.worksheets:
        ws.reset_dimensions()
        copy = target.add_worksheet(ws.title)
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                if ws.title == "Organisations" and r and value and HEADER[c : c + 1] == ["Notes"]:
                    value = f"{value} Neu."
                if isinstance(value, str):
                    copy.write_string(r, c, value)
                elif value is not None:
                    copy.write(r, c, value)
    target.close()


def job_apply(db_path: str, book: str) -> None:
    """Preview, then apply every changed row, in one transaction (as the import wizard does)."""
    _imported(db_path, book, "changed")


def _imported(db_path: str, book: str, counted: str) -> None:
    """The preview and apply of every row of ``book``, each one ``counted`` (changed, added)."""
    from workbook.exchange.importer import apply, preview

    db = _opened(db_path)
    with db.unit() as session:
        result = preview(session, book)
        counts = apply(session, result, result.default_accepted())
    assert counts[counted] == len(result.rows) > 0, counts


def job_raw_apply(db_path: str, book: str) -> None:
    """python-calamine reading the book, then one executemany UPDATE of the notes and one
    of the same records' search documents (which their FTS5 triggers index again)."""
    import sqlite3

    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(book).get_sheet_by_name("Organisations").iter_rows()
    header = list(next(rows))
    notes, ident = header.index("Notes"), header.index("ID")
    changes = [(row[notes], row[ident].replace("-", "")) for row in rows if row[ident]]
    conn = sqlite3.connect(db_path)
    conn.executemany(
        "UPDATE organisations SET notes = ?, version = version + 1 WHERE id = ?", changes
    )
    conn.executemany(
        "UPDATE search_documents SET body = body || ' ' || ? "
        "WHERE entity = 'organisation' AND record_id = ?",
        changes,
    )
    conn.commit()
    assert conn.total_changes >= 2 * len(changes) > 0, (conn.total_changes, len(changes))
    conn.close()


CONTACT_HEADER = ["Name", "Organisation", "Role", "Email", "Phone", "Notes"]


def job_new_book(db_path: str, out: str, count: str) -> None:
    """A Contacts sheet of ``count`` new people, each at one of the organisations, as a
    partner sends a list of members back (no ID column: every row is new)."""
    import xlsxwriter

    organisations = _organisation_names(db_path)
    target = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = target.add_worksheet("Contacts")
    sheet.write_row(0, 0, CONTACT_HEADER)
    for i in range(1, int(count) + 1):
        name = organisations[i % len(organisations)]
        cells = [f"Person {i}", name, "Mitglied", f"p{i}@example.org", "+49 221 1", "Seit 2020."]
        sheet.write_row(i, 0, cells)
    target.close()


def _organisation_names(db_path: str) -> list[str]:
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM organisations ORDER BY name")]


def job_add(db_path: str, book: str) -> None:
    """Preview, then add every new row, in one transaction (as the import wizard does)."""
    _imported(db_path, book, "added")


def job_raw_add(db_path: str, book: str) -> None:
    """python-calamine reading the book, the organisations' ids by name, then one
    ``executemany`` INSERT of the people and one of their search documents (which their
    FTS5 trigger indexes)."""
    import sqlite3
    import uuid
    from datetime import datetime

    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(book).get_sheet_by_name("Contacts").iter_rows()
    next(rows)
    conn = sqlite3.connect(db_path)
    ids = dict(conn.execute("SELECT name, id FROM organisations"))
    now = datetime.now().isoformat(sep=" ")
    people, documents = [], []
    for name, organisation, role, email, phone, notes in rows:
        ident = uuid.uuid4().hex
        people.append((ident, name, ids[organisation], role, email, phone, notes, now, now))
        body = " ".join([role, email, organisation, notes]).lower()
        documents.append((ident, name, name.lower(), body))
    conn.executemany(
        "INSERT INTO contacts (id, name, organisation_id, role, email, phone, notes, "
        "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        people,
    )
    conn.executemany(
        "INSERT INTO search_documents (entity, record_id, label, title, body) "
        "VALUES ('contact', ?, ?, ?, ?)",
        documents,
    )
    conn.commit()
    conn.close()


JOBS = {
    "new_book": job_new_book,
    "add": job_add,
    "raw_add": job_raw_add,
    "edit_book": job_edit_book,
    "apply": job_apply,
    "raw_apply": job_raw_apply,
    "export": job_export,
    "raw_xlsxwriter": job_raw_xlsxwriter,
    "preview": job_preview,
    "raw_read_calamine": job_raw_read_calamine,
}


def _once(job: str, *args: str, fresh: tuple[Path, Path] | None = None) -> tuple[float, ...]:
    """(seconds, processor seconds, peak MB) of one job in a fresh process, timed from its
    start (its database open), after copying ``fresh`` = (database, the job's copy)."""
    code = (
        "import sys, time; from bench import exchange; from bench.memory import peak_mb; "
        f"exchange._start(); exchange.JOBS[{job!r}](*sys.argv[1:]); "
        "print(time.perf_counter() - exchange.STARTED, "
        "time.process_time() - exchange.STARTED_CPU, peak_mb())"
    )
    if fresh is not None:
        shutil.copyfile(*fresh)
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    ).stdout.split()
    return tuple(float(value) for value in out)


def main() -> int:
    from bench.run import paired, ratio_of

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--json", default="bench/results/exchange.json")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    db = work / "bench.sqlite"
    started = time.perf_counter()
    make_database(db, args.rows)
    print(f"generated {args.rows:,} organisations in {time.perf_counter() - started:.1f} s")
    book, edited = str(work / "export.xlsx"), str(work / "edited.xlsx")
    _once("export", str(db), book)
    _once("edit_book", str(db), book, edited)
    people = str(work / "people.xlsx")
    _once("new_book", str(db), people, str(args.rows))
    copy = work / "job.sqlite"
    pairs = {
        "export xlsx": (
            lambda: _once("export", str(db), str(work / "app.xlsx")),
            lambda: _once("raw_xlsxwriter", str(db), str(work / "raw.xlsx")),
        ),
        "preview": (
            lambda: _once("preview", str(db), book),
            lambda: _once("raw_read_calamine", str(db), book),
        ),
        "preview + apply": (
            lambda: _once("apply", str(copy), edited, fresh=(db, copy)),
            lambda: _once("raw_apply", str(copy), edited, fresh=(db, copy)),
        ),
        "new rows": (
            lambda: _once("add", str(copy), people, fresh=(db, copy)),
            lambda: _once("raw_add", str(copy), people, fresh=(db, copy)),
        ),
    }
    report: dict[str, Any] = {"rows": args.rows, "rounds": args.rounds}
    print(f"{'operation':<17}{'seconds':>9}{'baseline':>10}  {'ratio [min-max]':<20}"
          f"{'cpu ratio':<20}{'peak MB':>8}")  # fmt: skip
    for name, (app, baseline) in pairs.items():
        runs = paired(args.rounds, {"app": app, "baseline": baseline})

        def median(key: str, at: int, runs: list[dict[str, Any]] = runs) -> float:
            return statistics.median(r[key][at] for r in runs)

        wall = ratio_of([r["app"][0] / r["baseline"][0] for r in runs])
        cpu = ratio_of([r["app"][1] / r["baseline"][1] for r in runs])
        report[name] = {
            "seconds": round(median("app", 0), 2),
            "cpu_seconds": round(median("app", 1), 2),
            "baseline_seconds": round(median("baseline", 0), 2),
            "baseline_cpu_seconds": round(median("baseline", 1), 2),
            "ratio": wall,
            "cpu_ratio": cpu,
            "peak_mb": round(median("app", 2)),
            "baseline_peak_mb": round(median("baseline", 2)),
        }
        spread = [f"{r['median']:.2f} [{r['min']:.2f}-{r['max']:.2f}]" for r in (wall, cpu)]
        print(
            f"{name:<17}{median('app', 0):9.2f}{median('baseline', 0):10.2f}  "
            f"{spread[0]:<20}{spread[1]:<20}{median('app', 2):8.0f}"
        )
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
