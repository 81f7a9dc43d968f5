"""A sync through a shared folder: this laptop's changes out, the other members' in.

The folder (a Nextcloud or Dropbox folder, a USB stick) holds ``workbook-sync.json`` (the
association it belongs to), ``members/<replica>.json`` (each laptop's public key: a request
to join until a member admits it) and ``members/<replica>.state.json`` (when it last
synced and which files it had), and ``changes/<replica>/<seq>.wbsync``, the change files.

Each step is one transaction: this laptop's change file is first committed into the
database (``sync_outbox``) and then written to the folder, so a sync killed at any moment
leaves either the old state or the new one, and the next sync writes the file again. Each
file from the folder is merged in a transaction of its own, with the record of it having
been applied: a file is applied once, however often it is seen. A member's files are
applied in their order, each after the files of others its author had seen (their context),
so files may arrive in any order and days late; the laptops' clocks are never compared.
"""

from __future__ import annotations

import json
import platform
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import Connection

from workbook.domain.changes import Changes
from workbook.domain.errors import KnownError
from workbook.domain.models import utcnow
from workbook.domain.progress import Cancelled, Progress
from workbook.privacy import log as erasure_log
from workbook.store.db import Database
from workbook.store.migrate import HEAD
from workbook.store.storage import atomic_write
from workbook.sync import files, match, merge, schema, snapshot
from workbook.sync.files import Because, ChangeFile, ChangeFileRefused, Incomplete

MANIFEST = "workbook-sync.json"
OUTBOX = (
    "CREATE TABLE IF NOT EXISTS sync_outbox (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "data BLOB NOT NULL)"
)
SILENT_DAYS = 30
#: A sync compacts the folder once at least this many change files are on every member's
#: laptop (about a hundred days of five members syncing every day).
COMPACT_AFTER = 500
#: A folder founded from this many records starts with a snapshot too: a member joining a
#: lifetime's folder takes it in in 18 s, where merging its first file took 4 minutes.
SNAPSHOT_AT = 5000


class SyncError(KnownError):
    code = "sync_error"
    template = "{detail}"


class NotAFolder(Because):
    code = "sync_not_a_folder"
    template = "The sync folder {folder} cannot be used: {why}."
    reasons: ClassVar[dict[str, str]] = {
        "damaged": f"its {MANIFEST} is damaged",
        "foreign": "it is not Alliance Workbook's",
        "newer": "a newer version of the app set it up; update this one",
        "taken": "it already holds an association's changes",
        "already": "this database already syncs through a folder",
        "empty": "no association syncs through it yet",
        "records": "this database holds records of its own; join with a new database",
        "no_request": "there is no request to join from that laptop",
        "association": "it belongs to another association",
        "copying": (
            "its older changes are in a snapshot that is not whole here yet; try again "
            "when the sync client has copied it"
        ),
    }


class FolderUnwritable(KnownError):
    code = "sync_folder_unwritable"
    template = (
        "Could not write to the sync folder {folder}: {reason}. Nothing is lost: this "
        "laptop's changes are kept and go out with the next sync."
    )


class NotJoined(KnownError):
    code = "sync_not_joined"
    template = (
        "This database does not sync through a folder yet: found one (workbook sync "
        "--found FOLDER) or join one (workbook sync --join FOLDER)."
    )


class ServerDatabase(KnownError):
    code = "sync_server"
    template = (
        "A database on a server keeps its members in step itself; only a database file "
        "syncs through a folder."
    )


@dataclass
class Arrival:
    member: str
    laptop: str
    changes: int
    file: str


@dataclass
class Report:
    """What one sync did, for the person who asked for it."""

    written: int = 0
    arrived: list[Arrival] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    refused: list[KnownError] = field(default_factory=list)
    conflicts: int = 0
    requests: list[dict[str, str]] = field(default_factory=list)
    silent: list[tuple[str, int]] = field(default_factory=list)
    stopped: bool = False  # cancelled: the files not applied wait for the next sync
    #: the snapshot a join started from (its file), instead of every change file before it
    snapshot: str | None = None
    #: records of a joining laptop's own matched with the association's by what names them
    matched: int = 0
    compaction: Compaction | None = None
    #: what the files applied changed, for the views to read again
    changes: Changes = field(default_factory=Changes)

    @property
    def applied(self) -> int:
        return sum(a.changes for a in self.arrived)


@dataclass
class Compaction:
    """What compacting the folder did: the snapshot written, the change files it replaced
    (those every member's laptop had applied) and the bytes they took."""

    snapshot: str | None = None
    removed: int = 0
    freed: int = 0


