"""The clause library: shipped in German and English, editable, copied into agreements."""

from __future__ import annotations

import subprocess
from datetime import date

from tests.workbook import factories
from workbook.reports import generate
from workbook.services import clauses, get
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


def test_inserting_a_clause_copies_it_with_placeholders_filled(db):
    with db.unit() as s:
        set_profile(s, name="Demokratie Leben e.V.")
        a, b = factories.organisation(s, "Verein A"), factories.organisation(s, "Schule B")
        p = factories.partnership(
            s, "Lernorte", start_date=date(2026, 1, 1), end_date=date(2027, 12, 31),
            partners=[{"organisation_id": a.id}, {"organisation_id": b.id}],
        )  # fmt: skip
        term = clauses.insert(s, p.id, clauses.find(s, "termination", "de").id)
        assert term.heading == "Kündigung"
        assert term.text.startswith("Die Vereinbarung gilt vom 01.01.2026 bis zum 31.12.2027.")
        english = clauses.insert(s, p.id, clauses.find(s, "decision_making", "en").id)
        assert "taken jointly by Verein A and Schule B" in english.text
        assert "“Lernorte”" in english.text
        clause = clauses.find(s, "publications", "de")
        clauses.save(s, ident=clause.id, title=clause.title, body="Neu: {association}",
                     language="de")  # fmt: skip
        copied = clauses.insert(s, p.id, clause.id)
        assert copied.text == "Neu: Demokratie Leben e.V."
        clauses.save(s, ident=clause.id, title=clause.title, body="Später geändert",
                     language="de")  # fmt: skip
    with db.unit() as s:
        texts = [t.text for t in get(s, "partnership", p.id).terms]
        assert "Neu: Demokratie Leben e.V." in texts, "the agreement keeps its copy"


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
