"""German and English: every string translated, nothing left untranslatable, German on screen."""

from __future__ import annotations

import ast
import os
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from ui import i18n
from ui.errors import describe
from ui.formatting import count_text, display
from workbook.domain.errors import NotFound, ValidationError
from workbook.store import paths

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
#: Calls whose literal arguments are shown to the user.
SINKS = {
    "setText", "setWindowTitle", "QLabel", "QPushButton", "addAction", "addMenu",
    "setPlaceholderText", "setToolTip", "showMessage", "addTab", "setHorizontalHeaderLabels",
    "QCheckBox", "QGroupBox", "QRadioButton", "setLabelText", "addButton", "addRow",
    "setSuffix", "setPrefix", "QAction", "setStatusTip", "setTitle", "information", "warning",
    "critical", "question", "about", "getSaveFileName", "getOpenFileName",
    "getExistingDirectory", "QMessageBox", "setHeaderLabels", "addItem", "setInformativeText",
    "QProgressDialog", "setTabText", "setHtml", "setSubTitle",
}  # fmt: skip
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _messages() -> list[tuple[str, str, str, str | None]]:
    """(file, context, source, translation or None when unfinished) of every .ts entry."""
    found = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                done = translation is not None and translation.get("type") != "unfinished"
                source = message.findtext("source") or ""
                if message.get("numerus") == "yes" and translation is not None:
                    # each plural form is an entry of its own, and each says the number
                    forms = [f.text for f in translation.iter("numerusform")] or [None]
                    for form in forms:
                        text = form if done and form and "%n" in form else None
                        found.append((ts.name, name, source, text))
                    continue
                text = translation.text if done and translation is not None else None
                found.append((ts.name, name, source, text))
    return found


def test_every_entry_is_translated_with_its_placeholders():
    messages = _messages()
    assert len(messages) > 300
    unfinished = [(f, c, s) for f, c, s, t in messages if not t]
    assert unfinished == []
    broken = [
        (s, t)
        for _f, _c, s, t in messages
        if t and sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t))
    ]
    assert broken == []


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            yield name, node


def _ui_files():
    return sorted((ROOT / "ui").rglob("*.py"))


def test_every_translatable_string_in_ui_is_in_the_catalogue():
    """Catches strings lupdate cannot see (inside f-strings) and a forgotten lupdate run."""
    known = {s for _f, _c, s, _t in _messages()}
    missing = []
    for path in _ui_files():
        for name, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if name in ("tr", "_t") and call.args:
                arg = call.args[0]
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and arg.value not in known
                ):
                    missing.append(f"{path.name}:{call.lineno}: {arg.value!r}")
            elif name == "translate" and len(call.args) >= 2:
                arg = call.args[1]
                if isinstance(arg, ast.Constant) and arg.value not in known:
                    missing.append(f"{path.name}:{call.lineno}: {arg.value!r}")
    assert missing == [], "run: python -m tools.i18n update, then translate"


def _visible_literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    else:
        return None
    return text if re.search(r"[A-Za-z]{2}", text) else None


def test_no_user_visible_string_in_ui_escapes_tr():
    bare = []
    for path in _ui_files():
        for name, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            receiver = getattr(call.func, "value", None)
            if name not in SINKS or getattr(receiver, "id", None) == "log":
                continue
            shown = call.args[:1] if name == "addItem" else call.args  # addItem(text, data)
            arguments = [*shown, *(k.value for k in call.keywords if k.arg in ("text", "title"))]
            for argument in arguments:
                items = argument.elts if isinstance(argument, ast.List | ast.Tuple) else [argument]
                for item in items:
                    text = _visible_literal(item)
                    if text is not None and text not in ("Deutsch", "English"):
                        bare.append(f"{path.name}:{item.lineno}: {name}({text!r})")
    assert bare == []


@pytest.fixture
def german(qapp):
    assert i18n.install("de") == "de"
    yield
    i18n.install("en")


