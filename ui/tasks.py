"""One way to run work off the GUI thread (cf. Anki's taskman.py).

Two single-thread executors: ``vault`` for everything that touches the vault (writes never overlap),
``work`` for CPU-bound jobs that don't (building a packet from bytes already read). A job is a plain
function taking its :class:`Task`; it reports progress with ``task.report(done, total)`` and checks
``task.cancelled``. Results and errors come back on the GUI thread through the Task's signals.
Workers never touch widgets.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class Task(QObject):
    sig_progress = Signal(int, int)      # done, total (emitted from the worker, delivered on the GUI thread)
    sig_finished = Signal(object)        # the job's return value
    sig_failed = Signal(object)          # the exception the job raised

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self.done = False

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int) -> None:
        self.sig_progress.emit(int(done), int(total))


class TaskManager(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._vault = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onestop-vault")
        self._work = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onestop-work")
        self._running: set[Task] = set()

    def run(self, job: Callable[[Task], Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None, vault: bool = True) -> Task:
        task = Task()
        if on_done:
            task.sig_finished.connect(on_done)
        if on_error:
            task.sig_failed.connect(on_error)
        if on_progress:
            task.sig_progress.connect(on_progress)
        self._running.add(task)
        task.sig_finished.connect(lambda _r, t=task: self._forget(t))
        task.sig_failed.connect(lambda _e, t=task: self._forget(t))

        def work() -> None:
            try:
                result = job(task)
            except BaseException as exc:  # delivered to the GUI thread; never lost silently
                task.sig_failed.emit(exc)
            else:
                task.sig_finished.emit(result)

        (self._vault if vault else self._work).submit(work)
        return task

    def _forget(self, task: Task) -> None:
        task.done = True
        self._running.discard(task)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait_idle(self, timeout: float | None = None) -> None:
        """Block until the vault queue has run everything queued so far (used before locking)."""
        self._vault.submit(lambda: None).result(timeout)

    def shutdown(self) -> None:
        self.cancel_all()
        self._vault.shutdown(wait=True)
        self._work.shutdown(wait=True)
