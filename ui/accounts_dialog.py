"""Accounts (账户): who may sign in at this kiosk.

Two modes, one dialog:

* ``AccountsDialog(session, tasks)`` — for an administrator (管理员): the list of accounts, Add, Remove
  (asked first, "Keep" is the default) and a new passphrase for the chosen account;
* ``AccountsDialog(session, tasks, self_only=True)`` — for anyone: a new passphrase for their own account.

The vault decides what is allowed (only admins add or remove; the last admin stays; passphrases of at
least 8 characters) and its sentences are shown as they are. Every call runs on the TaskManager; the
list is read again after each change. Open it with ``open()`` (modal to its parent, does not block).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from forms.i18n import N_, _
from ui import style
from ui.messages import confirm, error_text
from ui.tasks import TaskManager

ROLE_NAMES = {"volunteer": N_("Volunteer"), "clerk": N_("Court clerk"), "admin": N_("Administrator")}
COLUMNS = (N_("Name"), N_("Role"))


def role_name(role: str) -> str:
    return _(ROLE_NAMES[role]) if role in ROLE_NAMES else role


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.Password)
    return edit


class AccountsDialog(QDialog):
    def __init__(self, session, tasks: TaskManager, parent: QWidget | None = None, *, self_only: bool = False):
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self.self_only = self_only
        self._rows: list[tuple[str, str]] = []
        self._busy = False
        self._done_text = ""
        self._error_label: QLabel | None = None

        self.title = style.heading(scale=1.3)
        self.hint = style.role(QLabel(), "hint")
        self.table = style.list_table(len(COLUMNS))
        self.remove_button = QPushButton()

        self.add_box = QGroupBox()
        self.name_edit = QLineEdit()
        self.role_combo = QComboBox()
        for code in ("volunteer", "clerk", "admin"):
            self.role_combo.addItem("", code)
        self.add_pass_edit, self.add_again_edit = _password_edit(), _password_edit()
        self.add_error = style.role(QLabel(), "error")
        self.add_button = QPushButton()
        self.add_button.setProperty("primary", True)
        self.add_labels = [QLabel() for _i in range(4)]
        add_form = QFormLayout(self.add_box)
        for label, field in zip(self.add_labels, (self.name_edit, self.role_combo, self.add_pass_edit,
                                                  self.add_again_edit)):
            label.setBuddy(field)
            add_form.addRow(label, field)
        add_form.addRow(self.add_error)
        add_form.addRow(self.add_button)

        self.pass_box = QGroupBox()
        self.new_pass_edit, self.new_again_edit = _password_edit(), _password_edit()
        self.pass_error = style.role(QLabel(), "error")
        self.pass_button = QPushButton()
        self.pass_labels = [QLabel() for _i in range(2)]
        pass_form = QFormLayout(self.pass_box)
        for label, field in zip(self.pass_labels, (self.new_pass_edit, self.new_again_edit)):
            label.setBuddy(field)
            pass_form.addRow(label, field)
        pass_form.addRow(self.pass_error)
        pass_form.addRow(self.pass_button)

        self.status_label = style.role(QLabel(), "hint")
        self.error_label = style.role(QLabel(), "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.Close)

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.remove_button, 0, Qt.AlignLeft)
        right = QVBoxLayout()
        right.addWidget(self.add_box)
        right.addWidget(self.pass_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(style.SPACING * 2)
        columns.addLayout(left, 0 if self_only else 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        order = (self.table, self.remove_button, self.name_edit, self.role_combo, self.add_pass_edit,
                 self.add_again_edit, self.add_button, self.new_pass_edit, self.new_again_edit, self.pass_button,
                 self.close_button)
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        for button in (self.remove_button, self.add_button, self.pass_button, self.close_button):
            button.setAutoDefault(False)          # Enter in a field must not close the dialog
        for widget in (self.table, self.remove_button, self.add_box):
            widget.setVisible(not self_only)

        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.remove_button.clicked.connect(self.on_remove)
        self.add_button.clicked.connect(self.on_add)
        self.add_again_edit.returnPressed.connect(self.on_add)
        self.pass_button.clicked.connect(self.on_set_passphrase)
        self.new_again_edit.returnPressed.connect(self.on_set_passphrase)
        self.setMinimumWidth(520 if self_only else 900)
        self.retranslate()
        self._update_buttons()
        if self_only:
            self.new_pass_edit.setFocus()
        else:
            self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Change my passphrase") if self.self_only else _("Accounts"))
        self.title.setText(self.windowTitle())
        self.hint.setText(_("The new passphrase is needed from the next sign-in on.") if self.self_only else
                          _("Each volunteer signs in with their own name and passphrase. Only administrators "
                            "can add or remove accounts."))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setAccessibleName(_("Accounts"))
        self.remove_button.setText(_("Remove…"))
        self.add_box.setTitle(_("Add an account"))
        for label, text in zip(self.add_labels, (_("Name"), _("Role"), _("Passphrase"), _("Passphrase again"))):
            label.setText(text)
        self.name_edit.setAccessibleName(_("Name of the new account"))
        self.role_combo.setAccessibleName(_("Role of the new account"))
        for i in range(self.role_combo.count()):
            self.role_combo.setItemText(i, role_name(self.role_combo.itemData(i)))
        self.add_pass_edit.setAccessibleName(_("Passphrase of the new account"))
        self.add_pass_edit.setPlaceholderText(_("At least 8 characters"))
        self.add_again_edit.setAccessibleName(_("Passphrase of the new account, again"))
        self.add_button.setText(_("Add"))
        for label, text in zip(self.pass_labels, (_("New passphrase"), _("New passphrase again"))):
            label.setText(text)
        self.new_pass_edit.setAccessibleName(_("New passphrase"))
        self.new_pass_edit.setPlaceholderText(_("At least 8 characters"))
        self.new_again_edit.setAccessibleName(_("New passphrase again"))
        self.pass_button.setText(_("Set the new passphrase"))
        self.show_rows(self._rows)

    # --- data -------------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self._session
        self._tasks.run(lambda _task: session.accounts(), on_done=self.show_rows, on_error=self.on_failed)

    def show_rows(self, rows: list[tuple[str, str]]) -> None:
        chosen = self.selected_name()
        self._rows = sorted(rows, key=lambda r: (r[1] != "admin", r[0]))
        self.table.setRowCount(len(self._rows))
        for i, (name, role) in enumerate(self._rows):
            for col, text in enumerate((name, role_name(role))):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, name)
                self.table.setItem(i, col, item)
            if name == chosen:
                self.table.selectRow(i)
        self._update_buttons()

    def account_names(self) -> list[str]:
        return [name for name, _role in self._rows]

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()][0] if rows and rows[0].row() < len(self._rows) else None

    def target(self) -> str | None:
        """Whose passphrase the lower form sets: one's own in self-only mode, else the chosen account."""
        return self._session.account if self.self_only else self.selected_name()

    def _update_buttons(self) -> None:
        target = self.target()
        self.remove_button.setEnabled(not self._busy and self.selected_name() is not None)
        self.add_button.setEnabled(not self._busy)
        self.pass_button.setEnabled(not self._busy and target is not None)
        self.pass_box.setTitle(_("New passphrase for {name}").format(name=target) if target
                               else _("New passphrase (choose an account in the list)"))

    def _run(self, job, done_text: str, error_label: QLabel) -> None:
        self._busy = True
        self.status_label.clear()
        self._update_buttons()
        self._done_text, self._error_label = done_text, error_label
        self._tasks.run(job, on_done=self.on_changed, on_error=self.on_change_failed)

    # --- actions ----------------------------------------------------------------------------

    def on_add(self) -> None:
        if self._busy:
            return
        self.add_error.clear()
        name, role = self.name_edit.text().strip(), self.role_combo.currentData()
        passphrase = self.add_pass_edit.text()
        if passphrase != self.add_again_edit.text():
            self.add_error.setText(_("The two passphrases are not the same. Type them again."))
            return
        session = self._session
        self._run(lambda _task: session.add_account(name, role, passphrase),
                  _("{name} was added as {role}.").format(name=name, role=role_name(role)), self.add_error)

    def on_remove(self) -> None:
        name, session = self.selected_name(), self._session
        if self._busy or name is None or not self.ask_remove(name):
            return
        self.error_label.clear()
        self._run(lambda _task: session.remove_account(name),
                  _("The account {name} was removed.").format(name=name), self.error_label)

    def ask_remove(self, name: str) -> bool:
        """Separate so that tests can answer it."""
        return confirm(self, _("Remove this account?"),
                       _("{name} will no longer be able to sign in at this kiosk. The applications they "
                         "helped with stay.").format(name=name),
                       _("Remove"), _("Keep"))

    def on_set_passphrase(self) -> None:
        name, session = self.target(), self._session
        if self._busy or name is None:
            return
        self.pass_error.clear()
        passphrase = self.new_pass_edit.text()
        if passphrase != self.new_again_edit.text():
            self.pass_error.setText(_("The two passphrases are not the same. Type them again."))
            return
        self._run(lambda _task: session.change_passphrase(name, passphrase),
                  _("The passphrase of {name} was changed.").format(name=name), self.pass_error)

    def on_changed(self, _result) -> None:
        self._busy = False
        for edit in (self.name_edit, self.add_pass_edit, self.add_again_edit, self.new_pass_edit,
                     self.new_again_edit):
            edit.clear()
        self.status_label.setText(self._done_text)
        self._update_buttons()
        if not self.self_only:
            self.refresh()

    def on_change_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._error_label.setText(error_text(exc))
        self._update_buttons()

    def on_failed(self, exc: BaseException) -> None:
        self.error_label.setText(error_text(exc))
