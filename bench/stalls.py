"""Does every click answer at once? The stories a member clicks through, driven with real
input events on the real window, over (a) the lifetime SQLite file and (b) PostgreSQL behind
a loopback proxy that adds 10 ms each way (a shared server over the internet).

Run: python -m bench.stalls [--scale 1.0] [--pg-scale 0.1] [--rounds 5] [--no-postgres]
    [--json bench/results/stalls.json]

For each story and round:
- the longest UI-thread stall: the widest gap between two beats of a 1 ms timer on the GUI
  thread, from the click until the result shows (goal: <= 50 ms; p99 of all gaps <= 16 ms
  on the file);
- the time until the result shows, and the database time of the operations the click
  caused (their run time on the worker); the ratio of the two (goal: <= 1.5x).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.run import ROOT, make

DELAY_S = 0.010  # each way
SEARCH_PAUSE_S = 0.150  # ``RecordListView._search_timer``


class Beats:
    """A 1 ms timer on the GUI thread; the gaps between its beats are the UI's stalls."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._beat)
        self._timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def mark(self) -> int:
        self._last = time.perf_counter()
        return len(self.gaps)

    def stop(self) -> None:
        self._timer.stop()


class Worker:
    """How long the operations ran on the database worker (their own database time)."""

    def __init__(self) -> None:
        from ui import tasks

        self.busy = 0.0
        runner = tasks.runner()
        submit = runner.submit

        def timed(fn: Callable[[], Any], done: Any, *, counts: bool = True) -> Any:
            def run() -> Any:
                started = time.perf_counter()
                try:
                    return fn()
                finally:
                    self.busy += time.perf_counter() - started

            return submit(run, done, counts=counts)

        runner.submit = timed  # type: ignore[method-assign]


def _wait(app: Any, done: Callable[[], bool], timeout: float = 60.0) -> None:
    from ui import tasks

    deadline = time.monotonic() + timeout
    while not (done() and tasks.runner().idle):
        if time.monotonic() > deadline:
            raise TimeoutError("the result did not show")
        app.processEvents()
        time.sleep(0.0005)


