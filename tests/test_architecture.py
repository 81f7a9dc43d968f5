"""House rules that keep the code base in shape, checked on every run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_never_imports_qt_or_ui():
    """The import-linter contracts in pyproject.toml: workbook/ knows no PySide6 and no ui,
    and its layers import only downwards (docs/ARCHITECTURE.md)."""
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports"
    )
    assert linter, "import-linter is a test dependency"
    result = subprocess.run([linter], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_every_module_of_the_core_is_in_a_layer():
    """A module outside the layers would be free to import anything: each has its place."""
    import re
    import tomllib

    import grimp

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    placed = {name for layer in layers["layers"] for name in re.split(r"[|:]", layer)}
    placed = {name.strip() for name in placed}
    graph = grimp.build_graph("workbook")
    modules = {m.split(".")[1] for m in graph.modules if m.count(".") >= 1}
    assert modules - {"migrations"} <= placed, sorted(modules - placed)


def test_core_imports_without_qt_loaded():
    code = (
        "import sys, workbook.cli, workbook.services, workbook.demo; "
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'ui'))], 'Qt leaked'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_code_is_lint_clean_and_formatted():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is a test dependency"
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [ruff, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stdout + result.stderr


#: What the first window needs none of: the migrations (the database is at the newest
#: schema), the exchange and report libraries, the demo, the other database's dialect.
NOT_AT_START_UP = (
    "alembic",
    "mako",
    "openpyxl",
    "xlsxwriter",
    "python_calamine",
    "reportlab",
    "workbook.exchange",
    "workbook.reports",
    "workbook.demo",
    "workbook.archive",
    "ui.dialogs.exchange",
    "ui.dialogs.report",
    "sqlalchemy.dialects.postgresql",
)


#: What start-up shows the list the user left open without (``workbook.first_page``).
NOT_BEFORE_SHOWN = ("sqlalchemy", "workbook.models", "workbook.db", "workbook.services", "psycopg")

START = f"""
import sys
NOT_BEFORE_SHOWN = {NOT_BEFORE_SHOWN!r}
from ui.app import application, start
app = application()
before = []
shown = lambda window: before.extend(m for m in sys.modules if m.startswith(NOT_BEFORE_SHOWN))
window = start(sys.argv[1], "Test Member", shown=shown)
view = window.show_view("decision")
import time
deadline = time.monotonic() + 30
while view.model.index(0, 2).data() is None and time.monotonic() < deadline:
    app.processEvents()  # the list is read on the database worker
assert view.model.index(0, 2).data() == "Jahresbudget"
loaded = sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[2:])))
window.close(); window.close_database()
assert not loaded, loaded
print("shown with", sorted(before))
"""


def test_start_up_loads_only_what_the_first_window_shows(tmp_path):
    from tests.workbook import factories
    from workbook.opening import open_database

    path = tmp_path / "workbook.sqlite"
    db = open_database(path)
    with db.unit() as s:
        factories.organisation(s, "Jugendring")
        factories.decision(s, "Jahresbudget", partnership_id=factories.partnership(s).id)
    db.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    seen = []
    for _session in range(2):  # the first ends on the decisions; the next starts on them
        result = subprocess.run(
            [sys.executable, "-c", START, str(path), *NOT_AT_START_UP],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        seen.append(result.stdout.strip())
    # the first start knows nothing of the list yet: it opens the database to show it
    assert "sqlalchemy" in seen[0]
    # the next shows the list before SQLAlchemy, the models or the database are loaded
    assert seen[1] == "shown with []"


def test_the_main_window_is_a_frame_and_each_capability_small():
    """The window lays out the sections and menus; what the menus do lives by capability
    in ``ui/actions/``, each module small enough to read at once."""
    lines = lambda path: len(path.read_text(encoding="utf-8").splitlines())  # noqa: E731
    assert lines(ROOT / "ui" / "main_window.py") < 300
    capabilities = sorted((ROOT / "ui" / "actions").glob("*.py"))
    assert {p.stem for p in capabilities} >= {
        "exchange", "reports", "safety", "server", "privacy", "agreements"
    }  # fmt: skip
    assert all(lines(p) < 200 for p in capabilities), [(p.name, lines(p)) for p in capabilities]
    # per-entity actions are data beside the lists, not a chain of cases in the window
    assert 'entity == "' not in (ROOT / "ui" / "main_window.py").read_text(encoding="utf-8")


def test_the_run_two_years_ahead_moves_every_process_but_not_the_timers():
    """What .ci/run's second run rests on: a test and the commands it starts live 730 days
    ahead, while sleeps and timeouts keep real time."""
    code = (
        "import datetime, time; t = time.monotonic(); time.sleep(0.02); "
        "print(datetime.date.today().isoformat(), time.monotonic() - t < 5)"
    )
    env = {
        **os.environ,
        "WORKBOOK_TEST_DAYS_AHEAD": "730",
        "PYTHONPATH": str(ROOT / "tests" / "ahead"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    from datetime import date, timedelta

    assert out == [(date.today() + timedelta(days=730)).isoformat(), "True"]
