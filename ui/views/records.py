"""A list of one entity with filters, and the story of the selected record beside it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ui import operations
from ui.detail import story
from ui.dialogs.record_form import SUB_FIELDS, RecordForm, open_form
from ui.errors import describe
from ui.fields import ChoiceInput, DateInput
from ui.labels import entity_title, field_label, table_words, value_label
from ui.models.records import RecordTableModel
from ui.views.list_frame import ListFrame
from workbook import services
from workbook.domain.changes import Changes
from workbook.domain.errors import KnownError
from workbook.services.organisations import strength_labels
from workbook.store.db import Database

Action = tuple[str, Callable[[uuid.UUID], None]]


def shown_kinds(entity: str) -> frozenset[str]:
    """The kinds of record a list of ``entity`` shows: its own, and those its fields name
    (a contact's organisation, a partnership's partners)."""
    spec = services.spec_for(entity)
    fields = [sub for f in spec.fields for sub in (f, *SUB_FIELDS.get(f.name, ()))]
    return frozenset({entity, *(f.ref for f in fields if f.ref)})


class RecordListView(operations.Watching, ListFrame):
    """Filters on top, the paged table on the left, the selected record's story on the right."""

    open_record = Signal(str, object)  # entity, id: a link in the story was followed

    model: RecordTableModel

    def __init__(self, db: Database, entity: str, parent: QWidget | None = None) -> None:
        self._db = db
        self._spec = services.spec_for(entity)
        self._actions: list[tuple[QPushButton, Callable[[uuid.UUID], None]]] = []
        self._read_only = False
        self._can_delete = True
        super().__init__(entity, lambda frame: RecordTableModel(db, entity, frame), parent)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.detail.anchorClicked.connect(self._follow)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.new_button.clicked.connect(lambda: self.create_record())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self._add_filters()
        self._kinds = shown_kinds(entity)
        #: the record to select once the list has read it (after a save, a refresh)
        self._reselect: uuid.UUID | None = None
        self._story_of: uuid.UUID | None = None
        #: The record whose story is shown (or on its way) as of every change reported so
        #: far: selected again (the list read again selects it anew, and the selection tells
        #: of it too), it is not read again.
        self._story_current: uuid.UUID | None = None
        self.model.loaded.connect(self._loaded)
        self.model.modelReset.connect(self._update_count)
        operations.hub().changed.connect(self.on_changes)

    # -- building --------------------------------------------------------------------------------
    def _add_filters(self) -> None:
        bar = self.filter_bar
        self.filters: dict[str, Any] = {}
        names = {f.name for f in self._spec.fields}
        if "status" in names:
            self._add_choice(
                bar, "status", [(c, value_label(c)) for c in self._spec.field("status").choices]
            )
        if "kind" in names:
            self._add_choice(
                bar, "kind", [(c, value_label(c)) for c in self._spec.field("kind").choices]
            )
        if "strength" in self._spec.facets:
            self._add_choice(bar, "strength", [], label=self.tr("Strength"))
            combo = self.filters["strength"]
            # the strengths are read on the worker; the list shows before they come
            operations.read(self, self._db, strength_labels).success(
                lambda labels: combo.add_items([(s, s) for s in labels])
            ).run()
        if "partnership" in self._spec.facets and self._entity != "organisation":
            self._add_choice(bar, "partnership", [], load=self._partnership_captions)
        if self._spec.date_field:
            for key, text in (("from", self.tr("From")), ("to", self.tr("to"))):
                widget = DateInput()
                widget.setObjectName(f"filter-{key}")
                widget.changed.connect(self.apply_filters)
                bar.addWidget(QLabel(text))
                bar.addWidget(widget)
                self.filters[key] = widget

    def _partnership_captions(self, done: Callable[[list[tuple[Any, str]]], None]) -> None:
        operations.read(self, self._db, lambda s: services.captions(s, "partnership")).success(
            done
        ).run()

    def _add_choice(
        self,
        bar: QHBoxLayout,
        key: str,
        items: list[tuple[Any, str]],
        *,
        label: str | None = None,
        load: Callable[[Callable[[list[tuple[Any, str]]], None]], None] | None = None,
    ) -> None:
        combo = ChoiceInput(items, optional=True, load=load)
        combo.setItemText(0, self.tr("All: {what}").format(what=label or field_label(key)))
        combo.setObjectName(f"filter-{key}")
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        bar.addWidget(combo, 1)
        self.filters[key] = combo

    def set_read_only(self, read_only: bool) -> None:
        """A read-only database: nothing here may create, change or delete."""
        self._read_only = read_only
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setEnabled(not read_only)
        for button, _callback in self._actions:
            button.setEnabled(not read_only)

    def set_can_delete(self, allowed: bool) -> None:
        """A server member below admin may not delete records (the server refuses too)."""
        self._can_delete = allowed
        self.delete_button.setEnabled(allowed and not self._read_only)

    def add_action(self, text: str, callback: Callable[[uuid.UUID], None]) -> QPushButton:
        """A button that acts on the selected record (record progress, add step, supersede)."""
        button = QPushButton(text)
        button.clicked.connect(lambda: self._run_action(callback))
        self._action_bar.insertWidget(2, button)
        self._actions.append((button, callback))
        return button

    def _run_action(self, callback: Callable[[uuid.UUID], None]) -> None:
        selected = self.selected()
        if selected is not None and not self._read_only:
            callback(selected[0])

    # -- state -----------------------------------------------------------------------------------
    def current_filters(self) -> dict[str, Any]:
        values = {
            key: widget.date_value() if isinstance(widget, DateInput) else widget.value()
            for key, widget in self.filters.items()
        }
        return {k: v for k, v in values.items() if v not in (None, "")}

    def apply_filters(self) -> None:
        self.table.scrollToTop()  # what was found is read from its first row
        self.model.set_query(search=self.search.text(), filters=self.current_filters())
        self._clear_story()

    def on_changes(self, said: Changes, _initiator: object) -> None:
        """Read again what a change touches: the list when it shows records of a changed
        kind (its own, or one its columns name), the story of the selected record always
        (it tells of records of every kind). Hidden, it reads again once shown."""
        self._story_current = None  # a story read before the change is read again
        if self.changes_while_hidden():
            return
        if said.touches(self._kinds):
            self.refresh()
            return
        selected = self.selected()
        if selected is not None:
            self.show_record(selected[0])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.caught_up():
            self.refresh()

    def refresh(self) -> None:
        """Read the list again (on the worker); the selected record stays selected."""
        selected = self.selected()
        if selected is not None and self._reselect is None:
            self._reselect = selected[0]
        self.model.reload()

    def _loaded(self) -> None:
        self._update_count()  # an empty result says so, in the count and the story pane
        if not self.model.rowCount():
            self._story_current = None
        wanted, self._reselect = self._reselect, None
        if wanted is not None:
            self.select(wanted)

    # -- selection -------------------------------------------------------------------------------
    def selected(self) -> tuple[uuid.UUID, int] | None:
        index = self.table.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def shown_value(self, record_id: uuid.UUID, key: str) -> str:
        """What the list shows of a record in the column ``key`` ("" when not shown)."""
        row = self.model.row_of(record_id)
        keys = self.model.column_keys
        if row is None or key not in keys:
            return ""
        return str(self.model.index(row, keys.index(key)).data() or "")

    def select(self, record_id: uuid.UUID) -> bool:
        """Select a record if it is in the pages held, and show its story in any case."""
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._reselect = record_id  # selected when the list has read it
        self.show_record(record_id)
        return row is not None

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        found = self.model.record_at(current.row()) if current.isValid() else None
        if found is not None:
            self.show_record(found[0])

    def _clear_story(self) -> None:
        self.detail.clear()
        self._story_of = self._story_current = None

    def show_record(self, record_id: uuid.UUID) -> None:
        """Tell the record's story, read on the worker; a later choice wins."""
        self._story_of = record_id
        if self._story_current == record_id:
            return  # shown, or on its way, as it is now
        self._story_current = record_id
        entity = self._entity

        def shown(html: str) -> None:
            if self._story_of == record_id:
                self.detail.setHtml(html)

        def failed(exc: KnownError) -> None:
            if self._story_current == record_id:
                self._story_current = None  # asked again, it is read again
            if self._story_of == record_id:
                self.detail.setPlainText(describe(exc))

        operations.read(self, self._db, lambda s: story(s, entity, record_id)).success(
            shown
        ).failure(failed).run()

    def _follow(self, url: QUrl) -> None:
        """A link in the story: a record shows in its list; a signed scan in the system's
        viewer."""
        entity, _, ident = url.path().partition("/")
        if url.scheme() != "record" or not ident:
            return
        if entity == "scan":
            from ui.dialogs.agreements import open_scan

            open_scan(self, self._db, uuid.UUID(ident))
            return
        self.open_record.emit(entity, uuid.UUID(ident))

    # -- editing ---------------------------------------------------------------------------------
    def open_form(self, record_id: uuid.UUID | None = None, **initial: Any) -> None:
        """The record's form (a new one with ``initial`` values), read on the worker, then
        opened; what it saves selects the record here."""

        def opened(form: RecordForm) -> None:
            form.saved.connect(self._after_save)
            form.open_existing.connect(lambda ident: (self.select(ident), self.open_form(ident)))

        open_form(self, self._db, self._entity, record_id, initial=initial, opened=opened)

    def _after_save(self, record_id: uuid.UUID) -> None:
        self.select(record_id)  # the list read again when the save was reported

    def create_record(self, **initial: Any) -> None:
        if not self._read_only:
            self.open_form(**initial)

    def edit_selected(self) -> None:
        selected = self.selected()
        if selected is not None and not self._read_only:
            self.open_form(selected[0])

    def delete_selected(self) -> None:
        """Say what else the delete affects (read on the worker), ask, then delete."""
        selected = self.selected()
        if selected is None or self._read_only or not self._can_delete:
            return
        record_id, version = selected
        entity = self._entity

        def look(session: Any) -> tuple[str, dict[str, dict[str, int]]]:
            caption = services.get(session, entity, record_id).caption()
            return caption, services.dependents(session, entity, record_id)

        operations.read(self, self._db, look).success(
            lambda found: self._confirm_delete(record_id, version, *found)
        ).failure(self._delete_failed).run()

    def _delete_failed(self, exc: KnownError) -> None:
        QMessageBox.warning(self, self.tr("Delete"), describe(exc))
        self.refresh()  # someone changed it meanwhile: show it as it is now

    def _confirm_delete(
        self, record_id: uuid.UUID, version: int, caption: str, affected: dict[str, Any]
    ) -> None:
        lines = [
            self.tr(
                "Delete “{name}”? It goes to the trash and can be restored for 30 days."
            ).format(name=caption)
        ]
        for table, count in affected["deleted"].items():
            lines.append(
                self.tr("Also deleted: {count} × {what}").format(
                    count=count, what=table_words(table)
                )
            )
        for table, count in affected["unlinked"].items():
            lines.append(
                self.tr("Kept but unlinked: {count} × {what}").format(
                    count=count, what=table_words(table)
                )
            )
        answer = QMessageBox.question(
            self,
            self.tr("Delete {entity}").format(entity=entity_title(self._entity)),
            "\n".join(lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        entity = self._entity
        operations.write(
            self,
            self._db,
            lambda session: services.delete(session, entity, record_id, expected_version=version),
        ).busy(self).failure(self._delete_failed).success(lambda _none: self._clear_story()).run()
