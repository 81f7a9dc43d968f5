"""Search finds records by word prefix across entities, ignores accents, forgets deleted ones."""

from __future__ import annotations

from sqlalchemy import event, text

from tests.workbook import factories
from workbook import services
from workbook.store.search import normalise, search


def _labels(hits):
    return [(h.entity, h.label) for h in hits]


def test_prefix_finds_across_entities(db):
    with db.unit() as s:
        factories.organisation(s, "Demokratiewerkstatt Köln")
        factories.partnership(s, "Schule und Demokratie")
        factories.decision(s, "Demokratietag im Mai")
        factories.conflict(s, "Streit um Termine", description="Die Demokratiekonferenz")
        services.create(
            s,
            "meeting",
            {"title": "Lenkungskreis", "held_on": "2026-01-01", "agenda": "Demonstration planen"},
        )
        factories.organisation(s, "Radio Rheinwelle")
    with db.unit() as s:
        hits = search(s, "demo")
        assert {h.entity for h in hits} == {
            "organisation",
            "partnership",
            "decision",
            "conflict",
            "meeting",
        }
        assert ("organisation", "Radio Rheinwelle") not in _labels(hits)
        # a word in the title ranks above the same word in the body
        assert hits[-1].entity in {"conflict", "meeting"}
        assert _labels(search(s, "demo", entity="decision")) == [
            ("decision", "D-2026-001 Demokratietag im Mai")
        ]
        assert _labels(search(s, "schule demo")) == [("partnership", "Schule und Demokratie")]


def test_accents_and_special_letters_are_ignored(db):
    with db.unit() as s:
        services.create(s, "contact", {"name": "Łukasz Wiśniewski"})
        services.create(s, "contact", {"name": "Jürgen Weiß"})
        services.create(s, "contact", {"name": "Zeynep Yılmaz"})
    with db.unit() as s:
        assert _labels(search(s, "lukasz wisn")) == [("contact", "Łukasz Wiśniewski")]
        assert _labels(search(s, "jurgen")) == [("contact", "Jürgen Weiß")]
        assert _labels(search(s, "Jürg weiss")) == [("contact", "Jürgen Weiß")]
        assert _labels(search(s, "yilmaz")) == [("contact", "Zeynep Yılmaz")]


def test_index_follows_updates_and_deletes(db):
    with db.unit() as s:
        org_id = factories.organisation(s, "Stadtbibliothek", strengths=["Lesungen"]).id
    with db.unit() as s:
        assert _labels(search(s, "lesung")) == [("organisation", "Stadtbibliothek")]
        services.update(
            s, "organisation", org_id, {"name": "Zentralbibliothek", "strengths": ["Räume"]}
        )
    with db.unit() as s:
        assert search(s, "stadt") == []
        assert search(s, "lesung") == []
        assert _labels(search(s, "raume zentral")) == [("organisation", "Zentralbibliothek")]
        services.delete(s, "organisation", org_id)
    with db.unit() as s:
        assert search(s, "zentral") == []


def test_query_text_cannot_break_the_search(db):
    with db.unit() as s:
        factories.organisation(s, 'Verein "Mut" AND/OR NEAR*')
    with db.unit() as s:
        for query in ['"', "*", "AND", "NOT (", "'; DROP TABLE", "mut)", "NEAR*", ""]:
            search(s, query)  # no syntax error reaches the user
        assert _labels(search(s, '"mut"')) == [("organisation", 'Verein "Mut" AND/OR NEAR*')]


def test_normalise():
    assert normalise("Demokratie-Werkstatt Müller & Söhne") == "demokratie werkstatt muller sohne"
    assert normalise("ŁÓDŹ İstanbul Straße") == "lodz istanbul strasse"


