"""The speed of the app at a lifetime's scale, as ratios to baselines measured in the same run.

Run: python -m bench.run [--scale 1.0] [--json bench/results/lifetime.json] [--quick]
    [--long-list 1000000]

1. cold start to the main window with its first page, vs a bare QApplication + QMainWindow;
2. the decisions list opened and scrolled to the end: time and peak memory, at two sizes;
3. search as you type: p50/p95 per keystroke for 20 queries, vs a raw FTS5 prefix query;
3b. the decisions list sorted and filtered by every column: time to the first page (with a
    filter or search, the count the list shows and its first page);
7. backup of the database vs a plain file copy;
8. SQL statements for every list's first page, the dashboard and a detail view, at two sizes
   (they must be equal: no N+1).
Export/import (4, 5) and reports (6) are ``bench.exchange`` and ``bench.reports``.
Each timed step that needs its own peak memory runs in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERIES = (
    "demokratie", "jugend bildung", "lenkungskreis", "schmitz", "nowak", "workshop",
    "podcast", "europa", "d-2024", "klima", "forum", "werkstatt", "zukunft dialog", "moderation",
    "integration", "kultur stadt", "netzwerk", "begegnung", "medien", "projekt 99",
)  # fmt: skip
ROOT = Path(__file__).resolve().parent.parent


def make(path: Path, scale: float) -> dict[str, int]:
    from workbook.lifetime import generate
    from workbook.opening import open_database

    db = open_database(path, backup=False)
    try:
        with db.unit() as session:
            return generate(session, scale=scale)
    finally:
        db.close()


def _python(
    code: str, *args: str, env: dict[str, str | None] | None = None
) -> tuple[float, dict[str, Any]]:
    """Run ``code`` in a fresh interpreter: (wall seconds, the JSON it printed last)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **(env or {})}
    env = {k: v for k, v in env.items() if v is not None}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return wall, json.loads(lines[-1]) if lines else {}


# Each prints how long after the parent launched it the window was there, then leaves at
# once: what happens after the window is shown (the attention list filling) is not start-up.
BARE = """
import json, os, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print(json.dumps({"shown": time.time() - float(sys.argv[1])}), flush=True); os._exit(0)
"""
SCROLL = """
import json, sys, time
from bench.memory import peak_mb
from ui.app import application
from ui.models.records import RecordTableModel
from workbook.opening import open_database
from PySide6.QtWidgets import QTableView
app = application()
db = open_database(sys.argv[1], backup=False)
started = time.perf_counter()
model = RecordTableModel(db, "decision")
from ui.tasks import settle
view = QTableView(); view.setModel(model); view.resize(1000, 700); view.show(); settle()
first = time.perf_counter() - started
rows = model.rowCount()
step = max(1, rows // 400)
for row in range(0, rows, step):  # dragging the scroll bar down to the end
    view.scrollTo(model.index(row, 0)); app.processEvents()
view.scrollToBottom(); app.processEvents(); settle()
assert model.index(rows - 1, 0).data()
print(json.dumps({"rows": rows, "first_page_s": first, "scroll_s": time.perf_counter() - started,
                  "held": model.fetched_rows(),
                  "peak_mb": peak_mb()}))
db.close()
"""


