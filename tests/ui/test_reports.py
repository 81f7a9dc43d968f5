"""Reports from the app: chosen in a dialog, written off the UI thread, opened."""

from __future__ import annotations

from PySide6.QtGui import QDesktopServices

from workbook.demo import load_demo


def test_print_dialog_writes_the_agreement_and_opens_it(
    window, sqlite_db, qtbot, tmp_path, monkeypatch
):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    with sqlite_db.unit() as s:
        load_demo(s)
    dialog = window.open_report()
    dialog.kind.setCurrentIndex(dialog.kind.findData("agreement"))
    dialog.partnership.setCurrentIndex(dialog.partnership.findText("Demokratie macht Schule"))
    dialog.path.setText(str(tmp_path / "vertrag.pdf"))
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        dialog.generate()
    assert (tmp_path / "vertrag.pdf").read_bytes().startswith(b"%PDF")
    assert dialog.pages >= 1
    assert opened and opened[0].toLocalFile() == str(tmp_path / "vertrag.pdf")
    assert "Report written" in window.statusBar().currentMessage()


def test_agreement_without_partnership_is_explained(window, qtbot, tmp_path):
    dialog = window.open_report()
    dialog.kind.setCurrentIndex(dialog.kind.findData("agreement"))
    dialog.path.setText(str(tmp_path / "x.pdf"))
    dialog.generate()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=30000)
    assert "for one partnership" in dialog.error.text()
