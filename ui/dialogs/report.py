"""File > Print / Export PDF: choose a report, write it off the UI thread, open it."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.dialogs.base import Dialog, error_label
from ui.dialogs.preview import PdfPreview
from ui.errors import write_failure
from ui.fields import DateInput
from ui.formatting import date_style
from ui.i18n import shown_language
from ui.tasks import Operation
from workbook import services
from workbook.domain.progress import Progress
from workbook.store.db import Database

#: The report a list's selection asks for: printing from the partnerships prints the
#: selected partnership's agreement, from the decisions the decisions log.
REPORT_OF = {
    "partnership": "agreement",
    "decision": "decisions",
    "conflict": "conflicts",
    "goal": "goals",
    "organisation": "directory",
    "contact": "directory",
}


#: The record each record's sheet prints, by the kind of record its list shows.
SHEET_OF = {
    "meeting": "meeting",
    "decision": "decision",
    "conflict": "conflict",
    "organisation": "partner",
}


class ReportDialog(Dialog):
    """Choose a report and write it. With ``record`` (its kind of record, id and caption)
    it prints that one record: a meeting's minutes, a decision, a conflict, a partner."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
        partnership_id: uuid.UUID | None = None,
        record: tuple[str, uuid.UUID, str] | None = None,
    ) -> None:
        super().__init__(parent, geometry_key="report")
        self._db = db
        self.record_id = record[1] if record else None
        self.setWindowTitle(self.tr("Print / export PDF"))
        self.kind = QComboBox(objectName="kind")
        if record is not None:  # this one record's sheet, and nothing else to choose
            entity, _ident, caption = record
            sheet = {
                "meeting": self.tr("Minutes of the meeting: {title}"),
                "decision": self.tr("Decision: {title}"),
                "conflict": self.tr("Conflict with its timeline: {title}"),
                "organisation": self.tr("Partner sheet: {title}"),
            }[entity]
            self.kind.addItem(sheet.format(title=caption), SHEET_OF[entity])
        else:
            for key, title in (
                ("agreement", self.tr("Partnership agreement")),
                ("decisions", self.tr("Decisions log")),
                ("conflicts", self.tr("Conflicts log")),
                ("goals", self.tr("Goals and impact")),
                ("directory", self.tr("Partner directory")),
            ):
                self.kind.addItem(title, key)
        self.partnership = QComboBox(objectName="partnership")
        self.partnership.addItem(self.tr("All partnerships"), None)
        self.start, self.end = DateInput(), DateInput()
        self.letter = QCheckBox(self.tr("US Letter paper (instead of A4)"))
        self.bilingual = QCheckBox(self.tr("In German and English"), objectName="bilingual")
        self.side_by_side = QCheckBox(
            self.tr("Side by side, each section beside its translation (else one after the other)")
        )
        self.side_by_side.setObjectName("side_by_side")
        self.side_by_side.setEnabled(False)
        self.bilingual.toggled.connect(
            lambda on: self.side_by_side.setEnabled(on and self.kind.currentData() == "agreement")
        )
        self.open_after = QCheckBox(self.tr("Show a preview when it is ready"), checked=True)
        self.path = QLineEdit(str(Path.home() / "report.pdf"), objectName="path")
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Report"), self.kind)
        form.addRow(self.tr("Partnership"), self.partnership)
        form.addRow(self.tr("Decisions from"), self.start)
        form.addRow(self.tr("to"), self.end)
        form.addRow("", self.bilingual)
        form.addRow("", self.side_by_side)
        form.addRow("", self.letter)
        form.addRow(self.tr("File"), self.path)
        form.addRow("", self.open_after)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.generate)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._update)
        if kind is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self._update()
        self.pages = 0
        # the partnerships are read on the worker; printing waits for them
        operations.read(self, db, lambda s: services.captions(s, "partnership")).busy(
            buttons
        ).success(lambda found: self._offer(found, partnership_id)).run()

    def _offer(self, partnerships: list[tuple[Any, str]], chosen: Any) -> None:
        for record_id, caption in partnerships:
            self.partnership.addItem(caption, str(record_id))
        if chosen is not None:
            self.partnership.setCurrentIndex(max(self.partnership.findData(str(chosen)), 0))
        self._update()

    def _update(self) -> None:
        kind = self.kind.currentData()
        if kind == "agreement" and self.partnership.currentData() is None:
            # an agreement is one partnership's: the first, until the user chooses
            self.partnership.setCurrentIndex(min(1, self.partnership.count() - 1))
        self.partnership.setEnabled(kind not in ("directory", *SHEET_OF.values()))
        self.bilingual.setEnabled(kind == "agreement")
        self.side_by_side.setEnabled(kind == "agreement" and self.bilingual.isChecked())
        self.start.setEnabled(kind == "decisions")
        self.end.setEnabled(kind == "decisions")
        self.path.setText(str(Path(self.path.text()).with_name(f"{kind}.pdf")))

    def generate(self) -> None:
        from workbook.reports import agreement_language, generate

        kind, target = self.kind.currentData(), Path(self.path.text()).expanduser()
        chosen = self.partnership.currentData()
        options = {"partnership_id": uuid.UUID(chosen) if chosen else None}
        if kind == "decisions":
            options.update(start=self.start.date_value(), end=self.end.date_value())
        if kind == "directory":
            options = {}
        if kind in SHEET_OF.values():
            options = {"record_id": self.record_id}
        letter = self.letter.isChecked()
        dates = date_style()
        # The report speaks the user's language; an agreement the one it is written in,
        # or both
        shown, bilingual = shown_language(), self.bilingual.isChecked()
        side_by_side = bilingual and self.side_by_side.isChecked()

        def work(progress: Progress) -> int:
            with self._db.unit() as session:
                language = shown
                if kind == "agreement" and options["partnership_id"]:
                    language = agreement_language(session, options["partnership_id"]) or shown
                    if bilingual:
                        language += "+en" if language == "de" else "+de"
                return generate(
                    session,
                    kind,
                    target,
                    letter=letter,
                    progress=progress,
                    language=language,
                    dates=dates,
                    side_by_side=side_by_side,
                    **options,
                )

        self.error.clear()
        self.setEnabled(False)
        self.operation = (
            Operation(self, work)
            .success(self._done)
            .failure(self._failed)
            .run(label=self.tr("Writing the report…"))
        )

    def _done(self, pages: int) -> None:
        self.setEnabled(True)
        self.pages = pages
        self.preview = None
        if self.open_after.isChecked():
            self.preview = PdfPreview(self.path.text(), self.parentWidget())
            self.preview.open()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.error.setText(write_failure(error, self.path.text()))
