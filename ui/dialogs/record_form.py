"""Create or edit any record: widgets from the entity's field rules, errors shown inline."""

from __future__ import annotations

import html
import re
import threading
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.dialogs.base import ERROR_STYLE, Dialog
from ui.dialogs.choice import MINE, THEIRS, MineTheirs, Versions
from ui.errors import describe
from ui.fields import Choices, input_for
from ui.formatting import display
from ui.i18n import _t, shown_language
from ui.labels import entity_title, field_label
from workbook import services
from workbook.domain.changes import Changes
from workbook.domain.errors import KnownError, StaleRecord, ValidationError
from workbook.services import fields as kinds
from workbook.services.partnerships import (
    PARTNER_FIELDS,
    SIGNATORY_FIELDS,
    TERM_FIELDS,
    contacts_as_signers,
)
from workbook.services.profile import own_organisation
from workbook.store.db import Database

SUB_FIELDS = {"partners": PARTNER_FIELDS, "terms": TERM_FIELDS, "signatories": SIGNATORY_FIELDS}


#: Fields shown to the right of another, in the same row: a text and its translation.
SIDE_BY_SIDE = {
    "purpose_translation": "purpose",
    "title_translation": "title",
    "indicator_translation": "indicator",
    "unit_translation": "unit",
}

#: Kinds of record whose form says, as the user types, that the record probably exists.
LOOKED_FOR_TWICE = ("organisation", "contact")


@dataclass(frozen=True)
class FormData:
    """What a form shows, read on the database worker before it opens: the choices of its
    reference fields, its values (the record's, or a new record's start), its version."""

    choices: dict[str, Choices]
    values: dict[str, Any]
    version: int | None = None


