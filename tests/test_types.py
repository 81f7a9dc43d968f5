"""The types are checked: mypy over the core and the UI, as configured in pyproject.toml.

The core has no error. The UI's count (most are the Qt stubs' ignorance of the keyword
properties PySide6 takes, ``QSpinBox(objectName=...)``) is held by tools/mypy-ratchet.json:
it may only fall, and the file says where it stands.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RATCHET = ROOT / "tools" / "mypy-ratchet.json"


@pytest.mark.slow
def test_types_check_and_the_error_count_only_falls(tmp_path):
    wrong = tmp_path / "wrong.py"  # what the check is for: a wrong field of a typed entity
    wrong.write_text(
        "from sqlalchemy.orm import Session\n"
        "from workbook.services.decisions import DECISIONS\n"
        "from workbook.services.records import get\n"
        "def title(s: Session) -> str:\n"
        "    return get(s, DECISIONS, 'D-2026-001').titel\n"
    )
    # in a process of its own: mypy raises the collector's thresholds of the process it runs in
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "cache"), "workbook", "ui", str(wrong)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    out = result.stdout
    assert not result.stderr.strip(), result.stderr
    assert '"Decision" has no attribute "titel"' in out, out[-2000:]
    errors = [
        line for line in out.splitlines() if re.match(r"^(workbook|ui)/\S+\.py:\d+: error:", line)
    ]
    counts = Counter(line.split("/", 1)[0] for line in errors)
    allowed = {k: v for k, v in json.loads(RATCHET.read_text()).items() if k != "_"}
    for package, limit in allowed.items():
        found = counts.get(package, 0)
        mine = "\n".join(line for line in errors if line.startswith(package + "/"))
        assert found <= limit, f"{package}: {found} type errors, at most {limit}:\n{mine}"
        assert found == limit, f"{package} has {found} type errors now: lower {RATCHET.name}"
    assert set(counts) <= set(allowed), counts
