"""Reports from the app: chosen in a dialog, written off the UI thread, opened."""

from __future__ import annotations

from workbook.demo import load_demo


def test_print_dialog_writes_the_agreement_and_previews_it(window, sqlite_db, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

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
    dialog = window.open_report()
    dialog.kind.setCurrentIndex(dialog.kind.findData("agreement"))
    dialog.path.setText(str(tmp_path / "x.pdf"))
    dialog.generate()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=30000)
    assert "for one partnership" in dialog.error.text()
