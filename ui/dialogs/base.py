"""A dialog base that saves and restores its geometry."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from ui.settings import settings

ERROR_STYLE = "color: #b3261e;"


def error_label() -> QLabel:
    """Where a dialog says, in red, why it could not do what was asked (hidden when empty)."""
    label = QLabel(wordWrap=True)
    label.setStyleSheet(ERROR_STYLE)
    return label


class Dialog(QDialog):
    def __init__(self, parent: QWidget | None, *, geometry_key: str) -> None:
        super().__init__(parent)
        self._geometry_key = f"geometry/{geometry_key}"
        saved = settings().value(self._geometry_key)
        if saved is not None:
            self.restoreGeometry(saved)

    def done(self, result: int) -> None:
        settings().setValue(self._geometry_key, self.saveGeometry())
        super().done(result)
