"""A person's data (GDPR): exported, erased, and the review of whom the association keeps."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import operations, tasks
from ui.dialogs.base import Dialog
from ui.dialogs.keyed import fill_keyed, keyed_table, selected_key
from ui.formatting import display
from ui.i18n import _t, shown_language
from ui.labels import entity_title, field_label
from workbook import privacy
from workbook.domain.changes import EVERYTHING
from workbook.store.db import Database


def export_personal_data(parent: QWidget, db: Database, contact_id: uuid.UUID) -> None:
    """Ask for a folder, then write the person's data as JSON and PDF (in the background)."""
    folder = QFileDialog.getExistingDirectory(
        parent, _t("Folder for the personal data export"), str(Path.home())
    )
    if not folder:
        return

    language = shown_language()  # the letter the person reads, in the app's language

    def work(_progress: Any) -> tuple[Path, Path]:
        with db.unit() as session:
            return privacy.export_person(session, contact_id, folder, language=language)

    def done(paths: tuple[Path, Path]) -> None:
        QMessageBox.information(
            parent,
            _t("Personal data"),
            _t("Written:\n{json}\n{pdf}").format(json=paths[0], pdf=paths[1]),
        )

    tasks.Operation(parent, work).success(done).run(label=_t("Collecting personal data"))


def erase_personal_data(
    parent: QWidget, db: Database, contact_id: uuid.UUID, done: Callable[[], None]
) -> tasks.Operation:
    """Find every text that names the person (off the UI thread: it reads every free text),
    show them and ask, then anonymise the person and call ``done``. Final; bypasses the
    trash."""

    def look(_progress: Any) -> tuple[str, list[privacy.Place], list[privacy.Kept]]:
        with db.reading() as session:
            name, places = privacy.places(session, contact_id)
            return name, places, privacy.kept(session, contact_id)

    return (
        tasks.Operation(parent, look)
        .success(lambda found: _confirm_erasure(parent, db, contact_id, done, *found))
        .run(label=_t("Looking for mentions of the person"))
    )


# How many of the places that mention a person the confirmation lists one by one.
PLACES_LISTED = 12


def _place_label(place: privacy.Place) -> str:
    from workbook.domain.models import Base

    if place.table == "changes":
        where = _t("change history")
    elif place.table == "trash":
        where = _t("trash")
    else:
        entity = next(
            (
                m.class_.__entity__
                for m in Base.registry.mappers
                if m.local_table.name == place.table
            ),
            place.table,
        )
        where = f"{entity_title(entity)}, {field_label(place.field)}"
    return f"• {where}: {place.snippet}"


def _confirm_erasure(
    parent: QWidget,
    db: Database,
    contact_id: uuid.UUID,
    done: Callable[[], None],
    name: str,
    places: list[privacy.Place],
    kept: list[privacy.Kept],
) -> None:
    listed = "\n".join(_place_label(p) for p in places[:PLACES_LISTED])
    if len(places) > PLACES_LISTED:
        listed += "\n" + _t("… and %n more", None, len(places) - PLACES_LISTED)
    mentions = (
        _t("These %n place(s) mention {name} and will read [erased]:", None, len(places)).format(
            name=name
        )
        + "\n"
        + listed
        if places
        else _t("No other text mentions {name}.").format(name=name)
    )
    signed = sorted({k.partnership for k in kept})
    if signed:
        mentions += "\n\n" + _t(
            "Kept as signed (they show what the partners agreed): {agreements}"
        ).format(agreements=", ".join(signed))
    answer = QMessageBox.question(
        parent,
        _t("Erase personal data"),
        _t(
            "Erase everything about {name}? Their name, e-mail and phone are removed from "
            "the contact and from the texts below. Decisions and conflicts remain, without "
            "the name; other people's records are not touched. A backup is taken first. "
            "This is final: it cannot be restored from the trash, and it is applied again "
            "if an older backup or archive is opened."
        ).format(name=name)
        + "\n\n"
        + mentions,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    tasks.Operation(parent, lambda _p: privacy.erase_person(db, contact_id)).success(
        lambda _changed: (operations.hub().report(EVERYTHING, parent), done())
    ).run(label=_t("Erase personal data"))


class PrivacyReviewDialog(Dialog):
    """Contacts to look at: no consent recorded, consent without purpose, long inactive."""

    open_contact = Signal(uuid.UUID)
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="privacy-review")
        self.setWindowTitle(self.tr("Personal data review"))
        self.resize(820, 460)
        self._db = db
        self.years = QSpinBox(minimum=1, maximum=30, value=3)
        self.years.setSuffix(self.tr(" years"))
        self.years.valueChanged.connect(self.reload)
        self.table = keyed_table(
            [self.tr("Name"), self.tr("Organisation"), self.tr("Why"), self.tr("Last activity")]
        )
        self.table.doubleClicked.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        actions: list[tuple[str, Callable[[], None]]] = [
            (self.tr("Open"), self._open),
            (self.tr("Export personal data…"), self._export),
            (self.tr("Erase…"), self._erase),
        ]
        for text, slot in actions:
            button: QPushButton = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(slot)
            if slot == self._erase:
                button.setEnabled(not db.read_only)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(wordWrap=True)
        intro.setText(
            self.tr(
                "People whose consent is not recorded or has no purpose, and people with no "
                "activity (meetings attended, changes) for longer than:"
            )
        )
        layout.addWidget(intro)
        layout.addWidget(self.years)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        reasons = {
            "no_consent": self.tr("no consent recorded"),
            "no_purpose": self.tr("consent without a purpose"),
            "inactive": self.tr("inactive"),
        }
        years = self.years.value()
        operations.read(self, self._db, lambda s: privacy.review(s, years=years)).success(
            lambda items: self._show(items, reasons)
        ).run()

    def _show(self, items: list[Any], reasons: dict[str, str]) -> None:
        fill_keyed(
            self.table,
            [
                (
                    str(i.contact_id),
                    [
                        i.name,
                        i.organisation or "",
                        reasons[i.reason],
                        display(i.last_activity, "date"),
                    ],
                )
                for i in items
            ],
        )

    def _selected(self) -> uuid.UUID | None:
        key = selected_key(self.table)
        return uuid.UUID(key) if key else None

    def _open(self) -> None:
        contact_id = self._selected()
        if contact_id is not None:
            self.open_contact.emit(contact_id)
            self.accept()

    def _export(self) -> None:
        contact_id = self._selected()
        if contact_id is not None:
            export_personal_data(self, self._db, contact_id)

    def _erase(self) -> None:
        contact_id = self._selected()
        if contact_id is not None:
            erase_personal_data(
                self, self._db, contact_id, lambda: (self.reload(), self.changed.emit())
            )
