"""The lock screen (解锁): choose the account, type the passphrase; or open with the recovery key.

Neutral on purpose: it names no application and no person other than the kiosk's accounts. Errors are
the vault's own sentences (wrong passphrase, the wait after too many attempts, a mistyped recovery key).
Emits ``sig_unlocked(vault)``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.vault import Vault
from forms.i18n import _
from ui import style
from ui.messages import error_text
from ui.setup_page import _column
from ui.tasks import TaskManager


class UnlockPage(QWidget):
    sig_unlocked = Signal(object)      # the unlocked Vault

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self._tasks = tasks
        self._recovery = False
        self._busy = False
        column = _column(self)
        column.addStretch(1)
        self.title = style.heading()
        self.hint = style.role(QLabel(), "hint")
        self.account_combo = QComboBox()
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.Password)
        self.key_edit = QLineEdit()
        self.account_label, self.pass_label, self.key_label = QLabel(), QLabel(), QLabel()
        self.account_label.setBuddy(self.account_combo)
        self.pass_label.setBuddy(self.pass_edit)
        self.key_label.setBuddy(self.key_edit)
        form = QFormLayout()
        form.setSpacing(12)
        form.addRow(self.account_label, self.account_combo)
        form.addRow(self.pass_label, self.pass_edit)
        form.addRow(self.key_label, self.key_edit)
        self.form = form
        self.error_label = style.role(QLabel(), "error")
        self.unlock_button = style.primary(QPushButton())
        self.mode_button = QPushButton()
        self.mode_button.setProperty("link", True)
        self.mode_button.setCursor(Qt.PointingHandCursor)
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addLayout(form)
        column.addWidget(self.error_label)
        column.addWidget(self.unlock_button, 0, Qt.AlignRight)
        column.addWidget(self.mode_button, 0, Qt.AlignLeft)
        column.addStretch(2)
        QWidget.setTabOrder(self.account_combo, self.pass_edit)
        QWidget.setTabOrder(self.pass_edit, self.key_edit)
        QWidget.setTabOrder(self.key_edit, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.mode_button)
        self.unlock_button.clicked.connect(self.on_unlock)
        self.pass_edit.returnPressed.connect(self.on_unlock)
        self.key_edit.returnPressed.connect(self.on_unlock)
        self.mode_button.clicked.connect(self.on_toggle_mode)
        self._show_mode()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Unlock") if not self._recovery else _("Unlock with the recovery key"))
        self.hint.setText(_("Choose your account and type your passphrase.") if not self._recovery else
                          _("Type the recovery key from the paper kept at setup. Dashes and spaces do not matter."))
        self.account_label.setText(_("Account"))
        self.pass_label.setText(_("Passphrase"))
        self.key_label.setText(_("Recovery key"))
        self.account_combo.setAccessibleName(_("Account"))
        self.pass_edit.setAccessibleName(_("Passphrase"))
        self.key_edit.setAccessibleName(_("Recovery key"))
        self.unlock_button.setText(_("Unlock"))
        self.mode_button.setText(_("Forgot the passphrase? Use the recovery key") if not self._recovery
                                 else _("Back to passphrase"))

    def refresh(self) -> None:
        """Reload the account names (they may change while locked) and reset the fields."""
        current = self.account_combo.currentText()
        self.account_combo.clear()
        for name, _role in Vault.account_list(None):
            self.account_combo.addItem(name)
        if current:
            self.account_combo.setCurrentText(current)
        self.clear()

    def clear(self) -> None:
        self.pass_edit.clear()
        self.key_edit.clear()
        self.error_label.clear()
        self._set_busy(False)

    def focus_first(self) -> None:
        (self.key_edit if self._recovery else self.pass_edit).setFocus()

    def _show_mode(self) -> None:
        for widget in (self.account_label, self.account_combo, self.pass_label, self.pass_edit):
            widget.setVisible(not self._recovery)
        for widget in (self.key_label, self.key_edit):
            widget.setVisible(self._recovery)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.unlock_button.setEnabled(not busy)

    def on_toggle_mode(self) -> None:
        self._recovery = not self._recovery
        self.clear()
        self._show_mode()
        self.retranslate()
        self.focus_first()

    def on_unlock(self) -> None:
        if self._busy:
            return
        self.error_label.clear()
        if self._recovery:
            key = self.key_edit.text()
            if not key.strip():
                self.error_label.setText(_("Type the recovery key."))
                return
            job = lambda _task: Vault.unlock_with_recovery(None, key)  # noqa: E731
        else:
            account, passphrase = self.account_combo.currentText(), self.pass_edit.text()
            if not passphrase:
                self.error_label.setText(_("Type your passphrase."))
                return
            job = lambda _task: Vault.unlock(None, account, passphrase)  # noqa: E731
        self._set_busy(True)
        self._tasks.run(job, on_done=self.on_unlocked, on_error=self.on_failed)

    def on_unlocked(self, vault: Vault) -> None:
        self.clear()
        self.sig_unlocked.emit(vault)

    def on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.pass_edit.clear()
        self.error_label.setText(error_text(exc))
        self.focus_first()
