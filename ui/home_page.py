"""Home (首页): the kiosk's drafts — applicant (申请人), respondent (被申请人), status, last change, urgent —
with a search box, open, delete (asked first; the vault records it in the audit log) and New application.

The page never holds more than the list it shows; :meth:`clear` empties it when the kiosk locks.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from desktop.services import DraftRow
from forms.i18n import N_, _
from ui import style
from ui.messages import confirm, show_error
from ui.tasks import TaskManager

STATUS_LABELS = {"draft": N_("Draft"), "ready": N_("Ready"), "printed": N_("Printed"), "submitted": N_("Submitted")}
COLUMNS = (N_("Applicant"), N_("Respondent"), N_("Status"), N_("Last change"), N_("Urgent"))


def _when(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, AttributeError):
        return iso or ""


class HomePage(QWidget):
    sig_open_draft = Signal(str)       # a draft id
    sig_new_draft = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self._tasks = tasks
        self._session = None
        self._rows: list[DraftRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN // 2, style.MARGIN, style.MARGIN // 2)
        layout.setSpacing(style.SPACING)
        top = QHBoxLayout()
        self.title = style.heading()
        self.new_button = style.primary(QPushButton())
        top.addWidget(self.title, 1)
        top.addWidget(self.new_button)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(420)
        self.table = style.list_table(len(COLUMNS))
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeToContents)
        self.empty_label = style.role(QLabel(), "hint")
        self.empty_label.setAlignment(Qt.AlignCenter)
        bottom = QHBoxLayout()
        self.open_button = QPushButton()
        self.delete_button = QPushButton()
        bottom.addWidget(self.open_button)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        layout.addLayout(top)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(bottom)
        for a, b in ((self.new_button, self.search_edit), (self.search_edit, self.table),
                     (self.table, self.open_button), (self.open_button, self.delete_button)):
            QWidget.setTabOrder(a, b)
        self.new_button.clicked.connect(self.sig_new_draft)
        self.open_button.clicked.connect(self.on_open)
        self.delete_button.clicked.connect(self.on_delete)
        self.table.doubleClicked.connect(self.on_open)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.search_edit.textChanged.connect(self.on_search)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(_("Applications"))
        self.new_button.setText(_("New application"))
        self.new_button.setAccessibleName(_("New application"))
        self.search_edit.setPlaceholderText(_("Search by name"))
        self.search_edit.setAccessibleName(_("Search applications"))
        self.table.setAccessibleName(_("Applications"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.open_button.setText(_("Open"))
        self.delete_button.setText(_("Delete…"))
        self.show_rows(self._rows)

    # --- data -------------------------------------------------------------------------------

    def set_session(self, session) -> None:
        self._session = session
        self.refresh()

    def refresh(self) -> None:
        session = self._session
        if session is None:
            return
        self._tasks.run(lambda _task: session.drafts(), on_done=self.show_rows, on_error=self.on_failed)

    def clear(self) -> None:
        """Forget the list and the search (on lock)."""
        self._session = None
        self._rows = []
        self.search_edit.clear()
        self.table.setRowCount(0)
        self._update_buttons()

    def show_rows(self, rows: list[DraftRow]) -> None:
        if self._session is None:
            rows = []
        self._rows = sorted(rows, key=lambda r: r.updated_at, reverse=True)
        self._rows.sort(key=lambda r: not r.urgent)          # urgent first, newest first within each
        self.table.setRowCount(len(self._rows))
        for i, row in enumerate(self._rows):
            cells = (row.applicant or _("(no name yet)"), row.respondent, _(STATUS_LABELS.get(row.status, row.status)),
                     _when(row.updated_at), _("Urgent") if row.urgent else "")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, row.id)
                if col == 4 and row.urgent:
                    item.setForeground(QColor("#a33222"))
                self.table.setItem(i, col, item)
        self.empty_label.setText(_("No applications yet. Press “New application” to start.") if not rows else "")
        self.empty_label.setVisible(not rows)
        self.on_search(self.search_edit.text())

    def visible_ids(self) -> list[str]:
        return [self._rows[i].id for i in range(len(self._rows)) if not self.table.isRowHidden(i)]

    # --- actions ----------------------------------------------------------------------------

    def on_search(self, text: str) -> None:
        needle = text.strip().lower()
        for i, row in enumerate(self._rows):
            hay = f"{row.applicant} {row.respondent}".lower()
            self.table.setRowHidden(i, bool(needle) and needle not in hay)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.table.isRowHidden(rows[0].row()):
            return None
        return self._rows[rows[0].row()].id

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def on_open(self, *_args) -> None:
        draft_id = self.selected_id()
        if draft_id:
            self.sig_open_draft.emit(draft_id)

    def on_delete(self) -> None:
        draft_id, session = self.selected_id(), self._session
        if not draft_id or session is None:
            return
        row = next(r for r in self._rows if r.id == draft_id)
        if not self.ask_delete(row):
            return
        self._tasks.run(lambda _task: session.delete_draft(draft_id), on_done=lambda _r: self.refresh(),
                        on_error=self.on_failed)

    def ask_delete(self, row: DraftRow) -> bool:
        """Separate so that tests can answer it."""
        return confirm(self, _("Delete this application?"),
                       _("The application of {name} and all its evidence will be deleted for good. "
                         "This cannot be undone.").format(name=row.applicant or _("(no name yet)")),
                       _("Delete"), _("Keep it"))

    def on_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
