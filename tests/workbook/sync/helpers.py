"""Members' laptops for the sync tests: real database files, each syncing through its own
view of the shared folder (what its sync client has copied so far)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbook.opening import open_database
from workbook.store.db import Database
from workbook.sync import folder as sync
from workbook.sync.merge import open_conflicts
from workbook.sync.schema import by_name

#: What a laptop keeps of the shared state, compared between laptops after a sync.
DUMPED = (
    "organisations",
    "organisation_tags",
    "contacts",
    "partnerships",
    "partnership_partners",
    "decisions",
    "meetings",
    "meeting_attendees",
    "settings",
    "sync_members",
)


def dump(db: Database) -> dict[str, Any]:
    """Every synced row (but each laptop's own bookkeeping), and the open conflicts."""
    out: dict[str, Any] = {}
    with db.reading() as session:
        conn = session.connection()
        for name in DUMPED:
            table = by_name()[name]
            columns = ", ".join(table.columns)
            where = " WHERE key NOT LIKE 'after_upgrade:%'" if name == "settings" else ""
            rows = conn.exec_driver_sql(f"SELECT {columns} FROM {name}{where}").all()
            out[name] = sorted(map(tuple, rows), key=repr)
        out["conflicts"] = sorted(map(repr, open_conflicts(conn)))
    return out


@dataclass
class Laptop:
    name: str
    db: Database
    view: Path  # the shared folder as this laptop's sync client has it
    replica: str = ""
    reports: list[sync.Report] = field(default_factory=list)
    #: values edited here and not yet in a change file; those at the last backup
    unsent: list[str] = field(default_factory=list)
    backed_up: list[str] | None = None

    def sync(self, shared: Path) -> sync.Report:
        report = sync.sync(self.db, self.view)
        self.reports.append(report)
        self.unsent.clear()
        publish(self.view, shared, self.replica)
        return report

    @property
    def backup_file(self) -> Path:
        return self.view.parent / f"{self.name}-backup.sqlite"

    def back_up(self) -> None:
        """A consistent copy of the database, as the daily backup makes it."""
        import sqlite3
        from contextlib import closing

        assert self.db.file is not None
        with (
            closing(sqlite3.connect(self.db.file)) as source,
            closing(sqlite3.connect(self.backup_file)) as target,
        ):
            source.backup(target)
        self.backed_up = list(self.unsent)

    def restore(self) -> list[str]:
        """The last backup put back, the laptop's file replaced by it (as File > Restore
        from backup does): the values edited since and never sent are gone with it."""
        assert self.db.file is not None and self.backed_up is not None
        path = self.db.file
        self.db.close()
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        shutil.copyfile(self.backup_file, path)
        self.db = open_database(path, member=self.name, backup=False)
        gone = [v for v in self.unsent if v not in self.backed_up]
        self.unsent = list(self.backed_up)
        return gone


def publish(view: Path, shared: Path, replica: str | None = None) -> None:
    """The sync client uploads what this laptop wrote (its files and its member files; all
    of the view before the laptop has a replica of its own)."""
    for path in view.rglob("*"):
        own = (
            replica is None
            or path.parent == view
            or replica in (path.parent.name, path.name.split(".")[0])
        )
        if own and path.is_file() and not path.name.endswith(".part"):
            target = shared / path.relative_to(view)
            if not target.exists() or target.read_bytes() != path.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def deliver(
    shared: Path, view: Path, names: list[Path] | None = None, *, cut: bool = False
) -> None:
    """The sync client downloads files of the shared folder (``cut``: the first half only,
    a copy still under way)."""
    for path in names if names is not None else sorted(shared.rglob("*")):
        if not path.is_file():
            continue
        target = view / path.relative_to(shared)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        target.write_bytes(data[: len(data) // 2] if cut else data)


def replica_of(db: Database) -> str:
    with db.reading() as session:
        return str(session.connection().exec_driver_sql("SELECT replica FROM sync_state").scalar())


def association(
    tmp: Path, template: Path, names: list[str], *, seed: Any = None
) -> tuple[Path, list[Laptop]]:
    """A founded folder and its members, every one admitted and in step."""
    shared = tmp / "shared"
    laptops = []
    for name in names:
        path = tmp / f"{name}.sqlite"
        shutil.copyfile(template, path)
        db = open_database(path, member=name, backup=False)
        laptops.append(Laptop(name, db, tmp / f"view-{name}"))
    first = laptops[0]
    if seed is not None:
        seed(first.db)
    sync.found(first.db, first.view)
    first.replica = replica_of(first.db)
    publish(first.view, shared, first.replica)
    for laptop in laptops[1:]:
        deliver(shared, laptop.view)
        sync.join(laptop.db, laptop.view)
        laptop.replica = replica_of(laptop.db)
        publish(laptop.view, shared, laptop.replica)
        deliver(shared, first.view)
        sync.admit(first.db, first.view, laptop.replica)
    first.sync(shared)
    settle(shared, laptops)
    return shared, laptops


def reopen(source: Path, target: Path, names: list[str]) -> tuple[Path, list[Laptop]]:
    """A copy of an association made by ``association`` (closed), opened again."""
    shutil.copytree(source, target)
    laptops = []
    for name in names:
        db = open_database(target / f"{name}.sqlite", member=name, backup=False)
        laptops.append(Laptop(name, db, target / f"view-{name}", replica_of(db)))
    return target / "shared", laptops


def settle(shared: Path, laptops: list[Laptop], rounds: int = 2) -> None:
    """Everyone syncs with everything, until nothing new travels."""
    for _ in range(rounds):
        for laptop in laptops:
            deliver(shared, laptop.view)
            laptop.sync(shared)


def organisation(db: Database, name: str = "Verein Brücke") -> Any:
    """A new organisation of this laptop's, its id."""
    from workbook import services

    with db.unit() as session:
        return services.create(session, "organisation", {"name": name, "kind": "ngo"}).id


def value(db: Database, sql: str, **params: Any) -> Any:
    from sqlalchemy import text

    with db.reading() as session:
        return session.execute(text(sql), params).scalar()


def in_step(founder: Database, member: Database, shared: Path) -> None:
    """``founder`` starts the folder, ``member`` joins with a new database and is admitted,
    and both sync until nothing new travels."""
    sync.found(founder, shared)
    sync.join(member, shared)
    sync.admit(founder, shared, replica_of(member))
    for _ in range(2):
        sync.sync(founder, shared)
        sync.sync(member, shared)


def rounds(dbs: list[Database], shared: Path, times: int = 3) -> None:
    """Each database syncs with the shared folder itself, in turn, ``times`` over."""
    for _ in range(times):
        for db in dbs:
            sync.sync(db, shared)


def next_number(db: Database, title: str, day: Any) -> str:
    """The number a decision made on this laptop now gets."""
    from workbook import services

    with db.unit() as session:
        made = {"title": title, "text": "Ja.", "decided_on": day}
        return str(services.create(session, "decision", made).number)


def person(db: Database) -> Any:
    """A person with an e-mail address at the first organisation, made on this laptop."""
    from workbook import services

    with db.unit() as session:
        org = session.connection().exec_driver_sql("SELECT id FROM organisations").scalar()
        made = {"name": "Zofia Wąsowska", "email": "zofia@example.org", "organisation_id": org}
        return services.create(session, "contact", made).id


def members(tmp: Path, template: Path, names: list[str]) -> Any:
    """A fixture's association of ``names`` on one organisation, closed when it is done."""
    shared, laptops = association(tmp, template, names, seed=organisation)
    yield shared, laptops
    for laptop in laptops:
        laptop.db.close()
