"""Screenshots of every wizard page at 1366×768 (the kiosk's screen) into /tmp/onestop-shots/wizard-*.png.

Look at them after a change: calm, uncluttered, Chinese rendered with the bundled font.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from desktop import services  # noqa: E402
from forms.i18n import set_language  # noqa: E402
from forms.wizard_steps import STEP_IDS  # noqa: E402

from conftest import EXAMPLES  # noqa: E402
from test_ui_wizard import OPEN, kiosk, open_wizard  # noqa: E402,F401

SHOTS = Path("/tmp/onestop-shots")


@pytest.mark.parametrize("lang", ["zh"])
def test_screenshot_every_page(qtbot, kiosk, lang):  # noqa: F811
    session, tasks = kiosk
    draft = services.import_application(session.vault, EXAMPLES / "self-filed" / "application.json")
    set_language(lang)
    try:
        w = open_wizard(qtbot, session, tasks, draft)
        w.resize(1366, 768)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for number, step_id in enumerate(STEP_IDS, 1):
            if step_id not in w.wizard.step_ids:
                continue
            w.wizard._current_id = step_id
            w.show_step()
            if step_id == "review":
                qtbot.waitUntil(lambda: w.pages["review"].document.pageCount() > 0 or True)
                task = w.pages["review"].build_packet()
                qtbot.waitUntil(lambda: task.done, timeout=60000)
            qtbot.wait(200)
            tasks.wait_idle(10)
            qtbot.wait(100)
            shot = SHOTS / f"wizard-{number}-{step_id}.png"
            assert w.grab().save(str(shot))
        w.wizard._current_id = "who"
        w.pages["who"].danger_yes.setChecked(True)
        w.show_step()
        qtbot.wait(100)
        assert w.grab().save(str(SHOTS / "wizard-1-who-danger.png"))
    finally:
        set_language("en")
