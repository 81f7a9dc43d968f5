"""Every report of the demo in German and English as PDF, every page as PNG to look at,
and the first page of each into docs/screenshots/reports (the README shows them).

python -m tools.report_pages                 # docs/screenshots/reports, pages in a temp dir
python -m tools.report_pages OUT PAGES_DIR   # elsewhere
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

#: The demo's day: the pictures stay the same from one run to the next.
DAY = date(2026, 11, 25)


def reports(session: object) -> list[tuple[str, str, dict[str, object]]]:
    """Each report as a user prints it: its name, kind and options."""
    from workbook import services
    from workbook.privacy import person_data

    def first(entity: str, **where: object) -> object:
        return services.list_rows(session, entity, limit=1, **where)[0].id  # type: ignore[arg-type]

    agreement = {"partnership_id": first("partnership", search="macht Schule")}
    return [
        ("agreement", "agreement", agreement),
        ("decisions", "decisions", {}),
        ("conflicts", "conflicts", {}),
        ("goals", "goals", {}),
        ("directory", "directory", {}),
        ("person", "person", {"data": person_data(session, first("contact"))}),  # type: ignore[arg-type]
        ("meeting", "meeting", {"record_id": first("meeting")}),
        ("decision", "decision", {"record_id": first("decision")}),
        ("conflict", "conflict", {"record_id": first("conflict")}),
        ("partner", "partner", {"record_id": first("organisation")}),
    ]


def main(out_dir: str = "docs/screenshots/reports", pages_dir: str | None = None) -> int:
    from workbook.demo import load_demo
    from workbook.opening import open_database
    from workbook.reports import generate

    target, pages = Path(out_dir), Path(pages_dir or tempfile.mkdtemp(prefix="report-pages-"))
    target.mkdir(parents=True, exist_ok=True)
    pages.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="report-demo-"))
    db = open_database(home / "demo.sqlite", member="Anna Schmitz")
    with db.unit() as session:
        load_demo(session, today=DAY)
    with db.unit() as session:
        jobs = [
            (f"{name}-{language}", kind, {**options, "language": language})
            for name, kind, options in reports(session)
            for language in ("de", "en")
        ]
        agreement = jobs[0][2]["partnership_id"]
        jobs.append(
            (
                "agreement-de+en-side-by-side",
                "agreement",
                {"partnership_id": agreement, "language": "de+en", "side_by_side": True},
            )
        )
        for name, kind, options in jobs:
            pdf = pages / f"{name}.pdf"
            count = generate(session, kind, pdf, **options)
            subprocess.run(["pdftoppm", "-r", "70", "-png", pdf, pages / name], check=True)
            first_page = ["-f", "1", "-l", "1", "-singlefile", pdf, target / name]
            subprocess.run(["pdftoppm", "-r", "70", "-png", *first_page], check=True)
            print(f"{name}: {count} page{'s' if count > 1 else ''}")
    db.close()
    shutil.rmtree(home, ignore_errors=True)
    print(f"first pages in {target}, every page in {pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
