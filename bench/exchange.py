"""Export and import of 100,000 rows, as ratios to raw library passes in the same run.

Export: the same cells written by openpyxl write-only and by xlsxwriter constant-memory (the
faster is the baseline). Import: the dry run against openpyxl read-only reading the file; the
apply of a file with every row edited (preview + apply in one transaction, as the wizard does)
against reading it plus one raw executemany UPDATE.

Run: python -m bench.exchange [--rows 100000] [--json bench/results/exchange.json]
Each measurement runs in its own process so that its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.memory import peak_mb

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

    from workbook.models import Organisation
    from workbook.opening import open_database
    from workbook.search import reindex

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
    global STARTED
    STARTED = time.perf_counter()


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


def job_raw_openpyxl(db_path: str, out: str) -> None:
    """The same cells written by openpyxl write-only, unformatted."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Organisations")
    ws.append([*HEADER, "ID", "Version", "Checksum"])
    for cells in _raw_rows(db_path):
        ws.append(cells)
    wb.save(out)


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


def job_raw_read(db_path: str, book: str) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(book, read_only=True)
    for ws in wb.worksheets:
        ws.reset_dimensions()
        for _row in ws.iter_rows(values_only=True):
            pass


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
    from workbook.exchange.importer import apply, preview

    db = _opened(db_path)
    with db.unit() as session:
        result = preview(session, book)
        counts = apply(session, result, result.default_accepted())
    assert counts["changed"] == len(result.rows) > 0, counts


def _organisation_rows(book: str, reader: str) -> Any:
    if reader == "calamine":
        from python_calamine import CalamineWorkbook

        return CalamineWorkbook.from_path(book).get_sheet_by_name("Organisations").iter_rows()
    from openpyxl import load_workbook

    ws = load_workbook(book, read_only=True)["Organisations"]
    ws.reset_dimensions()
    return ws.iter_rows(values_only=True)


def job_raw_apply(db_path: str, book: str, reader: str = "openpyxl") -> None:
    """openpyxl read-only (or python-calamine) reading the book, then one executemany UPDATE
    of the notes."""
    import sqlite3

    rows = _organisation_rows(book, reader)
    header = list(next(rows))
    notes, ident = header.index("Notes"), header.index("ID")
    changes = [(row[notes], row[ident].replace("-", "")) for row in rows if row[ident]]
    conn = sqlite3.connect(db_path)
    conn.executemany(
        "UPDATE organisations SET notes = ?, version = version + 1 WHERE id = ?", changes
    )
    conn.commit()
    assert conn.total_changes == len(changes) > 0, (conn.total_changes, len(changes))
    conn.close()


JOBS = {
    "edit_book": job_edit_book,
    "apply": job_apply,
    "raw_apply": job_raw_apply,
    "export": job_export,
    "raw_openpyxl": job_raw_openpyxl,
    "raw_xlsxwriter": job_raw_xlsxwriter,
    "preview": job_preview,
    "raw_read": job_raw_read,
    "raw_read_calamine": job_raw_read_calamine,
}


def measure(
    job: str, *args: str, runs: int = 1, fresh: tuple[Path, Path] | None = None
) -> tuple[float, float]:
    """(seconds, peak MB) of one job in a fresh process; the median of ``runs``, each after
    copying ``fresh`` = (database, its copy for the job) when the job writes to it."""
    code = (
        "import sys, time; from bench import exchange; from bench.memory import peak_mb; "
        f"exchange._start(); exchange.JOBS[{job!r}](*sys.argv[1:]); "
        "print(time.perf_counter() - exchange.STARTED, peak_mb())"
    )
    times = []
    for _run in range(runs):
        if fresh is not None:
            shutil.copyfile(*fresh)
        out = subprocess.run(
            [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
        ).stdout.split()
        times.append((float(out[0]), float(out[1])))
    return sorted(times)[len(times) // 2]


def _fastest(results: dict[str, tuple[float, float]]) -> tuple[float, float]:
    return min(results["raw_openpyxl"], results["raw_xlsxwriter"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--json", default="bench/results/exchange.json")
    parser.add_argument("--runs", type=int, default=3, help="each figure is their median")
    parser.add_argument(
        "--import-only", action="store_true", help="the import figures (the export made once)"
    )
    args = parser.parse_args()
    runs = args.runs
    work = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    db = work / "bench.sqlite"
    started = time.perf_counter()
    make_database(db, args.rows)
    print(f"generated {args.rows:,} organisations in {time.perf_counter() - started:.1f} s")
    results = {}
    book = str(work / "export.xlsx")
    writes = (("export", book), ("raw_openpyxl", "raw1"), ("raw_xlsxwriter", "raw2"))
    for name, out in writes[:1] if args.import_only else writes:
        # with --import-only the export only makes the file to import
        results[name] = measure(
            name, str(db), str(work / out), runs=1 if args.import_only else runs
        )
    for name in ("preview", "raw_read", "raw_read_calamine"):
        results[name] = measure(name, str(db), book, runs=runs)
    edited = str(work / "edited.xlsx")
    measure("edit_book", str(db), book, edited)
    for name, job, *more in (
        ("apply", "apply"),
        ("raw_apply", "raw_apply"),
        ("raw_apply_calamine", "raw_apply", "calamine"),
    ):
        copy = work / f"{name}.sqlite"
        results[name] = measure(job, str(copy), edited, *more, runs=runs, fresh=(db, copy))
    # the import reads with python-calamine (openpyxl only for formulas and error cells):
    # both readers are baselines, the issue names either
    table = [] if args.import_only else [("export xlsx", results["export"], _fastest(results))]
    table += [
        ("preview/openpyxl", results["preview"], results["raw_read"]),
        ("preview/calamine", results["preview"], results["raw_read_calamine"]),
        ("apply/openpyxl", results["apply"], results["raw_apply"]),
        ("apply/calamine", results["apply"], results["raw_apply_calamine"]),
    ]
    print(f"{'operation/baseline':<19}{'seconds':>9}{'baseline':>10}{'ratio':>7}{'peak MB':>9}")
    report: dict[str, Any] = {"rows": args.rows, "maxrss_self_mb": peak_mb()}
    if not args.import_only:
        report["write_baselines_seconds"] = {
            "openpyxl_write_only": results["raw_openpyxl"][0],
            "xlsxwriter_constant_memory": results["raw_xlsxwriter"][0],
        }
        print(
            f"write baselines: openpyxl write-only {results['raw_openpyxl'][0]:.2f} s, "
            f"xlsxwriter constant-memory {results['raw_xlsxwriter'][0]:.2f} s (the faster is "
            "used)"
        )
    for name, (secs, peak), (base, _base_peak) in table:
        print(f"{name:<19}{secs:9.2f}{base:10.2f}{secs / base:7.2f}{peak:9.0f}")
        report[name] = {
            "seconds": secs,
            "baseline_seconds": base,
            "ratio": secs / base,
            "peak_mb": peak,
        }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
