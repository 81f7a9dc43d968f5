"""Who brings what: organisations down, strengths across, a dot where one has the other."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

CENTER = Qt.AlignmentFlag.AlignCenter


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


class StrengthsMatrix(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strengths-matrix")
        self.setHorizontalHeader(VerticalHeader(self))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.verticalHeader().setDefaultSectionSize(22)

    def show_matrix(self, strengths: list[str], rows: list[tuple[str, set[str]]]) -> None:
        self.clear()
        self.setColumnCount(len(strengths))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(strengths)
        self.setVerticalHeaderLabels([name for name, _own in rows])
        for r, (name, own) in enumerate(rows):
            for c, strength in enumerate(strengths):
                if strength in own:
                    item = QTableWidgetItem("●")
                    item.setTextAlignment(CENTER)
                    item.setForeground(Qt.GlobalColor.darkGreen)
                    item.setToolTip(f"{name}: {strength}")
                    self.setItem(r, c, item)
        self.horizontalHeader().updateGeometry()
