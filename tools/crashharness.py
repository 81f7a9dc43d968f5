"""Kill -9 a writer at random moments, then check the file and every acknowledged commit.

The writer commits a batch (an organisation with its contacts and a tag) through the app's
own services, then appends the batch's name to an fsynced acknowledgement log. After each
kill the checker asserts: the file passes ``PRAGMA integrity_check`` and
``foreign_key_check``, every acknowledged batch is present, and no batch is partial.
Writers are forked from a forkserver with the app preloaded, so one iteration costs
milliseconds of start-up, not an interpreter launch. A quarter of the kills land at any
moment from the writer's start (opening, recovery of the last crash's log, the first commit);
the others at a random moment after its first commit, while it goes on committing (the first
one compiles its statements: some 0.15 s, more under load, longer than most of the window).
Used by the test suite (200 iterations) and by ``bench/crash.py`` (as many as asked).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import random
import signal
import sqlite3
import threading
import time
import uuid
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools import forkserver

CONTACTS_PER_BATCH = 3


def write_forever(database: str, acks: str, opened: Any = None) -> None:
    """The writer: commit batches until killed (runs in a forked child)."""
    from workbook import services
    from workbook.opening import open_database

    logging.getLogger("workbook.store.lock").setLevel(logging.ERROR)  # stale locks are the point
    db = open_database(database, member="Crash Writer", backup=False)
    with open(acks, "a", encoding="utf-8") as log:
        while True:
            batch = f"batch-{uuid.uuid4().hex}"
            with db.unit() as session:
                org = services.create(
                    session,
                    "organisation",
                    {"name": batch, "kind": "ngo", "strengths": ["Moderation"]},
                )
                for n in range(CONTACTS_PER_BATCH):
                    services.create(
                        session, "contact", {"name": f"{batch}-{n}", "organisation_id": org.id}
                    )
            log.write(batch + "\n")
            log.flush()
            os.fsync(log.fileno())
            if opened is not None:
                opened.set()  # writing: its statements are compiled, the next commits are quick


@dataclass
class Outcome:
    iterations: int = 0
    corrupt: int = 0
    lost: int = 0
    partial: int = 0
    acknowledged: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def check(database: Path, acks: Path, outcome: Outcome) -> None:
    with closing(sqlite3.connect(database)) as conn:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if integrity != ["ok"] or broken:
            outcome.corrupt += 1
            outcome.problems.append(f"{database.name}: {integrity[:3]} {broken[:3]}")
            return
        present = {
            name: n
            for name, n in conn.execute(
                "SELECT o.name, count(c.id) FROM organisations o "
                "LEFT JOIN contacts c ON c.organisation_id = o.id GROUP BY o.id"
            )
        }
    acked = acks.read_text(encoding="utf-8").split() if acks.exists() else []
    outcome.acknowledged = max(outcome.acknowledged, len(acked))
    missing = [b for b in acked if b not in present]
    if missing:
        outcome.lost += len(missing)
        outcome.problems.append(f"{database.name}: acknowledged but missing {missing[:3]}")
    partial = [b for b, n in present.items() if n != CONTACTS_PER_BATCH]
    if partial:
        outcome.partial += len(partial)
        outcome.problems.append(f"{database.name}: partial batches {partial[:3]}")


def _lane(
    context: multiprocessing.context.BaseContext,
    database: Path,
    iterations: int,
    outcome: Outcome,
    lock: threading.Lock,
    seed: int,
) -> None:
    chance = random.Random(seed)
    acks = database.with_suffix(".acks")
    for _ in range(iterations):
        opened = context.Event()  # type: ignore[attr-defined]
        writer = context.Process(target=write_forever, args=(str(database), str(acks), opened))
        writer.start()
        if chance.random() >= 0.25:
            opened.wait(timeout=10)
        time.sleep(chance.uniform(0.0, 0.25))
        with contextlib.suppress(ProcessLookupError):
            os.kill(writer.pid, signal.SIGKILL)  # type: ignore[arg-type]
        writer.join()
        with lock:
            outcome.iterations += 1
            # 255: the forkserver lost the child to the kill before it could report it
            if writer.exitcode not in (-signal.SIGKILL, 255):
                outcome.problems.append(f"the writer ended by itself: {writer.exitcode}")
            check(database, acks, outcome)


def run(folder: Path, iterations: int, *, lanes: int = 2, seed: int = 7) -> Outcome:
    """Kill writers ``iterations`` times over ``lanes`` databases side by side."""
    from workbook.opening import open_database

    context = forkserver.context()
    outcome = Outcome()
    lock = threading.Lock()
    started = time.perf_counter()
    threads = []
    for lane in range(lanes):
        database = folder / f"crash-{lane}.sqlite"
        open_database(database, backup=False).close()
        share = iterations // lanes + (1 if lane < iterations % lanes else 0)
        threads.append(
            threading.Thread(
                target=_lane, args=(context, database, share, outcome, lock, seed + lane)
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    return outcome