@dataclass(frozen=True)
class State:
    replica: str
    association: str
    member: str
    laptop: str
    private_key: bytes
    seq: int
    lamport: int
    folder: str | None


def _laptop() -> str:
    return platform.node() or "laptop"


def _state(conn: Connection) -> State:
    if not schema.joined(conn):
        raise NotJoined()
    found = conn.exec_driver_sql(
        "SELECT replica, association, member, laptop, private_key, seq, lamport, folder "
        "FROM sync_state"
    ).one()
    return State(*found)


def _manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise NotAFolder(folder=str(folder), reason="damaged") from None
    if not isinstance(values, dict) or "association" not in values:
        raise NotAFolder(folder=str(folder), reason="foreign")
    if int(values.get("format", 1)) > files.FORMAT:
        raise NotAFolder(folder=str(folder), reason="newer")
    return values


def _write_json(path: Path, values: dict[str, Any]) -> None:
    atomic_write(path, json.dumps(values, indent=1).encode())


def _check_database(db: Database) -> None:
    if not db.is_sqlite:
        raise ServerDatabase()


def _begin(conn: Connection, *, association: str, member: str, laptop: str) -> str:
    replica = uuid.uuid4().hex
    for statement in schema.DDL:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(OUTBOX)
    conn.exec_driver_sql(
        "INSERT INTO sync_state (id, replica, association, member, laptop, private_key) "
        "VALUES (1, ?, ?, ?, ?, ?)",
        (replica, association, member, laptop, files.new_key()),
    )
    schema.install(conn, HEAD)
    return replica


def _request(folder: Path, state: State) -> None:
    _write_json(
        folder / "members" / f"{state.replica}.json",
        {
            "replica": state.replica,
            "member": state.member,
            "laptop": state.laptop,
            "public_key": files.public_of(state.private_key),
        },
    )


def found(
    db: Database, folder: Path, *, member: str | None = None, progress: Progress | None = None
) -> Report:
    """Make ``folder`` the association's sync folder, with this database as its start."""
    _check_database(db)
    folder.mkdir(parents=True, exist_ok=True)
    if _manifest(folder) is not None:
        raise NotAFolder(folder=str(folder), reason="taken")
    with db.unit() as session:
        conn = session.connection()
        if schema.joined(conn):
            raise NotAFolder(folder=str(folder), reason="already")
        association = erasure_log.association_id(session)
        _begin(conn, association=association, member=member or db.member, laptop=_laptop())
        state = _state(conn)
        conn.exec_driver_sql(
            "INSERT INTO sync_members (replica, member, laptop, public_key, admitted_by, "
            "admitted_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                state.replica,
                state.member,
                state.laptop,
                files.public_of(state.private_key),
                state.replica,
                utcnow().isoformat(sep=" "),
            ),
        )
        conn.exec_driver_sql("DELETE FROM sync_dirty")
        conn.exec_driver_sql("UPDATE sync_state SET folder = ?", (str(folder),))
        sent = _outgoing(conn, state, everything=True)
    _write_json(folder / MANIFEST, {"format": files.FORMAT, "association": association})
    _request(folder, state)
    report = sync(db, folder, progress)
    report.written += sent
    if sent >= SNAPSHOT_AT:  # members joining take it in at once, not record by record
        report.compaction = compact(db, folder, progress)
    return report


def join(
    db: Database, folder: Path, *, member: str | None = None, progress: Progress | None = None
) -> Report:
    """Make this database the association's through ``folder``: a request to join is left
    there for a member to admit, and every change file is applied (after the folder's
    snapshot, when it was compacted).

    A new, empty database receives everything. One that already holds records (a copy of
    the association's file that each member kept working on) sends them all in its first
    change file, written before it saw anyone else's: a record with the same id is the same
    record, its equal fields merge and its different ones are conflicts to decide, and the
    records only this laptop had reach everyone."""
    _check_database(db)
    manifest = _manifest(folder)
    if manifest is None:
        raise NotAFolder(folder=str(folder), reason="empty")
    association = str(manifest["association"])
    refused: list[KnownError] = []
    with _newest_snapshot(folder, association, refused) as start:
        present = _present(folder)
        compacted = any(min(seqs) > 1 for seqs in present.values()) or any(
            (folder / snapshot.FOLDER).glob(f"*/*{snapshot.SUFFIX}")
        )
        if start is None and compacted:
            # compacted, and no snapshot that can be trusted whole here: nothing is changed
            if refused:
                raise refused[0]
            raise NotAFolder(folder=str(folder), reason="copying")
        with db.unit() as session:
            conn = session.connection()
            if schema.joined(conn):
                raise NotAFolder(folder=str(folder), reason="already")
            records = sum(
                conn.exec_driver_sql(f"SELECT count(*) FROM {t.name}").scalar() or 0
                for t in schema.synced_tables()
                if t.name not in ("settings", "sync_members", "clauses")
            )
            conn.exec_driver_sql(  # the association's id is the folder's from now on
                "UPDATE settings SET value = ? WHERE key = ?",
                (association, erasure_log.ASSOCIATION_KEY),
            )
            matched = 0
            if records:  # records typed apart meet the association's by what names them
                theirs = match.association_rows(
                    folder,
                    start[1] if start is not None else None,
                    start[0].header.covers if start is not None else None,
                )
                conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                matched = match.rekey(merge.Raw(conn), theirs)
            _begin(conn, association=association, member=member or db.member, laptop=_laptop())
            conn.exec_driver_sql("DELETE FROM sync_dirty")
            conn.exec_driver_sql("UPDATE sync_state SET folder = ?", (str(folder),))
            state = _state(conn)
            sent = _outgoing(conn, state, everything=True) if records else 0
        _request(folder, state)
        if start is not None:
            if progress is not None:
                progress.update(0, 0, "Taking in the association's snapshot")
            _load(db, start[1], start[0].header, state)
    report = sync(db, folder, progress)
    report.written += sent
    report.matched = matched
    report.snapshot = start[0].shown if start is not None else None
    report.refused[:0] = refused
    return report


