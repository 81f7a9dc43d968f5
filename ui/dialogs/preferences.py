"""Preferences: the language of the app, how dates look, and the member's name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.base import Dialog
from ui.formatting import forget_date_style
from ui.settings import member_name, set_member_name, settings, sync_on_open_close


class PreferencesDialog(Dialog):
    def __init__(self, member: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="preferences")
        self.setWindowTitle(self.tr("Preferences"))
        store = settings()
        self.language = QComboBox(objectName="language")
        for code, text in (
            ("system", self.tr("As the computer (system language)")),
            ("de", "Deutsch"),
            ("en", "English"),
        ):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(str(store.value("language", "system"))))
        )
        self.dates = QComboBox(objectName="dates")
        self.dates.addItem(self.tr("As usual in the language (24.11.2026, 11/24/2026)"), "locale")
        self.dates.addItem(self.tr("International (2026-11-24)"), "iso")
        self.dates.setCurrentIndex(
            max(0, self.dates.findData(str(store.value("date_style", "locale"))))
        )
        self.member = QLineEdit(member_name() or member, objectName="member")
        self.sync_on_open_close = QCheckBox(
            self.tr("Sync with the members' shared folder when the workbook opens and closes")
        )
        self.sync_on_open_close.setObjectName("sync_on_open_close")
        self.sync_on_open_close.setChecked(sync_on_open_close())
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Dates"), self.dates)
        form.addRow(self.tr("Your name (for the change history)"), self.member)
        form.addRow(self.sync_on_open_close)
        note = QLabel(self.tr("A new language takes effect when the app is started again."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        store = settings()
        #: another language was chosen: it takes effect at the next start
        self.language_changed = str(store.value("language", "system")) != str(
            self.language.currentData()
        )
        store.setValue("language", self.language.currentData())
        store.setValue("date_style", self.dates.currentData())
        store.setValue("sync_on_open_close", self.sync_on_open_close.isChecked())
        if self.member.text().strip():
            set_member_name(self.member.text().strip())
        store.sync()
        forget_date_style()
        self.accept()
