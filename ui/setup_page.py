"""First run (首次设置): name the kiosk, pick the default court, create the administrator, then show the
recovery key (恢复密钥) once, with a prompt to write it down or print it.

The page emits ``sig_finished(vault)`` when the administrator has confirmed the key is kept; the main
window then saves the kiosk's settings and goes home. The key is wiped from the page at that moment.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from desktop.vault import Vault
from forms.i18n import _
from ui import style
from ui.court_picker import CourtPicker
from ui.messages import error_text, show_error
from ui.tasks import TaskManager


def _column(parent: QWidget) -> QVBoxLayout:
    """A narrow, centred column inside ``parent``."""
    outer = QHBoxLayout(parent)
    outer.setContentsMargins(style.MARGIN, style.MARGIN // 2, style.MARGIN, style.MARGIN // 2)
    inner = QWidget()
    inner.setMaximumWidth(style.CONTENT_WIDTH)
    outer.addStretch(1)
    outer.addWidget(inner, 4)
    outer.addStretch(1)
    column = QVBoxLayout(inner)
    column.setSpacing(style.SPACING)
    return column


class SetupPage(QWidget):
    sig_finished = Signal(object)      # the new, unlocked Vault

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self._tasks = tasks
        self._vault: Vault | None = None
        self.stack = QStackedWidget()
        QVBoxLayout(self).addWidget(self.stack)
        self.stack.addWidget(self._build_form())
        self.stack.addWidget(self._build_key_panel())
        self.retranslate()

    # --- building ---------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        panel = QWidget()
        column = _column(panel)
        self.title = style.heading()
        self.intro = style.role(QLabel(), "hint")
        self.kiosk_edit = QLineEdit()
        self.admin_edit = QLineEdit()
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.Password)
        self.again_edit = QLineEdit()
        self.again_edit.setEchoMode(QLineEdit.Password)
        self.court = CourtPicker()
        self.error_label = style.role(QLabel(), "error")
        self.create_button = style.primary(QPushButton())
        self.form = QFormLayout()
        self.form.setSpacing(12)
        self.form.setLabelAlignment(Qt.AlignRight)
        self.labels = [QLabel() for _i in range(5)]
        for label, field in zip(self.labels, (self.kiosk_edit, self.court, self.admin_edit, self.pass_edit,
                                              self.again_edit)):
            label.setBuddy(field.focusProxy() or field)
            self.form.addRow(label, field)
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addLayout(self.form)
        column.addWidget(self.error_label)
        column.addWidget(self.create_button, 0, Qt.AlignRight)
        column.addStretch(1)
        for a, b in ((self.kiosk_edit, self.court.search_edit), (self.court.search_edit, self.court.list),
                     (self.court.list, self.admin_edit), (self.admin_edit, self.pass_edit),
                     (self.pass_edit, self.again_edit), (self.again_edit, self.create_button)):
            QWidget.setTabOrder(a, b)
        self.create_button.clicked.connect(self.on_create)
        self.again_edit.returnPressed.connect(self.on_create)
        return panel

    def _build_key_panel(self) -> QWidget:
        panel = QWidget()
        column = _column(panel)
        self.key_title = style.heading()
        self.key_intro = style.role(QLabel(), "hint")
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setAlignment(Qt.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.NoTextInteraction)   # not selectable: not copied anywhere
        key_font = QFont("monospace")
        key_font.setStyleHint(QFont.TypeWriter)
        key_font.setPointSize(18)
        self.key_label.setFont(key_font)
        self.kept_check = QCheckBox()
        self.print_button = QPushButton()
        self.continue_button = style.primary(QPushButton())
        self.continue_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        column.addWidget(self.key_title)
        column.addWidget(self.key_intro)
        column.addWidget(self.key_label)
        column.addWidget(self.kept_check)
        column.addLayout(buttons)
        column.addStretch(1)
        self.kept_check.toggled.connect(self.continue_button.setEnabled)
        self.print_button.clicked.connect(self.on_print)
        self.continue_button.clicked.connect(self.on_continue)
        return panel

    def retranslate(self) -> None:
        self.title.setText(_("Set up this kiosk"))
        self.intro.setText(_("This is done once. The administrator account you create here can add "
                             "volunteer accounts later."))
        for label, text in zip(self.labels, (_("Service centre"), _("Default court"), _("Administrator name"),
                                             _("Passphrase"), _("Passphrase again"))):
            label.setText(text)
        self.kiosk_edit.setPlaceholderText(_("e.g. 桂林街道便民服务中心"))
        self.kiosk_edit.setAccessibleName(_("Service centre"))
        self.admin_edit.setAccessibleName(_("Administrator name"))
        self.pass_edit.setAccessibleName(_("Passphrase"))
        self.pass_edit.setPlaceholderText(_("At least 8 characters"))
        self.again_edit.setAccessibleName(_("Passphrase again"))
        self.create_button.setText(_("Create"))
        self.court.retranslate()
        self.key_title.setText(_("Write down the recovery key"))
        self.key_intro.setText(_("If every passphrase is forgotten, only this key opens the saved applications. "
                                 "It is shown only now. Write it on paper or print it, and keep it locked away "
                                 "from this computer."))
        self.kept_check.setText(_("I have written down or printed the recovery key"))
        self.kept_check.setAccessibleName(_("I have written down or printed the recovery key"))
        self.print_button.setText(_("Print…"))
        self.continue_button.setText(_("Continue"))

    # --- actions ----------------------------------------------------------------------------

    def kiosk_name(self) -> str:
        return self.kiosk_edit.text().strip()

    def court_code(self) -> str:
        return self.court.code()

    def _check(self) -> str:
        if not self.admin_edit.text().strip():
            return _("Enter a name for the administrator.")
        if self.pass_edit.text() != self.again_edit.text():
            return _("The two passphrases are not the same. Type them again.")
        return ""

    def on_create(self) -> None:
        problem = self._check()
        self.error_label.setText(problem)
        if problem:
            return
        self.create_button.setEnabled(False)
        name, passphrase = self.admin_edit.text().strip(), self.pass_edit.text()
        self._tasks.run(lambda _task: Vault.init(None, name, passphrase), on_done=self.on_created,
                        on_error=self.on_create_failed)

    def on_created(self, result) -> None:
        self._vault, key = result
        self.pass_edit.clear()
        self.again_edit.clear()
        groups = key.split("-")
        self.key_label.setText("\n".join("-".join(groups[i:i + 4]) for i in range(0, len(groups), 4)))
        self.stack.setCurrentIndex(1)
        self.kept_check.setFocus()

    def on_create_failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.error_label.setText(error_text(exc))

    def on_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.Accepted:
            return
        try:
            self.print_key(printer)
        except Exception as exc:  # noqa: BLE001 - a printer problem is shown calmly
            show_error(self, exc)

    def print_key(self, printer) -> None:
        painter = QPainter(printer)
        try:
            rect = painter.viewport().adjusted(60, 60, -60, -60)
            text = "\n\n".join((_("OneStop recovery key"), self.kiosk_name(), self.key_label.text(),
                                _("Keep this paper locked away from the kiosk.")))
            painter.setFont(QFont(self.font().family(), 14))
            painter.drawText(rect, Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, text)
        finally:
            painter.end()

    def on_continue(self) -> None:
        vault, self._vault = self._vault, None
        self.key_label.clear()
        self.kept_check.setChecked(False)
        if vault is not None:
            self.sig_finished.emit(vault)

    def clear(self) -> None:
        """Forget everything typed (on lock)."""
        for edit in (self.pass_edit, self.again_edit):
            edit.clear()
        self.key_label.clear()
        self.error_label.clear()
        self.create_button.setEnabled(True)
