"""File > Import > From another spreadsheet or CSV: map its columns, preview, adopt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from ui import operations
from ui.dialogs.base import choose_file_into, error_label, rows_table, show_rows
from ui.errors import describe
from ui.formatting import display
from ui.labels import entity_title, field_label
from ui.models.import_rows import AdoptRowsModel
from ui.tasks import WorkingPage
from workbook.domain.progress import Progress
from workbook.exchange import adopt
from workbook.services import spec_for
from workbook.store.backup import before_import
from workbook.store.db import Database


class AdoptWizard(QWizard):
    """Three steps: the file and what it holds, the columns' meaning, the rows to adopt."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.table: adopt.Table | None = None
        self.entity = "organisation"
        self.mapping: dict[str, str | None] = {}
        self.rows: list[adopt.AdoptRow] = []
        self.adopted: int | None = None
        self.setWindowTitle(self.tr("Adopt a spreadsheet"))
        self.resize(920, 660)
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _RowsPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Adopt"))


class _FilePage(WorkingPage):
    def __init__(self, wizard: AdoptWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Which spreadsheet, and what is in it?"))
        self.setSubTitle(
            self.tr(
                "Any .xlsx, .ods or .csv file (also German CSV with ';'). The first row holds "
                "the column headers."
            )
        )
        self.path = QLineEdit(objectName="path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.entity = QComboBox(objectName="entity")
        for entity in adopt.TARGETS:
            self.entity.addItem(entity_title(entity, plural=True), entity)
        self.preset = QComboBox(objectName="preset")
        self.preset.addItem(self.tr("(propose from the headers)"), None)
        self._presets: dict[str, tuple[str, dict[str, str | None]]] = {}
        operations.read(self, wizard.db, adopt.presets).success(self._offer).run()
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Its rows are"), self.entity)
        form.addRow(self.tr("Saved mapping"), self.preset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch()

    def _offer(self, presets: dict[str, tuple[str, dict[str, str | None]]]) -> None:
        """The saved mappings, read on the worker."""
        self._presets = presets
        for name in sorted(presets):
            self.preset.addItem(name, name)

    def _choose(self) -> None:
        choose_file_into(
            self,
            self.path,
            self.tr("Adopt a spreadsheet"),
            self.tr("Spreadsheets (*.xlsx *.ods *.csv)"),
        )

    def validatePage(self) -> bool:
        if self.resumed():
            return True
        path = Path(self.path.text().strip()).expanduser()
        label = self.tr("Reading {file}…").format(file=path.name)
        return self.start_then_next(lambda _p: adopt.read_table(path), label, self._read)

    def _read(self, table: adopt.Table) -> None:
        wizard = self._wizard
        wizard.table = table
        preset = self.preset.currentData()
        if preset:
            entity, stored = self._presets[preset]
            wizard.entity, wizard.mapping = entity, adopt.apply_preset(stored, table.headers)
        else:
            wizard.entity = self.entity.currentData()
            wizard.mapping = adopt.propose(wizard.entity, table.headers)


class _MappingPage(WorkingPage):
    def __init__(self, wizard: AdoptWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("What does each column hold?"))
        self.setSubTitle(
            self.tr(
                "The app proposes a field for each column from its header; change what is "
                "wrong. Two columns may fill one field (first and last name)."
            )
        )
        self.table = QTableWidget(0, 3, objectName="mapping")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Example"), self.tr("Field")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.preset_name = QLineEdit(objectName="preset_name")
        self.preset_name.setPlaceholderText(self.tr("Name for this mapping"))
        self.save_button = save = QPushButton(self.tr("Save as preset"))
        save.clicked.connect(self.save_preset)
        self.saved = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.preset_name, 1)
        row.addWidget(save)
        row.addWidget(self.saved)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        wizard = self._wizard
        table = wizard.table
        assert table is not None
        fields = [f.name for f in spec_for(wizard.entity).fields if f.name not in ("partners",)]
        fields += list(adopt.PSEUDO.get(wizard.entity, {}))  # an organisation's contact person
        # a column mapped to nothing is kept in the notes, where the record has notes
        nothing = self.tr("(kept in the notes)") if "notes" in fields else self.tr("(not imported)")
        self.table.setRowCount(len(table.headers))
        self.combos: dict[str, QComboBox] = {}
        for r, header in enumerate(table.headers):
            sample = next((row[r] for row in table.rows if r < len(row) and row[r] != ""), "")
            self.table.setItem(r, 0, QTableWidgetItem(header))
            self.table.setItem(r, 1, QTableWidgetItem(display(sample)))
            combo = QComboBox()
            combo.addItem(nothing, None)
            for name in fields:
                combo.addItem(field_label(name), name)
            combo.setCurrentIndex(max(0, combo.findData(wizard.mapping.get(header))))
            self.table.setCellWidget(r, 2, combo)
            self.combos[header] = combo
        self.table.resizeColumnsToContents()
        self.error.clear()

    def current(self) -> dict[str, str | None]:
        return {header: combo.currentData() for header, combo in self.combos.items()}

    def choose(self, header: str, field: str | None) -> None:
        combo = self.combos[header]
        combo.setCurrentIndex(combo.findData(field))

    def save_preset(self) -> None:
        """Store the mapping under its name, on the worker; said when stored, or why not."""
        name, entity, mapping = self.preset_name.text(), self._wizard.entity, self.current()
        self.saved.clear()
        self.error.clear()
        operations.write(
            self, self._wizard.db, lambda s: adopt.save_preset(s, name, entity, mapping)
        ).busy(self.save_button).success(
            lambda _none: self.saved.setText(self.tr("Saved."))
        ).failure(lambda error: self.error.setText(describe(error))).run()

    def validatePage(self) -> bool:
        if self.resumed():
            return True
        wizard = self._wizard
        wizard.mapping = self.current()
        table, entity, mapping, db = wizard.table, wizard.entity, wizard.mapping, wizard.db
        assert table is not None

        def check(progress: Progress) -> list[adopt.AdoptRow]:
            with db.unit() as session:
                return adopt.preview(session, table, entity, mapping, progress=progress)

        return self.start_then_next(check, self.tr("Checking every row…"), self._checked)

    def _checked(self, rows: list[adopt.AdoptRow]) -> None:
        self._wizard.rows = rows


class _RowsPage(WorkingPage):
    def __init__(self, wizard: AdoptWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._done = False
        self.setTitle(self.tr("Which rows to adopt"))
        self.setSubTitle(
            self.tr(
                "New rows are ticked. Rows like a record already there (duplicates) are not; "
                "tick them to adopt them anyway. All ticked rows are adopted at once, or none."
            )
        )
        self.table = rows_table(objectName="rows")
        self.model: AdoptRowsModel | None = None
        self.summary = QLabel()
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        self._done = False
        words = {
            adopt.NEW: self.tr("new"),
            adopt.DUPLICATE: self.tr("duplicate"),
            adopt.INVALID: self.tr("invalid"),
        }
        rows = self._wizard.rows
        self.model = AdoptRowsModel(
            rows,
            words.__getitem__,
            lambda record: self.tr("like {record}").format(record=record),
            self,
        )
        show_rows(self.table, self.model, (60, 90, 260))
        counts = dict.fromkeys(words, 0)
        for row in rows:
            counts[row.status] += 1
        self.summary.setText(
            self.tr("{new} new, {duplicate} duplicates, {invalid} invalid").format(**counts)
        )

    def accepted_rows(self) -> set[int]:
        return self.model.accepted() if self.model is not None else set()

    def validatePage(self) -> bool:
        if self._done:
            return True
        wizard = self._wizard
        rows, entity, db, accepted = wizard.rows, wizard.entity, wizard.db, self.accepted_rows()

        def write(progress: Progress) -> int:
            before_import(db)
            with operations.unit(db, wizard) as session:  # what it adds goes to every view
                return adopt.apply(session, entity, rows, accepted, progress=progress)

        return self.start(write, self.tr("Adopting…"), self._adopted)

    def _adopted(self, count: int) -> None:
        self._wizard.adopted = count
        self._done = True
        self._wizard.accept()
