"""Reports from the app: chosen in a dialog, written off the UI thread, opened."""

from __future__ import annotations

from tests.demo import fill
from tests.ui.people import settle


def test_print_dialog_writes_the_agreement_and_previews_it(window, sqlite_db, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    fill(sqlite_db)
    dialog = window.reports.open_report()
    settle(qtbot)  # the partnerships it offers are read
    dialog.kind.setCurrentIndex(dialog.kind.findData("agreement"))
    dialog.partnership.setCurrentIndex(dialog.partnership.findText("Demokratie macht Schule"))
    dialog.path.setText(str(tmp_path / "vertrag.pdf"))
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        dialog.generate()
    assert (tmp_path / "vertrag.pdf").read_bytes().startswith(b"%PDF")
    assert dialog.pages >= 1
    assert "Report written" in window.statusBar().currentMessage()
    preview = dialog.preview
    qtbot.addWidget(preview)
    assert preview.isVisible()
    assert preview.document.pageCount() == dialog.pages
    assert preview.pages.text() == f"{dialog.pages} pages"
    # printing renders every page onto the printer (here: a PDF file)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == dialog.pages
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_agreement_without_partnership_is_explained(window, qtbot, tmp_path):
    dialog = window.reports.open_report()
    dialog.kind.setCurrentIndex(dialog.kind.findData("agreement"))
    dialog.path.setText(str(tmp_path / "x.pdf"))
    dialog.generate()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=30000)
    assert "for one partnership" in dialog.error.text()


def test_printing_from_a_selected_partnership_prints_its_agreement_in_german(
    window, sqlite_db, qtbot, tmp_path
):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from tests.ui.people import Volunteer
    from ui import i18n
    from ui.main_window import MainWindow

    fill(sqlite_db)
    i18n.install("de")
    try:
        german = MainWindow(sqlite_db)
        qtbot.addWidget(german)
        german.show()
        german.activateWindow()
        qtbot.waitUntil(german.isActiveWindow)
        me = Volunteer(german, qtbot, None)
        view = me.select("partnership", "Demokratie macht Schule")
        dialog = me.print_selected(view)
        # it starts on the selected record: its partnership's agreement
        assert dialog.kind.currentData() == "agreement"
        assert dialog.partnership.currentText() == "Demokratie macht Schule"
        dialog.open_after.setChecked(False)
        dialog.path.setText(str(tmp_path / "vertrag.pdf"))

        buttons = dialog.findChild(QDialogButtonBox)
        with qtbot.waitSignal(dialog.accepted, timeout=30000):
            qtbot.mouseClick(
                buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
            )
        assert QApplication.activeModalWidget() is None  # no error after a print
        from tests.workbook.test_reports import pdf_text

        flat = " ".join(pdf_text(tmp_path / "vertrag.pdf").split())
        assert "Partnerschaftsvereinbarung Demokratie macht Schule" in flat

        # all partnerships chosen for an agreement: said in German, no command-line option
        again = german.reports.open_report()
        settle(qtbot)
        again.kind.setCurrentIndex(again.kind.findData("agreement"))
        again.partnership.setCurrentIndex(0)
        again.path.setText(str(tmp_path / "x.pdf"))
        qtbot.mouseClick(
            again.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
        qtbot.waitUntil(lambda: bool(again.error.text()), timeout=30000)
        assert again.error.text() == (
            "Die Vereinbarung gilt für eine Partnerschaft: Wählen Sie, für welche."
        )
    finally:
        i18n.install("en")


def test_a_meeting_prints_its_minutes_from_its_page(window, sqlite_db, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.ui.people import Volunteer
    from tests.workbook.test_reports import pdf_text
    from ui.dialogs.report import ReportDialog
    from workbook import services

    fill(sqlite_db)
    with sqlite_db.unit() as s:
        row = services.list_rows(s, "meeting", limit=1)[0]
        meeting = services.get(s, "meeting", row.id)
        title, attendees = meeting.title, [c.name for c in meeting.attendees]
    window.show()
    me = Volunteer(window, qtbot, None)
    view = me.select("meeting", title)
    button = next(b for b, _cb in view._actions if b.text() == "Print…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(ReportDialog) if d.isVisible())
    settle(qtbot)
    assert dialog.kind.currentText() == f"Minutes of the meeting: {title}"
    assert dialog.kind.count() == 1 and not dialog.partnership.isEnabled()
    dialog.open_after.setChecked(False)
    dialog.path.setText(str(tmp_path / "minutes.pdf"))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    text = pdf_text(tmp_path / "minutes.pdf")
    assert "Minutes" in text and title in text
    for name in attendees:
        assert name in text
    assert "Report written" in window.statusBar().currentMessage()
