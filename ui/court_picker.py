"""A search box over the bundled court directory (forms.courts) and the list of matches."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from forms import courts
from forms.i18n import _


class CourtPicker(QWidget):
    sig_changed = Signal(str)   # the chosen court's code ("" when none)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list)
        self.search_edit.textChanged.connect(self.on_search)
        self.list.currentItemChanged.connect(self.on_current_changed)
        self.setFocusProxy(self.search_edit)
        self.setTabOrder(self.search_edit, self.list)
        self.on_search("")
        self.retranslate()

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(_("Type a district or county, e.g. 潼南"))
        self.search_edit.setAccessibleName(_("Search courts"))
        self.list.setAccessibleName(_("Courts"))

    def code(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else ""

    def set_code(self, code: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole) == code:
                self.list.setCurrentRow(row)
                return

    def on_search(self, text: str) -> None:
        current = self.code()
        self.list.clear()
        for court in courts.search(text):
            item = QListWidgetItem(f"{court.name}（{court.district}）")
            item.setData(Qt.UserRole, court.code)
            self.list.addItem(item)
        if current:
            self.set_code(current)
        if self.list.currentItem() is None and self.list.count() == 1:
            self.list.setCurrentRow(0)

    def on_current_changed(self, *_args) -> None:
        self.sig_changed.emit(self.code())
