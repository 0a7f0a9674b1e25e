"""The one place outside ui/ that touches Qt: build the QApplication and the main window, run the loop.

Everything Qt is imported inside :func:`run_gui`, so ``import desktop.startup`` (and the rest of
desktop/) stays Qt-free.
"""
from __future__ import annotations

from collections.abc import Sequence


def _plug_in_wizard(window) -> None:
    """The filing wizard opens a draft on the window's task runner (see ui/main_window.py)."""
    from ui.wizard import WizardWidget

    window.set_wizard_factory(
        lambda session, draft_id, parent: WizardWidget(session, window.tasks, draft_id, parent))


def run_gui(argv: Sequence[str] | None = None) -> int:
    import sys

    from desktop.settings import Settings
    from ui.app import build_app
    from ui.main_window import MainWindow

    settings = Settings.load()
    app = build_app(list(argv if argv is not None else sys.argv[:1]), settings)
    window = MainWindow(settings)
    _plug_in_wizard(window)
    window.show()
    code = app.exec()
    window.tasks.shutdown()
    return code