def test_main_window_in_german_shows_german_menus(german, window):
    window.menuBar()  # built in the constructor, after the language was installed
    from ui.main_window import MainWindow

    german_window = MainWindow(window.db)
    try:
        menus = [a.text() for a in german_window.menuBar().actions()]
        assert menus == ["&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"]
        file_menu = german_window.menuBar().actions()[0].menu()
        texts = [a.text() for a in file_menu.actions() if a.text()]
        assert "Jetzt &sichern" in texts and "&Beenden" in texts
        assert german_window.nav.item(4).text() == "Beschlüsse"
        # Qt's own dialogs speak German too
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        german_window.close()
        german_window.deleteLater()


def test_a_first_start_from_the_sources_compiles_the_german_catalogue_once(qapp):
    """No compiled catalogue ships in the sources: the first start compiles it into the data
    folder, later starts use it, and a catalogue edited since is compiled again."""
    cache = paths.data_dir() / "translations"
    shutil.rmtree(cache)  # as before the first start
    try:
        assert i18n.install("de") == "de"
        compiled = cache / "workbook_de.qm"
        assert compiled.stat().st_size > 10_000
        assert QCoreApplication.translate("MainWindow", "&File") == "&Datei"
        made = compiled.stat().st_mtime_ns
        i18n.install("en")
        i18n.install("de")
        assert compiled.stat().st_mtime_ns == made  # not compiled again
        source = TRANSLATIONS / "workbook_de.ts"
        os.utime(compiled, ns=(made, source.stat().st_mtime_ns - 10**9))  # older than its source
        i18n.install("de")
        assert compiled.stat().st_mtime_ns > source.stat().st_mtime_ns - 10**9
    finally:
        i18n.install("en")


def test_errors_dates_and_numbers_in_german(german):
    assert describe(ValidationError("decision", "title", "", "required")) == (
        "Titel: ist erforderlich."
    )
    assert "erwartet wird ein Datum wie 24.11.2026" in describe(
        ValidationError("decision", "decided_on", "morgen", "expected_date")
    )
    assert "Beschluss" in describe(NotFound(entity="decision", ident="x"))
    assert display(date(2026, 11, 24)) == "24.11.2026"
    assert display(1234.5) == "1.234,5"
    assert count_text(100_000) == "100.000"  # a list's count: "100.000 Beschlüsse"


def test_english_dates_follow_the_chosen_style(qapp):
    i18n.install("en")
    assert QLocale().language() == QLocale.Language.English
    assert count_text(100_000) == "100,000"
    assert display(date(2026, 11, 24)) == "11/24/2026"
    from ui import formatting

    formatting._style[:] = ["iso"]
    try:
        assert display(date(2026, 11, 24)) == "2026-11-24"
    finally:
        formatting.forget_date_style()


def test_preferences_choose_the_language_for_the_next_start(window, qtbot, answers):
    from PySide6.QtWidgets import QMessageBox

    dialog = window.preferences.open_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.dates.setCurrentIndex(dialog.dates.findData("iso"))
    answers.next = [QMessageBox.StandardButton.No]
    dialog.save()
    assert i18n.chosen_language() == "de"
    from ui.settings import settings

    assert settings().value("date_style") == "iso"
    # a restart is offered at once; declined, the app goes on
    assert answers.asked[-1] == "Restart Alliance Workbook now to use the new language?"
    assert window.isVisible() and not window.restart_requested

    again = window.preferences.open_preferences()
    again.language.setCurrentIndex(again.language.findData("en"))
    answers.next = [QMessageBox.StandardButton.Yes]
    again.save()
    assert window.restart_requested and not window.isVisible()


def _placeholders(text: str) -> set[str]:
    return {name.split("!")[0].split(":")[0] for name in re.findall(r"{([^}]*)}", text)}


