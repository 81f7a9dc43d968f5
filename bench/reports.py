"""The 1,000-decision log as a ratio to a bare reportlab LongTable of the same rows (same run).

Run: python -m bench.reports [--decisions 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=1000)
    args = parser.parse_args()
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import LongTable, SimpleDocTemplate
    from sqlalchemy import insert, select

    from workbook.db import open_database
    from workbook.models import Decision
    from workbook.reports import generate

    work = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    db = open_database(work / "bench.sqlite")
    rows = [
        {
            "id": uuid.uuid4(),
            "number": f"D-2025-{i:04d}",
            "title": f"Beschluss {i}",
            "decided_on": date(2025, 1, 1) + timedelta(days=i % 365),
            "text": "Der Vorstand beschließt das vorgelegte Konzept. " * 3,
            "rationale": "Wirksam und finanzierbar.",
            "consensus": False,
            "status": "adopted",
            "version": 1,
        }
        for i in range(args.decisions)
    ]
    with db.unit() as session:
        session.execute(insert(Decision), rows)

    started = time.perf_counter()
    with db.unit() as session:
        pages = generate(session, "decisions", work / "log.pdf")
    ours = time.perf_counter() - started

    started = time.perf_counter()
    with db.unit() as session:
        data = [
            list(r)
            for r in session.execute(
                select(
                    Decision.number,
                    Decision.decided_on,
                    Decision.title,
                    Decision.text,
                    Decision.status,
                ).order_by(Decision.decided_on)
            )
        ]
    table = LongTable(
        [
            ["Number", "Date", "Title", "Text", "Status"],
            *[[n, d.isoformat(), t, x[:60], s] for n, d, t, x, s in data],
        ],
        repeatRows=1,
    )
    SimpleDocTemplate(str(work / "bare.pdf"), pagesize=A4).build([table])
    bare = time.perf_counter() - started
    print(f"{'report':<22}{'seconds':>9}{'baseline':>10}{'ratio':>7}{'pages':>7}")
    print(f"{'decisions log':<22}{ours:9.2f}{bare:10.2f}{ours / bare:7.2f}{pages:7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