def test_reindex_covers_rows_written_in_bulk(db):
    import uuid

    from sqlalchemy import insert

    from workbook.domain.models import Organisation
    from workbook.store.search import reindex

    with db.unit() as s:
        s.execute(
            insert(Organisation),
            [
                {
                    "id": uuid.uuid4(),
                    "name": f"Bulkverein {i}",
                    "kind": "ngo",
                    "status": "active",
                    "version": 1,
                }
                for i in range(30)
            ],
        )
        assert search(s, "bulkverein") == []
        assert reindex(s, batch=7) == 30
    with db.unit() as s:
        assert len(search(s, "bulkverein")) == 30


def test_a_renamed_organisation_finds_its_contacts_and_partnerships_by_the_new_name(db):
    with db.unit() as s:
        org = services.create(s, "organisation", {"name": "Jugendwerk Lausitz", "kind": "ngo"})
        services.create(s, "contact", {"name": "Anna Schmitz", "organisation_id": org.id})
        factories.partnership(s, "Lesesommer", partners=[{"organisation_id": org.id}])
        services.create(s, "contact", {"name": "Jonas Weber"})  # of no organisation
    with db.unit() as s:
        services.update(s, "organisation", org.id, {"name": "Jugendwerk Oberland"})
    with db.reading() as s:
        found = sorted((h.entity, h.label) for h in search(s, "Oberland"))
        assert found == [
            ("contact", "Anna Schmitz"),
            ("organisation", "Jugendwerk Oberland"),
            ("partnership", "Lesesommer"),
        ]
        assert search(s, "Lausitz") == []


def test_a_kind_s_name_is_no_word_of_its_records_and_a_broad_search_counts_every_match(
    db, monkeypatch
):
    with db.unit() as s:
        for title in ("Jahresbudget", "Satzung", "Die Decision des Jahres"):
            factories.decision(s, title)
        factories.organisation(s, "Contact e.V.")
        factories.organisation(s, "Stadtteilverein")
    with db.unit() as s:
        # the kind is indexed beside the words (to count a kind's matches), never as a word
        assert _labels(search(s, "decision")) == [
            ("decision", "D-2026-003 Die Decision des Jahres")
        ]
        assert _labels(search(s, "dec", entity="decision")) == [
            ("decision", "D-2026-003 Die Decision des Jahres")
        ]
        assert search(s, "organisation") == [] and search(s, "goal") == []
        assert services.count_rows(s, "organisation", search="contact") == 1
        assert services.count_rows(s, "contact", search="contact") == 0
        # a first letter matching every decision (their numbers): all counted, all listed,
        # gathered or walked in the list's order alike
        assert services.count_rows(s, "decision", search="d") == 3
        gathered = services.list_rows(s, "decision", search="d", limit=10)
        walked = services.list_rows(
            s, "decision", search="d", limit=10, matches=services.records.MANY_MATCHES
        )
        assert [r.id for r in walked] == [r.id for r in gathered] and len(walked) == 3
        assert services.count_rows(s, "organisation", search="d") == 0
        if db.engine.dialect.name == "sqlite":  # the index agrees with what it indexes
            s.execute(
                text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
            )
        # from a few matches on (here: one), a search matching every record reads the page
        # as the list without it; one that does not still shows its matches only
        monkeypatch.setattr(services.records, "MANY_MATCHES", 1)
        every = services.list_rows(s, "decision", search="d", limit=10, matches=3)
        assert [r.id for r in every] == [r.id for r in gathered]
        one = services.list_rows(s, "decision", search="satz", limit=10, matches=1)
        assert [r.cells[2] for r in one] == ["Satzung"]


def test_a_long_list_without_a_search_reads_its_page_alone(db, monkeypatch):
    """What a search matching many records costs (the list's count, to see whether every
    record matches) is not paid by a list without a search, however long."""
    monkeypatch.setattr(services.records, "MANY_MATCHES", 1)  # three count as a long list
    with db.unit() as s:
        for title in ("Jahresbudget", "Satzung", "Beitragsordnung"):
            factories.decision(s, title)
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with db.unit() as s:
        statements.clear()
        rows = services.list_page(s, "decision", services.records.ListQuery(), matches=3)
        assert len(rows) == 3
        assert [st for st in statements if "count(" in st.lower()] == []
