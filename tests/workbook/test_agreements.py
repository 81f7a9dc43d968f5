"""An agreement's life: versions, amendments with what and why, renewal, scans, timeline."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from tests.workbook import factories
from workbook.domain.errors import ValidationError
from workbook.reports import generate
from workbook.services import agreements


def pdf_text(path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(result.stdout.split())


@pytest.fixture
def partnership(db):
    with db.unit() as s:
        org = factories.organisation(s, "Verein")
        school = factories.organisation(s, "Schule", kind="school")
        p = factories.partnership(
            s,
            "Demokratie macht Schule",
            status="active",
            start_date=date(2025, 1, 1),
            end_date=date(2026, 12, 31),
            signed_on=date(2024, 12, 15),
            partners=[{"organisation_id": org.id, "role": "Koordination"}],
            terms=[{"heading": "Datenschutz", "text": "Daten nur für die Projektarbeit."}],
            signatories=[{"name": "Anna Schmitz", "role": "Vorstand"}],
        )
        return p.id, school.id


def test_an_amendment_makes_version_2_and_version_1_stays_readable(db, partnership, tmp_path):
    pid, school = partnership
    with db.unit() as s:
        v2 = agreements.amend(
            s,
            pid,
            {
                "terms": [{"heading": "Datenschutz", "text": "Daten nur nach DSGVO."}],
                "partners": [
                    {"organisation_id": agreements._partnership(s, pid).partners[0].organisation_id,
                     "role": "Koordination"},
                    {"organisation_id": school, "role": "Partner"},
                ],
            },
            reason="Die Schule tritt bei; Datenschutz präzisiert.",
            made_on=date(2026, 3, 1),
        )  # fmt: skip
        assert (v2.number, v2.kind) == (2, "amendment")
        assert v2.summary.splitlines() == ["Partner added: Schule", "Section changed: Datenschutz"]
    with db.unit() as s:
        assert [v.number for v in agreements.versions(s, pid)] == [1, 2]
        first = agreements.agreement(s, pid, version=1)
        assert [t.text for t in first.terms] == ["Daten nur für die Projektarbeit."]
        assert [x.organisation for x in first.partners] == ["Verein"]
        now = agreements.agreement(s, pid)
        assert now.version == 2 and [x.organisation for x in now.partners] == ["Verein", "Schule"]
        generate(s, "agreement", tmp_path / "v2.pdf", partnership_id=pid, language="de")
        generate(s, "agreement", tmp_path / "v1.pdf", partnership_id=pid, version=1)
        generate(s, "agreement", tmp_path / "v2-en.pdf", partnership_id=pid)
    current = pdf_text(tmp_path / "v2.pdf")
    assert "Fassung 2" in current and "Änderungsverlauf der Vereinbarung" in current
    assert "Abschnitt geändert: Datenschutz" in current and "Die Schule tritt bei" in current
    assert "Daten nur nach DSGVO." in current
    english = pdf_text(tmp_path / "v2-en.pdf")
    assert "Version 2" in english and "Amendment history" in english
    assert "Partner added: Schule" in english and "Section changed: Datenschutz" in english
    old = pdf_text(tmp_path / "v1.pdf")
    assert "Version 1" in old and "Daten nur für die Projektarbeit." in old
    assert "Schule" not in old.replace("Demokratie macht Schule", "")


def test_renewal_is_an_amendment_and_the_timeline_tells_the_story(db, partnership):
    pid, _school = partnership
    with db.unit() as s:
        renewal = agreements.renew(
            s, pid, date(2028, 12, 31), reason="Zwei weitere Jahre", made_on=date(2026, 11, 1)
        )
        assert renewal.kind == "renewal" and renewal.summary == "End: 2026-12-31 → 2028-12-31"
        with pytest.raises(agreements.NothingChanged):
            agreements.renew(s, pid, date(2028, 12, 31), reason="noch einmal")
        with pytest.raises(ValidationError):
            agreements.renew(s, pid, date(2029, 12, 31), reason=" ")
    with db.unit() as s:
        story = [(e.kind, e.day) for e in agreements.timeline(s, pid, today=date(2026, 11, 25))]
    assert story[1:] == [
        ("signed", date(2024, 12, 15)),
        ("renewed", date(2026, 11, 1)),
        ("ends", date(2028, 12, 31)),
    ]
    assert story[0][0] == "drafted"


def test_a_signed_scan_is_kept_with_its_version(db, partnership, tmp_path):
    pid, _school = partnership
    scan = tmp_path / "unterschrieben.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed scan\n")
    not_a_scan = tmp_path / "notiz.txt"
    not_a_scan.write_text("kein Scan")
    with db.unit() as s:
        version = agreements.renew(s, pid, date(2027, 12, 31), reason="Verlängert")
        agreements.attach_scan(s, version.id, scan)
        with pytest.raises(agreements.BadAttachment) as refused:
            agreements.attach_scan(s, version.id, not_a_scan)
        assert "not a PDF, PNG or JPEG" in refused.value.message
    with db.unit() as s:
        name, kind, data = agreements.scan(s, version.id)
    assert (name, kind, data) == ("unterschrieben.pdf", "application/pdf", scan.read_bytes())
