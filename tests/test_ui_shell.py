"""The kiosk shell, driven offscreen with real widgets and a real vault in a temporary ONESTOP_HOME:
first-run setup, unlock, the home list, quick exit, idle lock, language and text size."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.session import Session  # noqa: E402
from desktop.settings import Settings  # noqa: E402
from desktop.vault import Vault  # noqa: E402
from forms.i18n import translate  # noqa: E402
from forms.model import Application  # noqa: E402
from ui import app as ui_app  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

from conftest import EXAMPLES  # noqa: E402

PASS = "correct horse battery"


@pytest.fixture
def make_window(qtbot, home):
    made = []

    def make(settings: Settings | None = None) -> MainWindow:
        settings = settings or Settings(language="en")
        ui_app.apply_language(settings.language)
        ui_app.apply_text_size(settings.large_text)
        window = MainWindow(settings, quit_on_quick_exit=False)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()
    ui_app.apply_language("en")
    ui_app.apply_text_size(False)


def _example(name: str = "self-filed") -> Application:
    return Application.from_json_dict(json.loads((EXAMPLES / name / "application.json").read_text("utf-8")))


@pytest.fixture
def vault_with_drafts(home):
    """A vault (admin 李娟) holding the two spec examples as drafts, saved through Session; then locked."""
    vault, _key = Vault.init(home, "李娟", PASS)
    session = Session(vault)
    for name in ("self-filed", "proxy-filed"):
        draft_id = session.new_draft()
        app = _example(name)
        app.id = draft_id
        session.save_draft(draft_id, app, {"step": "victim"})
    session.lock()
    return home


def _type(qtbot, edit, text: str) -> None:
    """Type ASCII key by key; Chinese arrives as one commit, as from an input method (QTest keys are ASCII)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.setFocus()
        edit.insert(text)


def _unlock(qtbot, window: MainWindow, passphrase: str = PASS) -> None:
    page = window.unlock_page
    qtbot.keyClicks(page.pass_edit, passphrase)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)


def test_first_run_setup_creates_vault_and_shows_recovery_key_once(qtbot, make_window, home):
    window = make_window()
    page = window.setup_page
    assert window.stack.currentWidget() is page
    _type(qtbot, page.kiosk_edit, "桂林街道便民服务中心")
    _type(qtbot, page.court.search_edit, "潼南")
    page.court.list.setCurrentRow(0)
    _type(qtbot, page.admin_edit, "李娟")
    qtbot.keyClicks(page.pass_edit, PASS)
    qtbot.keyClicks(page.again_edit, PASS + "x")
    qtbot.mouseClick(page.create_button, Qt.LeftButton)
    assert "not the same" in page.error_label.text()
    assert not Vault.exists(home)

    page.again_edit.clear()
    qtbot.keyClicks(page.again_edit, PASS)
    qtbot.mouseClick(page.create_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 1, timeout=10_000)
    key = page.key_label.text()
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}|\n[0-9A-Z]{5})+", key)
    assert Vault.exists(home) and Vault.account_list(home) == [("李娟", "admin")]
    assert page.pass_edit.text() == "" and page.again_edit.text() == ""
    assert not page.continue_button.isEnabled()          # only after "I have written it down"
    page.kept_check.setChecked(True)
    qtbot.mouseClick(page.continue_button, Qt.LeftButton)

    assert window.stack.currentWidget() is window.home_page
    assert page.key_label.text() == ""                    # shown once: gone from the page
    saved = Settings.load(home)
    assert saved.kiosk_name == "桂林街道便民服务中心" and saved.default_court_code == "cq-tongnan"
    assert window.session.account == "李娟"


def test_unlock_wrong_then_right_passphrase(qtbot, make_window, vault_with_drafts):
    window = make_window()
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    assert page.account_combo.currentText() == "李娟"
    qtbot.keyClicks(page.pass_edit, "wrong passphrase")
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Wrong passphrase" in page.error_label.text(), timeout=10_000)
    assert window.session is None and page.pass_edit.text() == ""
    _unlock(qtbot, window)
    assert window.stack.currentWidget() is window.home_page
    assert page.error_label.text() == ""


