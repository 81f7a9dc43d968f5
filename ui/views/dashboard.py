"""The dashboard: counts, goals due soon with progress, open conflicts, latest decisions,
and who brings what (partners x strengths)."""

from __future__ import annotations

import uuid
from concurrent.futures import Future
from html import escape

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from ui import operations, tasks
from ui.detail import STYLE, progress_bar
from ui.errors import describe
from ui.formatting import display
from ui.labels import entity_title, value_label
from ui.views.attention import AttentionPanel
from ui.views.strengths import StrengthsMatrix
from workbook.domain.enums import ConflictStatus
from workbook.domain.errors import KnownError
from workbook.services.dashboard import Dashboard, dashboard
from workbook.services.profile import get_profile
from workbook.store.db import Database

OPEN_CONFLICTS = (ConflictStatus.OPEN, ConflictStatus.IN_DIALOGUE, ConflictStatus.IN_MEDIATION)
CARD = (
    '<td bgcolor="#f1f4f8" style="padding:10px 16px"><a href="section:{entity}" '
    'style="text-decoration:none;color:#1d3557"><span style="font-size:20pt">{n}</span>'
    "<br>{label}</a></td><td width=8></td>"
)


class DashboardView(operations.Watching, QWidget):
    open_record = Signal(str, object)
    open_section = Signal(str)
    loaded = Signal()  # the page shows the database as it was when refresh() was called

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self._follow)
        self.matrix = StrengthsMatrix()
        matrix_box = QWidget()
        box = QVBoxLayout(matrix_box)
        box.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Who brings what"))
        title.setStyleSheet("font-size: 12pt; font-weight: 600; color: #2b4a6f;")
        box.addWidget(title)
        box.addWidget(self.matrix)
        self.attention = AttentionPanel(db)
        self.attention.open_record.connect(self.open_record)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.attention)
        self.splitter.addWidget(self.page)
        self.splitter.addWidget(matrix_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self._pending: Future[tuple[Dashboard, str]] | None = None
        self.refresh()
        operations.hub().changed.connect(self.on_changes)

    def on_changes(self, _said: object, _initiator: object) -> None:
        """Its figures and lists count records of every kind: any change reads them again
        (once shown, when hidden)."""
        if not self.changes_while_hidden():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.caught_up():
            self.refresh()

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "section":
            self.open_section.emit(url.path())
            return
        entity, _, ident = url.path().partition("/")
        if url.scheme() == "record" and ident:
            self.open_record.emit(entity, uuid.UUID(ident))

    def refresh(self) -> None:
        """Work out the counts and lists on the worker thread; the window does not wait."""
        if hasattr(self, "attention"):
            self.attention.reload()
        db = self._db

        def work() -> tuple[Dashboard, str]:
            with db.reading() as session:
                return dashboard(session), get_profile(session).name

        self._pending = tasks.runner().submit(work, self._show, counts=False)

    def _show(self, future: Future[tuple[Dashboard, str]]) -> None:
        # the window closed while the page was worked out, or a newer refresh is on its way
        if not shiboken6.isValid(self) or future is not self._pending:
            return
        try:
            data, name = future.result()
        except KnownError as exc:
            self.page.setPlainText(describe(exc))
            return
        heading = {
            "alliance": self.tr("Your alliance"),
            "due": self.tr("Goals due in the next 90 days"),
            "none_due": self.tr("No goals due soon."),
            "conflicts": self.tr("Open conflicts"),
            "decisions": self.tr("Latest decisions"),
        }
        parts = [STYLE, f"<h1>{escape(name or heading['alliance'])}</h1>"]
        cards = "".join(
            CARD.format(entity=e, n=n, label=escape(entity_title(e, plural=n != 1)))
            for e, n in data.counts.items()
            if e in ("organisation", "partnership", "goal", "decision", "conflict", "meeting")
        )
        parts.append(f"<table><tr>{cards}</tr></table>")

        rows = "".join(
            f'<tr><td><a href="record:goal/{g.id}">{escape(g.title)}</a></td>'
            f"<td>{escape(display(g.due_date))}</td><td>{progress_bar(g.progress)}</td>"
            f"<td class=muted>{escape(value_label(g.status))}</td></tr>"
            for g in data.goals_due
        )
        parts.append(
            f"<h2>{heading['due']}</h2>"
            + (f"<table>{rows}</table>" if rows else f"<p class=muted>{heading['none_due']}</p>")
        )

        open_counts = [(s, data.conflicts_by_status.get(s, 0)) for s in OPEN_CONFLICTS]
        conflict_cells = "".join(
            f"<td>{escape(value_label(s))}: <b>{n}</b></td>" for s, n in open_counts
        )
        parts.append(f"<h2>{heading['conflicts']}</h2><table><tr>{conflict_cells}</tr></table>")

        decision_rows = "".join(
            f'<tr><td>{escape(display(d.decided_on))}</td><td><a href="record:decision/{d.id}">'
            f"{escape(d.number)}</a></td><td>{escape(d.title)}</td>"
            f"<td class=muted>{escape(value_label(d.status))}</td></tr>"
            for d in data.latest_decisions
        )
        parts.append(f"<h2>{heading['decisions']}</h2><table>{decision_rows}</table>")

        self.page.setHtml("".join(parts))
        self.matrix.show_matrix(data.strengths, data.partners_strengths)
        self.loaded.emit()
