"""File > Connect to server: connection profiles, passwords in the system keyring."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url

from ui.dialogs.base import Dialog, error_label
from ui.i18n import _t
from ui.settings import settings

log = logging.getLogger("workbook.ui")
KEYRING_SERVICE = "Alliance Workbook"
TLS_MODES = ("prefer", "require", "verify-full", "disable")


def server_url(
    host: str, port: int, database: str, user: str, tls: str, password: str | None
) -> str:
    url = URL.create(
        "postgresql+psycopg",
        username=user,
        password=password or None,
        host=host,
        port=port,
        database=database,
        query={"sslmode": tls},
    )
    return url.render_as_string(hide_password=False)


def without_password(url: str) -> str:
    """What may be written to the settings file: never the password."""
    if "://" not in url:
        return url
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    return parsed._replace(password=None).render_as_string(hide_password=False)  # set() keeps it


def account_key(url: str) -> str:
    """What the keyring files the password under: user@host:port/database."""
    parsed = make_url(url)
    return f"{parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def stored_password(url: str) -> str | None:
    """The password from the system keyring, or None (no keyring on this system, or none kept)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, account_key(url))
    except Exception as exc:  # no backend (a headless Linux), locked, or refused
        log.info("No password from the keyring: %s", exc)
        return None


def store_password(url: str, password: str) -> bool:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, account_key(url), password)
    except Exception as exc:
        log.info("The keyring did not keep the password: %s", exc)
        return False
    return True


def with_password(parent: QWidget | None, url: str) -> str | None:
    """The URL with its password: from the keyring, else asked for (None when declined)."""
    if "://" not in url:
        return url
    parsed = make_url(url)
    if parsed.password or parsed.get_backend_name() != "postgresql":
        return url
    password = stored_password(url)
    if password is None:
        password, ok = QInputDialog.getText(
            parent,
            _t("Connect to server"),
            _t("Password for {account}:").format(account=account_key(url)),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
    return parsed.set(password=password).render_as_string(hide_password=False)


class ConnectDialog(Dialog):
    """A server connection, kept as a named profile (the password goes to the keyring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="connect")
        self.setWindowTitle(self.tr("Connect to server"))
        store = settings()
        self.profile = QComboBox(objectName="profile", editable=True)
        self.profile.addItems(self._profiles())
        self.profile.setCurrentText(str(store.value("last_server", "") or ""))
        self.profile.currentTextChanged.connect(self._load)
        self.host = QLineEdit(objectName="host")
        self.port = QSpinBox(objectName="port", minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(objectName="database")
        self.user = QLineEdit(objectName="user")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tls = QComboBox(objectName="tls")
        for mode in TLS_MODES:
            self.tls.addItem(mode, mode)
        self.remember = QCheckBox(
            self.tr("Keep the password in the system's keyring"), checked=True
        )
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Profile"), self.profile)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("Account"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Encryption (TLS)"), self.tls)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept_profile)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.url: str | None = None
        self._load(self.profile.currentText())

    def _load(self, name: str) -> None:
        store = settings()
        if not name or name not in self._profiles():
            return
        store.beginGroup(f"servers/{name}")
        self.host.setText(str(store.value("host", "")))
        self.port.setValue(int(store.value("port", 5432)))
        self.database.setText(str(store.value("database", "")))
        self.user.setText(str(store.value("user", "")))
        self.tls.setCurrentIndex(max(0, self.tls.findData(str(store.value("tls", "prefer")))))
        store.endGroup()

    def _profiles(self) -> list[str]:
        store = settings()
        store.beginGroup("servers")
        names = store.childGroups()
        store.endGroup()
        return names

    def accept_profile(self) -> None:
        name = self.profile.currentText().strip() or self.host.text().strip()
        if not (
            self.host.text().strip() and self.database.text().strip() and self.user.text().strip()
        ):
            self.error.setText(self.tr("Server, database and account are needed."))
            return
        store = settings()
        store.beginGroup(f"servers/{name}")
        for key, value in (
            ("host", self.host.text().strip()),
            ("port", self.port.value()),
            ("database", self.database.text().strip()),
            ("user", self.user.text().strip()),
            ("tls", self.tls.currentData()),
        ):
            store.setValue(key, value)
        store.endGroup()
        store.setValue("last_server", name)
        without = server_url(
            self.host.text().strip(), self.port.value(), self.database.text().strip(),
            self.user.text().strip(), self.tls.currentData(), None,
        )  # fmt: skip
        password = self.password.text()
        if password and self.remember.isChecked():
            store_password(without, password)
        self.url = (
            make_url(without).set(password=password).render_as_string(hide_password=False)
            if password
            else without
        )
        self.accept()
