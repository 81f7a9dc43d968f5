"""Every spreadsheet of the public test collections in tests/data/corpus, adopted and
imported: read, or refused in a sentence; never a traceback, an abort or a change."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workbook.exchange.adopt import read_table
from workbook.exchange.guard import BadSpreadsheet, check_xlsx, transitional

pytestmark = pytest.mark.slow  # the long runs: the full suite and CI, not the fast loop

ROOT = Path(__file__).parents[3]
CORPUS = ROOT / "tests" / "data" / "corpus"
SPREADSHEETS = sorted(
    p for p in CORPUS.rglob("*") if p.suffix.lower() in (".xlsx", ".xlsm", ".ods", ".csv")
)
#: a parser's or Python's own words, which no refusal may carry
PARSER_WORDS = re.compile(
    r"Error|Exception|Traceback|calamine|openpyxl|zipfile|lxml|KeyError|\bNone\b|0x[0-9a-f]"
)
LIMIT = 1024**3


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, dict]:
    """The whole corpus in one child process whose address space is capped at 1 GB."""
    home = tmp_path_factory.mktemp("corpus")

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    done = subprocess.run(
        [sys.executable, "-m", "tests.corpus", str(home / "w.sqlite"), *map(str, SPREADSHEETS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=capped,
        env={**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")},
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    return {r["file"]: r for r in reports}


def test_the_corpus_is_there_with_its_licences():
    assert len(SPREADSHEETS) > 120
    for folder in ("calamine", "tealeg-xlsx", "csv-spectrum"):
        assert any((CORPUS / folder).glob("LICENSE*")), folder


def test_every_file_is_read_or_refused_in_a_sentence(outcomes):
    assert len(outcomes) == len({p.name for p in SPREADSHEETS})
    crashes = {
        name: report[step]["crash"]
        for name, report in outcomes.items()
        for step in ("adopt", "import")
        if "crash" in report.get(step, {})
    }
    assert crashes == {}
    for name, report in outcomes.items():
        for step in ("adopt", "import"):
            refused = report.get(step, {}).get("refused")
            if refused is None:
                continue
            assert refused.startswith(f"{name}: ") and refused.endswith("."), refused
            assert not PARSER_WORDS.search(refused.removeprefix(name)), refused
        assert report["unchanged"], name  # reading and previewing write nothing


def test_the_corpus_is_read_in_bounded_memory(outcomes):
    assert max(r["peak_mb"] for r in outcomes.values()) < 300


def test_what_other_programs_wrote_is_read_as_they_show_it(outcomes):
    def adopted(name: str) -> dict:
        return outcomes[name]["adopt"]["read"]

    # Excel's own Strict Open XML
    assert adopted("strict_iso_paths.xlsx")["rows"] == 75
    # parts named with backslashes, as a Windows program zipped them
    assert adopted("issue_530.xlsx")["sheet"] == "出勤分类组织汇总表"
    # a minimal package: the workbook at the top of the zip, not in xl/
    assert adopted("minimal_package.xlsx")["rows"] == 194
    # a chart sheet first: the first worksheet is read
    assert adopted("testchartsheet.xlsx") == {"sheet": "Sheet1", "headers": ["Value"], "rows": 4}
    assert adopted("googleDocsTest.xlsx")["headers"][0] == "This is a test spreadsheet"
    assert adopted("wpsBlankLineTest.xlsx")["rows"] == 2
    assert outcomes["pass_protected.ods"]["adopt"]["code"] == "bad_spreadsheet"
    assert "password-protected" in outcomes["pass_protected.ods"]["adopt"]["refused"]
    assert "password-protected" in outcomes["pass_protected.xlsx"]["import"]["refused"]
    assert "contains macros" in outcomes["vba.xlsm"]["adopt"]["refused"]
    # a billion repeated cells in 1 KB (a denial of service of its day): refused, not read
    assert "more cells than" in outcomes["issue_594_dos.ods"]["import"]["refused"]
    # a workbook of no sheet of the app's, imported, points to adopting it
    assert "workbook adopt FILE" in outcomes["date.xlsx"]["import"]["refused"]


def test_a_strict_workbook_from_excel_reads_alike_through_both_readers():
    path = CORPUS / "calamine" / "strict_iso_paths.xlsx"
    contents = check_xlsx(path)
    assert contents.strict
    with transitional(path, contents) as copy:
        book = load_workbook(copy, read_only=True, data_only=True)
        rows = [
            ["" if v is None else v for v in row]
            for row in book.active.iter_rows(values_only=True)
            if any(v is not None for v in row)
        ]
        book.close()
    assert not copy.exists()  # the scratch copy is gone
    table = read_table(path)
    assert rows[0] == table.headers
    assert len(rows) - 1 == len(table.rows)
    assert [_plain(v) for v in rows[1]] == [_plain(v) for v in table.rows[0]]


def _plain(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


@pytest.mark.parametrize(
    "name", sorted(p.stem for p in (CORPUS / "csv-spectrum" / "csvs").glob("*.csv"))
)
def test_csv_spectrum_reads_as_its_json_says(name):
    """Commas and quotes in quotes, doubled quotes, line breaks in fields, CRLF, UTF-8."""
    path = CORPUS / "csv-spectrum" / "csvs" / f"{name}.csv"
    expected = json.loads((CORPUS / "csv-spectrum" / "json" / f"{name}.json").read_text())
    if not expected:
        with pytest.raises(BadSpreadsheet):
            read_table(path)
        return
    if isinstance(expected, dict):
        # the project publishes this one as an object, with another phone number than its
        # CSV holds (2095257564): the row is compared without it
        expected = [expected]
        expected[0].pop("Contact Phone Number")
    table = read_table(path)
    read = [dict(zip(table.headers, map(str, row), strict=False)) for row in table.rows]
    if name == "location_coordinates":
        read[0].pop("Contact Phone Number")
    # a line break inside a field is kept as the app keeps every text's: "\n"
    assert read == [{k: v.replace("\r\n", "\n") for k, v in row.items()} for row in expected]
