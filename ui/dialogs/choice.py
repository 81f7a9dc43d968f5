"""Mine and theirs, field by field: the one dialog in which a member settles two versions of
a record, whether someone saved it on the server since the form opened
(``ui.dialogs.record_form``) or another member's laptop changed the same field offline
(``ui.dialogs.sync``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.base import Dialog

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class Versions:
    """One field's two versions as a person compares them."""

    name: str
    label: str
    mine: str
    theirs: str
    keep: str = MINE  # what the choice starts at


class MineTheirs(Dialog):
    """Keep mine, take theirs, or merge as chosen field by field; ``finish`` is called
    with each field's pick."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        intro: str,
        rows: list[Versions],
        headers: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(parent, geometry_key="conflict")
        self.setWindowTitle(title)
        self.fields = [row.name for row in rows]
        mine, theirs = headers or (self.tr("Mine"), self.tr("Theirs"))
        self.table = QTableWidget(len(rows), 4)
        self.table.setObjectName("conflict")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), mine, theirs, self.tr("Keep")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.choices: dict[str, QComboBox] = {}
        for index, row in enumerate(rows):
            for column, text in enumerate((row.label, row.mine, row.theirs)):
                self.table.setItem(index, column, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(self.tr("mine"), MINE)
            combo.addItem(self.tr("theirs"), THEIRS)
            combo.setCurrentIndex(0 if row.keep == MINE else 1)
            self.table.setCellWidget(index, 3, combo)
            self.choices[row.name] = combo
        self.table.resizeColumnsToContents()
        label = QLabel(intro)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.mine_button = buttons.addButton(
            self.tr("Keep mine"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.theirs_button = buttons.addButton(
            self.tr("Take theirs"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button = buttons.addButton(
            self.tr("Merge as chosen"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.mine_button.clicked.connect(lambda: self._finish(MINE))
        self.theirs_button.clicked.connect(lambda: self._finish(THEIRS))
        self.merge_button.clicked.connect(lambda: self._finish("merge"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def picks(self, how: str) -> dict[str, str]:
        """Each field's pick: all mine, all theirs, or as chosen in its row (``merge``)."""
        return {
            name: how if how != "merge" else str(self.choices[name].currentData())
            for name in self.fields
        }

    def _finish(self, how: str) -> None:
        self.finish(self.picks(how))
        self.accept()

    def finish(self, picks: dict[str, str]) -> None:
        raise NotImplementedError
