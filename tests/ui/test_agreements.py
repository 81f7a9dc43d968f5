"""Amending, renewing, scans and clauses from the partnerships list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from tests.ui.people import newest_form, opened_form, saved, settle
from tests.workbook import factories
from workbook.services import agreements, clauses


def _partnership(db):
    with db.unit() as s:
        org = factories.organisation(s, "Verein")
        return factories.partnership(
            s, "Lernorte", status="active", start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31), partners=[{"organisation_id": org.id}],
        ).id  # fmt: skip


def test_amend_from_the_list_makes_a_new_version(window, sqlite_db, qtbot):
    pid = _partnership(sqlite_db)
    view = window.show_view("partnership")
    view.refresh()
    settle(qtbot)
    window.agreements.amend(view, pid)
    settle(qtbot)
    form = newest_form(view)
    form.set_value("end_date", date(2027, 12, 31))
    assert not saved(qtbot, form), "a reason is required"
    assert "Reason: is required" in form.banner_text()
    form.kind.setCurrentIndex(form.kind.findData("renewal"))
    form.reason.setText("Ein weiteres Jahr")
    assert saved(qtbot, form)
    settle(qtbot)
    with sqlite_db.unit() as s:
        [_first, second] = agreements.versions(s, pid)
        assert (second.kind, second.reason) == ("renewal", "Ein weiteres Jahr")
        assert second.summary == "End: 2026-12-31 → 2027-12-31"
    settle(qtbot)
    page = view.detail.toPlainText()
    assert "Version 2" in page and "Ein weiteres Jahr" in page and "renewed" in page


def test_insert_a_clause_and_attach_a_scan(window, sqlite_db, qtbot, tmp_path, monkeypatch):
    pid = _partnership(sqlite_db)
    dialog = window.agreements.open_clauses(pid)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    settle(qtbot)  # the library is read
    with sqlite_db.unit() as s:
        wanted = clauses.find(s, "logo_use", "de").title
    row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).text() == wanted)
    dialog.list.setCurrentRow(row)
    settle(qtbot)  # the clause is read
    assert "{partnership}" in dialog.body.toPlainText()
    with qtbot.waitSignal(dialog.inserted):
        QTest.mouseClick(dialog.insert_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit() as s:
        term = agreements._partnership(s, pid).terms[-1]
        assert term.heading == wanted and "„{partnership}“" in term.text  # kept live

    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    view = window.show_view("partnership")
    view.refresh()
    settle(qtbot)
    view.table.selectRow(0)
    settle(qtbot)
    assert "Partnerschaft „Lernorte“ und" in view.detail.toPlainText(), "filled where shown"
    attach = next(b for b, _cb in view._actions if b.text() == "Attach signed scan…")
    attach.click()
    settle(qtbot)
    with sqlite_db.unit() as s:
        current = agreements.current_version(s, pid)
        assert agreements.scan(s, current.id)[0] == "scan.png"
    settle(qtbot)
    assert "scan.png" in view.detail.toPlainText()

    # a click on the scan's name in the story opens it in the system's viewer
    shown: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: shown.append(url.toLocalFile()))
    link = view.detail.document().find("scan.png")
    view.detail.setTextCursor(link)
    view.detail.ensureCursorVisible()  # scrolled to, as a person scrolls to what they read
    inside = view.detail.textCursor()
    inside.setPosition((link.selectionStart() + link.selectionEnd()) // 2)
    spot = view.detail.cursorRect(inside).center()  # the middle of the name, not its end
    QTest.mouseClick(view.detail.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    settle(qtbot)
    assert len(shown) == 1 and shown[0].endswith("scan.png")
    assert Path(shown[0]).read_bytes() == scan.read_bytes()


def test_a_signatory_is_picked_from_the_contacts(window, qtbot, sqlite_db):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from ui.fields import PickList
    from workbook import services

    with sqlite_db.unit() as s:
        org = services.create(s, "organisation", {"name": "Jugendwerk Lausitz e.V.", "kind": "ngo"})
        services.create(
            s, "contact", {"name": "Marie Müller", "role": "Vorstand", "organisation_id": org.id}
        )
        services.create(s, "contact", {"name": "Jonas Weber", "organisation_id": org.id})
    view = window.show_view("partnership")
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    settle(qtbot)  # the form's data is read, then it opens
    form = newest_form(view)
    signatories = form.widget("signatories")
    pick = next(b for b in signatories.findChildren(QPushButton) if b.objectName() == "pick")
    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    settle(qtbot)  # the contacts are read on the worker, then offered
    picker = signatories.picker
    assert isinstance(picker, PickList) and picker.isVisible()
    QTest.keyClicks(picker.filter, "mar")
    QTest.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()
    [entry] = signatories.value()
    assert entry["name"] == "Marie Müller" and entry["role"] == "Vorstand"
    assert entry["organisation_id"] == str(org.id)


def test_a_partner_past_the_offered_organisations_stays_in_the_form(
    window, sqlite_db, qtbot, monkeypatch
):
    """A form offers the first thousands of organisations; the ones a partnership names are
    offered too, wherever they stand: the form shows them, and saving keeps them."""
    from workbook import services

    with sqlite_db.unit() as s:
        for name in ("Aachen e.V.", "Bonn e.V.", "Zwickau e.V."):
            factories.organisation(s, name)
        last = factories.organisation(s, "Zittau e.V.")
        pid = factories.partnership(
            s, "Grenzland", partners=[{"organisation_id": last.id, "role": "Träger"}]
        ).id
    offered = services.captions
    monkeypatch.setattr(services, "captions", lambda s, e, **k: offered(s, e, **({"limit": 2} | k)))
    view = window.show_view("partnership")
    settle(qtbot)
    form = opened_form(qtbot, view, pid)
    partners = form.widget("partners")
    assert partners.shown(partners.value()).startswith("Zittau e.V.")
    QTest.keyClicks(form.widget("title"), " 2027")
    assert saved(qtbot, form)
    with sqlite_db.reading() as s:
        [partner] = agreements._partnership(s, pid).partners
        assert partner.organisation_id == last.id


def test_a_new_agreement_starts_with_its_sections_visible(window, sqlite_db, qtbot):
    """The sections on decisions and conflicts are in the form to read, change or remove:
    the printed agreement adds none of its own."""
    from PySide6.QtWidgets import QTableWidget

    view = window.show_view("partnership")
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    form = newest_form(view)
    table = form.widget("terms").findChild(QTableWidget)
    shown = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert shown[:2] == ["Decision-making", "Conflict resolution"]
    QTest.keyClicks(form.widget("title"), "Lernorte")
    assert saved(qtbot, form)
    with sqlite_db.unit() as s:
        from workbook import services

        [row] = services.list_rows(s, "partnership", search="Lernorte")
        p = services.get(s, "partnership", row.id)
        assert [t.heading for t in p.terms] == ["Decision-making", "Conflict resolution"]
        assert "{partners}" in p.terms[0].text


def test_an_agreement_is_translated_side_by_side_and_prints_in_both_languages(
    window, sqlite_db, qtbot, tmp_path
):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QTableWidget

    from tests.workbook.test_reports import pdf_text

    with sqlite_db.unit() as s:
        pid = factories.partnership(
            s, "Lernorte", language="de", purpose="Gesprächsreihen in Bibliotheken.",
            terms=[{"heading": "Beschlussfassung", "text": "Beschlüsse fallen einstimmig."}],
        ).id  # fmt: skip
    view = window.show_view("partnership")
    settle(qtbot)
    form = opened_form(qtbot, view, pid)
    purpose, translated = form.widget("purpose"), form.widget("purpose_translation")
    left, right = (w.mapTo(form, QPoint(0, 0)) for w in (purpose, translated))
    assert right.x() > left.x() + purpose.width() // 2 and abs(right.y() - left.y()) < 40
    form.grab().save(str(tmp_path / "form.png"))
    qtbot.mouseClick(translated.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClicks(translated, "Talks in libraries.")

    table = form.widget("terms").findChild(QTableWidget)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Heading", "Text", "Heading,\ntranslated", "Text,\ntranslated"]
    for column, words in ((2, "Decision-making"), (3, "Decisions are unanimous.")):
        rect = table.visualRect(table.model().index(0, column))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.keyClick(table, Qt.Key.Key_F2)  # the cell's editor, as the keyboard opens it
        [editor] = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
        QTest.keyClicks(editor, words)
        QTest.keyClick(editor, Qt.Key.Key_Tab)  # done with the cell: on to the next
    assert saved(qtbot, form)
    with sqlite_db.unit() as s:
        p = agreements._partnership(s, pid)
        assert p.purpose_translation == "Talks in libraries."
        assert (p.terms[0].heading_translation, p.terms[0].text_translation) == (
            "Decision-making",
            "Decisions are unanimous.",
        )

    dialog = window.reports.open_report()
    settle(qtbot)
    dialog.kind.setCurrentIndex(dialog.kind.findData("agreement"))
    dialog.partnership.setCurrentIndex(dialog.partnership.findText("Lernorte"))
    dialog.bilingual.setChecked(True)
    dialog.open_after.setChecked(False)
    dialog.path.setText(str(tmp_path / "both.pdf"))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    text = " ".join(pdf_text(tmp_path / "both.pdf").split())
    deutsch, english = text.split("Partnership agreement", 1)
    assert "Partnerschaftsvereinbarung" in deutsch and "Beschlüsse fallen einstimmig." in deutsch
    assert "Decisions are unanimous." in english and "Talks in libraries." in english
    assert "einstimmig" not in english and "Gesprächsreihen" not in english


def test_a_goal_and_a_signer_are_translated_beside_their_own_words(
    window, sqlite_db, qtbot, tmp_path
):
    """The goal's title, indicator and unit each have their translation to the right; the
    signer's function has a column of its own; the English agreement then prints them."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLineEdit, QTableWidget

    from tests.ui.people import keys
    from tests.workbook.test_reports import pdf_text
    from workbook.reports import generate

    with sqlite_db.unit() as s:
        org = factories.organisation(s, "Verein")
        pid = factories.partnership(
            s, "Lernorte", language="de", purpose="Gesprächsreihen.",
            purpose_translation="Talks.", partners=[{"organisation_id": org.id}],
            signatories=[{"name": "Eva Roth", "role": "Vorsitzende", "organisation_id": org.id}],
        ).id  # fmt: skip
    view = window.show_view("goal")
    settle(qtbot)
    form = opened_form(qtbot, view, partnership_id=pid)
    for own, translated, words, translation in (
        ("title", "title_translation", "Gesprächsabende", "Evening talks"),
        ("indicator", "indicator_translation", "Anzahl Abende", "Number of evenings"),
        ("unit", "unit_translation", "Abende", "evenings"),
    ):
        left, right = (form.widget(n).mapTo(form, QPoint(0, 0)) for n in (own, translated))
        assert right.x() > left.x() + form.widget(own).width() // 2, own
        assert abs(right.y() - left.y()) < 40, own
        for name, text in ((own, words), (translated, translation)):
            qtbot.mouseClick(form.widget(name), Qt.MouseButton.LeftButton)
            keys(form.widget(name), text)
    form.grab().save(str(tmp_path / "goal-form.png"))
    assert saved(qtbot, form)

    view = window.show_view("partnership")
    settle(qtbot)
    form = opened_form(qtbot, view, pid)
    table = form.widget("signatories").findChild(QTableWidget)
    headers = [
        table.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(table.columnCount())
    ]
    column = headers.index("Role, translated")
    assert headers[column - 1] == "Role"
    rect = table.visualRect(table.model().index(0, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(table, Qt.Key.Key_F2)
    [editor] = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    QTest.keyClicks(editor, "Chair")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert saved(qtbot, form)

    with sqlite_db.unit() as s:
        generate(s, "agreement", tmp_path / "en.pdf", partnership_id=pid, language="en")
    english = " ".join(pdf_text(tmp_path / "en.pdf").split())
    for words in ("Evening talks", "Number of evenings", "evenings", "Chair, Verein"):
        assert words in english, words
    for words in ("Gesprächsabende", "Anzahl Abende", "Vorsitzende"):
        assert words not in english, words

    # printed side by side, chosen with the mouse: each heading beside its translation
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = window.reports.open_report()
    settle(qtbot)
    dialog.kind.setCurrentIndex(dialog.kind.findData("agreement"))
    dialog.partnership.setCurrentIndex(dialog.partnership.findText("Lernorte"))
    assert not dialog.side_by_side.isEnabled()  # two columns need two languages
    box = QPoint(8, dialog.bilingual.height() // 2)  # on its box, where a person clicks
    qtbot.mouseClick(dialog.bilingual, Qt.MouseButton.LeftButton, pos=box)
    assert dialog.side_by_side.isEnabled()
    qtbot.mouseClick(dialog.side_by_side, Qt.MouseButton.LeftButton, pos=box)
    dialog.open_after.setChecked(False)
    dialog.path.setText(str(tmp_path / "side.pdf"))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    lines = pdf_text(tmp_path / "side.pdf").splitlines()
    [line] = [x for x in lines if "Gemeinsame Ziele" in x]
    assert "Shared goals" in line
    assert any("Gesprächsabende" in x for x in lines)
    import re

    assert re.search(r"Seite 1 von (\d+) · Page 1 of \1", " ".join(lines))
