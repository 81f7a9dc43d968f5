"""Help: the About box and the illustrated user guide (docs/guide, Markdown) shown in the app."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.base import Dialog
from ui.settings import settings
from workbook import __version__
from workbook.store import paths
from workbook.store.db import Database


def guide_folder() -> Path:
    """docs/guide: in the bundle, beside the package (a checkout), or installed data."""
    bundled = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundled) / "docs" / "guide"] if bundled else []
    candidates += [
        Path(__file__).resolve().parents[2] / "docs" / "guide",
        Path(sys.prefix) / "share" / "alliance-workbook" / "guide",
    ]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def slug(heading: str) -> str:
    """The anchor a Markdown heading gets (as on GitHub): lower case, words joined by '-'."""
    words = re.sub(r"[^\w\s-]", "", heading.strip().lower())
    return re.sub(r"\s+", "-", words)


def _prepare(document: QTextDocument, *, max_width: int) -> None:
    """Screenshots scaled to fit, and headings made targets of the contents' links."""
    block = document.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        if block.blockFormat().headingLevel():
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            anchor = QTextCharFormat()
            anchor.setAnchor(True)
            anchor.setAnchorNames([slug(block.text())])
            cursor.mergeCharFormat(anchor)
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().isImageFormat():
                image = fragment.charFormat().toImageFormat()
                source = document.resource(QTextDocument.ResourceType.ImageResource, image.name())
                width = getattr(source, "width", lambda: 0)()
                if width > max_width:
                    image.setWidth(max_width)
                    image.setHeight(source.height() * max_width / width)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(image)
            it += 1
        block = block.next()


class AboutDialog(Dialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="about")
        self.setWindowTitle(self.tr("About Alliance Workbook"))
        text = self.tr(
            "<h3>Alliance Workbook {version}</h3>"
            "<p>Partners, partnerships, shared goals, decisions, conflicts and meetings of an "
            "association, kept offline.</p>"
            "<p>Licence: GNU General Public License, version 3 or later.</p>"
            "<table>"
            "<tr><td>Database:</td><td>{database}</td></tr>"
            "<tr><td>Data folder:</td><td>{data}</td></tr>"
            "<tr><td>Settings:</td><td>{settings}</td></tr>"
            "<tr><td>Log file:</td><td>{log}</td></tr>"
            "</table>"
        ).format(
            version=__version__,
            database=db.location + (self.tr(" (read-only)") if db.read_only else ""),
            data=paths.data_dir(),
            settings=settings().fileName(),
            log=paths.log_dir() / "workbook.log",
        )
        label = QLabel(text, objectName="about")
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            label.textInteractionFlags() | label.textInteractionFlags().TextSelectableByMouse
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)


class GuideDialog(Dialog):
    """The user guide in the app's language, with its screenshots."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="guide")
        self.setWindowTitle(self.tr("User guide"))
        self.resize(900, 760)
        folder = guide_folder()
        page = folder / f"{language}.md"
        if not page.exists():
            page = folder / "en.md"
        self.browser = QTextBrowser(objectName="guide")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSearchPaths([str(folder)])
        if page.exists():
            self.browser.setMarkdown(page.read_text(encoding="utf-8"))
            _prepare(self.browser.document(), max_width=760)
        else:
            self.browser.setPlainText(self.tr("The user guide is not installed."))
        self.page = page
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.fragment():
            self.browser.scrollToAnchor(url.fragment())
