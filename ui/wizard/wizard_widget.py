"""The filing wizard for one draft: step list, plain-language heading, the page, Back / Next, autosave.

The flow is :class:`forms.wizard.Wizard` (Qt-free); this widget only renders it. Every change restarts
a short timer; when it fires, a copy of the application and the wizard's state go to the vault on the
task manager's vault worker, so a change reaches the vault well within a second.
"""
from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop.settings import Settings
from forms.i18n import _, translate
from forms.problems import Severity
from forms.wizard import StepBlocked, Wizard

from .court_page import CourtPage
from .evidence_page import EvidencePage
from .incidents_page import IncidentsPage
from .protection_page import ProtectionPage
from .proxy_page import ProxyPage
from .respondent_page import RespondentPage
from .review_page import ReviewPage
from .victim_page import VictimPage
from .who_page import WhoPage

AUTOSAVE_MS = 400
PAGES = (WhoPage, VictimPage, ProxyPage, RespondentPage, IncidentsPage, ProtectionPage, EvidencePage, CourtPage,
         ReviewPage)


class WizardWidget(QWidget):
    sig_closed = Signal()  # the user left the wizard
    sig_status_changed = Signal(str)  # the draft's status changed ("ready", "draft", "printed")
    sig_saved = Signal()  # an autosave reached the vault

    def __init__(self, session, tasks, draft_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.tasks, self.draft_id = session, tasks, draft_id
        app, state = session.open_draft(draft_id)
        self.app = app
        self.wizard = Wizard.restore(app, state, session.evidence(draft_id))
        self._kiosk_name: str | None = None
        self._dirty_since: float | None = None
        self.last_save_latency: float | None = None  # seconds from a change to its save in the vault
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._build()
        for page in self.pages.values():
            page.load()
        self.show_step()

    # ---- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        self.step_list = QListWidget()
        self.step_list.setFixedWidth(230)
        self.step_list.setWordWrap(True)  # long step titles (English, large text) wrap instead of scrolling
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setAccessibleName(_("Steps"))
        self.step_list.itemClicked.connect(self.on_step_clicked)
        outer.addWidget(self.step_list)
        main = QVBoxLayout()
        outer.addLayout(main, 1)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 17pt; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.help_button = QPushButton()
        self.help_button.setCheckable(True)
        self.help_button.toggled.connect(lambda on: self.help_text.setVisible(on))
        self.help_text = QLabel()
        self.help_text.setWordWrap(True)
        self.help_text.setStyleSheet("background: #eef4fb; padding: 8px; border-radius: 4px;")
        self.help_text.hide()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        main.addLayout(top)
        main.addWidget(self.summary)
        main.addWidget(self.help_text)
        self.stack = QStackedWidget()
        self.pages = {}
        for cls in PAGES:
            page = cls(self)
            page.sig_changed.connect(self.on_changed)
            page.sig_left.connect(self.validate_current)
            page.sig_flow_changed.connect(self.refresh_steps)
            self.pages[cls.step_id] = page
            self.stack.addWidget(page)
        self.pages["review"].sig_jump.connect(self.jump_to)
        main.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        self.close_button, self.back_button, self.next_button = QPushButton(), QPushButton(), QPushButton()
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #2e7d32;")
        self.position = QLabel()
        self.close_button.clicked.connect(self.on_close)
        self.back_button.clicked.connect(self.on_back)
        self.next_button.clicked.connect(self.on_next)
        self.next_button.setDefault(True)
        self.next_button.setMinimumWidth(140)
        self.back_button.setMinimumWidth(110)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.saved_label)
        bottom.addStretch(1)
        bottom.addWidget(self.position)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)
        main.addLayout(bottom)
        self.retranslate_chrome()

    def retranslate_chrome(self) -> None:
        self.help_button.setText(_("What does this mean?"))
        self.close_button.setText(_("Close and keep"))
        self.back_button.setText(_("← Back"))
        self.next_button.setText(_("Next →"))
        self.step_list.setAccessibleName(_("Steps"))

    def retranslate(self) -> None:
        """Switch every text to the current language (forms.i18n.set_language was called)."""
        self.retranslate_chrome()
        for page in self.pages.values():
            page.retranslate()
        self.show_step()

    # ---- steps ---------------------------------------------------------------------------------

    def refresh_steps(self) -> None:
        self.step_list.blockSignals(True)
        self.step_list.clear()
        current = self.wizard.current.id
        shown = self.wizard.step_ids
        for number, step in enumerate(self.wizard.steps, 1):
            item = QListWidgetItem(_("{number}. {title}").format(number=number, title=_(step.title)))
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            if step.id == current:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.step_list.addItem(item)
        self.step_list.setCurrentRow(shown.index(current))
        self.step_list.blockSignals(False)
        self.position.setText(_("Step {number} of {count}").format(number=self.wizard.index + 1, count=len(shown)))
        self.back_button.setEnabled(self.wizard.can_go_back())
        self.next_button.setVisible(not self.wizard.is_last())

    def show_step(self) -> None:
        step = self.wizard.current
        self.heading.setText(step.heading())
        self.summary.setText(translate(step.summary))
        self.help_text.setText(translate(step.help))
        self.help_button.setChecked(False)
        page = self.pages[step.id]
        self.stack.setCurrentWidget(page)
        page.load()
        self.refresh_steps()
        self.validate_current(quiet=step.id not in self.wizard.visited[:-1] and step.id != "review")

    def current_page(self):
        return self.pages[self.wizard.current.id]

    def validate_current(self, quiet: bool = False) -> None:
        """Show the step's problems by its fields (run when a field is left)."""
        step = self.wizard.current
        page = self.pages[step.id]
        if step.checks_files:
            wizard, session, draft_id = self.wizard, self.session, self.draft_id

            def job(_task):
                wizard.evidence = session.evidence(draft_id)  # the files as they are now in the vault
                if step.id != "review":
                    return wizard.problems_for(step.id), None, None
                items = wizard.review_items()
                ready = not any(item.problem.severity is Severity.ERROR for item in items)
                before = session.status(draft_id)
                after = session.mark_ready(draft_id, ready)
                return wizard.problems_for(step.id), items, (after if after != before else None)

            def done(result) -> None:
                problems, items, status = result
                page.show_problems(problems)
                if items is not None:
                    page.show_review_items(items)
                if status:
                    self.sig_status_changed.emit(status)

            try:
                self.tasks.run(job, on_done=done, vault=True)
            except RuntimeError:  # shutting down
                pass
            return
        problems = self.wizard.problems_for(step.id)
        if quiet:  # a step entered for the first time: show only what was already typed wrong
            problems = [p for p in problems if self._has_value(p.path)]
        page.show_problems(problems)

    def _has_value(self, path: str) -> bool:
        from forms.fieldpath import get_path
        return get_path(self.app, path) not in (None, "", [])

    def on_next(self) -> None:
        try:
            self.wizard.next()
        except StepBlocked as blocked:
            page = self.current_page()
            page.show_problems(self.wizard.problems_for())
            page.focus_path(blocked.problems[0].path)
            return
        self.show_step()
        self.on_changed()

    def on_back(self) -> None:
        if self.wizard.can_go_back():
            self.wizard.back()
            self.show_step()
            self.on_changed()

    def go(self, step_id: str) -> bool:
        try:
            self.wizard.go(step_id)
        except StepBlocked as blocked:
            self.wizard.go(blocked.step.id)
        except Exception:
            return False
        self.show_step()
        self.on_changed()
        return True

    def on_step_clicked(self, item: QListWidgetItem) -> None:
        self.go(item.data(Qt.ItemDataRole.UserRole))

    def jump_to(self, path: str) -> None:
        """From the review page: go to the step that fixes ``path`` and put the cursor in its field."""
        self.go(self.wizard.step_for_path(path).id)
        page = self.current_page()
        page.show_problems(self.wizard.problems_for()) if not self.wizard.current.checks_files else None
        page.focus_path(path)

    # ---- autosave ------------------------------------------------------------------------------

    def on_changed(self) -> None:
        if self._dirty_since is None:
            self._dirty_since = time.perf_counter()
        self.saved_label.setText("")
        self._save_timer.start()

    def save_now(self):
        """Queue a save of the current answers on the vault worker; returns the task (None if nothing changed)."""
        self._save_timer.stop()
        if self._dirty_since is None or self.app is None:
            return None
        since, self._dirty_since = self._dirty_since, None
        document, state = self.app.model_copy(deep=True), self.wizard.state_dict()
        session, draft_id = self.session, self.draft_id

        def done(_version) -> None:
            self.last_save_latency = time.perf_counter() - since
            self.saved_label.setText(_("Saved"))
            self.sig_saved.emit()

        def failed(_error) -> None:
            self.saved_label.setText(_("Not saved yet"))
            if self._dirty_since is None:
                self._dirty_since = since
                self._save_timer.start()

        try:
            return self.tasks.run(lambda _t: session.save_draft(draft_id, document, state), on_done=done,
                                  on_error=failed, vault=True)
        except RuntimeError:  # the task manager is shut down (quitting): flush() ran before
            return None

    def flush(self) -> None:
        """Save now and wait until the vault has it (before locking or closing)."""
        self.save_now()
        self.tasks.wait_idle(10)

    def on_close(self) -> None:
        self.flush()
        self.sig_closed.emit()

    def clear(self) -> None:
        """Wipe every answer from the screen and memory (the vault is being locked)."""
        self._save_timer.stop()
        self._dirty_since = None
        for page in self.pages.values():
            if hasattr(page, "clear"):
                page.clear()
            page.setParent(None)
            page.deleteLater()
        self.pages = {}
        self.app = None
        self.wizard = None
        for label in (self.heading, self.summary, self.help_text, self.saved_label, self.position):
            label.clear()
        self.step_list.clear()
        self.setEnabled(False)

    def kiosk_name(self) -> str:
        if self._kiosk_name is None:
            self._kiosk_name = Settings.load().kiosk_name
        return self._kiosk_name


__all__ = ["WizardWidget"]
