"""Render each main screen with demo data to PNG (docs/screenshots), as a user would see it."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out_dir: str = "docs/screenshots") -> int:
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="workbook-shots-"))
    for name in ("DATA", "CONFIG", "LOG"):
        os.environ[f"WORKBOOK_{name}_DIR"] = str(home / name.lower())

    from PySide6.QtWidgets import QApplication

    from ui.app import application
    from ui.main_window import SECTIONS, MainWindow
    from workbook.db import open_database
    from workbook.demo import load_demo

    app = application()
    db = open_database(home / "demo.sqlite", member="Anna Schmitz")
    with db.unit() as session:
        load_demo(session)
    window = MainWindow(db)
    window.resize(1360, 820)
    window.show()
    for row, (key, entities, _icon) in enumerate(SECTIONS):
        window.nav.setCurrentRow(row)
        if entities:
            view = window.show_view(entities[0])
            view.table.selectRow(0)
        app.processEvents()
        window.grab().save(str(target / f"{row + 1}-{key}.png"))
    popup = window.open_search()
    popup.query.setText("demo")
    popup.run_search()
    app.processEvents()
    popup.grab().save(str(target / "8-search.png"))
    popup.close()
    view = window.show_view("partnership")
    view.table.selectRow(0)
    form = view.form(view.selected()[0])
    form.show()
    app.processEvents()
    form.grab().save(str(target / "9-partnership-form.png"))
    form.close()
    window.close()
    db.close()
    QApplication.processEvents()
    print(f"screenshots written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