def _request_key(folder: Path, replica: str) -> str | None:
    try:
        request = json.loads((folder / "members" / f"{replica}.json").read_text("utf-8"))
        return str(request["public_key"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextmanager
def _newest_snapshot(
    folder: Path, association: str, refused: list[KnownError]
) -> Iterator[tuple[snapshot.Found, Path] | None]:
    """The folder's newest snapshot whose later change files are all there, checked and
    opened (signed by the key its writer's request gives, which its own members admit)."""
    present = _present(folder)
    candidates = [
        s
        for s in snapshot.found(folder)
        if s.header.association == association and snapshot.usable(s, present)
    ]
    candidates.sort(key=lambda s: -sum(s.header.covers.values()))
    for found_ in candidates:
        key = _request_key(folder, found_.header.replica)
        if key is None:
            continue
        with ExitStack() as stack:
            try:
                copy = stack.enter_context(snapshot.opened(found_, key))
            except Incomplete:
                continue
            except ChangeFileRefused as exc:
                refused.append(exc)
                continue
            if not snapshot.admits(copy, found_.header.replica, key):
                refused.append(ChangeFileRefused(file=found_.shown, reason="not_admitted"))
                continue
            yield found_, copy
            return
    yield None


def _load(db: Database, copy: Path, header: snapshot.Header, state: State) -> None:
    raw: merge.Raw | None = None
    try:
        with db.unit() as session:
            conn = session.connection()
            raw = merge.Raw(conn)
            conn.exec_driver_sql("UPDATE sync_state SET applying = 1")
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            snapshot.load(raw, copy, state.replica)
            conn.exec_driver_sql(
                "UPDATE sync_state SET lamport = max(lamport, ?)", (header.lamport,)
            )
            first = conn.exec_driver_sql("SELECT name, data FROM sync_outbox WHERE seq = 1").first()
            outcome = merge.Outcome(f"{state.member} ({state.laptop})")
            if first is not None:  # this laptop's own records, merged as the others merge them
                envelope = files.parse(first[1], Path(first[0]), first[0])
                change = files.verify(envelope, files.public_of(state.private_key), first[0])
                outcome = merge.Merger(raw, change, outcome.author).apply(change.changes)
            conn.exec_driver_sql("UPDATE sync_state SET applying = 0")
            merge.after_merge(session, outcome)
            erased = [
                uuid.UUID(r[0])
                for r in conn.exec_driver_sql(
                    "SELECT id FROM contacts WHERE erased_on IS NOT NULL"
                ).all()
            ]
    finally:
        if raw is not None:  # once the transaction is over
            snapshot.detach(raw)
    if erased and db.file is not None:
        erasure_log.write(erasure_log.log_file(state.association), erased)


def admit(db: Database, folder: Path, replica: str) -> dict[str, str]:
    """Admit the laptop that asked to join (its request in the folder): its files will be
    applied everywhere once this laptop's next change file has travelled."""
    path = folder / "members" / f"{replica}.json"
    try:
        request = json.loads(path.read_text(encoding="utf-8"))
        bytes.fromhex(request["public_key"])
    except (OSError, ValueError, KeyError, TypeError):
        raise NotAFolder(folder=str(folder), reason="no_request") from None
    with db.unit() as session:
        conn = session.connection()
        state = _state(conn)
        conn.exec_driver_sql(
            "INSERT INTO sync_members (replica, member, laptop, public_key, admitted_by, "
            "admitted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "removed_after = NULL, public_key = excluded.public_key",
            (
                request["replica"],
                str(request.get("member", "")),
                str(request.get("laptop", "")),
                request["public_key"],
                state.replica,
                utcnow().isoformat(sep=" "),
            ),
        )
    return {k: str(v) for k, v in request.items()}


def remove(db: Database, replica: str) -> None:
    """Remove a member: files of theirs written after the last one this laptop has are
    refused everywhere (the ones before were already part of everyone's records)."""
    with db.unit() as session:
        conn = session.connection()
        _state(conn)
        seen = conn.exec_driver_sql(
            "SELECT seq FROM sync_seen WHERE replica = ?", (replica,)
        ).scalar()
        conn.exec_driver_sql(
            "UPDATE sync_members SET removed_after = ? WHERE replica = ?", (seen or 0, replica)
        )


def _outgoing(conn: Connection, state: State, *, everything: bool = False) -> int:
    """This laptop's changes as its next change file, committed in the database first
    (``everything``: every record, the first file of a founder or of a member joining with
    records of its own)."""
    conn.exec_driver_sql(OUTBOX)
    seq, lamport = state.seq + 1, state.lamport + 1
    if everything:
        changes = merge.everything(merge.Raw(conn), (lamport, state.replica, seq))
    else:
        if not conn.exec_driver_sql("SELECT 1 FROM sync_dirty LIMIT 1").first():
            return 0
        changes = merge.collect(merge.Raw(conn), (lamport, state.replica, seq))
        if not changes:
            return 0
    context: dict[str, int] = dict(conn.exec_driver_sql("SELECT replica, seq FROM sync_seen").all())
    context.pop(state.replica, None)
    change = ChangeFile(
        association=state.association,
        replica=state.replica,
        seq=seq,
        lamport=lamport,
        context=context,
        member=state.member,
        laptop=state.laptop,
        written_at=datetime.now(UTC).isoformat(timespec="seconds"),
        changes=changes,
    )
    data = files.encode(change, state.private_key)
    conn.exec_driver_sql(
        "INSERT INTO sync_outbox (seq, name, data) VALUES (?, ?, ?)", (seq, change.name, data)
    )
    conn.exec_driver_sql("UPDATE sync_state SET seq = ?, lamport = ?", (seq, lamport))
    _seen(conn, state.replica, seq)
    conn.exec_driver_sql(
        "INSERT INTO sync_files (name, digest, replica, seq, member, changes, written_at, "
        "applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            change.name,
            files.digest_of(data),
            state.replica,
            seq,
            state.member,
            len(changes),
            change.written_at,
            utcnow().isoformat(sep=" "),
        ),
    )
    return len(changes)


def _seen(conn: Connection, replica: str, seq: int) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_seen (replica, seq) VALUES (?, ?) "
        "ON CONFLICT DO UPDATE SET seq = max(seq, excluded.seq)",
        (replica, seq),
    )


