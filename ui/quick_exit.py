"""Quick exit (快速离开): a button always in view, and Shift pressed three times within a second.

What happens, in this order (the first step is all that must beat the 100 ms target):

1. every top-level window hides at once (``hide_all_windows``) and the clipboard is cleared;
2. ``sig_triggered`` is emitted: the main window flushes the wizard's pending save, cancels and drains
   the task queue, locks the vault (the key is dropped), and clears every page, leaving the unlock page;
3. the app quits (``MainWindow(quit_on_quick_exit=True)``, the default in ``run_gui``).

Why quit rather than stay hidden in the background: a hidden process leaves nothing to find in the
taskbar, but it cannot be brought back without extra machinery, and a second launch would start a second
copy. Quitting leaves nothing on screen, nothing in the taskbar, no key in memory; the next launch shows
only the (neutrally titled) unlock screen. Typing is lost for at most the last autosave interval.

The Shift rule follows the GOV.UK convention: three Shift presses (key repeats ignored) within 1 s,
anywhere in the app, without any other key in between.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from forms.i18n import _

PRESSES = 3
WINDOW_SECONDS = 1.0


def hide_all_windows() -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.hide()
    QApplication.clipboard().clear()


class QuickExit(QObject):
    """The application-wide event filter and the trigger. Install once: ``QuickExit(app)``."""

    sig_triggered = Signal()

    def __init__(self, app: QApplication, clock=time.monotonic, parent: QObject | None = None):
        super().__init__(parent or app)
        self._clock = clock
        self._presses: list[float] = []
        app.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # A press reaches the filter several times: at the QWindow, at the focus widget (spontaneous),
        # then at each parent it propagates to (not spontaneous). Count it once, at the first widget.
        if event.type() == QEvent.KeyPress and isinstance(watched, QWidget) and event.spontaneous():
            self._on_key(event)
        return False

    def _on_key(self, event) -> None:
        if event.key() != Qt.Key_Shift:
            self._presses.clear()
            return
        if event.isAutoRepeat():
            return
        now = self._clock()
        self._presses = [t for t in self._presses if now - t <= WINDOW_SECONDS] + [now]
        if len(self._presses) >= PRESSES:
            self._presses.clear()
            self.trigger()

    def trigger(self) -> None:
        hide_all_windows()
        self.sig_triggered.emit()


class QuickExitButton(QPushButton):
    """The red button in the main window's toolbar; ``Esc`` is not bound (too easy to press by mistake)."""

    def __init__(self, quick_exit: QuickExit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quickExit")
        self.setCursor(Qt.PointingHandCursor)
        self.clicked.connect(quick_exit.trigger)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Quick exit"))
        self.setAccessibleName(_("Quick exit"))
        self.setToolTip(_("Hide this screen at once and lock. Or press Shift three times."))
