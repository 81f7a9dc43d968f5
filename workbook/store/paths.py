"""Where the application keeps its files; each location can be overridden by environment."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "AllianceWorkbook"
_dirs = PlatformDirs(APP_NAME, appauthor=False)


def _dir(env: str, default: str) -> Path:
    path = Path(os.environ.get(env) or default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _dir("WORKBOOK_DATA_DIR", _dirs.user_data_dir)


def backup_dir(database: Path) -> Path:
    """Where the backups of ``database`` live (created on demand)."""
    resolved = database.expanduser().resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
    return data_dir() / "backups" / f"{resolved.stem}-{digest}"


def config_dir() -> Path:
    return _dir("WORKBOOK_CONFIG_DIR", _dirs.user_config_dir)


def log_dir() -> Path:
    return _dir("WORKBOOK_LOG_DIR", _dirs.user_log_dir)


def default_database() -> Path:
    return data_dir() / "workbook.sqlite"