def test_too_many_attempts_tells_how_long_to_wait(qtbot, make_window, vault_with_drafts):
    window = make_window()
    page = window.unlock_page
    for _attempt in range(4):
        page.pass_edit.setText("wrong passphrase")
        page.on_unlock()
        qtbot.waitUntil(lambda: page.unlock_button.isEnabled(), timeout=10_000)
    assert re.search(r"Wait \d+ seconds", page.error_label.text())


def test_recovery_key_unlock(qtbot, make_window, home):
    vault, key = Vault.init(home, "李娟", PASS)
    vault.lock()
    window = make_window()
    page = window.unlock_page
    qtbot.mouseClick(page.mode_button, Qt.LeftButton)
    assert page.key_edit.isVisible() and not page.pass_edit.isVisible()
    qtbot.keyClicks(page.key_edit, key.lower().replace("-", " "))
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)


def _rows(window: MainWindow) -> list[tuple[str, str, str]]:
    table = window.home_page.table
    return [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount()) if not table.isRowHidden(r)]


def test_home_lists_searches_and_deletes_drafts(qtbot, make_window, vault_with_drafts, monkeypatch):
    window = make_window()
    _unlock(qtbot, window)
    home = window.home_page
    qtbot.waitUntil(lambda: home.table.rowCount() == 2, timeout=10_000)
    applicants = {row[0] for row in _rows(window)}
    assert "王秀英" in applicants and len(applicants) == 2
    assert all(row[2] == "Draft" for row in _rows(window))

    _type(qtbot, home.search_edit, "王秀")
    assert [row[:2] for row in _rows(window)] == [("王秀英", "李建国")]
    home.search_edit.clear()
    assert len(_rows(window)) == 2

    target = next(r for r in range(2) if home.table.item(r, 0).text() == "王秀英")
    home.table.selectRow(target)
    asked = []
    monkeypatch.setattr(home, "ask_delete", lambda row: asked.append(row.applicant) or False)
    qtbot.mouseClick(home.delete_button, Qt.LeftButton)
    assert asked == ["王秀英"] and len(_rows(window)) == 2          # "Keep it": nothing deleted
    monkeypatch.setattr(home, "ask_delete", lambda row: asked.append(row.applicant) or True)
    qtbot.mouseClick(home.delete_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: home.table.rowCount() == 1, timeout=10_000)
    assert "王秀英" not in {row[0] for row in _rows(window)}
    assert any(e.action == "draft_delete" for e in window.session.vault.audit_log())


def test_new_application_and_wizard_hook(qtbot, make_window, vault_with_drafts):
    window = make_window()
    _unlock(qtbot, window)
    opened = []

    def factory(session, draft_id, parent):
        from PySide6.QtWidgets import QLabel
        opened.append(draft_id)
        widget = QLabel("wizard", parent)
        widget.flush = lambda: opened.append("flushed")
        return widget

    window.set_wizard_factory(factory)
    with qtbot.waitSignal(window.sig_open_draft_requested, timeout=10_000):
        qtbot.mouseClick(window.home_page.new_button, Qt.LeftButton)
    assert window.stack.currentWidget().text() == "wizard"
    assert window.session.vault.has_draft(opened[0])
    window.lock()                                         # the wizard is flushed, removed, and the key dropped
    assert opened[-1] == "flushed" and window._wizard is None
    assert window.stack.currentWidget() is window.unlock_page


def _check_quick_exit(window: MainWindow, session: Session) -> None:
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())
    assert session.locked and window.session is None
    assert QApplication.clipboard().text() == ""
    assert window.home_page.table.rowCount() == 0
    assert window.stack.currentWidget() is window.unlock_page  # what shows when the window comes back


