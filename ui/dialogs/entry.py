"""Small dialogs that add one dated entry: a goal's progress, a step in a conflict."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui.dialogs.base import Dialog, error_label
from ui.fields import DateInput, LongTextInput, TextInput
from ui.i18n import _t
from workbook.services import conflicts, goals
from workbook.store.db import Database


class EntryDialog(Dialog):
    """Date + value/description; ``action(session, **values)`` writes it through the core."""

    def __init__(
        self,
        parent: QWidget | None,
        db: Database,
        *,
        title: str,
        fields: list[tuple[str, str, QWidget]],
        action: Callable[..., Any],
        about: str = "",
    ) -> None:
        super().__init__(parent, geometry_key=f"entry-{title}")
        self.setWindowTitle(f"{title}: {about}" if about else title)
        self._db, self._action = db, action
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for name, label, widget in fields:
            widget.setObjectName(name)
            form.addRow(label, widget)
            self.inputs[name] = widget
        self.error = error_label()
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if about:  # what the entry is for: the goal, the conflict
            heading = QLabel(f"<b>{html.escape(about)}</b>")
            heading.setObjectName("about")
            heading.setWordWrap(True)
            layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        values = {name: w.value() for name, w in self.inputs.items()}  # type: ignore[attr-defined]
        self.write_and_close(self._db, lambda session: self._action(session, **values))


def _today() -> DateInput:
    widget = DateInput()
    widget.set_value(date.today())
    return widget


def progress_dialog(
    parent: QWidget | None, db: Database, goal_id: uuid.UUID, *, about: str = ""
) -> EntryDialog:
    """Progress of a goal; ``about`` is its title, as the list shows it."""
    return EntryDialog(
        parent,
        db,
        title=_t("Record progress"),
        about=about,
        fields=[
            ("recorded_on", _t("Measured on"), _today()),
            ("value", _t("Value"), TextInput()),
            ("note", _t("Note"), LongTextInput()),
        ],
        action=lambda session, **v: goals.record_progress(session, goal_id, **v),
    )


def step_dialog(parent: QWidget | None, db: Database, conflict_id: uuid.UUID) -> EntryDialog:
    return EntryDialog(
        parent,
        db,
        title=_t("Add step"),
        fields=[
            ("taken_on", _t("Date"), _today()),
            ("description", _t("What happened"), LongTextInput()),
        ],
        action=lambda session, **v: conflicts.add_step(session, conflict_id, **v),
    )
