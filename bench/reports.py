"""The decisions log as a ratio to bare reportlab tables of the same rows (same run).

Run: python -m bench.reports [--decisions 1000] [--rounds 5] [--json FILE]

The goal's baseline, reportlab tables of plain Paragraphs holding the same text in 200-row
chunks (the same rows, wrapped to the same columns), is paired with the log round by round
(the order flipped every other round; median and [min-max] of the per-round ratios, wall and
processor time). One LongTable of strings cut to 60 characters (no wrapping, far fewer
pages) is timed once, for reference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path


def _rows(session):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from workbook.domain.models import Decision

    return session.execute(
        select(
            Decision.number,
            Decision.decided_on,
            Decision.title,
            Decision.text,
            Decision.rationale,
            Decision.consensus,
            Decision.votes_for,
            Decision.votes_against,
            Decision.votes_abstain,
            Decision.status,
        ).order_by(Decision.decided_on, Decision.number)
    ).all()


def bare_paragraphs(db, out: Path) -> int:  # type: ignore[no-untyped-def]
    """The same cells as plain Paragraphs in 200-row LongTables, reportlab's defaults."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    with db.reading() as session:
        data = [
            [
                Paragraph(f"{escape(n)} {d.isoformat()}", style),
                Paragraph(escape(f"{t} {x} {r or ''}"), style),
                Paragraph("consensus" if c else f"{vf or 0}-{va or 0}-{vb or 0}", style),
                Paragraph(escape(s), style),
            ]
            for n, d, t, x, r, c, vf, va, vb, s in _rows(session)
        ]
    story = [
        LongTable(
            [["Number", "Decision", "Vote", "Status"], *data[start : start + 200]],
            colWidths=[27 * mm, 95 * mm, 22 * mm, 26 * mm],
            repeatRows=1,
        )
        for start in range(0, len(data), 200)
    ]
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build(story)
    return doc.page


def bare_strings(db, out: Path) -> int:  # type: ignore[no-untyped-def]
    """One LongTable of strings, the text cut to 60 characters: no wrapping at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import LongTable, SimpleDocTemplate

    with db.reading() as session:
        data = [[n, d.isoformat(), t, x[:60], s] for n, d, t, x, *_, s in _rows(session)]
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build([LongTable([["Number", "Date", "Title", "Text", "Status"], *data], repeatRows=1)])
    return doc.page


def timed(job, *args):  # type: ignore[no-untyped-def]
    """(seconds, processor seconds, pages)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = job(*args)
    return time.perf_counter() - started, time.process_time() - cpu, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--json", default=None)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from sqlalchemy import insert

    from bench.run import paired, ratio_of
    from workbook.domain.models import Decision
    from workbook.opening import open_database
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
            "consensus": i % 3 != 0,
            "votes_for": 7 if i % 3 == 0 else None,
            "votes_against": 1 if i % 3 == 0 else None,
            "votes_abstain": 2 if i % 3 == 0 else None,
            "status": "adopted",
            "version": 1,
        }
        for i in range(args.decisions)
    ]
    with db.unit() as session:
        session.execute(insert(Decision), rows)

    def ours() -> int:
        with db.reading() as session:
            return generate(session, "decisions", work / "log.pdf")

    runs = paired(
        args.rounds,
        {
            "ours": lambda: timed(ours),
            "paragraphs": lambda: timed(bare_paragraphs, db, work / "paragraphs.pdf"),
        },
    )
    strings = timed(bare_strings, db, work / "strings.pdf")

    def median(key: str, at: int) -> float:
        return statistics.median(r[key][at] for r in runs)

    wall = ratio_of([r["ours"][0] / r["paragraphs"][0] for r in runs])
    cpu = ratio_of([r["ours"][1] / r["paragraphs"][1] for r in runs])
    pages = runs[0]["ours"][2], runs[0]["paragraphs"][2], strings[2]
    print(f"{args.decisions:,} decisions, {args.rounds} rounds")
    print(f"decisions log {median('ours', 0):.2f} s, {pages[0]} pages; bare Paragraph tables "
          f"{median('paragraphs', 0):.2f} s, {pages[1]} pages: {wall['median']:.2f}x "
          f"[{wall['min']:.2f}-{wall['max']:.2f}], processor {cpu['median']:.2f}x; "
          f"strings cut to 60 characters {strings[0]:.2f} s, {pages[2]} pages")  # fmt: skip
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(
                {
                    "decisions": args.decisions,
                    "rounds": args.rounds,
                    "ours": {"seconds": median("ours", 0), "cpu_seconds": median("ours", 1),
                             "pages": pages[0]},
                    "paragraphs": {"seconds": median("paragraphs", 0),
                                   "cpu_seconds": median("paragraphs", 1), "pages": pages[1]},
                    "strings": {"seconds": strings[0], "pages": pages[2]},
                    "ratio": wall,
                    "cpu_ratio": cpu,
                },
                indent=2,
            )
            + "\n"
        )  # fmt: skip
    db.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
