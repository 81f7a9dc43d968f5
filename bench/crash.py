"""Crash safety at length: kill -9 a writer N times, and back up vs. plain copy.

Prints the kill -9 outcome (0 corrupt, 0 lost expected) and the time of an online backup
(SQLite backup API, checked) as a ratio to a plain file copy of the same database, measured
in the same run.

Run: python -m bench.crash [--kills 1000] [--organisations 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _backup_ratio(work: Path, organisations: int) -> dict[str, float]:
    from sqlalchemy import insert

    from workbook.domain.models import Organisation, utcnow
    from workbook.opening import open_database
    from workbook.store import backup

    path = work / "big.sqlite"
    db = open_database(path, backup=False)
    now = utcnow()
    with db.unit() as session:
        session.execute(
            insert(Organisation),
            [
                {
                    "name": f"Verein {n}",
                    "kind": "ngo",
                    "status": "active",
                    "notes": "x" * 400,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for n in range(organisations)
            ],
        )
    db.close()
    started = time.perf_counter()
    shutil.copyfile(path, work / "copy.sqlite")
    copy_s = time.perf_counter() - started
    started = time.perf_counter()
    backup.create_backup(path, "manual", directory=work / "backups")
    backup_s = time.perf_counter() - started
    return {
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "copy_s": round(copy_s, 4),
        "backup_s": round(backup_s, 4),
        "ratio": round(backup_s / copy_s, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--organisations", type=int, default=20000)
    parser.add_argument("--json", default=str(Path(__file__).parent / "results" / "crash.json"))
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tools import crashharness

    work = Path(tempfile.mkdtemp(prefix="bench-crash-"))
    os.environ.setdefault("WORKBOOK_DATA_DIR", str(work / "data"))
    outcome = crashharness.run(work, args.kills)
    result = {
        "kills": outcome.iterations,
        "seconds": round(outcome.seconds, 1),
        "acknowledged_commits": outcome.acknowledged,
        "corrupt": outcome.corrupt,
        "lost": outcome.lost,
        "partial": outcome.partial,
        "problems": outcome.problems[:5],
        "backup_vs_copy": _backup_ratio(work, args.organisations),
    }
    print(json.dumps(result, indent=2))
    out = Path(args.json)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if not (outcome.corrupt or outcome.lost or outcome.partial) else 1


if __name__ == "__main__":
    sys.exit(main())
