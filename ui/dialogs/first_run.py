"""First start on an empty database: the association's profile, the member's name, demo data."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.dialogs.base import Dialog, error_label
from ui.errors import describe
from ui.settings import set_member_name
from ui.tasks import Operation
from workbook.demo import load_demo
from workbook.domain.errors import KnownError
from workbook.domain.progress import Progress
from workbook.services.profile import set_profile
from workbook.store.db import Database


class FirstRunDialog(Dialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="first-run")
        self._db = db
        self.setWindowTitle(self.tr("Welcome to Alliance Workbook"))
        intro = QLabel(
            self.tr(
                "Tell us about your association. You can change this later, in Edit > "
                "Association profile."
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(objectName="name")
        self.address = QPlainTextEdit(objectName="address")
        self.address.setFixedHeight(64)
        self.member = QLineEdit(db.member, objectName="member")
        self.demo = QCheckBox(self.tr("Load demo data to explore the app"), objectName="demo")
        self.error = error_label()
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Association name *"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Your name (for the change history)"), self.member)
        form.addRow("", self.demo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def save(self) -> None:
        """Store the profile on the worker (the dialog busy meanwhile); demo data, when
        asked for, load in the same unit of work, with progress."""
        member = self.member.text().strip() or self._db.member
        self._db.member = member
        name, address = self.name.text(), self.address.toPlainText()

        def profile(session: Any) -> None:
            set_profile(
                session,
                as_organisation=True,  # a party of its own partnerships
                name=name,
                address=address,
            )

        def stored(_result: object) -> None:
            set_member_name(member)
            self.accept()

        if not self.demo.isChecked():
            operations.write(self, self._db, profile).busy(self).success(stored).failure(
                self._failed
            ).run()
            return

        def load(progress: Progress) -> dict[str, int]:
            with operations.unit(self._db) as session:
                profile(session)
                return load_demo(session, progress=progress.update)

        self.setEnabled(False)
        Operation(self, load).success(stored).failure(self._failed).run(
            label=self.tr("Loading demo data…")
        )

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.error.setText(describe(error) if isinstance(error, KnownError) else str(error))
        self.error.show()