def make_decisions(path: Path, count: int, *, searchable: bool = False) -> None:
    """A database holding only ``count`` decisions (the 1,000,000-row scrolling test), with
    their search documents if ``searchable``."""
    import uuid
    from datetime import date, timedelta

    from sqlalchemy import insert

    from workbook.domain.models import Decision
    from workbook.opening import open_database

    db = open_database(path, backup=False)
    try:
        for start in range(0, count, 50_000):
            with db.unit() as session:
                session.execute(
                    insert(Decision),
                    [
                        {
                            "id": uuid.uuid4(),
                            "number": f"D-{i:07d}",
                            "title": f"Beschluss {i}",
                            "decided_on": date(1990, 1, 1) + timedelta(days=i // 40),
                            "text": "Der Vorstand beschließt das vorgelegte Konzept.",
                            "consensus": True,
                            "status": "adopted",
                            "version": 1,
                        }
                        for i in range(start, min(count, start + 50_000))
                    ],
                )
        if searchable:
            from workbook.store.search import reindex

            with db.unit() as session:
                reindex(session)
    finally:
        db.close()


def scale_curve(sizes: tuple[int, ...], work: Path) -> dict[str, Any]:
    """The decisions list at each size: opened (count + first page), searched for a word of
    every decision and for one of about one in a hundred (count + first page, median of
    three), and exported to xlsx."""
    from workbook.exchange.xlsx_export import export_xlsx
    from workbook.opening import open_database
    from workbook.services import count_rows, list_page
    from workbook.services.records import ListQuery

    curve: dict[str, Any] = {}
    for size in sizes:
        path = work / f"decisions-{size}.sqlite"
        started = time.perf_counter()
        make_decisions(path, size, searchable=True)
        point: dict[str, Any] = {"generate_s": round(time.perf_counter() - started, 1)}
        db = open_database(path, backup=False)
        try:
            with db.unit() as session:
                for name, query in (
                    ("open", None),
                    ("every", "beschluss"),
                    ("some", "beschluss 12"),
                ):
                    times = []
                    for _run in range(3):
                        started = time.perf_counter()
                        matches = count_rows(session, "decision", search=query)
                        list_page(session, "decision", ListQuery(query), limit=200, matches=matches)
                        times.append(time.perf_counter() - started)
                    point[f"{name}_ms"] = round(statistics.median(times) * 1000, 1)
                    point[f"{name}_matches"] = matches
                started = time.perf_counter()
                export_xlsx(session, work / "decisions.xlsx", entities=["decision"])
                point["export_s"] = round(time.perf_counter() - started, 2)
        finally:
            db.close()
        (work / "decisions.xlsx").unlink(missing_ok=True)
        path.unlink()
        curve[f"{size:,}"] = point
    return curve


def workbook_command() -> str:
    """The ``workbook`` console script installed beside this Python (by pip)."""
    found = shutil.which("workbook", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("the workbook command is not installed: pip install -e .")
    return found


def _command(path: Path, env: dict[str, str | None]) -> dict[str, float]:
    """One start of the installed ``workbook`` command on ``path``: seconds from launch to
    the window shown and to ready to work (it closes itself once ready)."""
    report = Path(tempfile.mkstemp(prefix="bench-start-", suffix=".json")[1])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    env = {k: v for k, v in env.items() if v is not None}
    env["WORKBOOK_START_REPORT"] = str(report)
    launched = time.time()
    subprocess.run(
        [workbook_command(), "--db", str(path), "--member", "Bench"],
        env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    marks = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    return {
        "shown": marks["shown"] - launched,
        "ready": marks["ready"] - launched,
        "before_database": marks["before_database"],
    }


def paired(rounds: int, measure: dict[str, Any]) -> list[dict[str, Any]]:
    """Each round runs every measurement once, the order flipped every other round (no
    side gains from a warm cache or a quiet moment); a list of each round's results."""
    names = list(measure)
    results = []
    for n in range(rounds):
        order = names if n % 2 == 0 else names[::-1]
        results.append({name: measure[name]() for name in order})
    return results


def ratio_of(values: list[float]) -> dict[str, float]:
    """The median and [min-max] of per-round ratios."""
    return {
        "median": round(statistics.median(values), 2),
        "min": round(min(values), 2),
        "max": round(max(values), 2),
    }


def startup(path: Path, rounds: int) -> dict[str, Any]:
    """Start-up as a user meets it, through the installed ``workbook`` command, paired round
    by round with a bare PySide6 window: the usual start (after a session that ended on the
    decisions), and the first start (nothing kept: a new configuration)."""
    base = Path(tempfile.mkdtemp(prefix="bench-start-"))
    data: dict[str, str | None] = {
        "WORKBOOK_DATA_DIR": str(base / "data"),
        "WORKBOOK_LOG_DIR": str(base / "log"),
        # as installed: pip compiles what it installs, so no start compiles the app's
        # modules; where PYTHONDONTWRITEBYTECODE is set, an editable install would compile
        # them at every start (0.3 s here). Kept outside the tree, and made by the first run.
        "PYTHONDONTWRITEBYTECODE": None,
        "PYTHONPYCACHEPREFIX": str(base / "bytecode"),
    }
    kept = {**data, "WORKBOOK_CONFIG_DIR": str(base / "kept")}
    # a session on the decisions (it takes the day's backup), which it keeps for the next
    (base / "kept").mkdir()
    (base / "kept" / "ui.ini").write_text("[main]\nsection=4\n", encoding="utf-8")
    _command(path, kept)
    firsts = iter(range(10_000))
    runs = paired(
        rounds,
        {
            "bare": lambda: _python(BARE, str(time.time()), env=data)[1]["shown"],
            "app": lambda: _command(path, kept),
            "first": lambda: _command(
                path, {**data, "WORKBOOK_CONFIG_DIR": str(base / f"first-{next(firsts)}")}
            ),
        },
    )
    shutil.rmtree(base, ignore_errors=True)
    assert all(r["app"]["before_database"] for r in runs), "the kept first page was not shown"
    median = lambda key, field: round(statistics.median(r[key][field] for r in runs), 3)  # noqa: E731
    return {
        "rounds": rounds,
        "bare_s": round(statistics.median(r["bare"] for r in runs), 3),
        "shown_s": median("app", "shown"),
        "ready_s": median("app", "ready"),
        "first_start_s": median("first", "ready"),
        "shown_ratio": ratio_of([r["app"]["shown"] / r["bare"] for r in runs]),
        "ready_ratio": ratio_of([r["app"]["ready"] / r["bare"] for r in runs]),
        "first_start_ratio": ratio_of([r["first"]["ready"] / r["bare"] for r in runs]),
    }


def scroll(path: Path) -> dict[str, float]:
    _wall, data = _python(SCROLL, str(path))
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in data.items()}


def _ms(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return (
        round(statistics.median(ordered) * 1000, 2),
        round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 2),
    )


def search_as_you_type(path: Path) -> dict[str, float]:
    from sqlalchemy import text

    from workbook.opening import open_database
    from workbook.store.search import search

    db = open_database(path, backup=False)
    keystrokes, raw = [], []
    try:
        with db.unit() as session:
            for query in QUERIES:
                for end in range(1, len(query) + 1):
                    typed = query[:end]
                    if not typed.strip():
                        continue
                    started = time.perf_counter()
                    search(session, typed, limit=50)
                    keystrokes.append(time.perf_counter() - started)
                    word = typed.split()[-1].replace('"', "")
                    started = time.perf_counter()
                    session.execute(
                        text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q LIMIT 200"),
                        {"q": f'"{word}"*'},
                    ).all()
                    raw.append(time.perf_counter() - started)
    finally:
        db.close()
    p50, p95 = _ms(keystrokes)
    raw50, raw95 = _ms(raw)
    return {"keystrokes": len(keystrokes), "p50_ms": p50, "p95_ms": p95,
            "raw_fts_p50_ms": raw50, "raw_fts_p95_ms": raw95}  # fmt: skip


def sort_and_filter(path: Path, *, runs: int = 3) -> dict[str, Any]:
    """Each sort and filter ``runs`` times: the median, and the first run (a cold cache)."""
    from workbook.opening import open_database
    from workbook.services import count_rows, list_rows, spec_for

    def sort(key: str, descending: bool) -> None:
        list_rows(session, "decision", sort=key, descending=descending, limit=200)

    def narrow(filters: dict[str, str] | None, search: str | None) -> None:
        # what the list does: count (its row count), then read the first page
        found = count_rows(session, "decision", filters=filters, search=search)
        list_rows(session, "decision", filters=filters, search=search, limit=200, matches=found)

    steps: dict[str, Any] = {}
    for column in spec_for("decision").columns:
        for descending in (False, True):
            name = f"sort {column.key}{' desc' if descending else ''}"
            steps[name] = (sort, column.key, descending)
    steps["filter status"] = (narrow, {"status": "adopted"}, None)
    steps["filter from"] = (narrow, {"from": "2015-01-01"}, None)
    steps["search"] = (narrow, None, "demokratie")
    times: dict[str, list[float]] = {name: [] for name in steps}
    db = open_database(path, backup=False)
    try:
        with db.unit() as session:
            for _run in range(runs):
                for name, (step, *args) in steps.items():
                    started = time.perf_counter()
                    step(*args)
                    times[name].append(time.perf_counter() - started)
    finally:
        db.close()
    median = {name: statistics.median(each) for name, each in times.items()}
    worst = max(median, key=median.get)  # type: ignore[arg-type]
    return {"worst": worst, "worst_ms": round(median[worst] * 1000, 1),
            "each_ms": {k: round(v * 1000, 1) for k, v in median.items()},
            "first_run_ms": {k: round(v[0] * 1000, 1) for k, v in times.items()}}  # fmt: skip


#: Searches of a list of decisions, broad to narrow: "d" matches every decision (their
#: numbers), "demokratie" about two thirds of a lifetime's.
BROAD = ("d", "demokratie", "ehrenamt netzwerk", "d 2000")


def broad_search(path: Path, *, runs: int = 5) -> dict[str, Any]:
    """What the decisions list reads on the worker when a search is typed into it: the
    count it shows, then its first page (``ui.models.records``); median of ``runs`` and the
    first run (each statement compiled for the first time, a cold cache)."""
    from workbook.opening import open_database
    from workbook.services import count_rows, list_page
    from workbook.services.records import ListQuery

    found: dict[str, Any] = {}
    db = open_database(path, backup=False)
    try:
        with db.unit() as session:
            for query in BROAD:
                counts, pages = [], []
                for _run in range(runs):
                    started = time.perf_counter()
                    matches = count_rows(session, "decision", search=query)
                    counted = time.perf_counter()
                    list_page(session, "decision", ListQuery(query), limit=200, matches=matches)
                    counts.append(counted - started)
                    pages.append(time.perf_counter() - counted)
                totals = [c + p for c, p in zip(counts, pages, strict=True)]
                found[query] = {
                    "matches": matches,
                    "count_ms": round(statistics.median(counts) * 1000, 1),
                    "page_ms": round(statistics.median(pages) * 1000, 1),
                    "total_ms": round(statistics.median(totals) * 1000, 1),
                    "first_ms": round(totals[0] * 1000, 1),
                }
    finally:
        db.close()
    return found


def dashboard_reads(path: Path, *, runs: int = 3) -> dict[str, Any]:
    """What the dashboard reads on the worker: its figures and lists, and the attention
    list's first 200 items with the count of all; median of ``runs`` and the first run."""
    from workbook.opening import open_database
    from workbook.services.attention import most_pressing
    from workbook.services.dashboard import dashboard

    times: dict[str, list[float]] = {"figures": [], "attention": []}
    db = open_database(path, backup=False)
    try:
        for _run in range(runs):
            for name, read in (
                ("figures", dashboard),
                ("attention", lambda session: most_pressing(session, 200)),
            ):
                with db.reading() as session:
                    started = time.perf_counter()
                    read(session)
                    times[name].append(time.perf_counter() - started)
    finally:
        db.close()
    return {
        f"{name}_{kind}": round(value * 1000, 1)
        for name, each in times.items()
        for kind, value in (("ms", statistics.median(each)), ("first_ms", each[0]))
    }


def backup_vs_copy(path: Path, work: Path, *, rounds: int = 5) -> dict[str, Any]:
    """Backups paired round by round with a plain copy + fsync of the same file, on a busy
    machine: one processor kept busy by another program throughout (a laptop doing other
    work; the backup cannot count on the second processor). The usual backup (one of the
    last week checked the file's structure) and the weekly one that checks it again. Every
    run starts with nothing left to write back to disk (each writes the whole file: the next
    would otherwise wait for its writes)."""
    from workbook.store.backup import create_backup, list_backups

    folder, seed = work / "backups", work / "seed"

    def copy() -> None:
        shutil.copyfile(path, work / "copy.sqlite")
        with open(work / "copy.sqlite", "rb") as handle:
            os.fsync(handle.fileno())

    def backed_up_after(seeded: bool) -> tuple[float, float]:
        """A backup into a folder holding the week's checked one (``seeded``), or nothing."""
        shutil.rmtree(folder, ignore_errors=True)
        if seeded:
            shutil.copytree(seed, folder)
        return timed(lambda: create_backup(path, "manual", directory=folder))

    def timed(job: Any) -> tuple[float, float]:
        (work / "copy.sqlite").unlink(missing_ok=True)  # the last run's, outside the time
        os.sync()
        wall, cpu = time.perf_counter(), time.process_time()
        job()
        return time.perf_counter() - wall, time.process_time() - cpu

    create_backup(path, "manual", directory=seed)  # checked: the week's check
    assert list_backups(path, directory=seed)[0].checked
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        runs = paired(
            rounds,
            {
                "copy": lambda: timed(copy),
                "backup": lambda: backed_up_after(seeded=True),
                "checked": lambda: backed_up_after(seeded=False),
            },
        )
    finally:
        busy.kill()
        busy.wait()
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(seed, ignore_errors=True)
    median = lambda key, at: round(statistics.median(r[key][at] for r in runs), 3)  # noqa: E731
    ratios = lambda key, at: ratio_of([r[key][at] / r["copy"][at] for r in runs])  # noqa: E731
    return {
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "rounds": rounds,
        "copy_s": median("copy", 0),
        "copy_cpu_s": median("copy", 1),
        "backup_s": median("backup", 0),
        "backup_cpu_s": median("backup", 1),
        "ratio": ratios("backup", 0),
        "cpu_ratio": ratios("backup", 1),
        "checked_s": median("checked", 0),
        "checked_ratio": ratios("checked", 0),
    }


def statements(path: Path) -> dict[str, int]:
    """SQL statements issued by each screen's first view of the data."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import event, text

    from ui.app import application
    from ui.detail import record_page
    from ui.models.records import RecordTableModel
    from ui.tasks import settle
    from workbook.domain.models import ENTITIES
    from workbook.opening import open_database
    from workbook.services.dashboard import dashboard

    application()
    db = open_database(path, backup=False)
    count = [0]

    def seen(*_args: Any) -> None:
        count[0] += 1

    event.listen(db.engine, "before_cursor_execute", seen)
    found: dict[str, int] = {}
    try:
        for entity in ENTITIES:
            count[0] = 0
            model = RecordTableModel(db, entity)
            settle()  # counted and the first page read, on the worker
            for row in range(min(model.rowCount(), model.page_size)):
                model.index(row, 0).data()
            found[f"list {entity}"] = count[0]
        count[0] = 0
        with db.unit() as session:
            dashboard(session)
        found["dashboard"] = count[0]
        # a record with something on each of its page's parts, at every scale
        busy = {
            "organisation": "SELECT c.organisation_id FROM contacts c JOIN partnership_partners"
            " p ON p.organisation_id = c.organisation_id JOIN organisation_tags t"
            " ON t.organisation_id = c.organisation_id LIMIT 1",
            "partnership": "SELECT partnership_id FROM goals WHERE partnership_id IN"
            " (SELECT partnership_id FROM partnership_partners) LIMIT 1",
            "decision": "SELECT id FROM decisions WHERE meeting_id IS NOT NULL LIMIT 1",
            "conflict": "SELECT conflict_id FROM conflict_steps WHERE conflict_id IN"
            " (SELECT conflict_id FROM conflict_parties) LIMIT 1",
            "meeting": "SELECT meeting_id FROM meeting_attendees WHERE meeting_id IN"
            " (SELECT meeting_id FROM decisions) LIMIT 1",
            "goal": "SELECT goal_id FROM progress_updates LIMIT 1",
        }
        for entity, sql in busy.items():
            with db.unit() as session:
                ident = ENTITIES[entity].__table__.c.id.type.python_type(
                    str(session.execute(text(sql)).scalar_one())
                )
            count[0] = 0
            record_page(db, entity, ident)
            found[f"detail {entity}"] = count[0]
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
        db.close()
    return found


def table(results: dict[str, Any]) -> str:
    """Every goal with its paired ratio: median [min-max] of the rounds, the goal, met."""
    start, backup = results["1 start-up"], results["7 backup vs copy"]
    exchange, log = results["bench.exchange"], results["bench.reports"]
    broad = results["3c broad search"]["d"]
    lines = [
        ("start-up: shown", start["shown_ratio"], 2.0),
        ("start-up: ready", start["ready_ratio"], 3.0),
        ("start-up: first start", start["first_start_ratio"], 4.0),
        ("export xlsx (XlsxWriter)", exchange["export xlsx"]["ratio"], 1.3),
        ("import preview (calamine)", exchange["preview"]["ratio"], 2.0),
        ("import preview + apply (the same + executemany)",
         exchange["preview + apply"]["ratio"], 2.0),
        ("import of new rows (the same + executemany)", exchange["new rows"]["ratio"], 2.0),
        ("decisions log PDF (Paragraph tables)", log["ratio"], 1.5),
        ("backup, busy machine (copy + fsync)", backup["ratio"], 3.0),
    ]  # fmt: skip
    rows = [f"{'goal (baseline)':<50}{'ratio [min-max]':<22}{'goal':>6}  met"]
    for name, ratio, goal in lines:
        spread = f"{ratio['median']:.2f} [{ratio['min']:.2f}-{ratio['max']:.2f}]"
        rows.append(
            f"{name:<50}{spread:<22}{goal:>5}x  {'yes' if ratio['median'] <= goal else 'no'}"
        )
    search_ms = broad["count_ms"] + broad["page_ms"]
    rows.append(f"{'broad search, every decision: count + page (ms)':<50}{search_ms:<22.1f}"
                f"{'100':>6}  {'yes' if search_ms <= 100 else 'no'}")  # fmt: skip
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "lifetime.json"))
    parser.add_argument("--quick", action="store_true", help="one repetition (for CI)")
    parser.add_argument(
        "--long-list",
        type=int,
        default=0,
        metavar="ROWS",
        help="also scroll a list of this many decisions (1000000 for the full comparison)",
    )
    parser.add_argument(
        "--curve",
        default="",
        metavar="SIZES",
        help="the decisions list opened, searched and exported at these sizes "
        "(e.g. 10000,100000,1000000)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also the export, import and report benchmarks (bench.exchange, bench.reports), "
        "then one table of every goal's paired ratio",
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows exchanged with --all")
    parser.add_argument("--decisions", type=int, default=10_000, help="decisions in the log PDF")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-lifetime-"))
    os.environ.setdefault("WORKBOOK_DATA_DIR", str(work / "data"))
    big, small = work / "lifetime.sqlite", work / "tenth.sqlite"
    started = time.perf_counter()
    counts = make(big, args.scale)
    generated = time.perf_counter() - started
    make(small, args.scale / 10)
    results: dict[str, Any] = {
        "scale": args.scale,
        "records": counts,
        "generate_s": round(generated, 1),
        "1 start-up": startup(big, 1 if args.quick else 5),
        "2 scroll decisions (tenth)": scroll(small),
        "2 scroll decisions": scroll(big),
    }
    if args.long_list:
        long_list = work / "long-list.sqlite"
        make_decisions(long_list, args.long_list)
        results[f"2 scroll decisions ({args.long_list:,})"] = scroll(long_list)
        long_list.unlink()
    results |= {
        "3 search as you type": search_as_you_type(big),
        "3b sort and filter": sort_and_filter(big),
        "3c broad search": broad_search(big),
        "3d dashboard": dashboard_reads(big),
        "7 backup vs copy": backup_vs_copy(big, work, rounds=1 if args.quick else 5),
    }
    if args.curve:
        sizes = tuple(int(size) for size in args.curve.split(","))
        results["2b decisions at scale"] = scale_curve(sizes, work)
    small_counts, big_counts = statements(small), statements(big)
    results["8 SQL statements"] = big_counts
    results["8 constant"] = small_counts == big_counts
    for name, value in results.items():
        print(f"{name:28} {json.dumps(value)}")
    if args.all:
        rounds = ["--rounds", "1" if args.quick else "5"]
        for module, more in (
            ("bench.exchange", ["--rows", str(args.rows)]),
            ("bench.reports", ["--decisions", str(args.decisions)]),
        ):
            out = work / f"{module}.json"
            subprocess.run(
                [sys.executable, "-m", module, *more, *rounds, "--json", str(out)],
                cwd=ROOT, check=True,
            )  # fmt: skip
            results[module] = json.loads(out.read_text(encoding="utf-8"))
        print()
        print(table(results))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return results


if __name__ == "__main__":
    main()
