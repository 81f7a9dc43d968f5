"""Render the main screens and dialogs with demo data to PNG, as a user would see them.

python tools/screenshots.py docs/screenshots          # English (README)
python tools/screenshots.py docs/guide/images/de de   # German (user guide)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out_dir: str = "docs/screenshots", language: str = "en") -> int:
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="workbook-shots-"))
    for name in ("DATA", "CONFIG", "LOG"):
        os.environ[f"WORKBOOK_{name}_DIR"] = str(home / name.lower())

    from PySide6.QtWidgets import QApplication, QWidget

    from ui import i18n
    from ui.app import application
    from ui.dialogs.record_form import RecordForm
    from ui.main_window import MainWindow
    from ui.sections import SECTIONS
    from ui.tasks import settle
    from workbook import services
    from workbook.demo import load_demo
    from workbook.opening import open_database
    from workbook.store import backup

    app = application()
    i18n.install(language)
    db = open_database(home / "demo.sqlite", member="Anna Schmitz")
    with db.unit() as session:
        load_demo(session)
    window = MainWindow(db)
    window.resize(1360, 820)
    window.show()
    filled: list[bool] = []
    window.dashboard.loaded.connect(lambda: filled.append(True))
    window.dashboard.refresh()
    for _ in range(200):  # the dashboard and its attention list are worked out off the UI thread
        app.processEvents()
        if window.dashboard.attention.items and filled:
            break
        time.sleep(0.02)

    def shot(widget: QWidget, name: str) -> None:
        settle()  # what the screen reads from the database has arrived
        app.processEvents()
        widget.grab().save(str(target / f"{name}.png"))

    for row, (key, entities, _icon) in enumerate(SECTIONS):
        window.nav.setCurrentRow(row)
        if entities:
            view = window.show_view(entities[0])
            settle()
            view.table.selectRow(0)
        shot(window, f"{row + 1}-{key}")
    popup = window.editing.open_search()
    popup.query.setText("demo")
    popup.run_search()
    shot(popup, "8-search")
    popup.close()
    view = window.show_view("partnership")
    settle()
    view.table.selectRow(0)
    view.open_form(view.selected()[0])
    settle()
    form = next(f for f in view.findChildren(RecordForm) if f.isVisible())
    shot(form, "9-partnership-form")
    form.close()
    for name, open_dialog in (
        ("10-export", window.exchange.open_export),
        ("11-import", window.exchange.open_import),
        ("12-print", window.reports.open_report),
        ("15-preferences", window.preferences.open_preferences),
        ("16-privacy-review", window.privacy.open_privacy_review),
        ("17-clauses", lambda: window.agreements.open_clauses(None)),
        ("18-adopt", window.exchange.open_adopt),
    ):
        dialog = open_dialog()
        shot(dialog, name)
        dialog.close()
    backup.backup_database(db, "manual")
    with db.unit() as session:
        services.delete(session, "decision", services.list_rows(session, "decision")[0].id)
    for name, open_dialog in (
        ("13-backups", window.safety.open_backups),
        ("14-trash", window.safety.open_trash),
    ):
        dialog = open_dialog()
        shot(dialog, name)
        dialog.close()
    window.close()
    db.close()
    QApplication.processEvents()
    print(f"screenshots written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
