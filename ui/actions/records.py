"""The extra actions of each list, on its selected record, declared as data: per entity,
its buttons (label, what the button does), the first one rightmost."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from ui.i18n import _t

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.views.records import RecordListView

# what a button does: the window, the list and the selected record's id
Act = Callable[["MainWindow", "RecordListView", uuid.UUID], object]


def _print(window: MainWindow, view: RecordListView, ident: uuid.UUID) -> None:
    window.reports.print_record(view, ident)


def _progress(window: MainWindow, view: RecordListView, ident: uuid.UUID) -> None:
    from ui.dialogs.entry import progress_dialog

    # the goal's title as the list shows it; its save is reported to every view
    progress_dialog(window, window.db, ident, about=view.shown_value(ident, "title")).open()


def _step(window: MainWindow, _view: RecordListView, ident: uuid.UUID) -> None:
    from ui.dialogs.entry import step_dialog

    step_dialog(window, window.db, ident).open()


def _scan(window: MainWindow, _view: RecordListView, ident: uuid.UUID) -> None:
    from ui.dialogs.agreements import attach_scan

    # stored on the worker; the change reported shows the scan in the record's story
    attach_scan(window, window.db, ident)


def _personal_data(window: MainWindow, _view: RecordListView, ident: uuid.UUID) -> None:
    from ui.dialogs.privacy import export_personal_data

    export_personal_data(window, window.db, ident)


def _erase(window: MainWindow, _view: RecordListView, ident: uuid.UUID) -> None:
    from ui.dialogs.privacy import erase_personal_data

    # the erasure is reported to every view: the name goes from every record's text
    erase_personal_data(window, window.db, ident, lambda: None)


def actions() -> dict[str, list[tuple[str, Act]]]:
    """Each list's extra buttons; each goes before the previous one."""
    return {
        "goal": [(_t("Record progress…"), _progress)],
        "conflict": [(_t("Print…"), _print), (_t("Add step…"), _step)],
        "decision": [
            (_t("Print…"), _print),
            (_t("Supersede…"), lambda _w, v, i: v.create_record(supersedes_id=i)),
        ],
        "meeting": [(_t("Print…"), _print)],
        "organisation": [(_t("Print…"), _print)],
        "partnership": [
            (_t("Attach signed scan…"), _scan),
            (_t("Insert clause…"), lambda w, _v, i: w.agreements.open_clauses(i)),
            (_t("Amend or renew…"), lambda w, v, i: w.agreements.amend(v, i)),
        ],
        # the gentler one ends up first
        "contact": [(_t("Erase person…"), _erase), (_t("Personal data…"), _personal_data)],
    }
