"""Lock after ``Settings.idle_lock_minutes`` without user input (0 = never).

An application-wide event filter restarts a single-shot timer on every key, mouse, wheel or touch event;
when it fires, ``sig_idle`` is emitted and the main window locks (clearing every page, dropping the key).
``minutes`` may be fractional (tests use a fraction of a second).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset({
    QEvent.KeyPress, QEvent.KeyRelease, QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseMove,
    QEvent.Wheel, QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.InputMethod, QEvent.TabletPress,
})


class IdleLock(QObject):
    sig_idle = Signal()

    def __init__(self, app: QApplication, minutes: float, parent: QObject | None = None):
        super().__init__(parent or app)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sig_idle)
        self._armed = False
        self.set_minutes(minutes)
        app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.minutes = max(0.0, float(minutes))
        self._timer.setInterval(max(1, int(self.minutes * 60_000)))
        self._restart()

    def arm(self) -> None:
        """Start watching (after unlocking)."""
        self._armed = True
        self._restart()

    def disarm(self) -> None:
        """Stop watching (while locked there is nothing to lock)."""
        self._armed = False
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def _restart(self) -> None:
        if self._armed and self.minutes > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self._armed and event.type() in INPUT_EVENTS:
            self._timer.start()
        return False
