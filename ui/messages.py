"""Calm message boxes: a VaultError shows its own translated sentence; anything else a general one."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.vault_errors import VaultError
from forms.i18n import _


def error_text(exc: BaseException) -> str:
    if isinstance(exc, VaultError):
        return str(exc)
    return _("Something went wrong, but nothing that was saved is lost. Please try again.")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(QMessageBox.Warning, _("Please note"), error_text(exc), QMessageBox.Ok, parent)
    box.exec()


def show_unexpected(parent: QWidget | None) -> None:
    show_error(parent, RuntimeError())


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.DestructiveRole)
    no_button = box.addButton(no, QMessageBox.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