class KeptCaptions:
    """The drop-downs' choices of each kind of record, read once per database and again
    only after a change of that kind is reported (``operations.hub``: the window's own
    writes and, on a server, everyone's): a decision's form offers 17,000 partnerships,
    meetings, decisions and contacts, some 130-230 ms of reading on the lifetime database
    each time it opened. Read on the worker, forgotten on the GUI thread; a read that a
    change overtook is not kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: weakref.WeakKeyDictionary[Any, dict[str, Choices]] = weakref.WeakKeyDictionary()
        self._changes = 0
        self._watching = False

    def watch(self) -> None:
        """Forget what a reported change touches (called on the GUI thread, once)."""
        if not self._watching:
            self._watching = True
            operations.hub().changed.connect(self._forget)

    def _forget(self, said: Changes, _initiator: object = None) -> None:
        with self._lock:
            self._changes += 1
            for kept in self._kept.values():
                for entity in [e for e in kept if said.touches((e,))]:
                    del kept[entity]

    def of(self, session: Any, entity: str) -> Choices:
        engine = session.get_bind().pool  # the database (one pool; a read has its own options)
        with self._lock:
            found = self._kept.get(engine, {}).get(entity)
            changes = self._changes
        if found is not None and self._watching:
            return found
        read = services.captions(session, entity)
        with self._lock:
            if changes == self._changes:
                self._kept.setdefault(engine, {})[entity] = read
        return read


CAPTIONS = KeptCaptions()


def read_form(
    session: Any,
    entity: str,
    record_id: uuid.UUID | None,
    initial: dict[str, Any] | None,
    language: str = "en",
) -> FormData:
    """The form's data (runs on the worker: ``open_form``); a new record's starting values
    in ``language``."""
    spec = services.spec_for(entity)
    wanted: dict[str, str] = {}
    for f in spec.fields:
        for sub in (f, *SUB_FIELDS.get(f.name, ())):
            if sub.kind in (kinds.REF, kinds.REFS) and sub.ref:
                wanted[sub.name] = sub.ref
    by_entity = {e: CAPTIONS.of(session, e) for e in set(wanted.values())}
    choices = {name: by_entity[ref] for name, ref in wanted.items()}
    if record_id is not None:
        if "supersedes_id" in choices:  # a decision cannot supersede itself
            choices["supersedes_id"] = [c for c in choices["supersedes_id"] if c[0] != record_id]
        record = services.get(session, entity, record_id)
        values = services.values_of(entity, record)
        _offer_chosen(session, choices, wanted, values)
        return FormData(choices, values, record.version)
    starting = dict(services.defaults(entity))
    if entity == "partnership":  # a new partnership starts with the association as a party
        own = own_organisation(session)
        if own is not None:
            starting["partners"] = [{"organisation_id": own.id, "role": ""}]
        from workbook.services import clauses  # with the reports' words: not at start-up

        # drafted in the window's language with the sections every agreement needs, visible
        # and editable here, each with the library's translation beside it
        starting["language"] = language
        starting["terms"] = clauses.drafted(session, language)
    return FormData(choices, {**starting, **(initial or {})})


def _offer_chosen(
    session: Any, choices: dict[str, Choices], wanted: dict[str, str], values: dict[str, Any]
) -> None:
    """The records a form's values link to are among its choices, also past the first
    thousands offered (else the drop-down would show nothing and saving lose the link)."""
    for name, ref in wanted.items():
        value = values.get(name)
        chosen = set(value) if isinstance(value, list) else {value}  # one link, or several
        chosen |= {
            entry.get(name)
            for rows in values.values()
            if isinstance(rows, list)
            for entry in rows
            if isinstance(entry, dict)
        }
        offered = {record_id for record_id, _caption in choices[name]}
        missing = {c for c in chosen if isinstance(c, uuid.UUID)} - offered
        if missing:
            choices[name] = choices[name] + services.captions(session, ref, ids=missing)


def open_form(
    parent: QWidget,
    db: Database,
    entity: str,
    record_id: uuid.UUID | None = None,
    *,
    initial: dict[str, Any] | None = None,
    make: Callable[[FormData], RecordForm] | None = None,
    opened: Callable[[RecordForm], None] | None = None,
) -> None:
    """Read the form's data on the worker, then make the form (``make``, by default a
    ``RecordForm``), hand it to ``opened`` and open it."""

    def built(data: FormData) -> None:
        form = (
            make(data) if make is not None else RecordForm(db, entity, record_id, parent, data=data)
        )
        if opened is not None:
            opened(form)
        form.open()

    language = shown_language()
    CAPTIONS.watch()
    operations.read(
        parent, db, lambda s: read_form(s, entity, record_id, initial, language)
    ).success(built).run()


class RecordForm(Dialog):
    """The form of one record. ``saved`` carries the record's id after a successful save;
    ``open_existing`` the id of the record the user chose instead of typing it again."""

    saved = Signal(object)
    open_existing = Signal(object)

    def __init__(
        self,
        db: Database,
        entity: str,
        record_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        data: FormData,
    ) -> None:
        super().__init__(parent, geometry_key=f"form-{entity}")
        self._db, self._entity, self._record_id = db, entity, record_id
        self._version: int | None = None
        self._spec = services.spec_for(entity)
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._loaded: dict[str, Any] = {}
        self._shown_once = False
        self._saving = False
        verb = self.tr("Edit {entity}") if record_id else self.tr("New {entity}")
        self.setWindowTitle(verb.format(entity=entity_title(entity)))
        self.setMinimumWidth(560)

        self._banner = QLabel()
        self._banner.setStyleSheet(ERROR_STYLE + "font-weight: 600;")
        self._banner.setWordWrap(True)
        self._banner.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        choices = data.choices
        rows: dict[str, QHBoxLayout] = {}
        for f in self._spec.fields:
            widget = input_for(f, choices, SUB_FIELDS.get(f.name, ()))
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            label = field_label(f.name, entity) + (" *" if f.required else "")
            beside = SIDE_BY_SIDE.get(f.name)
            if beside in rows:  # a translation, to the right of the text it translates
                for text, where in ((self.tr("As written"), rows[beside].itemAt(0)),
                                    (label, None)):  # fmt: skip
                    caption = QLabel(text, objectName="caption")
                    holder = where.widget() if where is not None else cell
                    holder.layout().insertWidget(0, caption)  # type: ignore[union-attr]
                rows[beside].addWidget(cell, 1)
            else:
                row = QWidget()
                rows[f.name] = QHBoxLayout(row)
                rows[f.name].setContentsMargins(0, 0, 0, 0)
                rows[f.name].addWidget(cell, 1)
                form.addRow(label, row)
            self._inputs[f.name], self._errors[f.name] = widget, error
        body = QWidget()
        top = QVBoxLayout(body)  # the rows at their own heights, the room left below them
        top.addLayout(form)
        top.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard goes to the fields
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self.save_and_close)
        self._buttons.rejected.connect(self.reject)
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save_and_close)
        self._duplicate = QLabel()
        self._duplicate.setWordWrap(True)
        self._duplicate.setTextFormat(Qt.TextFormat.RichText)
        self._duplicate.linkActivated.connect(self._open_existing)
        self._duplicate.hide()
        self._looking = QTimer(self, singleShot=True, interval=400)
        self._looking.timeout.connect(self._look_for_duplicates)
        layout = QVBoxLayout(self)
        layout.addWidget(self._banner)
        layout.addWidget(self._duplicate)
        layout.addWidget(scroll)
        layout.addWidget(self._buttons)
        self.resize(820 if entity == "partnership" else 640, 720)  # its tables have columns
        if entity == "partnership":
            self._inputs["signatories"].offer(  # type: ignore[attr-defined]
                self.tr("Add from contacts…"), self._signers
            )
        if entity in LOOKED_FOR_TWICE:
            for name in ("name", "email"):
                self._inputs[name].textChanged.connect(self._looking.start)  # type: ignore[attr-defined]
        self._version = data.version
        for name, value in data.values.items():
            if name in self._inputs:
                self.set_value(name, value)
        self._loaded = self.values()

    def showEvent(self, event: QShowEvent) -> None:
        """The keyboard starts in the first field: what is typed first is not lost."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._inputs[self.first_field].setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def first_field(self) -> str:
        """The name of the form's first field, where the keyboard starts."""
        return self._spec.fields[0].name

    def _signers(self, done: Callable[[list[tuple[str, dict[str, Any]]]], None]) -> None:
        """Read the contacts on the worker and hand them to ``done``, each as a signatory:
        their name, role and organisation."""

        def offered(rows: list[Any]) -> None:
            done(
                [
                    (
                        " — ".join(filter(None, [name, role, organisation])),
                        {"name": name, "role": role or "", "organisation_id": organisation_id},
                    )
                    for name, role, organisation_id, organisation in rows
                ]
            )

        operations.read(self, self._db, contacts_as_signers).success(offered).run()

    # -- values ------------------------------------------------------------------------------
    def widget(self, name: str) -> QWidget:
        return self._inputs[name]

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""

    def banner_text(self) -> str:
        return self._banner.text() if not self._banner.isHidden() else ""

    def set_value(self, name: str, value: Any) -> None:
        self._inputs[name].set_value(value)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return {name: widget.value() for name, widget in self._inputs.items()}  # type: ignore[attr-defined]

    def is_dirty(self) -> bool:
        return self.values() != self._loaded

    @property
    def record_id(self) -> uuid.UUID | None:
        return self._record_id

    # -- the same record twice -----------------------------------------------------------------
    def duplicate_text(self) -> str:
        return self._duplicate.text() if not self._duplicate.isHidden() else ""

    def _look_for_duplicates(self) -> None:
        from ui.tasks import runner
        from workbook.services.duplicates import similar

        values = self.values()
        name, email = values.get("name") or "", values.get("email") or ""
        db, entity, exclude = self._db, self._entity, self._record_id

        def look() -> list[Any]:
            with db.reading() as session:
                return similar(session, entity, name=name, email=email, exclude=exclude)

        runner().submit(look, self._show_duplicates, counts=False)

    def _show_duplicates(self, future: Any) -> None:
        if future.cancelled() or future.exception() is not None or not self.isVisible():
            self._duplicate.hide()
            return
        found = future.result()
        if not found:
            self._duplicate.hide()
            return
        first = found[0]
        text = (
            self.tr("Already in the app with this e-mail address: {name}")
            if first.why == "email"
            else self.tr("Already in the app under this name: {name}")
        ).format(name=f"<b>{html.escape(first.caption)}</b>")
        link = self.tr("Open the existing one")
        markup = f'{text} – <a href="{first.id}">{link}</a>'
        self._duplicate.setText(markup)
        self._duplicate.show()

    def _open_existing(self, ident: str) -> None:
        # the user chose the record that exists over the one being typed: no question
        super().reject()
        self.open_existing.emit(uuid.UUID(ident))

    # -- saving ------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        self._banner.hide()
        for label in self._errors.values():
            label.hide()

    def _show_error(self, error: KnownError) -> None:
        self._clear_errors()
        text = describe(error)
        field = error.field if isinstance(error, ValidationError) else ""
        target = field if field in self._errors else None
        if target is None and isinstance(error, ValidationError):
            # an error inside an entry of a list field belongs to that list
            target = next(
                (
                    n
                    for n, subs in SUB_FIELDS.items()
                    if n in self._inputs and any(s.name == field for s in subs)
                ),
                None,
            )
        if target is not None:
            self._errors[target].setText(text)
            self._errors[target].show()
            self._inputs[target].setFocus()
        self._banner.setText(self.tr("Not saved. ") + text)
        self._banner.show()

    def save(self, *, close: bool = False) -> None:
        """Save through the core on the database worker, the form busy meanwhile; a rule
        broken is shown and the form stays open; saved, it closes when ``close``."""
        if self._saving:
            return  # Ctrl+S again while the first save runs: one save
        self._saving = True
        values = self.values()

        def write(session: Any) -> tuple[uuid.UUID, int]:
            record = self._write(session, values)
            return record.id, record.version

        # the buttons wait; the fields keep the keyboard, and what is typed meanwhile stays
        operations.write(self, self._db, write).busy(self._buttons).failure(self._refused).success(
            lambda saved: self._saved(saved, values, close)
        ).run()

    def _saved(self, saved: tuple[uuid.UUID, int], values: dict[str, Any], close: bool) -> None:
        self._saving = False
        self._record_id, self._version = saved
        self._loaded = values
        self._clear_errors()
        self.saved.emit(self._record_id)
        if close:
            self.accept()

    def _refused(self, error: KnownError) -> None:
        self._saving = False
        self._show_error(error)
        if isinstance(error, StaleRecord):
            self._offer_reload()

    def _write(self, session: Any, values: dict[str, Any]) -> Any:
        """Create or update the record; a form with another purpose writes differently."""
        if self._record_id is None:
            return services.create(session, self._entity, values)
        return services.update(
            session, self._entity, self._record_id, values, expected_version=self._version
        )

    def _offer_reload(self) -> None:
        """Someone saved this record since the form opened: compare mine and theirs."""
        entity, ident = self._entity, self._record_id

        def theirs(session: Any) -> tuple[dict[str, Any], int]:
            record = services.get(session, entity, ident)  # type: ignore[arg-type]
            return services.values_of(entity, record), record.version

        operations.read(self, self._db, theirs).success(lambda found: self._compare(*found)).run()

    def _compare(self, theirs: dict[str, Any], version: int) -> None:
        self.conflict = ConflictDialog(self, theirs, version)
        self.conflict.open()

    def remote_changed(self, member: str) -> None:
        """Another member has just saved this record (a live update from the server)."""
        self._banner.setText(
            self.tr(
                "{member} has just changed this {entity}. When you save, you will see their "
                "changes beside yours and choose."
            ).format(member=member or self.tr("Someone"), entity=entity_title(self._entity))
        )
        self._banner.show()

    def resolve(self, values: dict[str, Any], version: int, theirs: dict[str, Any]) -> None:
        """Save ``values`` over their version (after the member chose, field by field)."""
        for name, value in values.items():
            if name in self._inputs:
                self.set_value(name, value)
        self._version = version
        self._loaded = {n: v for n, v in theirs.items() if n in self._inputs}
        if self.values() == self._loaded:  # took theirs: nothing left to save
            self._clear_errors()
            return
        self.save()

    def save_and_close(self) -> None:
        self.save(close=True)

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("Save your changes to this {entity}?").format(
                    entity=entity_title(self._entity)
                ),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save_and_close()
                return
        super().reject()


