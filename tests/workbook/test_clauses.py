"""The clause library: shipped in German and English, editable, copied into agreements."""

from __future__ import annotations

import subprocess
from datetime import date

from tests.workbook import factories
from workbook.reports import generate
from workbook.services import agreements, clauses
from workbook.services.profile import set_profile


def test_defaults_in_both_languages_and_edits_survive(db):
    with db.unit() as s:
        german = clauses.library(s, "de")
        english = clauses.library(s, "en")
        assert {c.key for c in german} == {c.key for c in english} >= {
            "decision_making", "conflict_resolution", "data_protection", "logo_use",
            "termination",
        }  # fmt: skip
        data = clauses.find(s, "data_protection", "de")
        clauses.save(s, ident=data.id, title="Datenschutz (unser Text)", body="Nur nach DSGVO.",
                     language="de")  # fmt: skip
    with db.unit() as s:
        assert clauses.ensure_defaults(s) == 0
        assert clauses.find(s, "data_protection", "de").title == "Datenschutz (unser Text)"


def _pdf(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return " ".join(text.split())


def test_an_inserted_clause_keeps_its_placeholders_live_and_its_own_copy(db, tmp_path):
    with db.unit() as s:
        set_profile(s, name="Demokratie Leben e.V.")
        a, b = factories.organisation(s, "Verein A"), factories.organisation(s, "Schule B")
        p = factories.partnership(
            s, "Lernorte", start_date=date(2026, 1, 1), end_date=date(2027, 12, 31),
            partners=[{"organisation_id": a.id}, {"organisation_id": b.id}],
        )  # fmt: skip
        term = clauses.insert(s, p.id, clauses.find(s, "termination", "de").id)
        assert term.heading == "Kündigung"
        assert term.text.startswith("Die Vereinbarung gilt vom {start} bis zum {end}.")
        clauses.insert(s, p.id, clauses.find(s, "decision_making", "en").id)
        clause = clauses.find(s, "publications", "de")
        clauses.save(s, ident=clause.id, title=clause.title, body="Neu: {association}",
                     language="de")  # fmt: skip
        clauses.insert(s, p.id, clause.id)
        clauses.save(s, ident=clause.id, title=clause.title, body="Später geändert",
                     language="de")  # fmt: skip
    with db.unit() as s:
        generate(s, "agreement", tmp_path / "de.pdf", partnership_id=p.id, language="de")
        generate(s, "agreement", tmp_path / "en.pdf", partnership_id=p.id, language="en")
    german, english = _pdf(tmp_path / "de.pdf"), _pdf(tmp_path / "en.pdf")
    assert "Die Vereinbarung gilt vom 01.01.2026 bis zum 31.12.2027." in german
    assert "This agreement runs from 2026-01-01 to 2027-12-31." in english
    assert "taken jointly by Verein A and Schule B" in english
    assert "“Lernorte”" in english
    assert "Neu: Demokratie Leben e.V." in german, "the agreement keeps its copy"
    assert "Später geändert" not in german
    assert "{" not in german + english

    with db.unit() as s:  # renewed: every section says the new end, none the old one
        agreements.renew(s, p.id, date(2030, 12, 31), reason="Verlängert")
    with db.unit() as s:
        generate(s, "agreement", tmp_path / "renewed.pdf", partnership_id=p.id, language="de")
        generate(s, "agreement", tmp_path / "v1.pdf", partnership_id=p.id, language="de", version=1)
    renewed = _pdf(tmp_path / "renewed.pdf")
    assert "Die Vereinbarung gilt vom 01.01.2026 bis zum 31.12.2030." in renewed
    assert "bis zum 31.12.2027" not in renewed
    assert "bis zum 31.12.2027" in _pdf(tmp_path / "v1.pdf"), "version 1 as it stood"


def test_a_new_agreement_is_drafted_with_the_sections_it_needs(db):
    with db.unit() as s:
        german = clauses.drafted(s, "de")
        mine = clauses.find(s, "conflict_resolution", "en")
        clauses.save(s, ident=mine.id, title="Disputes", body="We talk.", language="en")
    with db.unit() as s:
        english = clauses.drafted(s, "en")
        shipped = clauses.find(s, "decision_making", "en").body
        auf_deutsch = {k: clauses.find(s, k, "de") for k in clauses.DRAFTED}
    assert [t["heading"] for t in german] == ["Entscheidungen", "Konfliktlösung"]
    assert "{partnership}" in german[0]["text"]
    # each with the library's other language as its translation: it prints in both
    assert [t["heading_translation"] for t in german] == ["Decision-making", "Conflict resolution"]
    assert english == [
        {"heading": "Decision-making", "text": shipped,
         "heading_translation": "Entscheidungen",
         "text_translation": auf_deutsch["decision_making"].body},
        {"heading": "Disputes", "text": "We talk.", "heading_translation": "Konfliktlösung",
         "text_translation": auf_deutsch["conflict_resolution"].body},
    ]  # fmt: skip


def test_a_user_clause_with_markup_prints_literally(db, tmp_path):
    with db.unit() as s:
        p = factories.partnership(s, "Lernorte")
        body = "Wir schreiben <b>fett</b> & {unbekannt} für {partnership}."
        mine = clauses.save(s, title="Eigene <Regeln>", body=body, language="de")
        clauses.insert(s, p.id, mine.id)
        generate(s, "agreement", tmp_path / "a.pdf", partnership_id=p.id, language="de")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Wir schreiben <b>fett</b> & {unbekannt} für Lernorte." in " ".join(text.split())
    assert "Eigene <Regeln>" in text
