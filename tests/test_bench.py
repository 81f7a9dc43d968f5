"""The benchmarks at a small scale: each completes, and no screen's queries grow with the data.

Times are measured by `python -m bench.run` (and bench.exchange, bench.reports, bench.crash,
bench.sync) on demand; here nothing about time is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import run

pytestmark = pytest.mark.slow  # the long runs: the full suite and CI, not the fast loop

ROOT = Path(__file__).resolve().parent.parent


def test_lifetime_benchmarks_complete_with_constant_statement_counts(tmp_path):
    results = run.main(
        ["--scale", "0.002", "--quick", "--long-list", "2500", "--all", "--rows", "300",
         "--decisions", "60", "--json", str(tmp_path / "r.json")]
    )  # fmt: skip
    for name in ("1 start-up", "2 scroll decisions", "3 search as you type", "3b sort and filter",
                 "7 backup vs copy", "8 SQL statements"):  # fmt: skip
        assert results[name], name
    assert results["2 scroll decisions"]["held"] <= 1200, "the list holds pages, not the table"
    long_list = results["2 scroll decisions (2,500)"]  # deep pages read by id
    assert long_list["rows"] == 2500 and long_list["held"] <= 1200
    assert results["8 constant"], results["8 SQL statements"]
    assert json.loads((tmp_path / "r.json").read_text())["records"]["decisions"] == 200
    # with --all: one table of every goal's paired ratio, the baseline named in each row
    lines = run.table(results).splitlines()
    assert len(lines) == 11 and lines[4].startswith("export xlsx (XlsxWriter)")
    assert lines[7].startswith("import of new rows")
    assert all(line.endswith(("yes", "no")) for line in lines[1:])


def test_exchange_reports_and_crash_benchmarks_complete(tmp_path):
    for module, args in (
        (
            "bench.exchange",
            ["--rows", "300", "--rounds", "2", "--json", str(tmp_path / "x.json")],
        ),
        ("bench.reports", ["--decisions", "60", "--rounds", "2"]),
        (
            "bench.stalls",
            [
                "--scale",
                "0.003",
                "--rounds",
                "1",
                "--no-postgres",
                "--json",
                str(tmp_path / "s.json"),
            ],
        ),
        (
            "bench.crash",
            ["--kills", "4", "--organisations", "200", "--json", str(tmp_path / "c.json")],
        ),
        (
            "bench.sync",
            [
                "--scale",
                "0.003",
                "--changes",
                "60",
                "--rounds",
                "2",
                "--json",
                str(tmp_path / "y.json"),
            ],
        ),
    ):
        done = subprocess.run(
            [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, (module, done.stderr[-2000:])
    stalls = json.loads((tmp_path / "s.json").read_text())["file"]
    assert {"select", "open form", "save", "delete", "search", "switch section"} <= set(stalls)
    synced = json.loads((tmp_path / "y.json").read_text())
    assert synced["changes"] == 60 and synced["idle_sync_ms"] > 0 and synced["bytes_per_change"] > 0
    exchanged = json.loads((tmp_path / "x.json").read_text())
    assert exchanged["rows"] == 300 and exchanged["rounds"] == 2
    for name in ("export xlsx", "preview", "preview + apply", "new rows"):
        ratio = exchanged[name]["ratio"]
        assert exchanged[name]["seconds"] > 0 and ratio["min"] <= ratio["median"] <= ratio["max"]
