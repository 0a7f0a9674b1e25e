"""Render each shell page at 1366×768 offscreen into /tmp/onestop-shots/ (look at them; keep them calm).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/screenshots.py [zh|en]
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ONESTOP_TEST_FAST_KDF", "1")
os.environ["ONESTOP_HOME"] = tempfile.mkdtemp(prefix="onestop-shots-")
OUT = Path("/tmp/onestop-shots")


def main(lang: str = "zh") -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.session import Session
    from desktop.settings import Settings
    from desktop.vault import Vault
    from tests.test_ui_shell import _example
    from ui.app import build_app
    from ui.main_window import MainWindow
    from ui.settings_dialog import SettingsDialog

    OUT.mkdir(exist_ok=True)
    settings = Settings(language=lang, kiosk_name="桂林街道便民服务中心")
    os.environ.pop("ONESTOP_LANG", None)
    app = build_app(sys.argv[:1], settings)
    window = MainWindow(settings, quit_on_quick_exit=False, save_settings=False)
    window.resize(1366, 768)
    window.show()

    def shot(name: str, widget=None) -> None:
        for _ in range(5):
            app.processEvents()
        (widget or window).grab().save(str(OUT / f"{lang}-{name}.png"))

    shot("1-setup")
    page = window.setup_page
    page.court.search_edit.setText("潼南")
    page.court.list.setCurrentRow(0)
    vault, key = Vault.init(None, "李娟", "correct horse battery")
    page.on_created((vault, key))
    shot("2-recovery-key")
    page.kept_check.setChecked(True)
    session_vault = page._vault
    page.on_continue()
    session = Session(session_vault)
    for name in ("self-filed", "proxy-filed"):
        draft_id = session.new_draft()
        application = _example(name)
        application.id = draft_id
        session.save_draft(draft_id, application)
    window.home_page.refresh()
    window.tasks.wait_idle()
    shot("3-home")
    window.lock()
    shot("4-unlock")
    dialog = SettingsDialog(settings, window)
    dialog.show()
    shot("5-settings", dialog)
    window.shutdown()
    print("saved to", OUT)


if __name__ == "__main__":
    main(*sys.argv[1:2])
