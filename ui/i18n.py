"""The UI's language: German or English, following the system or the user's choice.

Sources are ``resources/translations/workbook_*.ts`` (``python -m tools.i18n update`` runs
``pyside6-lupdate`` over ``ui/``); the build step (``python -m tools.i18n release``) compiles
them to ``.qm`` with ``pyside6-lrelease``. A developer checkout without ``.qm`` files compiles
them on first start into the cache folder. Qt's own ``qtbase_*`` translations come with PySide6,
so standard buttons and dialogs speak the same language.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from importlib.resources import as_file, files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workbook.store import paths

log = logging.getLogger("workbook.ui")

#: Languages the UI is translated into, besides English (the source language).
TRANSLATED = ("de",)
LANGUAGES = ("en", *TRANSLATED)
_installed: list[QTranslator] = []


def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text`` outside a QObject (``pyside6-lupdate -tr-function-alias tr+=_t``);
    with ``n``, its plural form for n, and %n replaced by n."""
    return QCoreApplication.translate("", text, disambiguation, n)


def system_language() -> str:
    name = QLocale.system().name()  # e.g. "de_DE"
    return name.split("_")[0] if name.split("_")[0] in LANGUAGES else "en"


def chosen_language() -> str:
    """The language the user chose in Preferences ("system" follows the computer)."""
    from ui.settings import settings

    value = str(settings().value("language", "system") or "system")
    return system_language() if value not in LANGUAGES else value


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    import PySide6

    candidate = Path(PySide6.__file__).parent / "lrelease"
    return str(candidate) if candidate.exists() else None


def compile_translations(sources: Path, target: Path) -> list[Path]:
    """Compile every ``.ts`` in ``sources`` to ``.qm`` in ``target`` (the build step)."""
    tool = _lrelease()
    if tool is None:
        raise RuntimeError("pyside6-lrelease was not found; install PySide6")
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for ts in sorted(sources.glob("*.ts")):
        qm = target / ts.with_suffix(".qm").name
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        done.append(qm)
    return done


def _catalog(language: str) -> Path | None:
    """The compiled catalogue for ``language``: shipped, or compiled into the cache once."""
    with as_file(files("resources") / "translations") as folder:
        shipped = folder / f"workbook_{language}.qm"
        source = folder / f"workbook_{language}.ts"
        if shipped.exists() and (
            not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
        ):
            return shipped
        if not source.exists():
            return None
        cache = paths.data_dir() / "translations"
        cached = cache / shipped.name
        if not cached.exists() or cached.stat().st_mtime < source.stat().st_mtime:
            try:
                compile_translations(folder, cache)
            except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
                log.warning("Could not compile the translations: %s", exc)
                return None
        return cached


def shown_language() -> str:
    """The language the window speaks now: "de" or "en" (what documents it makes default to)."""
    return "de" if QLocale().name().startswith("de") else "en"


def install(language: str | None = None) -> str:
    """Load the UI's and Qt's translations for ``language``; returns the language used."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language or chosen_language()
    if language not in TRANSLATED:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return "en"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalog = _catalog(language)
    loads = [(f"qtbase_{language}", qt_dir)]
    if catalog is not None:
        loads.append((catalog.name, str(catalog.parent)))
    for name, folder in loads:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("No translation %s in %s", name, folder)
    QLocale.setDefault(QLocale(language))
    return language