def _send(db: Database, folder: Path, replica: str) -> None:
    try:
        _flush_outbox(db, folder, replica)
    except OSError as exc:
        raise FolderUnwritable(folder=str(folder), reason=exc.strerror or str(exc)) from exc


def _flush_outbox(db: Database, folder: Path, replica: str) -> None:
    """Write this laptop's change files that are not in the folder as committed: new ones,
    one a crash kept from being written, one deleted or damaged there since. Each is kept in
    the database until every member's laptop says it has applied it."""
    with db.reading() as session:
        conn = session.connection()
        # each file's size and header (its checksum): the file in the folder is read no
        # further than that, and the database's copy only when it must be written again
        pending = conn.exec_driver_sql(
            "SELECT seq, name, length(data), substr(data, 1, 256) FROM sync_outbox ORDER BY seq"
        ).all()
        members = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT replica FROM sync_members WHERE removed_after IS NULL"
            ).all()
        ]
    everyone = min(
        (_seen_by(folder, m).get(replica, 0) for m in members if m != replica), default=0
    )
    for seq, name, size, head in pending:
        target = folder / "changes" / name
        if seq <= everyone or _same_file(target, size, head):
            continue  # every member has it (a compaction may have removed it: rightly)
        with db.reading() as session:
            data: bytes = (
                session.connection()
                .exec_driver_sql("SELECT data FROM sync_outbox WHERE seq = ?", (seq,))
                .scalar_one()
            )
        atomic_write(target, data)
    if everyone:
        with db.unit() as session:
            session.connection().exec_driver_sql(
                "DELETE FROM sync_outbox WHERE seq <= ?", (everyone,)
            )


