"""Sync through a folder at a lifetime's scale: three members' change files applied, paired
with the same rows written by one executemany, and a sync with nothing new.

Run: python -m bench.sync [--lifetime FILE | --scale 0.1] [--changes 10000] [--rounds 5]

The receiving database is a lifetime one (``workbook demo --scale lifetime``, or the file
given), set up as the founder of a folder. Three other members are admitted and write their
change files as their laptops would (``workbook.sync.files``, signed with their own keys):
each edits the title and the rationale of decisions of its own, 10,000 field changes in
all. One round applies the three files (``folder.sync``: read, verify, merge with its
conflict checks, history rows and search documents, one transaction per file) to a copy of
the database; the baseline is one executemany UPDATE of the same rows and columns on
another copy. A sync with nothing new is timed on the founded file (median of ten).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def _founded(source: Path, work: Path) -> tuple[Path, Path]:
    """The lifetime file as the founder of a folder (its first file holds every record)."""
    from workbook.opening import open_database
    from workbook.sync import folder

    path = work / "founder.sqlite"
    shutil.copyfile(source, path)
    db = open_database(path, member="Anna", backup=False)
    try:
        started = time.perf_counter()
        folder.found(db, work / "shared")
        print(f"founded the folder from the lifetime file in {time.perf_counter() - started:.1f} s")
    finally:
        db.close()
    return path, work / "shared"


def _members(path: Path, shared: Path, changes: int) -> dict[str, Any]:
    """Three admitted members, each with one change file of its edits of decisions."""
    import uuid

    from workbook.opening import open_database
    from workbook.sync import files, folder

    db = open_database(path, member="Anna", backup=False)
    rows: list[tuple[str, str, str]] = []
    try:
        with db.reading() as session:
            conn = session.connection()
            state = conn.exec_driver_sql("SELECT replica, association, seq FROM sync_state").one()
            ids = [r[0] for r in conn.exec_driver_sql(
                "SELECT id FROM decisions ORDER BY id LIMIT ?", (changes // 2,)
            )]  # fmt: skip
        for n, name in enumerate(("Ben", "Cem", "Dora")):
            replica, key = uuid.uuid4().hex, files.new_key()
            request = {"replica": replica, "member": name, "laptop": f"laptop-{n}",
                       "public_key": files.public_of(key)}  # fmt: skip
            (shared / "members" / f"{replica}.json").write_text(json.dumps(request))
            folder.admit(db, shared, replica)
            mine = ids[n::3]
            edits: list[list[Any]] = []
            for ident in mine:
                title, why = f"Beschluss von {name} {ident[:6]}", f"Begründet von {name}"
                edits += [["set", "decisions", ident, "title", title],
                          ["set", "decisions", ident, "rationale", why]]  # fmt: skip
                rows += [(title, why, ident)]
            change = files.ChangeFile(
                association=state[1], replica=replica, seq=1, lamport=state[2] + 1,
                context={state[0]: state[2]}, member=name, laptop=f"laptop-{n}",
                written_at=datetime.now(UTC).isoformat(timespec="seconds"), changes=edits,
            )  # fmt: skip
            files.write(shared, change, key)
    finally:
        db.close()
    return {"rows": rows}


def _joins(source: Path, work: Path) -> dict[str, Any]:
    """A new member joining a folder founded from the lifetime file: from its change file,
    then (after the founder compacted it) from the snapshot; once each, they take minutes."""
    from workbook.opening import open_database
    from workbook.sync import folder

    work.mkdir()
    at, folder.SNAPSHOT_AT = folder.SNAPSHOT_AT, 10**9  # a folder of change files only
    try:
        founder, shared = _founded(source, work)
    finally:
        folder.SNAPSHOT_AT = at
    template = work / "template.sqlite"
    open_database(template, backup=False).close()

    def join(name: str) -> float:
        path = work / f"{name}.sqlite"
        shutil.copyfile(template, path)
        db = open_database(path, member=name, backup=False)
        try:
            started = time.perf_counter()
            folder.join(db, shared)
            return time.perf_counter() - started
        finally:
            db.close()
            path.unlink()

    from_files = join("Erik")
    db = open_database(founder, member="Anna", backup=False)
    try:
        started = time.perf_counter()
        done = folder.compact(db, shared)
        compacting = time.perf_counter() - started
    finally:
        db.close()
    assert done.snapshot is not None
    found = {
        "join_from_files_s": round(from_files, 1),
        "compact_s": round(compacting, 1),
        "snapshot_bytes": Path(done.snapshot).stat().st_size,
        "join_from_snapshot_s": round(join("Frida"), 1),
    }
    print(f"a new member joins from the files in {found['join_from_files_s']} s; compacting "
          f"takes {found['compact_s']} s ({found['snapshot_bytes']:,} bytes), and a join from "
          f"the snapshot {found['join_from_snapshot_s']} s")  # fmt: skip
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=Path, help="a lifetime database file to copy")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--changes", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", default=None)
    parser.add_argument("--joins", action="store_true", help="also time a join, compaction")
    args = parser.parse_args()
    import sqlite3
    from contextlib import closing

    from bench.run import make, paired, ratio_of
    from workbook.opening import open_database
    from workbook.sync import folder

    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    source = args.lifetime
    if source is None:
        source = work / "lifetime.sqlite"
        make(source, args.scale)
    founder, shared = _founded(source, work)
    with closing(sqlite3.connect(founder)) as conn:
        records = conn.execute("SELECT changes FROM sync_files WHERE seq = 1").fetchone()[0]
        first_bytes = conn.execute("SELECT length(data) FROM sync_outbox WHERE seq = 1")
        first_bytes = first_bytes.fetchone()[0]
    founding_snapshot = sorted((shared / "snapshots").rglob("*.wbsnap"))
    made = _members(founder, shared, args.changes)
    # the founder has admitted the members and not yet seen their files: each round's copy
    sizes = sorted(p.stat().st_size for p in (shared / "changes").rglob("*.wbsync"))

    def fresh(name: str) -> Path:
        target = work / f"{name}.sqlite"
        shutil.copyfile(founder, target)
        return target

    def ours() -> tuple[float, float, int]:
        db = open_database(fresh("ours"), member="Anna", backup=False)
        try:
            started, cpu = time.perf_counter(), time.process_time()
            report = folder.sync(db, shared)
            took = time.perf_counter() - started, time.process_time() - cpu
        finally:
            db.close()
        assert not report.refused, report.refused
        return took[0], took[1], report.applied

    def baseline() -> tuple[float, float, int]:
        path = fresh("baseline")
        with closing(sqlite3.connect(path)) as conn:
            started, cpu = time.perf_counter(), time.process_time()
            conn.executemany(
                "UPDATE decisions SET title = ?, rationale = ? WHERE id = ?", made["rows"]
            )
            conn.commit()
            return time.perf_counter() - started, time.process_time() - cpu, len(made["rows"])

    runs = paired(args.rounds, {"ours": ours, "baseline": baseline})
    wall = ratio_of([r["ours"][0] / r["baseline"][0] for r in runs])
    cpu = ratio_of([r["ours"][1] / max(r["baseline"][1], 1e-6) for r in runs])
    applied = runs[0]["ours"][2]

    db = open_database(fresh("settled"), member="Anna", backup=False)
    try:
        folder.sync(db, shared)
        idle = []
        for _ in range(10):
            started = time.perf_counter()
            report = folder.sync(db, shared)
            idle.append(time.perf_counter() - started)
            assert not report.arrived and not report.written
    finally:
        db.close()
    per_change = sum(sizes[:-1]) / max(applied, 1) if len(sizes) > 1 else 0.0
    joins = _joins(source, work / "joins") if args.joins else {}
    result = {
        "changes": applied,
        "ours_s": statistics.median(r["ours"][0] for r in runs),
        "baseline_s": statistics.median(r["baseline"][0] for r in runs),
        "ratio": wall,
        "cpu_ratio": cpu,
        "idle_sync_ms": round(statistics.median(idle) * 1000, 1),
        "bytes_per_change": round(per_change, 1),
        "first_file_bytes": first_bytes,
        "founding_snapshot_bytes": founding_snapshot[0].stat().st_size if founding_snapshot else 0,
        "first_file_records": records,
        **joins,
    }
    print(f"{applied:,} changes from 3 members: {result['ours_s']:.2f} s against executemany "
          f"{result['baseline_s']:.3f} s: {wall['median']:.2f}x [{wall['min']:.2f}-"
          f"{wall['max']:.2f}], processor {cpu['median']:.2f}x")  # fmt: skip
    print(f"a sync with nothing new: {result['idle_sync_ms']} ms (median of 10)")
    print(f"change files: {per_change:.1f} bytes a change; the founder's first file "
          f"{result['first_file_bytes']:,} bytes for {records:,} records")  # fmt: skip
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