def test_every_spreadsheet_refusal_and_notice_has_the_users_words(german):
    from ui.refusals import notice_texts, refusal_texts
    from workbook.exchange.refusals import NOTICES, REFUSALS

    worded = refusal_texts()
    assert set(worded) == set(REFUSALS)
    for why, english in REFUSALS.items():
        assert _placeholders(worded[why]) == _placeholders(english), why
    notices = notice_texts()
    # one notice counts rows, and is worded with Qt's plural forms instead
    assert set(notices) | {"child_rows_deleted"} == set(NOTICES)
    for why, words in notices.items():
        assert _placeholders(words) == _placeholders(NOTICES[why]), why
    english_words = set(REFUSALS.values()) | set(NOTICES.values())
    assert not english_words & (set(worded.values()) | set(notices.values()))


def test_a_refused_spreadsheet_is_said_in_german(german, tmp_path):
    from ui.refusals import notice
    from workbook.exchange.adopt import read_table
    from workbook.exchange.guard import BadSpreadsheet, check_xlsx
    from workbook.exchange.refusals import Notice

    broken = tmp_path / "Rückmeldung.xlsx"
    broken.write_bytes(b"Name;Art\nVerein;ngo\n")
    with pytest.raises(BadSpreadsheet) as refused:
        check_xlsx(broken)
    assert describe(refused.value) == (
        "Rückmeldung.xlsx: Das ist keine Excel-Arbeitsmappe (.xlsx)."
    )
    sheet = tmp_path / "Liste.csv"
    sheet.write_bytes(b"")
    with pytest.raises(BadSpreadsheet) as refused:
        read_table(sheet)
    assert describe(refused.value) == "Liste.csv: Die Datei hat keine Zeilen."
    rows = Notice("child_rows_deleted", sheet="Fortschritt", count=2)
    assert notice(rows) == (
        "Blatt „Fortschritt“: 2 Zeilen wurden in der Datei gelöscht; Einträge dieser Art "
        "werden in der App gelöscht, nicht durch den Import"
    )
    assert notice(Notice("unknown_sheet", sheet="Notizen")) == (
        "Blatt „Notizen“ ist keines, das die App kennt; es wurde nicht gelesen"
    )


def test_one_record_is_counted_in_the_singular(german, window, qtbot, sqlite_db):
    from workbook import services

    with sqlite_db.unit() as s:
        services.create(s, "organisation", {"name": "Jugendwerk Lausitz e.V.", "kind": "ngo"})
    from ui.main_window import MainWindow

    german_window = MainWindow(sqlite_db)
    qtbot.addWidget(german_window)
    german_window.show()
    view = german_window.show_view("organisation")
    qtbot.waitUntil(lambda: view.count_label.text() == "1 Organisation")
    assert german_window.show_view("decision").count_label.text() == "0 Beschlüsse"
    german_window.close()


def _progress_messages() -> list[str]:
    """What the core's long jobs say they are doing: each literal message (an f-string by
    its words before the name it adds)."""
    found = []
    for path in sorted((ROOT / "workbook").rglob("*.py")):
        for name, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            receiver = getattr(call.func, "value", None)
            said = getattr(receiver, "id", getattr(receiver, "attr", ""))
            if name not in ("update", "step") or "progress" not in str(said):
                continue
            for arg in [*call.args, *(k.value for k in call.keywords if k.arg == "message")]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append(arg.value)
                elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                    found.append(f"{arg.values[0].value}Vorstand")
    return found


def test_a_long_jobs_progress_is_said_in_german(german):
    from ui.labels import progress_words

    messages = _progress_messages()
    assert "Applying the members' changes" in messages and "Reading Vorstand" in messages
    english = [m for m in messages if progress_words(m) == m]
    assert english == []
    assert progress_words("Reading Vorstand") == "„Vorstand“ wird gelesen"
    assert progress_words("Copying organisations") == "Organisationen werden kopiert"
