"""The window's sections: the navigation on the left, each section's lists (or the
dashboard) on the right, built the first time they are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QWidget,
)

from ui.labels import entity_title

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.views.records import RecordListView
    from workbook.first_page import FirstPage

SP = QStyle.StandardPixmap
SECTIONS: list[tuple[str, tuple[str, ...], SP]] = [
    ("dashboard", (), SP.SP_ComputerIcon),
    ("partners", ("organisation", "contact"), SP.SP_DirHomeIcon),
    ("partnerships", ("partnership",), SP.SP_FileDialogDetailedView),
    ("goals", ("goal", "evaluation"), SP.SP_DialogApplyButton),
    ("decisions", ("decision",), SP.SP_FileDialogListView),
    ("conflicts", ("conflict",), SP.SP_MessageBoxWarning),
    ("meetings", ("meeting",), SP.SP_FileDialogInfoView),
]


def section_title(key: str) -> str:
    return {
        "dashboard": QCoreApplication.translate("Sections", "Dashboard"),
        "partners": QCoreApplication.translate("Sections", "Partners"),
        "partnerships": QCoreApplication.translate("Sections", "Partnerships"),
        "goals": QCoreApplication.translate("Sections", "Goals"),
        "decisions": QCoreApplication.translate("Sections", "Decisions"),
        "conflicts": QCoreApplication.translate("Sections", "Conflicts"),
        "meetings": QCoreApplication.translate("Sections", "Meetings"),
    }[key]


def section_of(entity: str) -> int:
    return next(row for row, (_k, entities, _i) in enumerate(SECTIONS) if entity in entities)


class Views(dict[str, "RecordListView"]):
    """The list views by entity; asking for one not built yet builds its section."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self._window = window

    def __missing__(self, entity: str) -> RecordListView:
        self._window.ensure_section(section_of(entity))
        return dict.__getitem__(self, entity)


def navigation() -> tuple[QListWidget, QStackedWidget]:
    nav = QListWidget()
    nav.setObjectName("navigation")
    nav.setFixedWidth(190)
    nav.setIconSize(QSize(20, 20))
    nav.setSpacing(2)
    return nav, QStackedWidget()


def add_sections(nav: QListWidget, stack: QStackedWidget) -> None:
    """An entry for each section, and in its place a widget built when first shown."""
    for key, _entities, icon in SECTIONS:
        item = QListWidgetItem(nav.style().standardIcon(icon), section_title(key))
        item.setSizeHint(QSize(180, 34))
        stack.addWidget(QWidget())
        nav.addItem(item)


def place(stack: QStackedWidget, row: int, widget: QWidget) -> None:
    """``widget`` becomes the section at ``row`` in place of what stood there."""
    placeholder = stack.widget(row)
    current = stack.currentIndex()
    stack.insertWidget(row, widget)
    stack.removeWidget(placeholder)
    placeholder.deleteLater()
    stack.setCurrentIndex(current)


def section_widget(window: MainWindow, row: int) -> QWidget:
    """The section's widget: the dashboard, one list, or a list per tab."""
    key, entities, _icon = SECTIONS[row]
    if not entities:
        from ui.views.dashboard import DashboardView

        window.dashboard = DashboardView(window.db)
        window.dashboard.open_record.connect(window.open_record)
        window.dashboard.open_section.connect(window.show_view)
        return window.dashboard
    views = [list_view(window, entity) for entity in entities]
    if len(views) == 1:
        return views[0]
    tabs = QTabWidget()
    tabs.setObjectName(f"{key}-tabs")
    for entity, view in zip(entities, views, strict=True):
        tabs.addTab(view, entity_title(entity, plural=True))
    return tabs


def list_view(window: MainWindow, entity: str) -> RecordListView:
    """The list of ``entity``, with the extra buttons declared for it (``ui.actions.records``)."""
    from ui.actions.records import actions
    from ui.views.records import RecordListView

    view = RecordListView(window.db, entity)
    view.open_record.connect(window.open_record)
    for text, act in actions().get(entity, []):
        view.add_action(text, lambda i, act=act: act(window, view, i))
    window.views[entity] = view
    return view


def show_first_page(window: MainWindow, first: FirstPage) -> None:
    """The list the last session ended on, before the database is open, in the section's
    own layout (its tabs): the real section takes its place without a jump."""
    from ui.views.list_frame import FirstPageFrame

    row = section_of(first.entity)
    frame = FirstPageFrame(first)
    entities = SECTIONS[row][1]
    if len(entities) > 1:
        tabs = QTabWidget()
        for entity in entities:
            tabs.addTab(
                frame if entity == first.entity else QWidget(), entity_title(entity, plural=True)
            )
        tabs.setCurrentWidget(frame)
        place(window.stack, row, tabs)
    else:
        place(window.stack, row, frame)
    window.nav.blockSignals(True)
    window.nav.setCurrentRow(row)
    window.nav.blockSignals(False)
    window.stack.setCurrentIndex(row)