def stories(window: Any) -> dict[str, tuple[Callable[[], None], Callable[[], bool]]]:
    """Each story: what the member does (real events), and when its result shows."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.record_form import RecordForm

    left = Qt.MouseButton.LeftButton
    decisions = window.show_view("decision")
    state: dict[str, Any] = {"row": 3}

    def row_point(row: int) -> Any:
        return decisions.table.visualRect(decisions.model.index(row, 2)).center()

    def select() -> None:
        state["row"] = (state["row"] + 1) % 10
        state["title"] = decisions.model.index(state["row"], 2).data()
        QTest.mouseClick(decisions.table.viewport(), left, pos=row_point(state["row"]))

    def selected() -> bool:
        return bool(state["title"]) and state["title"] in decisions.detail.toPlainText()

    def open_form() -> None:
        state["forms"] = set(window.findChildren(RecordForm))
        QTest.mouseClick(decisions.edit_button, left)

    def form() -> RecordForm | None:
        fresh = [f for f in window.findChildren(RecordForm) if f not in state["forms"]]
        return next((f for f in fresh if f.isVisible()), None)

    def save() -> None:
        opened = form()
        assert opened is not None
        state["saving"] = opened
        QTest.keyClicks(opened.widget("rationale"), " ok")
        save_button = opened.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Save
        )
        QTest.mouseClick(save_button, left)

    def delete() -> None:
        state["count"] = decisions.model.rowCount()
        QTest.mouseClick(decisions.table.viewport(), left, pos=row_point(0))
        QTest.mouseClick(decisions.delete_button, left)

    def search() -> None:
        state["count"] = decisions.model.rowCount()
        decisions.search.clear()
        QTest.keyClicks(decisions.search, "klima")

    def switch() -> None:
        window.activateWindow()
        partners = window.nav.visualItemRect(window.nav.item(1)).center()
        QTest.mouseClick(window.nav.viewport(), left, pos=partners)

    def clear() -> None:
        decisions.search.clear()

    return {
        "select": (select, selected),
        "open form": (open_form, lambda: form() is not None),
        "save": (save, lambda: not state["saving"].isVisible()),
        "delete": (delete, lambda: decisions.model.rowCount() == state["count"] - 1),
        "search": (search, lambda: decisions.model.rowCount() not in (0, state["count"])),
        "switch section": (
            switch,
            lambda: window.views["organisation"].model.index(0, 0).data() is not None,
        ),
        # back to the whole list of decisions for the next round
        "back": (
            lambda: (clear(), window.show_view("decision")),
            lambda: (
                not decisions._search_timer.isActive()
                and decisions.model.rowCount() == state["count"]
            ),
        ),
    }


def drive(location: str, rounds: int) -> dict[str, Any]:
    """The stories ``rounds`` times over ``location`` in the real window."""
    from PySide6.QtWidgets import QMessageBox

    from ui.app import application
    from ui.main_window import MainWindow
    from workbook.opening import open_database

    app = application()
    QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    db = open_database(location, member="Bench")
    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    worker = Worker()
    _wait(app, lambda: window.show_view("decision").model.rowCount() > 0)
    found: dict[str, list[dict[str, float]]] = {}
    beats = Beats()
    steps = stories(window)
    all_gaps: list[float] = []
    for _round in range(rounds):
        for name, (act, shows) in steps.items():
            first = beats.mark()
            busy = worker.busy
            started = time.perf_counter()
            act()
            try:
                _wait(app, shows)
            except TimeoutError as exc:
                raise TimeoutError(f"{name}: the result did not show") from exc
            took = time.perf_counter() - started
            gaps = beats.gaps[first:] or [took]
            all_gaps += gaps
            if name != "back":
                found.setdefault(name, []).append(
                    {"stall": max(gaps), "shown": took, "database": worker.busy - busy}
                )
    beats.stop()
    window.close()
    db.close()
    ordered = sorted(all_gaps)
    report: dict[str, Any] = {
        "p99_gap_ms": round(ordered[int(len(ordered) * 0.99)] * 1000, 1),
        "longest_gap_ms": round(ordered[-1] * 1000, 1),
    }
    for name, runs in found.items():
        # the list searches once typing pauses (150 ms): that wait is the design, not a cost
        waits = SEARCH_PAUSE_S if name == "search" else 0.0
        ratios = [(r["shown"] - waits) / r["database"] for r in runs if r["database"] > 0]
        report[name] = {
            "stall_ms": round(statistics.median(r["stall"] for r in runs) * 1000, 1),
            "stall_max_ms": round(max(r["stall"] for r in runs) * 1000, 1),
            "shown_ms": round(statistics.median(r["shown"] for r in runs) * 1000, 1),
            "database_ms": round(statistics.median(r["database"] for r in runs) * 1000, 1),
            "shown_to_database": round(statistics.median(ratios), 2) if ratios else None,
        }
    return report


# -- a shared server over a slow line -----------------------------------------------------------
class SlowLine:
    """A loopback TCP proxy that holds every chunk ``DELAY_S`` before passing it on, each way."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._connection, "127.0.0.1", 0)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _connection(self, reader: Any, writer: Any) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        await asyncio.gather(
            self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer)
        )

    async def _pipe(self, reader: Any, writer: Any) -> None:
        try:
            while chunk := await reader.read(65536):
                await asyncio.sleep(DELAY_S)
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()


def postgres(scale: float, rounds: int) -> dict[str, Any]:
    from sqlalchemy.engine import make_url

    from tools.pgserver import LocalPostgres, find_bin_dir
    from workbook.lifetime import generate
    from workbook.opening import open_database

    bin_dir = find_bin_dir()
    if bin_dir is None:
        return {"skipped": "no PostgreSQL server binaries"}
    server = LocalPostgres(bin_dir)
    url = server.start()
    try:
        db = open_database(url, member="Bench")
        try:
            with db.unit() as session:
                counts = generate(session, scale=scale)
        finally:
            db.close()
        parsed = make_url(url)
        line = SlowLine(parsed.host or "127.0.0.1", int(parsed.port or 5432))
        slow = parsed.set(port=line.port).render_as_string(hide_password=False)
        return {"scale": scale, "decisions": counts["decisions"], **drive(slow, rounds)}
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--pg-scale", type=float, default=0.1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "stalls.json"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="bench-stalls-"))
    os.environ.setdefault("WORKBOOK_DATA_DIR", str(work / "data"))
    os.environ.setdefault("WORKBOOK_CONFIG_DIR", str(work / "config"))
    path = work / "lifetime.sqlite"
    counts = make(path, args.scale)
    results: dict[str, Any] = {
        "file": {
            "scale": args.scale,
            "decisions": counts["decisions"],
            **drive(str(path), args.rounds),
        }
    }
    if not args.no_postgres:
        results["server, 10 ms each way"] = postgres(args.pg_scale, args.rounds)
    for where, report in results.items():
        print(where)
        for name, value in report.items():
            print(f"  {name:16} {json.dumps(value)}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
