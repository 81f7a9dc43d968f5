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
    and the layers of each import only downwards (docs/ARCHITECTURE.md)."""
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports"
    )
    assert linter, "import-linter is a test dependency"
    result = subprocess.run([linter], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 kept, 0 broken" in result.stdout


def test_every_module_of_the_core_and_the_ui_is_in_a_layer():
    """A module outside the layers would be free to import anything: each has its place,
    in the core and the UI and inside the core's store, domain and sync."""
    import re
    import tomllib

    import grimp

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layered = {c["containers"][0]: c for c in config["contracts"] if c["type"] == "layers"}
    assert set(layered) == {"workbook", "ui", "workbook.store", "workbook.domain", "workbook.sync"}
    for package, contract in layered.items():
        placed = {name for layer in contract["layers"] for name in re.split(r"[|:]", layer)}
        placed = {name.strip() for name in placed}
        graph = grimp.build_graph(package.split(".")[0])
        depth = package.count(".") + 1
        modules = {
            m.split(".")[depth]
            for m in graph.modules
            if m.startswith(f"{package}.") and m.count(".") >= depth
        }
        assert modules - {"migrations"} <= placed, (package, sorted(modules - placed))


#: The core's imports made inside a function, each with its reason: a module's speed of
#: loading (the first window, the command line), never a cycle. Patterns (fnmatch) of the
#: importing and the imported module.
LAZY_IMPORTS = {
    ("workbook.launch", "workbook.cli"): "start-up: the window does not wait for the command line",
    ("workbook.launch", "ui.app"): "start-up: `workbook --help` does not load Qt",
    ("workbook.cli.*", "workbook*"): "the command line loads what its command needs, no more",
    ("workbook.first_page", "workbook.store.migrate"): "start-up: the first page shows before "
    "SQLAlchemy and the models are loaded",
    ("workbook.first_page", "workbook.services.*"): "start-up: as above, what keeping the "
    "page needs, when the window closes",
    ("workbook.privacy", "workbook.*"): "the package's names load their module when first "
    "used (IMPORTS_BY_NAME), its erasure too",
}
#: Where the core imports a module by its name, and why.
IMPORTS_BY_NAME = {
    "workbook/store/migrate.py": "the steps a migration leaves for the newest schema, named in "
    "its settings row",
    "workbook/privacy/__init__.py": "the package's names load their module when first used: "
    "opening needs only the erasure log",
}


def _lazy_imports() -> set[tuple[str, str]]:
    import ast

    found = set()
    for path in (ROOT / "workbook").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                names = (
                    [node.module]
                    if isinstance(node, ast.ImportFrom) and node.module and not node.level
                    else [a.name for a in node.names] if isinstance(node, ast.Import) else []
                )  # fmt: skip
                found |= {(module, n) for n in names if n.split(".")[0] in ("workbook", "ui")}
    return found


def test_every_import_inside_a_function_has_its_reason():
    """An import made inside a function can hide a cycle (db, backup and migrate imported
    each other so): each one the core makes is listed in LAZY_IMPORTS with its reason, and
    each entry there still names one."""
    from fnmatch import fnmatch

    found = _lazy_imports()
    unlisted = sorted(
        (who, what)
        for who, what in found
        if not any(fnmatch(who, a) and fnmatch(what, b) for a, b in LAZY_IMPORTS)
    )
    assert unlisted == [], "import these at the top of the module, or say why not"
    stale = [e for e in LAZY_IMPORTS if not any(fnmatch(w, e[0]) and fnmatch(x, e[1])
                                                 for w, x in found)]  # fmt: skip
    assert stale == []
    by_name = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "workbook").rglob("*.py")
        if "migrations" not in path.parts and "import_module(" in path.read_text(encoding="utf-8")
    )
    assert by_name == sorted(IMPORTS_BY_NAME)


def test_the_core_has_no_import_cycle():
    """No two modules of the core import each other, directly or round a circle, counting
    the imports inside functions (the models' classes name each other for their
    relationships: they are one package, and the only circle allowed)."""
    import grimp

    graph = grimp.build_graph("workbook")
    modules = sorted(m for m in graph.modules if m.startswith("workbook."))
    imports = {
        m: {x for x in graph.find_modules_directly_imported_by(m) if x.startswith("workbook.")}
        for m in modules
    }
    circles = []
    for module in modules:  # a circle through ``module``: it reaches itself
        seen, todo = set(), list(imports[module])
        while todo:
            current = todo.pop()
            if current == module:
                circles.append(module)
                break
            if current not in seen:
                seen.add(current)
                todo += imports.get(current, ())
    assert [m for m in circles if not m.startswith("workbook.domain.models.")] == []


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
NOT_BEFORE_SHOWN = (
    "sqlalchemy",
    "workbook.domain.models",
    "workbook.store.db",
    "workbook.services",
    "psycopg",
)

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
