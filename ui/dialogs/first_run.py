"""First start on an empty database: the association's profile, the member's name, demo data."""

from __future__ import annotations

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

from ui.dialogs.base import Dialog, error_label
from ui.errors import describe
from ui.settings import set_member_name
from ui.tasks import Operation
from workbook.db import Database
from workbook.demo import load_demo
from workbook.errors import KnownError
from workbook.progress import Progress
from workbook.services.profile import set_profile


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

    def save(self) -> bool:
        """Store the profile; demo data then load on the worker, with progress."""
        member = self.member.text().strip() or self._db.member
        self._db.member = member
        try:
            with self._db.unit() as session:
                set_profile(
                    session,
                    as_organisation=True,  # a party of its own partnerships
                    name=self.name.text(),
                    address=self.address.toPlainText(),
                )
        except KnownError as exc:
            self.error.setText(describe(exc))
            self.error.show()
            return False
        set_member_name(member)
        if not self.demo.isChecked():
            self.accept()
            return True

        def load(progress: Progress) -> dict[str, int]:
            with self._db.unit() as session:
                return load_demo(session, progress=progress.update)

        self.setEnabled(False)
        Operation(self, load).success(lambda _counts: self.accept()).failure(self._failed).run(
            label=self.tr("Loading demo data…")
        )
        return True

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.error.setText(describe(error) if isinstance(error, KnownError) else str(error))
        self.error.show()
