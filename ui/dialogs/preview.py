"""Preview a PDF report in the app, and print it through the system's print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.dialogs.base import Dialog


class PdfPreview(Dialog):
    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="pdf-preview")
        self._path = path
        self.setWindowTitle(self.tr("Preview — {name}").format(name=Path(path).name))
        self.document = QPdfDocument(self)
        self.document.load(path)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(self.tr("{n} pages").format(n=self.document.pageCount()))
        self.pages.setObjectName("page-count")
        print_button = QPushButton(self.tr("Print…"))
        print_button.clicked.connect(self.choose_printer)
        open_button = QPushButton(self.tr("Open in PDF viewer"))
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self._path))
        )
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages)
        buttons.addStretch()
        for button in (open_button, print_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(820, 900)

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render each page at the printer's resolution; returns the pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        printed = 0
        try:
            count = self.document.pageCount()
            first = printer.fromPage() - 1 if printer.fromPage() > 0 else 0
            last = min(printer.toPage() or count, count)
            for page in range(first, last):
                if printed:
                    printer.newPage()
                area = painter.viewport()
                size = (
                    self.document.pagePointSize(page)
                    .toSize()
                    .scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                )
                image = self.document.render(page, size)
                painter.drawImage(QRect(QPoint(0, 0), size), image)
                printed += 1
        finally:
            painter.end()
        return printed
