"""Many members saving overlapping records on one server at once.

Each member is its own process with its own account. It reads a record, changes it with the
version it read, and either the save is acknowledged (the member saw "saved") or it is
surfaced as a conflict (the member saw "changed by someone else"). Anything else reaching the
member (a deadlock, a crash) is an error. Afterwards every acknowledged save must be in the
change history. Used by the test suite and by the benchmarks.
"""

from __future__ import annotations

import json
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field

from tools import forkserver


def member(url: str, record_ids: list[str], seconds: float, seed: int, out: str) -> None:
    """One member's session: save, save, save, until the time is up (a forked process)."""
    from workbook import services
    from workbook.domain.errors import KnownError, StaleRecord
    from workbook.opening import open_database

    chance = random.Random(seed)
    db = open_database(url)
    acked: list[list[str]] = []
    conflicts, errors, latencies = 0, [], []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        record = chance.choice(record_ids)
        n += 1
        token = f"{db.member}-{n}"
        started = time.perf_counter()
        try:
            with db.unit() as session:
                version = services.get(session, "decision", record).version
            with db.unit() as session:
                services.update(
                    session, "decision", record, {"rationale": token}, expected_version=version
                )
            latencies.append(time.perf_counter() - started)
            acked.append([record, token])
        except StaleRecord:
            conflicts += 1
        except KnownError as exc:
            errors.append(exc.message)
        except Exception as exc:  # anything else would reach the member as a crash
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(chance.uniform(0.0, 0.02))
    db.close()
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"acked": acked, "conflicts": conflicts, "errors": errors,
                   "latencies": latencies}, handle)  # fmt: skip


@dataclass
class LoadResult:
    members: int
    saves: int = 0
    conflicts: int = 0
    lost: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    p50_ms: float = 0.0
    p95_ms: float = 0.0


def run(owner_url: str, folder, *, members: int = 20, seconds: float = 60.0) -> LoadResult:
    from sqlalchemy import select
    from sqlalchemy.engine import make_url

    from workbook.domain.models import Change
    from workbook.opening import open_database
    from workbook.services import create
    from workbook.store.server import add_member, init_server

    init_server(owner_url)
    owner = open_database(owner_url)
    with owner.unit() as session:
        ids = [
            str(create(session, "decision", {"title": f"Beschluss {n}", "decided_on": "2026-01-01",
                                             "text": "Text"}).id)
            for n in range(5)
        ]  # fmt: skip
    tag = uuid.uuid4().hex[:6]
    urls = []
    for n in range(members):
        name = f"member{n}_{tag}"
        add_member(owner_url, name, "geheim", "editor")
        urls.append(
            make_url(owner_url)
            .set(username=name, password="geheim")
            .render_as_string(hide_password=False)
        )
    context = forkserver.context()
    outs = [str(folder / f"member{n}.json") for n in range(members)]
    processes = [
        context.Process(target=member, args=(urls[n], ids, seconds, n, outs[n]))
        for n in range(members)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(seconds + 120)
    result = LoadResult(members)
    latencies: list[float] = []
    acked: list[list[str]] = []
    for process, out in zip(processes, outs, strict=True):
        if process.exitcode != 0:
            result.errors.append(f"a member process ended with {process.exitcode}")
            continue
        with open(out, encoding="utf-8") as handle:
            data = json.load(handle)
        acked += data["acked"]
        result.conflicts += data["conflicts"]
        result.errors += data["errors"]
        latencies += data["latencies"]
    with owner.unit() as session:
        recorded = set(
            session.execute(
                select(Change.record_id, Change.new_value).where(Change.field == "rationale")
            ).all()
        )
    owner.close()
    recorded_text = {(str(r), v) for r, v in recorded}
    result.saves = len(acked)
    result.lost = [token for record, token in acked if (record, token) not in recorded_text]
    if latencies:
        ordered = sorted(latencies)
        result.p50_ms = round(statistics.median(ordered) * 1000, 1)
        result.p95_ms = round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1)
    return result
