"""File > Export and File > Import: the spreadsheet round trip with partners, in the app."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from ui import operations
from ui.dialogs.base import Dialog, choose_file_into, error_label, rows_table, show_rows
from ui.errors import write_failure
from ui.i18n import _t, shown_language
from ui.labels import entity_title, status_word
from ui.models.import_rows import ImportRowsModel
from ui.refusals import notice
from ui.tasks import Operation, WorkingPage
from workbook import services
from workbook.domain.progress import Progress
from workbook.exchange.importer import (
    ImportPreview,
    apply,
    preview,
)
from workbook.store.backup import before_import
from workbook.store.db import Database


def _file_row(parent: QWidget, line: QLineEdit, pick: Any) -> QHBoxLayout:
    row = QHBoxLayout()
    browse = QPushButton(_t("Choose…"))
    browse.clicked.connect(pick)
    row.addWidget(line, 1)
    row.addWidget(browse)
    return row


class ExportDialog(Dialog):
    """What to export (all, one partnership, one partner; xlsx or CSV) and where."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="export")
        self._db = db
        self.setWindowTitle(self.tr("Export"))
        self.xlsx = QRadioButton(self.tr("Excel workbook (all lists, for partners to edit)"))
        self.csv = QRadioButton(self.tr("CSV file (one list)"))
        self.xlsx.setChecked(True)
        formats = QButtonGroup(self)
        formats.addButton(self.xlsx)
        formats.addButton(self.csv)
        self.scope = QComboBox(objectName="scope")
        self.scope.addItem(self.tr("Everything"), None)
        # the partnerships are read on the worker; the choice grows when they come
        operations.read(self, db, lambda s: services.captions(s, "partnership")).success(
            self._offer
        ).run()
        # for one partner of the chosen partnership: its people and its conflicts only
        self.partner = QComboBox(objectName="partner")
        self.partner.addItem(self.tr("All its partners"), None)
        self.scope.currentIndexChanged.connect(self._partners)
        # the partner's language: titles, headers, drop-downs and instructions
        self.language = QComboBox(objectName="language")
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(shown_language()))
        self.entity = QComboBox(objectName="entity")
        for spec in services.all_specs():
            self.entity.addItem(entity_title(spec.entity, plural=True), spec.entity)
        self.bom = QCheckBox(self.tr("For Excel (UTF-8 with BOM, ';' separated)"), checked=True)
        self.path = QLineEdit(objectName="path")
        self.path.setText(str(Path.home() / "alliance-workbook.xlsx"))
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.xlsx)
        form.addRow(self.tr("Contents"), self.scope)
        form.addRow(self.tr("For"), self.partner)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.csv)
        form.addRow(self.tr("List"), self.entity)
        form.addRow("", self.bom)
        form.addRow(self.tr("File"), _file_row(self, self.path, self._choose))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.xlsx.toggled.connect(self._update)
        self._update()
        self.operation: Operation | None = None

    def _offer(self, partnerships: list[tuple[Any, str]]) -> None:
        for record_id, caption in partnerships:
            self.scope.addItem(
                self.tr("Partner sheet: {name}").format(name=caption), str(record_id)
            )

    def _partners(self) -> None:
        """The partners of the chosen partnership, read on the worker."""
        chosen = self.scope.currentData()
        while self.partner.count() > 1:
            self.partner.removeItem(1)
        self._update()
        if chosen is None:
            return

        def read(session: Any) -> list[tuple[str, str]]:
            p = services.get(session, "partnership", uuid.UUID(chosen))
            return [(str(x.organisation_id), x.organisation.name) for x in p.partners]

        def offer(partners: list[tuple[str, str]]) -> None:
            if self.scope.currentData() == chosen:  # not chosen otherwise meanwhile
                for ident, name in partners:
                    self.partner.addItem(name, ident)

        operations.read(self, self._db, read).success(offer).run()

    def _update(self) -> None:
        is_xlsx = self.xlsx.isChecked()
        self.scope.setEnabled(is_xlsx)
        self.partner.setEnabled(is_xlsx and self.scope.currentData() is not None)
        self.language.setEnabled(is_xlsx)
        self.entity.setEnabled(not is_xlsx)
        self.bom.setEnabled(not is_xlsx)
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix(".xlsx" if is_xlsx else ".csv")))

    def _choose(self) -> None:
        pattern = (
            self.tr("Excel workbooks (*.xlsx)")
            if self.xlsx.isChecked()
            else self.tr("CSV files (*.csv)")
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.path.text(), pattern
        )
        if chosen:
            self.path.setText(chosen)

    def export(self) -> None:
        from workbook.exchange.csv_export import export_csv
        from workbook.exchange.xlsx_export import export_xlsx

        target = Path(self.path.text()).expanduser()
        scope, partner = self.scope.currentData(), self.partner.currentData()
        language = self.language.currentData()
        entity, bom, as_xlsx = (
            self.entity.currentData(),
            self.bom.isChecked(),
            self.xlsx.isChecked(),
        )

        def work(progress: Progress) -> str:
            with self._db.unit() as session:
                if as_xlsx:
                    export_xlsx(
                        session,
                        target,
                        progress=progress,
                        partnership_ids={uuid.UUID(scope)} if scope else None,
                        partner=uuid.UUID(partner) if scope and partner else None,
                        language=language,
                    )
                else:
                    export_csv(session, entity, target, bom=bom, delimiter=";" if bom else ",")
            return str(target)

        self.setEnabled(False)
        self.operation = (
            Operation(self, work)
            .success(self._done)
            .failure(self._failed)
            .run(label=self.tr("Exporting…"))
        )

    def _done(self, path: str) -> None:
        self.setEnabled(True)
        self.exported_to = path
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.error.setText(write_failure(error, self.path.text()))