def _same_file(path: Path, size: int, head: bytes) -> bool:
    """Whether the folder's file is the one written (its size, and its header with the
    body's checksum and signature); a damaged or cut copy is written again."""
    try:
        if path.stat().st_size != size:
            return False
        with open(path, "rb") as handle:
            return handle.read(len(head)) == head
    except OSError:
        return False


def _seen_by(folder: Path, replica: str) -> dict[str, int]:
    """The change files a member's laptop said it had applied, at its last sync."""
    try:
        state = json.loads((folder / "members" / f"{replica}.state.json").read_text("utf-8"))
        return {str(k): int(v) for k, v in state["seen"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


@dataclass
class _Found:
    path: Path
    shown: str
    envelope: files.Envelope
    change: ChangeFile


def _number(path: Path) -> int | None:
    """A change file's number, from its name (None for a file named otherwise)."""
    try:
        return int(path.name[: -len(files.SUFFIX)])
    except ValueError:
        return None


def _present(folder: Path) -> dict[str, list[int]]:
    """Each member's change files in the folder, by their numbers."""
    present: dict[str, list[int]] = {}
    for path in (folder / "changes").glob(f"*/*{files.SUFFIX}"):
        if (seq := _number(path)) is not None:
            present.setdefault(path.parent.name, []).append(seq)
    return present


def _scan(folder: Path, applied: set[str], seen: dict[str, int], report: Report) -> list[_Found]:
    found: list[_Found] = []
    root = folder / "changes"
    if not root.is_dir():
        return found
    for path in sorted(root.glob(f"*/*{files.SUFFIX}")):
        name = f"{path.parent.name}/{path.name}"
        if name in applied:
            continue
        seq = _number(path)
        if seq is not None and seq <= seen.get(path.parent.name, 0):
            continue  # held by the snapshot this laptop started from
        shown = str(path)
        try:
            envelope = files.open_envelope(path, shown)
            change = files.peek(envelope, shown)
        except Incomplete:
            report.incomplete.append(shown)
            continue
        except ChangeFileRefused as exc:
            report.refused.append(exc)
            continue
        if change.name != name:
            report.refused.append(ChangeFileRefused(file=shown, reason="misnamed"))
            continue
        found.append(_Found(path, shown, envelope, change))
    return found


def _key(conn: Connection, replica: str) -> tuple[str, int | None] | None:
    found = conn.exec_driver_sql(
        "SELECT public_key, removed_after FROM sync_members WHERE replica = ?", (replica,)
    ).first()
    return (found[0], found[1]) if found else None


def _founders_key(conn: Connection, folder: Path, change: ChangeFile) -> str | None:
    """When this laptop knows no member yet (it is joining), the founder's first file is
    trusted with the key its request in the folder gives, if that file admits that key."""
    if conn.exec_driver_sql("SELECT 1 FROM sync_members LIMIT 1").first() or change.seq != 1:
        return None
    try:
        request = json.loads(
            (folder / "members" / f"{change.replica}.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return None
    key = request.get("public_key")
    admits_itself = any(
        c[0] == "put"
        and c[1] == "sync_members"
        and c[2] == change.replica
        and c[3].get("public_key") == key
        and c[3].get("admitted_by") == change.replica
        for c in change.changes
    )
    return str(key) if admits_itself else None


def _deliverable(item: _Found, seen: dict[str, int]) -> bool:
    change = item.change
    if seen.get(change.replica, 0) != change.seq - 1:
        return False
    return all(seen.get(r, 0) >= s for r, s in change.context.items() if r != change.replica)


def _apply(db: Database, folder: Path, item: _Found, report: Report) -> bool:
    """Merge one file in one transaction; False when it cannot be applied (said why)."""
    change = item.change
    with db.unit() as session:
        conn = session.connection()
        state = _state(conn)
        if change.association != state.association:
            report.refused.append(ChangeFileRefused(file=item.shown, reason="association"))
            return False
        member = _key(conn, change.replica)
        key = member[0] if member else _founders_key(conn, folder, change)
        if key is None:
            if (folder / "members" / f"{change.replica}.json").exists():
                report.waiting.append(item.shown)  # asked to join: waits to be admitted
            else:
                report.refused.append(ChangeFileRefused(file=item.shown, reason="not_admitted"))
            return False
        if member and member[1] is not None and change.seq > member[1]:
            report.refused.append(ChangeFileRefused(file=item.shown, reason="removed"))
            return False
        try:
            change = files.verify(item.envelope, key, item.shown)
        except ChangeFileRefused as exc:
            report.refused.append(exc)
            return False
        conn.exec_driver_sql("UPDATE sync_state SET applying = 1")
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        author = f"{change.member} ({change.laptop})"
        mine = change.replica == state.replica  # back after a backup was put back
        merger = merge.Merger(merge.Raw(conn), change, author, mine=mine)
        outcome = merger.apply(change.changes)
        merge.after_merge(session, outcome)
        report.changes |= merge.changed(outcome)
        conn.exec_driver_sql("UPDATE sync_state SET applying = 0")
        conn.exec_driver_sql(
            "UPDATE sync_state SET lamport = max(lamport, ?), seq = max(seq, ?)",
            (change.lamport, change.seq if change.replica == state.replica else 0),
        )
        _seen(conn, change.replica, change.seq)
        conn.exec_driver_sql(
            "INSERT INTO sync_files (name, digest, replica, seq, member, changes, written_at, "
            "applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                change.name,
                item.envelope.digest,
                change.replica,
                change.seq,
                author,
                len(change.changes),
                change.written_at,
                utcnow().isoformat(sep=" "),
            ),
        )
        if outcome.erased and db.file is not None:
            erasure_log.write(
                erasure_log.log_file(state.association), [uuid.UUID(p) for p in outcome.erased]
            )
    report.arrived.append(Arrival(change.member, change.laptop, len(change.changes), item.shown))
    return True


def sync(
    db: Database,
    folder: Path | None = None,
    progress: Progress | None = None,
) -> Report:
    """One sync: this laptop's changes out, every complete file of the others in."""
    _check_database(db)
    report = Report()
    with db.unit() as session:
        conn = session.connection()
        state = _state(conn)
        folder = folder or (Path(state.folder) if state.folder else None)
        if folder is None:
            raise NotJoined()
        manifest = _manifest(folder)
        if manifest is None:
            raise NotAFolder(folder=str(folder), reason="empty")
        if manifest["association"] != state.association:
            raise NotAFolder(folder=str(folder), reason="association")
        schema.install(conn, HEAD)
        conn.exec_driver_sql(OUTBOX)
        # this laptop's own files beyond what its database knows: it was put back to an
        # earlier copy (a backup restored). They come in first, as anyone's, and what was
        # changed here since goes out after them under new numbers, never under theirs.
        behind = any(s > state.seq for s in _present(folder).get(state.replica, []))
        if _key(conn, state.replica) and not behind:
            report.written = _outgoing(conn, state)
        conn.exec_driver_sql("UPDATE sync_state SET folder = ?", (str(folder),))
    _send(db, folder, state.replica)
    with db.reading() as session:
        conn = session.connection()
        applied = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sync_files").all()}
        seen: dict[str, int] = dict(
            conn.exec_driver_sql("SELECT replica, seq FROM sync_seen").all()
        )
    pending = _scan(folder, applied, seen, report)
    me = state.replica
    total = len(pending)
    done = 0
    while pending:
        ready = [p for p in pending if _deliverable(p, seen)]
        if not ready:
            break
        # this laptop's own files (only after a backup was put back) in the order they were
        # written: each after the files it had seen, before those that had not reached it
        own = [p for p in pending if p.change.replica == me]
        if own:
            first = min(own, key=lambda p: p.change.seq).change
            ready = [p for p in ready if first.covers(p.change.replica, p.change.seq)] or ready
        for item in sorted(ready, key=lambda p: (p.change.lamport, p.change.replica)):
            if progress is not None:
                try:
                    progress.update(done, total, "Applying the members' changes")
                except Cancelled:  # each file applied stays; the rest waits for next time
                    report.stopped = True
                    pending = []
                    break
            pending.remove(item)
            done += 1
            if _apply(db, folder, item, report):
                seen[item.change.replica] = item.change.seq
            break  # the files now deliverable may have changed
    report.waiting += [p.shown for p in pending]
    if behind:
        with db.unit() as session:
            conn = session.connection()
            if _key(conn, state.replica):
                report.written = _outgoing(conn, _state(conn))
        _send(db, folder, state.replica)
    with db.unit() as session:
        conn = session.connection()
        state = _state(conn)
        now = utcnow().isoformat(sep=" ")
        conn.exec_driver_sql("UPDATE sync_state SET synced_at = ?", (now,))
        report.conflicts = open_conflicts(conn)
        seen = dict(conn.exec_driver_sql("SELECT replica, seq FROM sync_seen").all())
        members = {
            r[0]: r[1]
            for r in conn.exec_driver_sql(
                "SELECT replica, member FROM sync_members WHERE removed_after IS NULL"
            ).all()
        }
    try:
        _write_json(
            folder / "members" / f"{state.replica}.state.json",
            {
                "replica": state.replica,
                "member": state.member,
                "laptop": state.laptop,
                "synced_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "seen": seen,
            },
        )
    except OSError as exc:
        raise FolderUnwritable(folder=str(folder), reason=exc.strerror or str(exc)) from exc
    report.requests = [r for r in _requests(folder, members) if r.get("replica") != state.replica]
    report.silent = _silent(folder, members, state.replica)
    if not report.stopped:
        # on a folder that cannot take the snapshot, the files stay and the next sync tries
        with suppress(FolderUnwritable):
            report.compaction = compact(db, folder, progress, at_least=COMPACT_AFTER)
    return report


def _everyone_has(conn: Connection, folder: Path, me: str) -> dict[str, int]:
    """The change files of each member that every laptop of the association (and every
    laptop on its way in) has applied, by their own word at their last sync."""
    members = conn.exec_driver_sql("SELECT replica, removed_after FROM sync_members").all()
    removed = {r for r, after in members if after is not None}
    readers = {r for r, _ in members} | {
        p.name.split(".")[0] for p in (folder / "members").glob("*.json")
    }
    readers -= removed
    mine: dict[str, int] = dict(conn.exec_driver_sql("SELECT replica, seq FROM sync_seen").all())
    views = [mine if r == me else _seen_by(folder, r) for r in readers | {me}]
    return {r: min(v.get(r, 0) for v in views) for r in mine}


def compact(
    db: Database, folder: Path, progress: Progress | None = None, *, at_least: int = 1
) -> Compaction:
    """Replace the change files every member's laptop has applied (at least ``at_least``
    of them) with a snapshot of this database, for laptops that join later. Nothing a
    member still needs goes: a laptop behind keeps the files it has not applied, and the
    open conflicts travel in the snapshot."""
    _check_database(db)
    with db.reading() as session:
        conn = session.connection()
        state = _state(conn)
        everyone = _everyone_has(conn, folder, state.replica)
    present = _present(folder)
    old = [(r, s) for r, seqs in present.items() for s in seqs if s <= everyone.get(r, 0)]
    if len(old) < max(at_least, 1) or db.file is None:
        return Compaction()
    if progress is not None:
        progress.update(0, 0, "Tidying the sync folder")
    written = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        header = snapshot.make(db.file, folder, state.private_key, written)
    except OSError as exc:
        raise FolderUnwritable(folder=str(folder), reason=exc.strerror or str(exc)) from exc
    if header is None:  # changes made since this sync: the next one compacts
        return Compaction()
    done = Compaction(str(folder / snapshot.FOLDER / header.name))
    for replica, seq in old:
        if seq > header.covers.get(replica, 0):
            continue
        path = folder / "changes" / replica / f"{seq:08d}{files.SUFFIX}"
        try:
            size = path.stat().st_size
            path.unlink()
        except OSError:
            continue
        done.removed += 1
        done.freed += size
    for other in snapshot.found(folder):
        if str(other.path) != done.snapshot and header.holds(other.header):
            other.path.unlink(missing_ok=True)
    return done


def _requests(folder: Path, members: dict[str, str]) -> list[dict[str, str]]:
    asked = []
    for path in sorted((folder / "members").glob("*.json")):
        if path.name.endswith(".state.json"):
            continue
        try:
            request = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(request, dict) and request.get("replica") not in members:
            asked.append({k: str(v) for k, v in request.items() if k != "public_key"})
    return asked


def _silent(folder: Path, members: dict[str, str], me: str) -> list[tuple[str, int]]:
    """Members whose laptop has not synced for 30 days (by its own clock's word)."""
    silent = []
    now = datetime.now(UTC)
    for replica, member in members.items():
        if replica == me:
            continue
        path = folder / "members" / f"{replica}.state.json"
        try:
            when = datetime.fromisoformat(json.loads(path.read_text("utf-8"))["synced_at"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        days = (now - when).days
        if days >= SILENT_DAYS:
            silent.append((member, days))
    return silent


def open_conflicts(conn: Connection) -> int:
    return len(merge.open_conflicts(conn))


__all__ = ["Report", "admit", "found", "join", "remove", "sync"]


def conflicts(db: Database) -> list[merge.Conflict]:
    with db.reading() as session:
        conn = session.connection()
        return merge.open_conflicts(conn) if schema.joined(conn) else []


def decide(db: Database, conflict: merge.Conflict, keep: Any) -> None:
    """Settle a conflict: the field gets ``keep`` (the value shown or one of the others'),
    or for a record's delete (``column`` "#") ``keep`` True keeps the record and False
    deletes it. The decision travels with the next change file and closes the conflict on
    every laptop."""
    table = schema.by_name()[conflict.table]
    with db.unit() as session:
        conn = session.connection()
        where = " AND ".join(f"{k} = ?" for k in table.key)
        key = tuple(table.key_values(conflict.key))
        conn.exec_driver_sql(
            "DELETE FROM sync_siblings WHERE tbl = ? AND pk = ? AND col = ?",
            (conflict.table, conflict.key, conflict.column),
        )
        outcome = merge.Outcome(db.member)
        if conflict.column == "#":
            if keep:
                mark = "*"
            else:
                conn.exec_driver_sql(f"DELETE FROM {table.name} WHERE {where}", key)
                outcome.gone.setdefault(table.name, set()).add(conflict.key)
                outcome.events.append((table.name, conflict.key, "delete", None, None, None))
                mark = None
        else:
            column = conflict.column
            old = conn.exec_driver_sql(f"SELECT {column} FROM {table.name} WHERE {where}", key)
            before = old.scalar()
            bump = ", version = version + 1" if merge.versioned(table.name) else ""
            conn.exec_driver_sql(
                f"UPDATE {table.name} SET {column} = ?{bump} WHERE {where}", (keep, *key)
            )
            outcome.events.append((table.name, conflict.key, "update", column, before, keep))
            outcome.touch(table.name, conflict.key)
            mark = column
        if mark is not None:  # the value stays as it is: it must still travel
            conn.exec_driver_sql(
                "INSERT INTO sync_dirty (tbl, pk, col) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (conflict.table, conflict.key, mark),
            )
        merge.after_merge(session, outcome)


@dataclass
class Shown:
    """A conflict as a person decides it: which record, which field, the value shown now
    and the others' values, each with the member who made it."""

    conflict: merge.Conflict
    entity: str | None
    caption: str
    shown: Any
    others: list[tuple[str, Any]]
    #: the member whose value is shown now (or who kept the record, for a delete)
    shown_by: str = ""


@dataclass
class Status:
    joined: bool
    folder: str | None = None
    synced_at: datetime | None = None  # naive UTC, as the records' times
    member: str = ""
    #: (member, laptop, changes applied from them, when their last file was written)
    members: list[tuple[str, str, int, datetime | None]] = field(default_factory=list)
    conflicts: list[Shown] = field(default_factory=list)


def status(db: Database) -> Status:
    """Who syncs, when this laptop last did, and the conflicts to decide (read only)."""
    if not db.is_sqlite:
        return Status(joined=False)
    with db.reading() as session:
        conn = session.connection()
        if not schema.joined(conn):
            return Status(joined=False)
        folder_, synced_at, member, me = conn.exec_driver_sql(
            "SELECT folder, synced_at, member, replica FROM sync_state"
        ).one()
        names: dict[str, str] = dict(
            conn.exec_driver_sql("SELECT replica, member FROM sync_members").all()
        )
        names.setdefault(me, member)  # this laptop's own values, before it is admitted
        members = [
            (str(m), str(laptop), int(n or 0), _utc(last))
            for m, laptop, n, last in conn.exec_driver_sql(
                "SELECT m.member, m.laptop, sum(f.changes), max(f.written_at) FROM sync_members m "
                "LEFT JOIN sync_files f ON f.replica = m.replica WHERE m.removed_after IS NULL "
                "GROUP BY m.replica ORDER BY m.member"
            ).all()
        ]
        entities = {m.__tablename__: m for m in merge.ENTITIES.values()}
        shown = []
        for conflict in merge.open_conflicts(conn):
            model = entities.get(conflict.table)
            table = schema.by_name()[conflict.table]
            caption = conflict.key
            if model is not None:
                record = session.get(model, uuid.UUID(conflict.key))
                caption = record.caption() if record is not None else caption
            now: Any = True
            if conflict.column != "#":
                where = " AND ".join(f"{k} = ?" for k in table.key)
                now = conn.exec_driver_sql(
                    f"SELECT {conflict.column} FROM {table.name} WHERE {where}",
                    tuple(table.key_values(conflict.key)),
                ).scalar()
            made = conn.exec_driver_sql(
                "SELECT replica FROM sync_clock WHERE tbl = ? AND pk = ? AND col IN (?, '*') "
                "ORDER BY col = '*'",
                (conflict.table, conflict.key, conflict.column),
            ).scalar()
            shown.append(
                Shown(
                    conflict,
                    model.__entity__ if model is not None else None,
                    caption,
                    now,
                    [(str(names.get(r, r[:8])), v) for r, _, v in conflict.others],
                    str(names.get(made, "")) if made else "",
                )
            )
    return Status(True, folder_, _utc(synced_at), member, members, shown)


def _utc(text: str | None) -> datetime | None:
    if not text:
        return None
    when = datetime.fromisoformat(text)
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