class ConflictDialog(MineTheirs):
    """Someone saved the record on the server since the form opened: mine (the form's
    values) and theirs (the saved ones), field by field."""

    def __init__(self, form: RecordForm, theirs: dict[str, Any], version: int) -> None:
        self._form, self._theirs, self._version = form, theirs, version
        base, mine = form._loaded, form.values()
        rows = []
        for name in mine:
            if name not in theirs or _same(mine[name]) == _same(theirs[name]):
                continue
            mine_changed = _same(mine[name]) != _same(base.get(name))
            both = mine_changed and _same(theirs[name]) != _same(base.get(name))
            show = getattr(form._inputs.get(name), "shown", _shown)
            label = field_label(name) + (_t(" (changed by both)") if both else "")
            # what only they changed is theirs; what I changed stays mine
            keep = MINE if mine_changed else THEIRS
            rows.append(Versions(name, label, show(mine[name]), show(theirs[name]), keep))
        super().__init__(
            form,
            title=_t("Changed by someone else"),
            intro=_t(
                "Someone else saved this {entity} after you opened it. Choose, field by field, "
                "what to keep; nothing is lost without your choice."
            ).format(entity=entity_title(form._entity)),
            rows=rows,
        )

    def merged(self, picks: dict[str, str]) -> dict[str, Any]:
        chosen = dict(self._form.values())
        for name, pick in picks.items():
            if pick == THEIRS:
                chosen[name] = self._theirs[name]
        return chosen

    def finish(self, picks: dict[str, str]) -> None:
        """Apply the choice to the form and save it (the form says if that fails)."""
        self._form.resolve(self.merged(picks), self._version, self._theirs)


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _same(value: Any) -> Any:
    """Values compared as what they mean: '' and None alike, an id and its text alike,
    5 and 5.0 alike, a list of records in any order alike."""
    if value in ("", [], None):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return f"{float(value):g}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return tuple(sorted((k, _same(v)) for k, v in value.items() if _same(v) is not None))
    if isinstance(value, list | tuple):
        items = [_same(v) for v in value]
        if all(isinstance(v, str) for v in items):
            return tuple(sorted(items))  # records picked from a list: the order is not theirs
        return tuple(items)
    text = str(value).strip()
    return f"{float(text):g}" if _NUMBER.match(text) else text


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(
            ", ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item)
            for item in value
        )
    return display(value)
