"""Edit > Association profile: the association's name, address, contact and logo, printed on
its agreements and reports."""

from __future__ import annotations

from typing import Any

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

from ui import operations
from ui.dialogs.base import Dialog, error_label
from ui.errors import describe
from workbook.domain.errors import KnownError
from workbook.services.profile import get_profile, set_profile
from workbook.store.db import Database


class ProfileDialog(Dialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="profile")
        self._db = db
        self.setWindowTitle(self.tr("Association profile"))
        self.name = QLineEdit(objectName="name")
        self.address = QPlainTextEdit(objectName="address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(72)
        self.email = QLineEdit(objectName="email")
        self.website = QLineEdit(objectName="website")
        self.logo = QLineEdit(objectName="logo")
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
        # the profile is read on the worker; Save waits for it, so nothing is saved over it
        operations.read(self, db, get_profile).busy(self.buttons).success(self._show).failure(
            self._unread
        ).run()

    def _unread(self, error: KnownError) -> None:
        self.error.setText(describe(error))
        self.error.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def _show(self, profile: Any) -> None:
        self.name.setText(profile.name)
        self.address.setPlainText(profile.address)
        self.email.setText(profile.email)
        self.website.setText(profile.website)
        self.logo.setText(profile.logo)

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