class ImportWizard(QWizard):
    """Choose a file, see every change, accept or reject each row, apply all at once."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.result_preview: ImportPreview | None = None
        self.applied: dict[str, int] | None = None
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.resize(900, 640)
        self.file_page = _FilePage(self)
        self.preview_page = _PreviewPage(self)
        self.addPage(self.file_page)
        self.addPage(self.preview_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))

    @property
    def db(self) -> Database:
        return self._db


class _FilePage(WorkingPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Which file?"))
        self.setSubTitle(
            self.tr(
                "A workbook exported by Alliance Workbook and edited by a "
                "partner, or a spreadsheet with the same column headers."
            )
        )
        self.path = QLineEdit(objectName="path")
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(_file_row(self, self.path, self._choose))
        layout.addWidget(self.error)
        layout.addStretch()

    def _choose(self) -> None:
        choose_file_into(
            self, self.path, self.tr("Import"), self.tr("Workbooks sent back (*.xlsx *.ods)")
        )

    def validatePage(self) -> bool:
        """Reading happens on the worker; the page moves on when the preview is ready."""
        if self.resumed():
            return True
        path = Path(self.path.text().strip()).expanduser()
        db = self._wizard.db

        def read(progress: Progress) -> ImportPreview:
            with db.unit() as session:
                return preview(session, path, progress=progress)

        return self.start_then_next(
            read, self.tr("Reading {file}…").format(file=path.name), self._read
        )

    def _read(self, result: ImportPreview) -> None:
        self._wizard.result_preview = result


class _PreviewPage(WorkingPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._done = False
        self.setTitle(self.tr("What would change"))
        self.setSubTitle(
            self.tr(
                "Tick the rows to apply. New and changed rows are ticked; "
                "rows changed on both sides (conflicts) are not. Everything "
                "is applied at once, or nothing."
            )
        )
        self.notices = QLabel(wordWrap=True)
        self.table = rows_table()
        self.model: ImportRowsModel | None = None
        self.summary = QLabel()
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.notices)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        self._done = False
        result = self._wizard.result_preview
        assert result is not None
        self.notices.setText("\n".join(map(notice, result.notices)))
        self.notices.setVisible(bool(result.notices))
        self.model = ImportRowsModel(result, status_word, self)
        show_rows(self.table, self.model, (200, 90, 230))
        sheets = [
            self.tr("{sheet}: {counts}").format(
                sheet=result.sheet_in_file(sheet),
                counts=", ".join(f"{n} {status_word(s)}" for s, n in per_status.items() if n),
            )
            for sheet, per_status in result.counts().items()
        ]
        self.summary.setText(
            "\n".join(
                [
                    self.tr("{n} rows read from {file}.").format(
                        n=len(result.rows), file=result.file
                    ),
                    *sheets,
                ]
            )
        )

    def accepted(self) -> set[tuple[str, int]]:
        return self.model.accepted() if self.model is not None else set()

    def validatePage(self) -> bool:
        if self._done:
            return True
        result = self._wizard.result_preview
        assert result is not None
        db = self._wizard.db

        def write(progress: Progress) -> dict[str, int]:
            progress.update(0, 1, self.tr("Backing up first…"))
            chosen = self.accepted()  # the page waits, disabled, while this runs
            before_import(db)
            with operations.unit(db, self._wizard) as session:  # what changed goes to every view
                return apply(session, result, chosen, progress=progress)

        return self.start(write, self.tr("Importing…"), self._applied)

    def _applied(self, counts: dict[str, int]) -> None:
        self._wizard.applied = counts
        self._done = True
        self._wizard.accept()
