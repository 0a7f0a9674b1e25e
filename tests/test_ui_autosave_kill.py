"""Autosave against a real crash: a kiosk process types into the wizard and is killed (SIGKILL) one
second after the last key; the reopened vault holds what was typed and the step it was typed on."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from desktop.session import Session
from desktop.vault import Vault

PASS = "correct horse battery"

CHILD = textwrap.dedent(r"""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.session import Session
    from desktop.vault import Vault
    from ui.tasks import TaskManager
    from ui.wizard import WizardWidget

    home, draft = sys.argv[1], sys.argv[2]
    session = Session(Vault.unlock(home, "admin", sys.argv[3]))
    widget = WizardWidget(session, TaskManager(), draft)
    widget.show()
    widget.pages["who"].filed_buttons["self"].click()
    assert widget.go("victim")
    name = widget.pages["victim"].fields["applicant.name"].widget
    phone = widget.pages["victim"].fields["applicant.phone"].widget
    name.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString("王秀英")          # Chinese arrives from the input method as one commit
    QApplication.sendEvent(name, event)
    phone.setFocus()
    QTest.keyClicks(phone, "13800138000")  # the last keys; no field is left, nothing is flushed
    QTimer.singleShot(1000, lambda: print("one second after the last key", flush=True))
    app.exec()
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_typing_reaches_the_vault_within_a_second_of_a_kill(home):
    vault, _key = Vault.init(home, "admin", PASS)
    draft = Session(vault).new_draft()
    vault.lock()

    env = {**os.environ, "ONESTOP_HOME": str(home)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(home), draft, PASS], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = child.stdout.readline()
        assert "one second" in line, child.stderr.read() if child.poll() is not None else line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)

    session = Session(Vault.unlock(home, "admin", PASS))
    try:
        app, state = session.open_draft(draft)
        assert app.applicant.name == "王秀英"
        assert app.applicant.phone == "13800138000"
        assert state.get("current") == "victim"
    finally:
        session.lock()
