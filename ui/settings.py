"""The user's settings (window layout, recent databases, member name), stored with QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from workbook.store import paths


def settings() -> QSettings:
    """One INI file in the user config directory (overridable by WORKBOOK_CONFIG_DIR)."""
    return QSettings(str(paths.config_dir() / "ui.ini"), QSettings.Format.IniFormat)


def recent_databases() -> list[str]:
    value = settings().value("recent_databases", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def remember_database(location: str) -> None:
    recent = [location, *(r for r in recent_databases() if r != location)][:8]
    store = settings()
    store.setValue("recent_databases", recent)
    store.setValue("last_database", location)


def last_database() -> str | None:
    value = settings().value("last_database")
    return str(value) if value else None


def member_name() -> str | None:
    value = settings().value("member_name")
    return str(value) if value else None


def sync_on_open_close() -> bool:
    """Whether a database that syncs through a folder syncs when it opens and closes."""
    return str(settings().value("sync_on_open_close", "false")).lower() == "true"


def set_member_name(name: str) -> None:
    settings().setValue("member_name", name)
