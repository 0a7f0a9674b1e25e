"""Kiosk settings (设置): idle lock, a neutral window title, large text, language.

The dialog only edits a copy of :class:`desktop.settings.Settings`; the main window applies and saves it
(``MainWindow.apply_settings``), so the language switches live, without a restart.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop.settings import Settings
from forms.i18n import _
from ui import style

LANGUAGE_NAMES = (("zh", "中文"), ("en", "English"))   # each language in its own name: never translated


class SettingsDialog(QDialog):
    sig_change_passphrase = Signal()      # the main window opens the change-my-passphrase dialog

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, 240)
        self.idle_spin.setValue(int(settings.idle_lock_minutes))
        self.title_edit = QLineEdit(settings.neutral_title)
        self.large_check = QCheckBox()
        self.large_check.setChecked(settings.large_text)
        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.labels = [QLabel() for _i in range(4)]
        self.title_hint = style.role(QLabel(), "hint")
        form = QFormLayout()
        form.setSpacing(12)
        for label, field in zip(self.labels, (self.language_combo, self.large_check, self.idle_spin,
                                              self.title_edit)):
            label.setBuddy(field)
            form.addRow(label, field)
        self.passphrase_button = QPushButton()
        self.passphrase_button.setAutoDefault(False)
        self.passphrase_button.clicked.connect(self.sig_change_passphrase)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(style.SPACING)
        layout.addLayout(form)
        layout.addWidget(self.title_hint)
        layout.addWidget(self.passphrase_button, 0, Qt.AlignLeft)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Settings"))
        for label, text in zip(self.labels, (_("Language"), _("Large text"), _("Lock after (minutes idle)"),
                                             _("Neutral window title"))):
            label.setText(text)
        self.language_combo.setAccessibleName(_("Language"))
        self.large_check.setText(_("Bigger letters on every screen"))
        self.large_check.setAccessibleName(_("Large text"))
        self.idle_spin.setAccessibleName(_("Lock after (minutes idle)"))
        self.idle_spin.setSpecialValueText(_("Never"))
        self.title_edit.setAccessibleName(_("Neutral window title"))
        self.title_edit.setPlaceholderText(_("e.g. 表格填写"))
        self.passphrase_button.setText(_("Change my passphrase…"))
        self.title_hint.setText(_("Shown in the title bar and the taskbar instead of “OneStop”, so a "
                                  "passer-by does not learn what this program is for."))

    def result_settings(self) -> Settings:
        """A new Settings with the dialog's values (the kiosk name and court are kept)."""
        return dataclasses.replace(
            self._settings, language=self.language_combo.currentData(), large_text=self.large_check.isChecked(),
            idle_lock_minutes=self.idle_spin.value(), neutral_title=self.title_edit.text().strip())
