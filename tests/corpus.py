"""Run spreadsheet files through adopting and importing as the app does; report each outcome.

    python -m tests.corpus DATABASE FILE...

Prints one JSON line per file: what adopt's reader and the import's preview made of it
(read, with rows and columns, or refused, with the sentence a user sees), a traceback when
anything else happened, whether the database changed, and the process's peak memory. Run
in a child process with its address space capped, so that an abort or a runaway allocation
shows as a failed run instead of taking the test process with it.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

from bench.memory import peak_mb
from tests.workbook.exchange.helpers import snapshot
from workbook.domain.errors import KnownError
from workbook.exchange.adopt import read_table
from workbook.exchange.importer import preview
from workbook.opening import open_database

IMPORTED = (".xlsx", ".xlsm", ".ods")


def _outcome(run, *args) -> dict[str, object]:
    try:
        return {"read": run(*args)}
    except KnownError as refused:
        return {"refused": refused.message, "code": refused.code}
    except Exception:  # what the test looks for: any other exception is a defect
        return {"crash": traceback.format_exc(limit=8)}


def main(database: str, files: list[str]) -> None:
    db = open_database(database)
    try:
        for name in files:
            path = Path(name)
            before = snapshot(db)
            report: dict[str, object] = {"file": path.name}
            report["adopt"] = _outcome(_adopted, path)
            if path.suffix.lower() in IMPORTED:
                report["import"] = _outcome(_previewed, db, path)
            report["unchanged"] = snapshot(db) == before
            # this program's own peak (VmHWM): ``ru_maxrss`` carries the test process's
            # resident memory across ``exec`` and grows with the suite run before it
            report["peak_mb"] = int(peak_mb())
            print(json.dumps(report), flush=True)
    finally:
        db.close()


def _adopted(path: Path) -> dict[str, object]:
    table = read_table(path)
    return {"sheet": table.sheet, "headers": table.headers, "rows": len(table.rows)}


def _previewed(db, path: Path) -> dict[str, object]:
    with db.unit() as session:
        result = preview(session, path)
    return {"rows": len(result.rows), "notices": len(result.notices)}


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
