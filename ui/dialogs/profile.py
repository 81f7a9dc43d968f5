"""Edit > Association profile: the association's name, address, contact and logo, printed on
its agreements and reports."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.base import Dialog, error_label
from workbook.db import Database
from workbook.services.profile import get_profile, set_profile


class ProfileDialog(Dialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="profile")
        self._db = db
        self.setWindowTitle(self.tr("Association profile"))
        with db.reading() as session:
            profile = get_profile(session)
        self.name = QLineEdit(profile.name, objectName="name")
        self.address = QPlainTextEdit(profile.address, objectName="address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(72)
        self.email = QLineEdit(profile.email, objectName="email")
        self.website = QLineEdit(profile.website, objectName="website")
        self.logo = QLineEdit(profile.logo, objectName="logo")
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_logo)
        logo = QHBoxLayout()
        logo.addWidget(self.logo, 1)
        logo.addWidget(choose)
        self.error = error_label()
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Association name *"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Website"), self.website)
        form.addRow(self.tr("Logo (printed on agreements)"), logo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.name.setFocus()

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Logo"), self.logo.text(), self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.logo.setText(path)

    def save(self) -> None:
        values = {
            "name": self.name.text(),
            "address": self.address.toPlainText(),
            "email": self.email.text(),
            "website": self.website.text(),
            "logo": self.logo.text(),
        }
        self.write_and_close(
            self._db, lambda session: set_profile(session, as_organisation=True, **values)
        )
