"""Who brings what: organisations down, strengths across, a dot where one has the other."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

CENTER = Qt.AlignmentFlag.AlignCenter
DISPLAY = Qt.ItemDataRole.DisplayRole


class VerticalHeader(QHeaderView):
    """Column titles written upwards, so many strengths fit side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultSectionSize(30)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def sizeHint(self) -> QSize:
        model = self.model()
        texts = (
            [
                str(model.headerData(i, Qt.Orientation.Horizontal) or "")
                for i in range(model.columnCount())
            ]
            if model
            else []
        )
        width = max((self.fontMetrics().horizontalAdvance(t) for t in texts), default=40)
        return QSize(super().sizeHint().width(), width + 16)

    def paintSection(self, painter: QPainter, rect: QRect, index: int) -> None:
        painter.save()
        super().paintSection(painter, rect, -1)  # background and frame only
        text = str(self.model().headerData(index, Qt.Orientation.Horizontal) or "")
        painter.translate(
            rect.x() + rect.width() / 2 + self.fontMetrics().ascent() / 2 - 2, rect.bottom() - 8
        )
        painter.rotate(-90)
        painter.drawText(0, 0, text)
        painter.restore()


class MatrixModel(QAbstractTableModel):
    """Cells are worked out as the view paints them: ten thousand partners cost nothing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.strengths: list[str] = []
        self.rows: list[tuple[str, set[str]]] = []

    def set_matrix(self, strengths: list[str], rows: list[tuple[str, set[str]]]) -> None:
        self.beginResetModel()
        self.strengths, self.rows = strengths, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.strengths)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        name, own = self.rows[index.row()]
        strength = self.strengths[index.column()]
        if strength not in own:
            return None
        if role == DISPLAY:
            return "●"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(CENTER)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(Qt.GlobalColor.darkGreen)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{name}: {strength}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role != DISPLAY or section < 0:  # -1: the header painting only its background
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.strengths[section] if section < len(self.strengths) else None
        return self.rows[section][0] if section < len(self.rows) else None


class StrengthsMatrix(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strengths-matrix")
        # owned by the view: a model only Python owns may be freed by the cycle collector on
        # the worker thread, deleting a QObject there
        self.matrix = MatrixModel(self)
        self.setModel(self.matrix)
        self.setHorizontalHeader(VerticalHeader(self))
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def show_matrix(self, strengths: list[str], rows: list[tuple[str, set[str]]]) -> None:
        self.matrix.set_matrix(strengths, rows)
        self.horizontalHeader().updateGeometry()
