"""Accounts in the kiosk window (账户): an admin adds, removes and resets accounts through the dialog,
a volunteer changes their own passphrase; checked against the real vault after the window locks."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.vault import Vault  # noqa: E402
from ui.accounts_dialog import AccountsDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings_dialog import SettingsDialog  # noqa: E402

from test_ui_shell import PASS, _type, _unlock, make_window, vault_with_drafts  # noqa: E402,F401

NEW_PASS = "plum blossom river"
SHOTS = Path("/tmp/onestop-shots")


def _shown(button) -> bool:
    QApplication.processEvents()          # the toolbar lays out its buttons on the next pass
    return button.isVisible()


def _dialog(window: MainWindow) -> AccountsDialog:
    """The open accounts dialog (a closed one may wait for deletion)."""
    [dialog] = [d for d in window.findChildren(AccountsDialog) if d.isVisible()]
    return dialog


def _open_accounts(qtbot, window: MainWindow) -> AccountsDialog:
    assert _shown(window.accounts_button)
    qtbot.mouseClick(window.accounts_button, Qt.LeftButton)
    dialog = _dialog(window)
    assert dialog.isModal()
    qtbot.waitUntil(lambda: dialog.account_names() == ["李娟"], timeout=10_000)
    return dialog


def _select(dialog: AccountsDialog, name: str) -> None:
    dialog.table.selectRow(dialog.account_names().index(name))


def _add(qtbot, dialog: AccountsDialog, name: str, role: str, passphrase: str, again: str | None = None) -> None:
    _type(qtbot, dialog.name_edit, name)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role))
    qtbot.keyClicks(dialog.add_pass_edit, passphrase)
    qtbot.keyClicks(dialog.add_again_edit, passphrase if again is None else again)
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)


def _relock_as(qtbot, window: MainWindow, name: str, passphrase: str) -> None:
    window.lock()
    window.unlock_page.account_combo.setCurrentText(name)
    _unlock(qtbot, window, passphrase)
    assert window.session.account == name


def test_admin_adds_and_removes_a_volunteer(qtbot, make_window, vault_with_drafts, monkeypatch):
    home = vault_with_drafts
    window = make_window()
    assert not _shown(window.accounts_button)                   # locked: no Accounts button
    _unlock(qtbot, window)
    dialog = _open_accounts(qtbot, window)
    assert dialog.table.item(0, 1).text() == "Administrator"
    assert dialog.name_edit.accessibleName() and dialog.add_pass_edit.accessibleName()

    _add(qtbot, dialog, "王芳", "volunteer", NEW_PASS, again=NEW_PASS + "x")
    assert "not the same" in dialog.add_error.text()
    assert Vault.account_list(home) == [("李娟", "admin")]

    dialog.add_pass_edit.clear()
    dialog.add_again_edit.clear()
    qtbot.keyClicks(dialog.add_pass_edit, "short")
    qtbot.keyClicks(dialog.add_again_edit, "short")
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "at least 8 characters" in dialog.add_error.text(), timeout=10_000)
    assert Vault.account_list(home) == [("李娟", "admin")]

    dialog.name_edit.clear()
    dialog.add_pass_edit.clear()
    dialog.add_again_edit.clear()
    _add(qtbot, dialog, "王芳", "volunteer", NEW_PASS)
    qtbot.waitUntil(lambda: "王芳" in dialog.account_names(), timeout=10_000)
    assert dialog.add_error.text() == "" and "王芳" in dialog.status_label.text()
    assert dialog.table.item(dialog.account_names().index("王芳"), 1).text() == "Volunteer"
    assert sorted(Vault.account_list(home)) == [("李娟", "admin"), ("王芳", "volunteer")]

    _add(qtbot, dialog, "王芳", "clerk", NEW_PASS)                 # the vault's own sentence
    qtbot.waitUntil(lambda: "already exists" in dialog.add_error.text(), timeout=10_000)

    _select(dialog, "李娟")                                         # the last admin stays
    monkeypatch.setattr(dialog, "ask_remove", lambda name: True)
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "last administrator" in dialog.error_label.text(), timeout=10_000)
    assert "李娟" in dialog.account_names()

    window.lock()                                                  # one opener at a time: the window first
    assert not dialog.isVisible() and not _shown(window.accounts_button)
    Vault.unlock(home, "王芳", NEW_PASS).lock()

    _unlock(qtbot, window)
    qtbot.mouseClick(window.accounts_button, Qt.LeftButton)
    dialog = _dialog(window)
    qtbot.waitUntil(lambda: "王芳" in dialog.account_names(), timeout=10_000)
    _select(dialog, "王芳")
    asked = []
    monkeypatch.setattr(dialog, "ask_remove", lambda name: asked.append(name) or False)
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)         # "Keep": nothing removed
    assert asked == ["王芳"] and ("王芳", "volunteer") in Vault.account_list(home)
    monkeypatch.setattr(dialog, "ask_remove", lambda name: asked.append(name) or True)
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.account_names() == ["李娟"], timeout=10_000)
    assert Vault.account_list(home) == [("李娟", "admin")]


def test_admin_sets_a_new_passphrase_for_an_account(qtbot, make_window, vault_with_drafts):
    home = vault_with_drafts
    window = make_window()
    _unlock(qtbot, window)
    dialog = _open_accounts(qtbot, window)
    _add(qtbot, dialog, "张伟", "clerk", PASS)
    qtbot.waitUntil(lambda: "张伟" in dialog.account_names(), timeout=10_000)
    assert not dialog.pass_button.isEnabled() or dialog.selected_name()
    _select(dialog, "张伟")
    assert "张伟" in dialog.pass_box.title()
    qtbot.keyClicks(dialog.new_pass_edit, NEW_PASS)
    qtbot.keyClicks(dialog.new_again_edit, NEW_PASS)
    qtbot.mouseClick(dialog.pass_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "张伟" in dialog.status_label.text(), timeout=10_000)
    assert dialog.pass_error.text() == ""
    window.lock()
    Vault.unlock(home, "张伟", NEW_PASS).lock()


def test_volunteer_has_no_accounts_button_and_changes_own_passphrase(qtbot, make_window, vault_with_drafts,
                                                                      monkeypatch):
    home = vault_with_drafts
    admin = Vault.unlock(home, "李娟", PASS)
    admin.add_account("王芳", "volunteer", PASS)
    admin.lock()
    window = make_window()
    window.unlock_page.refresh()
    window.unlock_page.account_combo.setCurrentText("王芳")
    _unlock(qtbot, window)
    assert window.session.account == "王芳"
    assert _shown(window.settings_button) and not _shown(window.accounts_button)

    monkeypatch.setattr(SettingsDialog, "exec", lambda self: self.show() or SettingsDialog.Rejected)
    qtbot.mouseClick(window.settings_button, Qt.LeftButton)
    settings = window.findChild(SettingsDialog)
    qtbot.mouseClick(settings.passphrase_button, Qt.LeftButton)
    dialog = _dialog(window)
    assert dialog.self_only and dialog.isVisible()
    assert not dialog.table.isVisible() and not dialog.add_box.isVisible()

    qtbot.keyClicks(dialog.new_pass_edit, NEW_PASS)
    qtbot.keyClicks(dialog.new_again_edit, "something else")
    qtbot.mouseClick(dialog.pass_button, Qt.LeftButton)
    assert "not the same" in dialog.pass_error.text()
    dialog.new_again_edit.clear()
    qtbot.keyClicks(dialog.new_again_edit, NEW_PASS)
    qtbot.keyClick(dialog.new_again_edit, Qt.Key_Return)            # Enter sets it; it does not close
    qtbot.waitUntil(lambda: "王芳" in dialog.status_label.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.pass_error.text() == ""
    settings.close()

    _relock_as(qtbot, window, "王芳", NEW_PASS)


def test_screenshot_of_the_accounts_dialog(qtbot, make_window, vault_with_drafts):
    admin = Vault.unlock(vault_with_drafts, "李娟", PASS)
    admin.add_account("王芳", "volunteer", PASS)
    admin.add_account("张伟", "clerk", PASS)
    admin.lock()
    window = make_window()
    _unlock(qtbot, window)
    qtbot.mouseClick(window.accounts_button, Qt.LeftButton)
    dialog = _dialog(window)
    qtbot.waitUntil(lambda: len(dialog.account_names()) == 3, timeout=10_000)
    _select(dialog, "王芳")
    dialog.resize(960, 620)
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "accounts.png"))
