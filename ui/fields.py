"""Input widgets for each kind of field, with one interface: value() and set_value()."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.formatting import date_hint, display, typed_date
from ui.labels import field_label, value_label
from workbook.services import fields as kinds
from workbook.services.fields import Field

CHECKED = Qt.CheckState.Checked
USER = Qt.ItemDataRole.UserRole
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
_ROOT = QModelIndex()

Choices = list[tuple[uuid.UUID, str]]


class DateInput(QWidget):
    """A date typed as people type it (15.11.2026, 15.11.26, 151126, 2026-11-15) or picked
    from a calendar (its button, or Alt+Down), shown in the date style once typed. Empty is
    no date; Tab leaves the field, as from any text."""

    # the date was changed by the user (typed and left, or picked)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(date_hint())  # TT.MM.JJJJ: plainly not a date set
        self.edit.setClearButtonEnabled(True)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(QCoreApplication.translate("Fields", "Choose from a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        # as wide as a date and its clear button: a date is not a line of text
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00.00.00000") + 44)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._typed)
        self.edit.textEdited.connect(lambda _text: self._mark(valid=True))
        self.edit.installEventFilter(self)
        self.button.clicked.connect(self.open_calendar)
        self._shown: date | None = None
        self.calendar: QCalendarWidget | None = None

    def value(self) -> date | str | None:
        """The date; text that is no date as typed, so that saving names the field."""
        try:
            return typed_date(self.edit.text())
        except ValueError:
            return self.edit.text().strip()

    def date_value(self) -> date | None:
        """The date, or None when there is none or the text is no date."""
        found = self.value()
        return found if isinstance(found, date) else None

    def set_value(self, value: Any) -> None:
        self._shown = value if isinstance(value, date) else None
        self.edit.setText(display(self._shown) if self._shown else "")
        self._mark(valid=True)

    def _typed(self) -> None:
        found = self.value()
        if isinstance(found, str) and found:
            self._mark(valid=False)
            return
        if isinstance(found, date):
            self.edit.setText(display(found))  # 151126 reads 15.11.2026 once left
        if found != self._shown:
            self._shown = found if isinstance(found, date) else None
            self.changed.emit()

    def _mark(self, *, valid: bool) -> None:
        self.edit.setStyleSheet("" if valid else "QLineEdit { border: 1px solid #b00020; }")
        self.edit.setToolTip(
            ""
            if valid
            else QCoreApplication.translate("Fields", "Not a date; type it like {example}").format(
                example=display(date(2026, 11, 24))
            )
        )

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and (
                event.key() == Qt.Key.Key_F4
                or (
                    event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier
                )
            )
        ):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """A calendar at the field's date, or at today: a click or Enter takes a day."""
        calendar = QCalendarWidget(self, windowFlags=Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        chosen = self.date_value() or date.today()
        calendar.setSelectedDate(QDate(chosen.year, chosen.month, chosen.day))
        calendar.activated.connect(self._picked)
        calendar.clicked.connect(self._picked)
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
        self.edit.setText(display(date(day.year(), day.month(), day.day())))
        self.edit.setFocus()
        self._typed()


class ChecklistInput(QWidget):
    """Multi-select of records (partners, attendees, settling decisions), with a filter."""

    changed = Signal()

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._filter = QLineEdit(placeholderText=self.tr("Filter…"))
        self._filter.setClearButtonEnabled(True)
        self._list = QListWidget()
        self._list.setMaximumHeight(130)
        for record_id, caption in choices:
            item = QListWidgetItem(caption)
            item.setData(USER, str(record_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self._list.addItem(item)
        self._filter.textChanged.connect(self._apply_filter)
        self._list.itemChanged.connect(lambda _item: self.changed.emit())
        layout.addWidget(self._filter)
        layout.addWidget(self._list)

    def _apply_filter(self, text: str) -> None:
        for row in range(self._list.count()):
            item = self._list.item(row)
            item.setHidden(text.casefold() not in item.text().casefold())

    def value(self) -> list[str]:
        return [
            self._list.item(r).data(USER)
            for r in range(self._list.count())
            if self._list.item(r).checkState() == CHECKED
        ]

    def shown(self, value: Any) -> str:
        """The records of ``value`` (ids) by their names, as the list shows them."""
        names = {
            self._list.item(r).data(USER): self._list.item(r).text()
            for r in range(self._list.count())
        }
        return "; ".join(names.get(str(v), str(v)) for v in value or [])

    def set_value(self, value: Any) -> None:
        wanted = {str(v) for v in value or []}
        for row in range(self._list.count()):
            item = self._list.item(row)
            item.setCheckState(CHECKED if item.data(USER) in wanted else Qt.CheckState.Unchecked)


class RowsInput(QWidget):
    """A small table of entries (partners with roles, terms, signatories)."""

    changed = Signal()

    def __init__(
        self,
        sub_fields: tuple[Field, ...],
        choices: dict[str, Choices],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fields = sub_fields
        self._models = {
            f.name: ChoiceModel(list(choices.get(f.name, [])), "")
            for f in sub_fields
            if f.kind == kinds.REF
        }
        self._table = QTableWidget(0, len(sub_fields))
        # "Role, translated" on two lines: the columns stay wide enough for their words
        self._table.setHorizontalHeaderLabels(
            [field_label(f.name).replace(", ", ",\n") for f in sub_fields]
        )
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column, f in enumerate(sub_fields):
            if f.kind == kinds.DATE:  # a date is short: the room goes to names and texts
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self._table.setColumnWidth(column, 100)
        self._table.verticalHeader().setVisible(False)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setMinimumHeight(110)
        self._table.itemChanged.connect(lambda _item: self.changed.emit())
        add = QPushButton(self.tr("Add"))
        remove = QPushButton(self.tr("Remove"))
        add.clicked.connect(lambda: self.add_row({}))
        remove.clicked.connect(self._remove_selected)
        self._buttons = QHBoxLayout()
        self._buttons.addWidget(add)
        self._buttons.addWidget(remove)
        self._buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._table)
        layout.addLayout(self._buttons)
        self.picker: PickList | None = None

    def offer(
        self,
        label: str,
        load: Callable[[Callable[[list[tuple[str, dict[str, Any]]]], None]], None],
    ) -> QPushButton:
        """A button that adds an entry filled from a list (a signatory from the contacts):
        ``load(done)`` reads, when the button is pressed and not each time the form opens,
        each entry's caption and values, and hands them to ``done``."""
        button = QPushButton(label)
        button.setObjectName("pick")
        button.clicked.connect(lambda: load(lambda picks: self._pick(label, picks)))
        self._buttons.insertWidget(2, button)
        return button

    def _pick(self, label: str, picks: list[tuple[str, dict[str, Any]]]) -> None:
        self.picker = PickList(label, [caption for caption, _values in picks], self)
        self.picker.chosen.connect(lambda n: self.add_row(dict(picks[n][1])))
        self.picker.open()

    def add_row(self, values: dict[str, Any]) -> None:
        row = self._table.rowCount()
        self._table.insertRow(row)
        for column, f in enumerate(self._fields):
            if f.kind == kinds.REF:
                combo = _choosing(QComboBox(), self._models[f.name])
                chosen = values.get(f.name)
                combo.setCurrentIndex(max(0, combo.findData(str(chosen))) if chosen else 0)
                combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
                self._table.setCellWidget(row, column, combo)
            else:
                value = values.get(f.name)
                text = value.isoformat() if isinstance(value, date) else (value or "")
                self._table.setItem(row, column, QTableWidgetItem(str(text)))
        self.changed.emit()

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self._table.selectedIndexes()}, reverse=True)
        for row in rows or [self._table.rowCount() - 1]:
            if row >= 0:
                self._table.removeRow(row)
        self.changed.emit()

    def value(self) -> list[dict[str, Any]]:
        entries = []
        for row in range(self._table.rowCount()):
            entry: dict[str, Any] = {}
            for column, f in enumerate(self._fields):
                widget = self._table.cellWidget(row, column)
                if isinstance(widget, QComboBox):
                    entry[f.name] = widget.currentData()
                else:
                    item = self._table.item(row, column)
                    entry[f.name] = item.text() if item else ""
            entries.append(entry)
        return entries

    def shown(self, value: Any) -> str:
        """The entries of ``value``, linked records by their names."""
        names = {name: model.captions() for name, model in self._models.items()}
        return "; ".join(
            ", ".join(
                names.get(f.name, {}).get(str(entry.get(f.name)), display(entry.get(f.name)))
                for f in self._fields
                if entry.get(f.name) not in (None, "")
            )
            for entry in value or []
        )

    def set_value(self, value: Any) -> None:
        self._table.setRowCount(0)
        for entry in value or []:
            self.add_row(entry)


class PickList(QDialog):
    """Choose one of many by typing part of it: a filter above a list; Enter or a double
    click takes the one selected."""

    chosen = Signal(int)

    def __init__(self, title: str, captions: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title.rstrip("…"))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(QCoreApplication.translate("Fields", "Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for n, caption in enumerate(captions):
            item = QListWidgetItem(caption)
            item.setData(USER, n)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._take)
        self.list.itemActivated.connect(lambda _item: self._take())
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.resize(420, 360)

    def _apply_filter(self, text: str) -> None:
        wanted = text.casefold()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = wanted not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def _take(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen.emit(int(item.data(USER)))
            self.accept()

    def done(self, result: int) -> None:
        """Closed, it gives the keyboard back to the form it was opened from."""
        super().done(result)
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()
            parent.setFocus(Qt.FocusReason.OtherFocusReason)


class TextInput(QLineEdit):
    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        if isinstance(value, list):
            self.setText(", ".join(value))
        else:
            self.setText(
                "" if value is None else display(value) if isinstance(value, float) else str(value)
            )


class LongTextInput(QPlainTextEdit):
    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self.setPlainText(value or "")


class BoolInput(QCheckBox):
    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class ChoiceModel(QAbstractListModel):
    """The choices of a drop-down as one list (a value, its caption), shared by every
    drop-down of one field: thousands of records fill it at once, not item by item, and a
    value is found by a lookup, not by asking each row. Values are handed to Qt as text
    (ids too): Qt compares them reliably; the core parses them."""

    def __init__(self, items: list[tuple[Any, str]], first: str | None = None) -> None:
        super().__init__()
        self._first = first
        self._items = list(items)
        self._rows_of: dict[Any, int] | None = None

    def _offset(self) -> int:
        return 0 if self._first is None else 1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items) + self._offset()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = index.row() - self._offset()
        if row < 0:
            return self._first if role in (DISPLAY, EDIT) else None
        value, text = self._items[row]
        if role in (DISPLAY, EDIT):
            return text
        return str(value) if role == USER and value is not None else None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EDIT
    ) -> bool:
        """The empty choice's caption (what "none" stands for in a filter)."""
        if role not in (DISPLAY, EDIT) or not index.isValid() or index.row() >= self._offset():
            return False
        self._first = str(value)
        self.dataChanged.emit(index, index)
        return True

    def match(
        self,
        start: QModelIndex | QPersistentModelIndex,
        role: int,
        value: Any,
        hits: int = 1,
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly,
    ) -> list[QModelIndex]:
        """A value by lookup (``QComboBox.findData``), not by asking thousands of rows."""
        exact = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive
        if role != USER or flags not in (Qt.MatchFlag.MatchExactly, exact):
            return super().match(start, role, value, hits, flags)
        if self._rows_of is None:
            # keyed by the values themselves: a record id hashes by its number, where
            # writing 7,000 ids out as text took 12 ms of opening a form
            offset = self._offset()
            self._rows_of = {v: n + offset for n, (v, _t) in enumerate(self._items)}
        row = self._rows_of.get(value)
        if row is None and isinstance(value, str) and len(value) == 36:
            try:  # a record id, as findData hands it over: as text
                row = self._rows_of.get(uuid.UUID(value))
            except ValueError:
                row = None
        return [] if row is None else [self.index(row, 0)]

    def captions(self) -> dict[str | None, str]:
        return {str(value): text for value, text in self._items}

    def extend(self, items: list[tuple[Any, str]]) -> None:
        if not items:
            return
        start = self.rowCount()
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        self._items += items
        self._rows_of = None
        self.endInsertRows()


def _choosing(combo: QComboBox, model: ChoiceModel) -> QComboBox:
    """A drop-down over ``model`` that does not measure every caption to size itself."""
    combo.setModel(model)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    combo.setIconSize(QSize(0, 0))  # no icons: as high as any other drop-down
    return combo


class ChoiceInput(QComboBox):
    """Drop-down for an enumeration or one linked record.

    ``load(done)`` reads the items when the user first reaches for the list (focus, popup,
    wheel) or a value is set, on the database worker, and hands them to ``done``: reading
    2,000 partnerships' titles took 36–50 ms of the start-up. Until they come the list holds
    only its empty choice, which is its value; a value set meanwhile is chosen when they come.
    """

    Items = list[tuple[Any, str]]

    def __init__(
        self,
        items: Items,
        *,
        optional: bool,
        load: Callable[[Callable[[ChoiceInput.Items], None]], None] | None = None,
    ) -> None:
        super().__init__()
        self._choices = ChoiceModel(items, "—" if optional else None)
        _choosing(self, self._choices)
        self._load = load
        self._asked = False
        self._wanted: Any = None

    def _add(self, items: Items) -> None:
        self._choices.extend(items)

    def loaded(self) -> bool:
        return self._load is None

    def add_items(self, items: Items) -> None:
        """Items read later (on the database worker), after those it was made with."""
        self._add(items)

    def ensure_loaded(self) -> None:
        if self._load is not None and not self._asked:
            self._asked = True
            self._load(self._arrived)

    def _arrived(self, items: Items) -> None:
        self._load = None
        self._add(items)
        if self._wanted is not None:
            wanted, self._wanted = self._wanted, None
            self.set_value(wanted)

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:  # the keyboard reaches it this way
        self.ensure_loaded()
        super().focusInEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.ensure_loaded()
        super().wheelEvent(event)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        if self._load is not None and value is not None:
            self._wanted = value
            self.ensure_loaded()
            return
        self.setCurrentIndex(max(0, self.findData(str(value))) if value is not None else 0)

    def shown(self, value: Any) -> str:
        """The choice's text for ``value`` (a record by its name, not its id)."""
        if value in (None, ""):
            return ""
        self.ensure_loaded()
        index = self.findData(str(value))
        return self.itemText(index) if index >= 0 else display(value)


def input_for(f: Field, choices: dict[str, Choices], sub_fields: tuple[Field, ...] = ()) -> QWidget:
    """The widget that edits one field of the given kind."""
    if f.kind == kinds.LONGTEXT:
        widget: QWidget = LongTextInput()
        widget.setTabChangesFocus(True)  # type: ignore[attr-defined]
        widget.setFixedHeight(72)
    elif f.kind == kinds.DATE:
        widget = DateInput()
        if f.required:
            widget.set_value(date.today())  # a required date starts at today
    elif f.kind == kinds.BOOL:
        widget = BoolInput()
    elif f.kind == kinds.ENUM:
        widget = ChoiceInput([(c, value_label(c)) for c in f.choices], optional=not f.required)
    elif f.kind == kinds.REF:
        widget = ChoiceInput(list(choices.get(f.name, [])), optional=not f.required)
    elif f.kind == kinds.REFS:
        widget = ChecklistInput(choices.get(f.name, []))
    elif f.kind == kinds.ROWS:
        widget = RowsInput(sub_fields, choices)
    else:
        widget = TextInput()
        if f.kind == kinds.TAGS:
            widget.setPlaceholderText(
                QCoreApplication.translate("Fields", "comma-separated, e.g. Moderation, Podcasts")
            )
        if f.kind in (kinds.INT, kinds.FLOAT):
            widget.setAlignment(Qt.AlignmentFlag.AlignRight)
    widget.setObjectName(f.name)
    return widget
