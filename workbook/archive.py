"""A portable archive of a whole workbook: database copy, spreadsheet and JSON of all records.

An association moving to a new laptop or handing over to a new board gets one zip file. The
app re-opens it as a new database from the database copy, or, when that copy cannot be used
(a damaged file, a different database engine), rebuilds the database from the JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from workbook import __version__
from workbook.domain.errors import KnownError
from workbook.domain.progress import Progress
from workbook.exchange.xlsx_export import export_xlsx
from workbook.opening import apply_erasure_log, open_database
from workbook.store.backup import check_file, create_backup
from workbook.store.db import Database
from workbook.store.dump import decode_row, dump_table, load_table, tables
from workbook.store.migrate import head_revision
from workbook.store.search import reindex
from workbook.store.storage import atomic_save
from workbook.sync.schema import forget

FORMAT = "alliance-workbook-archive"
DATABASE, SPREADSHEET, RECORDS, MANIFEST = (
    "workbook.sqlite",
    "workbook.xlsx",
    "records.json",
    "manifest.json",
)
#: Rebuilt on load rather than carried.
_DERIVED = frozenset({"search_documents", "alembic_version"})
_MAX_BYTES = 8 * 1024**3


class BadArchive(KnownError):
    code = "bad_archive"
    template = "{path} is not a usable Alliance Workbook archive: {reason}"


class TargetExists(KnownError):
    code = "target_exists"
    template = "{path} already exists; choose a new file name for the database."


def _write_records(db: Database, path: Path, progress: Progress) -> dict[str, int]:
    counts: dict[str, int] = {}
    with db.engine.connect() as connection, open(path, "w", encoding="utf-8") as out:
        out.write('{"format": "alliance-workbook-records", "version": 1, "tables": {')
        for n, table in enumerate(t for t in tables() if t.name not in _DERIVED):
            out.write(("," if n else "") + f"\n{json.dumps(table.name)}: [")
            count = 0
            for count, row in enumerate(dump_table(connection, table), start=1):
                out.write(("," if count > 1 else "") + "\n" + json.dumps(row, ensure_ascii=False))
            out.write("]")
            counts[table.name] = count
            progress.check()
        out.write("\n}}\n")
        connection.rollback()
    return counts


def create_archive(
    db: Database, path: str | os.PathLike[str], *, progress: Progress | None = None
) -> dict[str, int]:
    """Write the archive atomically; returns the number of rows per table."""

    progress = progress or Progress()
    target = Path(path)
    with tempfile.TemporaryDirectory(prefix="workbook-archive-") as work:
        folder = Path(work)
        progress.update(0, 4, "Copying the database")
        if db.file is not None:
            create_backup(db.file, "archive", directory=folder)
            copy = next(folder.glob("*.sqlite"))
            copy.rename(folder / DATABASE)
            _plain(folder / DATABASE)
        progress.update(1, 4, "Writing the spreadsheet")
        with db.unit() as session:
            export_xlsx(session, folder / SPREADSHEET)
        progress.update(2, 4, "Writing all records as JSON")
        counts = _write_records(db, folder / RECORDS, progress)
        manifest = {
            "format": FORMAT,
            "version": 1,
            "app_version": __version__,
            "schema": head_revision(),
            "source": db.location,
            "counts": counts,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        progress.update(3, 4, "Packing the archive")

        def pack(temp: str) -> None:
            with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                for name in (MANIFEST, RECORDS, SPREADSHEET, DATABASE):
                    if (folder / name).exists():
                        zf.write(folder / name, name)

        atomic_save(target, pack)
    progress.update(4, 4)
    return counts


def _plain(copy: Path) -> None:
    """The archive's database without the sync's identity and key (``workbook.sync``): whoever
    opens the archive joins the association's folder as a copy, never as the laptop the
    archive was made on."""
    with closing(sqlite3.connect(copy)) as connection:
        if forget(connection):
            connection.commit()
            connection.execute("VACUUM")


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            if MANIFEST not in infos or RECORDS not in infos:
                raise BadArchive(path=str(path), reason="it has no manifest or records")
            if sum(i.file_size for i in infos.values()) > _MAX_BYTES:
                raise BadArchive(path=str(path), reason="it unpacks to more than 8 GB")
            manifest = json.loads(zf.read(MANIFEST))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BadArchive(path=str(path), reason=str(exc)) from exc
    if manifest.get("format") != FORMAT:
        raise BadArchive(path=str(path), reason="it was not written by Alliance Workbook")
    return manifest


def open_archive(
    path: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    from_records: bool = False,
    member: str | None = None,
    progress: Progress | None = None,
) -> Database:
    """Make a new database at ``target`` from the archive and open it.

    Uses the database copy when it is intact (and ``from_records`` is not asked for),
    else rebuilds every table from the JSON records. Row counts are checked either way.
    """
    progress = progress or Progress()
    source, destination = Path(path), Path(target)
    manifest = read_manifest(source)
    if destination.exists() and destination.stat().st_size:
        raise TargetExists(path=str(destination))
    with tempfile.TemporaryDirectory(prefix="workbook-archive-") as work:
        with zipfile.ZipFile(source) as zf:
            names = set(zf.namelist())
            if DATABASE in names and not from_records:
                progress.update(0, 2, "Unpacking the database")
                zf.extract(DATABASE, work)
                copy = Path(work) / DATABASE
                if check_file(copy) is None:
                    _plain(copy)  # one written before archives left the sync's identity out
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(copy, destination)
                    db = open_database(destination, member=member, erase_again=False)
                    _verify(db, manifest, source)
                    apply_erasure_log(db)
                    progress.update(2, 2)
                    return db
            progress.update(0, 2, "Reading the records")
            zf.extract(RECORDS, work)
        db = open_database(destination, member=member, backup=False, erase_again=False)
        try:
            _load_records(db, Path(work) / RECORDS, source, progress)
            _verify(db, manifest, source)
            apply_erasure_log(db)
        except BaseException:
            db.close()
            destination.unlink(missing_ok=True)
            raise
    progress.update(2, 2)
    return db


def _load_records(db: Database, records: Path, source: Path, progress: Progress) -> None:
    with open(records, encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except ValueError as exc:
            raise BadArchive(path=str(source), reason=f"records.json: {exc}") from exc
    progress.update(1, 2, "Writing the records")
    with db.unit() as session:
        for table in tables():
            rows = data["tables"].get(table.name) or []
            if table.name in _DERIVED or not rows:
                continue
            try:
                decoded = [decode_row(table, r) for r in rows]
            except (ValueError, TypeError) as exc:
                raise BadArchive(path=str(source), reason=f"{table.name}: {exc}") from exc
            try:
                load_table(session.connection(), table, decoded, batch=1000)
            except IntegrityError as exc:
                raise BadArchive(path=str(source), reason=f"{table.name}: {exc.orig}") from exc
            progress.check()
        reindex(session)


def _verify(db: Database, manifest: dict[str, Any], source: Path) -> None:
    """Every table holds as many rows as the archive says it had."""
    with db.unit() as session:
        for table in tables():
            expected = manifest.get("counts", {}).get(table.name)
            if expected is None:
                continue
            found = session.scalar(select(func.count()).select_from(table))
            if found != expected:
                raise BadArchive(
                    path=str(source),
                    reason=f"{table.name} has {found} rows, the archive {expected}",
                )