def test_quick_exit_button_hides_locks_and_clears_clipboard(qtbot, make_window, vault_with_drafts):
    window = make_window()
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.home_page.table.rowCount() == 2, timeout=10_000)
    session = window.session
    QApplication.clipboard().setText("王秀英 13800000000")
    assert window.quick_exit_button.isVisible()
    qtbot.mouseClick(window.quick_exit_button, Qt.LeftButton)
    _check_quick_exit(window, session)


def test_quick_exit_by_three_shift_presses(qtbot, make_window, vault_with_drafts):
    window = make_window()
    _unlock(qtbot, window)
    session = window.session
    QApplication.clipboard().setText("secret")
    QTest.keyClick(window, Qt.Key_Shift)
    QTest.keyClick(window, Qt.Key_Shift)
    QTest.keyClick(window, Qt.Key_A)                      # another key in between: the count starts again
    QTest.keyClick(window, Qt.Key_Shift)
    QTest.keyClick(window, Qt.Key_Shift)
    assert window.isVisible() and not session.locked
    QTest.keyClick(window, Qt.Key_Shift)
    _check_quick_exit(window, session)


def test_shift_presses_spread_over_more_than_a_second_do_nothing(qtbot, make_window, vault_with_drafts):
    window = make_window()
    now = [100.0]
    window.quick_exit._clock = lambda: now[0]
    for _press in range(3):
        QTest.keyClick(window, Qt.Key_Shift)
        now[0] += 0.6
    assert window.isVisible()


def test_idle_lock_after_configured_time(qtbot, make_window, vault_with_drafts):
    window = make_window()
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.home_page.table.rowCount() == 2, timeout=10_000)
    session = window.session
    window.idle_lock.set_minutes(0.3 / 60)                # 0.3 s
    with qtbot.waitSignal(window.sig_locked, timeout=5_000):
        pass
    assert session.locked and window.session is None
    assert window.home_page.table.rowCount() == 0
    assert window.stack.currentWidget() is window.unlock_page
    assert window.isVisible()                             # idle lock shows the lock screen, it does not hide


def test_language_switch_without_restart(qtbot, make_window, vault_with_drafts, home):
    window = make_window()
    _unlock(qtbot, window)
    home_page = window.home_page
    assert home_page.new_button.text() == "New application"
    window.apply_settings(dataclasses.replace(window.settings, language="zh"))
    assert home_page.new_button.text() == translate("New application", "zh") != "New application"
    assert window.lock_button.text() == translate("Lock", "zh")
    assert window.quick_exit_button.text() == translate("Quick exit", "zh")
    assert home_page.table.horizontalHeaderItem(0).text() == translate("Applicant", "zh")
    assert window.unlock_page.unlock_button.text() == translate("Unlock", "zh")
    assert Settings.load(home).language == "zh"
    window.apply_settings(dataclasses.replace(window.settings, language="en"))
    assert home_page.new_button.text() == "New application"


def test_large_text_mode_enlarges_the_font(qtbot, make_window, vault_with_drafts):
    window = make_window()
    before = QApplication.font().pointSizeF()
    title_before = window.unlock_page.title.font().pointSizeF()
    window.apply_settings(dataclasses.replace(window.settings, large_text=True))
    assert QApplication.font().pointSizeF() > before
    assert window.unlock_page.pass_edit.font().pointSizeF() > before
    assert window.unlock_page.title.font().pointSizeF() > title_before


def test_neutral_title(qtbot, make_window, vault_with_drafts):
    window = make_window(Settings(language="en", neutral_title="表格填写"))
    assert window.windowTitle() == "表格填写"
    assert QApplication.applicationDisplayName() == "表格填写"


def test_bundled_font_is_the_app_font(qtbot, make_window, home):
    make_window()
    family = ui_app.register_font()
    assert family and family in QApplication.font().families()
