"""Snapshots: a folder's old change files compacted into the state they led to.

Change files are kept until every member's laptop has applied them; after that a laptop
that joins later is the only one that would still read them. A snapshot gives it their
outcome instead: a copy of a member's database (its records and the sync's bookkeeping:
each field's mark, the open conflicts, the tombstones, the members and their keys), without
what each laptop keeps for itself (history, search index, trash, the private key). Then the
files every member has and the snapshot covers can go, and with them the values that were
replaced long ago (an erased person's data among them).

A snapshot is ``snapshots/<replica>/<lamport>.wbsnap``: the line
``ALLIANCE-WORKBOOK-SNAPSHOT <format>``, the Ed25519 signature of the next two lines, the
SHA-256 of the body, the header (JSON, one line), then the body: the database copy,
gzip-compressed. A copy still under way fails its checksum and is not used.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from workbook.store import migrate
from workbook.store.db import Database, create_workbook_engine
from workbook.store.storage import atomic_save
from workbook.sync import merge
from workbook.sync.files import ChangeFileRefused, Incomplete
from workbook.sync.schema import LOCAL_SETTINGS, LOCAL_TABLES, synced_tables

MAGIC = b"ALLIANCE-WORKBOOK-SNAPSHOT"
FORMAT = 1
SUFFIX = ".wbsnap"
FOLDER = "snapshots"
#: The sync's bookkeeping a snapshot carries beside the records; ``sync_state``,
#: ``sync_dirty`` and ``sync_outbox`` are each laptop's own.
CARRIED = ("sync_clock", "sync_siblings", "sync_tombstones", "sync_seen", "sync_files")
#: Each laptop's own table that a snapshot carries all the same: derived from the records
#: alike on every laptop of one version (an upgrade makes them again when it must).
DERIVED = "search_documents"
_CHUNK = 1 << 20
#: The name a snapshot being taken in is attached under.
SNAPSHOT = "snapshot"


@dataclass(frozen=True)
class Header:
    association: str
    replica: str  # the member's laptop that wrote it
    member: str
    laptop: str
    lamport: int
    #: the change files of each member it holds the outcome of
    covers: dict[str, int]
    schema: str
    written_at: str

    @property
    def name(self) -> str:
        return f"{self.replica}/{self.lamport:08d}{SUFFIX}"

    def holds(self, other: Header) -> bool:
        """Whether this snapshot covers every file ``other`` covers."""
        return all(self.covers.get(r, 0) >= s for r, s in other.covers.items())


def _signed(digest: str, header: bytes) -> bytes:
    return digest.encode() + b"\n" + header


def make(source: Path, folder: Path, private: bytes, written_at: str) -> Header | None:
    """Write a snapshot of the database file ``source`` into ``folder``; None when the
    database holds changes not yet in a change file (they would travel with the wrong mark:
    the next sync sends them, and the snapshot waits for a later one)."""
    with tempfile.TemporaryDirectory(prefix="workbook-snapshot-") as temp:
        copy = Path(temp) / "copy.sqlite"
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(copy)) as dst:
            src.backup(dst)
        dst = sqlite3.connect(copy)
        try:
            if dst.execute("SELECT 1 FROM sync_dirty LIMIT 1").fetchone():
                return None
            association, replica, member, laptop, lamport = dst.execute(
                "SELECT association, replica, member, laptop, lamport FROM sync_state"
            ).fetchone()
            covers = {str(r): int(s) for r, s in dst.execute("SELECT replica, seq FROM sync_seen")}
            (revision,) = dst.execute("SELECT version_num FROM alembic_version").fetchone()
            dst.execute("DELETE FROM sync_state")  # first: the triggers note nothing after it
            for table in sorted(LOCAL_TABLES - {DERIVED}):
                dst.execute(f"DELETE FROM {table}")
            # the search documents travel (a joiner would take minutes to make them again
            # from a lifetime's records); their index is made again from them on arrival
            dst.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            dst.execute("DELETE FROM settings WHERE key LIKE ?", (LOCAL_SETTINGS,))
            dst.execute("DELETE FROM sync_outbox")
            dst.commit()
            dst.execute("VACUUM")
        finally:
            dst.close()
        header = Header(association, replica, member, laptop, lamport, covers, revision, written_at)
        body = Path(temp) / "body.gz"
        digest = hashlib.sha256()
        with (
            open(copy, "rb") as raw,
            open(body, "wb") as out,
            gzip.GzipFile(
                fileobj=_Hashing(out, digest), mode="wb", compresslevel=6, mtime=0
            ) as packed,
        ):
            shutil.copyfileobj(raw, packed, _CHUNK)
        line = json.dumps(asdict(header), separators=(",", ":")).encode()
        signature = Ed25519PrivateKey.from_private_bytes(private).sign(
            _signed(digest.hexdigest(), line)
        )

        def write(target: str) -> None:
            with open(target, "wb") as out, open(body, "rb") as packed:
                out.write(b"%s %d\n" % (MAGIC, FORMAT))
                out.write(signature.hex().encode() + b"\n")
                out.write(digest.hexdigest().encode() + b"\n" + line + b"\n")
                shutil.copyfileobj(packed, out, _CHUNK)

        atomic_save(folder / FOLDER / header.name, write)
    return header


class _Hashing:
    """A file the compressed body is written through, hashed on the way."""

    def __init__(self, out: Any, digest: Any) -> None:
        self._out, self._digest = out, digest

    def write(self, data: bytes) -> int:
        self._digest.update(data)
        return int(self._out.write(data))

    def flush(self) -> None:
        self._out.flush()


@dataclass(frozen=True)
class Found:
    path: Path
    shown: str
    header: Header
    signature: bytes
    digest: str
    signed: bytes
    body_at: int


def _read(path: Path) -> Found:
    shown = str(path)
    try:
        with open(path, "rb") as handle:
            lines = [handle.readline() for _ in range(4)]
            body_at = handle.tell()
    except OSError as exc:
        raise Incomplete(str(exc)) from exc
    if not lines[0].startswith(MAGIC):
        raise ChangeFileRefused(file=shown, reason="foreign")
    if not lines[3].endswith(b"\n"):
        raise Incomplete("begun")
    try:
        if int(lines[0].split(b" ")[1]) > FORMAT:
            raise ChangeFileRefused(file=shown, reason="newer")
        signature = bytes.fromhex(lines[1].decode().strip())
        digest = lines[2].decode().strip()
        line = lines[3].rstrip(b"\n")
        header = Header(**json.loads(line))
    except (IndexError, ValueError, TypeError):
        raise ChangeFileRefused(file=shown, reason="damaged") from None
    return Found(path, shown, header, signature, digest, _signed(digest, line), body_at)


def found(folder: Path) -> list[Found]:
    """The folder's snapshots that can be read (a damaged or foreign one is passed over:
    the change files it would replace are there until a whole one is)."""
    out = []
    for path in sorted((folder / FOLDER).glob(f"*/*{SUFFIX}")):
        try:
            out.append(_read(path))
        except (Incomplete, ChangeFileRefused):
            continue
    return out


def usable(snapshot: Found, present: dict[str, list[int]]) -> bool:
    """Whether the change files after the snapshot are all still in the folder (``present``:
    each member's file numbers there): none between what it covers and the next one."""
    for replica, seqs in present.items():
        after = [s for s in seqs if s > snapshot.header.covers.get(replica, 0)]
        if after and min(after) != snapshot.header.covers.get(replica, 0) + 1:
            return False
    return True


@contextmanager
def opened(snapshot: Found, public_key: str) -> Iterator[Path]:
    """The snapshot's database, checked (signature, then checksum) and brought to this
    version's schema, as a temporary file."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            snapshot.signature, snapshot.signed
        )
    except (InvalidSignature, ValueError):
        raise ChangeFileRefused(file=snapshot.shown, reason="signature") from None
    revision = snapshot.header.schema
    if not migrate.known(revision):
        raise ChangeFileRefused(file=snapshot.shown, reason="newer")
    with tempfile.TemporaryDirectory(prefix="workbook-snapshot-") as temp:
        copy = Path(temp) / "copy.sqlite"
        digest = hashlib.sha256()
        try:
            with open(snapshot.path, "rb") as handle:
                handle.seek(snapshot.body_at)
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        except OSError as exc:
            raise Incomplete(str(exc)) from exc
        if digest.hexdigest() != snapshot.digest:
            raise Incomplete("checksum")
        try:
            with open(snapshot.path, "rb") as handle, open(copy, "wb") as out:
                handle.seek(snapshot.body_at)
                with gzip.GzipFile(fileobj=handle, mode="rb") as packed:
                    shutil.copyfileobj(packed, out, _CHUNK)
        except (OSError, EOFError):
            raise ChangeFileRefused(file=snapshot.shown, reason="damaged") from None
        if revision != migrate.HEAD:
            url = f"sqlite:///{copy}"
            older = Database(url, create_workbook_engine(url))
            try:
                migrate.upgrade(older)
            finally:
                older.close()
        yield copy


def admits(copy: Path, replica: str, public_key: str) -> bool:
    """Whether the snapshot's own members admit its writer with ``public_key``."""
    with closing(sqlite3.connect(copy)) as snap:
        found = snap.execute(
            "SELECT public_key FROM sync_members WHERE replica = ? AND removed_after IS NULL",
            (replica,),
        ).fetchone()
    return found is not None and found[0] == public_key


def load(conn: merge.Raw, copy: Path, me: str) -> None:
    """Make the records and the sync's bookkeeping of this database the snapshot's, in the
    caller's transaction (with ``sync_state.applying`` set: nothing is noted as a change
    here). This laptop's own files stay in its bookkeeping. The snapshot is attached to the
    connection (``SNAPSHOT``): ``detach`` it once the transaction is over."""
    conn.exec_driver_sql(f"ATTACH DATABASE ? AS {SNAPSHOT}", (str(copy),))
    tables = synced_tables()
    for table in reversed(tables):
        where = f" WHERE key NOT LIKE '{LOCAL_SETTINGS}'" if table.name == "settings" else ""
        conn.exec_driver_sql(f"DELETE FROM main.{table.name}{where}")
    for name in CARRIED:
        mine = " WHERE replica != ?" if name in ("sync_seen", "sync_files") else ""
        conn.exec_driver_sql(f"DELETE FROM main.{name}{mine}", (me,) if mine else ())
    conn.exec_driver_sql(f"DELETE FROM main.{DERIVED}")  # its triggers keep the index in step
    for name in (*(t.name for t in tables), *CARRIED, DERIVED):
        ours = [r[1] for r in conn.exec_driver_sql(f"PRAGMA main.table_info({name})").all()]
        theirs = {r[1] for r in conn.exec_driver_sql(f"PRAGMA {SNAPSHOT}.table_info({name})").all()}
        listed = ", ".join(c for c in ours if c in theirs)
        skip = " WHERE replica != ?" if name in ("sync_seen", "sync_files") else ""
        conn.exec_driver_sql(
            f"INSERT INTO main.{name} ({listed}) SELECT {listed} FROM {SNAPSHOT}.{name}{skip}",
            (me,) if skip else (),
        )


def detach(conn: merge.Raw) -> None:
    with suppress(sqlite3.Error):  # not attached: the load failed before it was
        conn.exec_driver_sql(f"DETACH DATABASE {SNAPSHOT}")
