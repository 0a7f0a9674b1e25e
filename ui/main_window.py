"""The kiosk's one window: a toolbar (quick exit always there) over a stack of pages,
setup → unlock → home → the filing wizard.

Hosting the wizard (ui/wizard/ plugs in here; this module does not import it)::

    window.set_wizard_factory(factory)      # factory(session, draft_id, parent) -> QWidget

When a draft is opened or created on the home page the window emits ``sig_open_draft_requested(draft_id)``,
calls the factory and shows the widget with :meth:`show_wizard`. The widget may provide, all optional:

* ``sig_closed`` (a Signal) — emitted when the user leaves the wizard: the window returns home;
* ``flush()`` — save anything not saved yet; called on the GUI thread just before the vault locks
  (quick exit, idle lock, Lock button). Queue the save on the TaskManager or save directly; the window
  drains the task queue before locking;
* ``retranslate()`` — re-set every text after a language change.

On lock the wizard widget is removed and deleted; the session it was given is locked (any call then raises
``VaultLocked``). Work for the vault goes through ``window.tasks`` (ui.tasks.TaskManager).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QPushButton, QSizePolicy, QStackedWidget, QToolBar, \
    QWidget

from desktop.session import Session
from desktop.settings import Settings
from desktop.vault import Vault
from forms import courts
from forms.i18n import _
from ui import app as ui_app
from ui import style
from ui.accounts_dialog import AccountsDialog
from ui.home_page import HomePage
from ui.idle_lock import IdleLock
from ui.messages import show_error
from ui.quick_exit import QuickExit, QuickExitButton
from ui.settings_dialog import SettingsDialog
from ui.setup_page import SetupPage
from ui.tasks import TaskManager
from ui.unlock_page import UnlockPage

WizardFactory = Callable[[Session, str, QWidget], QWidget]
LOCK_DRAIN_SECONDS = 5.0


class MainWindow(QMainWindow):
    sig_open_draft_requested = Signal(str)
    sig_locked = Signal()

    def __init__(self, settings: Settings, *, quit_on_quick_exit: bool = True, save_settings: bool = True):
        super().__init__()
        self.settings = settings
        self.session: Session | None = None
        self.tasks = TaskManager(self)
        self._wizard_factory: WizardFactory | None = None
        self._wizard: QWidget | None = None
        self._quit_on_quick_exit = quit_on_quick_exit
        self._save_settings = save_settings
        app = QApplication.instance()
        app.setStyleSheet(style.STYLE_SHEET)
        self.quick_exit = QuickExit(app, parent=self)
        self.quick_exit.sig_triggered.connect(self.on_quick_exit)
        self.idle_lock = IdleLock(app, settings.idle_lock_minutes, parent=self)
        self.idle_lock.sig_idle.connect(self.lock)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.setup_page = SetupPage(self.tasks)
        self.unlock_page = UnlockPage(self.tasks)
        self.home_page = HomePage(self.tasks)
        for page in (self.setup_page, self.unlock_page, self.home_page):
            self.stack.addWidget(page)
        self.setup_page.sig_finished.connect(self.on_setup_finished)
        self.unlock_page.sig_unlocked.connect(self.on_unlocked)
        self.home_page.sig_open_draft.connect(self.open_draft)
        self.home_page.sig_new_draft.connect(self.on_new_draft)
        self._build_toolbar()
        self.resize(1366, 768)
        self.retranslate()
        self._show_start_page()

    def _build_toolbar(self) -> None:
        bar = QToolBar()
        bar.setMovable(False)
        bar.setFloatable(False)
        self.addToolBar(bar)
        self.place_label = QLabel()
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.home_button = QPushButton()
        self.settings_button = QPushButton()
        self.accounts_button = QPushButton()          # admins only (see _update_toolbar)
        self.lock_button = QPushButton()
        self.quick_exit_button = QuickExitButton(self.quick_exit)
        # A widget in a QToolBar is shown and hidden through its action, never with setVisible.
        self._actions = {widget: bar.addWidget(widget) for widget in (
            self.place_label, spacer, self.home_button, self.accounts_button, self.settings_button,
            self.lock_button, self.quick_exit_button)}
        self.home_button.clicked.connect(self.show_home)
        self.settings_button.clicked.connect(self.on_settings)
        self.accounts_button.clicked.connect(lambda: self.on_accounts())
        self.lock_button.clicked.connect(self.lock)

    # --- pages ------------------------------------------------------------------------------

    def _show_start_page(self) -> None:
        if Vault.exists(None):
            self.unlock_page.refresh()
            self.stack.setCurrentWidget(self.unlock_page)
            self.unlock_page.focus_first()
        else:
            self.stack.setCurrentWidget(self.setup_page)
        self._update_toolbar()

    def _update_toolbar(self) -> None:
        unlocked = self.session is not None
        for button in (self.settings_button, self.lock_button):
            self._actions[button].setVisible(unlocked)
        self._actions[self.home_button].setVisible(unlocked and self._wizard is not None)
        self._actions[self.accounts_button].setVisible(unlocked and self.session.role == "admin")
        who = self.session.account if unlocked else ""
        place = self.settings.kiosk_name
        self.place_label.setText("  ·  ".join(t for t in (place, who) if t))

    def on_setup_finished(self, vault: Vault) -> None:
        self.settings.kiosk_name = self.setup_page.kiosk_name()
        self.settings.default_court_code = self.setup_page.court_code()
        self._store_settings()
        self.on_unlocked(vault)

    def on_unlocked(self, vault: Vault) -> None:
        self.session = Session(vault)
        self.home_page.set_session(self.session)
        self.stack.setCurrentWidget(self.home_page)
        self.idle_lock.arm()
        self._update_toolbar()

    def show_home(self) -> None:
        self._drop_wizard(flush=True)
        if self.session is not None:
            self.home_page.refresh()
            self.stack.setCurrentWidget(self.home_page)
        self._update_toolbar()

    # --- the wizard -------------------------------------------------------------------------

    def set_wizard_factory(self, factory: WizardFactory | None) -> None:
        self._wizard_factory = factory

    def show_wizard(self, widget: QWidget) -> None:
        """Host ``widget`` in place of the home page until it emits ``sig_closed`` or the kiosk locks."""
        self._drop_wizard(flush=True)
        self._wizard = widget
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        closed = getattr(widget, "sig_closed", None)
        if closed is not None:
            closed.connect(self.show_home)
        self._update_toolbar()

    def _drop_wizard(self, flush: bool) -> None:
        widget, self._wizard = self._wizard, None
        if widget is None:
            return
        if flush and hasattr(widget, "flush"):
            try:
                widget.flush()
            except Exception as exc:  # noqa: BLE001 - never a traceback on screen
                show_error(self, exc)
        self.stack.removeWidget(widget)
        widget.hide()
        widget.deleteLater()

    def open_draft(self, draft_id: str) -> None:
        self.sig_open_draft_requested.emit(draft_id)
        if self.session is None:
            return
        if self._wizard_factory is None:
            QMessageBox.information(self, _("Please note"), _("The filing steps are not part of this version yet."))
            return
        try:
            widget = self._wizard_factory(self.session, draft_id, self)
        except Exception as exc:  # noqa: BLE001 - VaultError shows its message, the rest a calm one
            show_error(self, exc)
            return
        self.show_wizard(widget)

    def on_new_draft(self) -> None:
        session = self.session
        if session is None:
            return
        found = courts.find(self.settings.default_court_code)
        court = found.to_field() if found else None
        self.tasks.run(lambda _task: session.new_draft(court=court, assisted_by=session.account),
                       on_done=self.open_draft, on_error=lambda exc: show_error(self, exc))

    # --- locking ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Save what is pending, drop the key, clear every page, show the lock screen."""
        self._drop_wizard(flush=True)
        self.tasks.cancel_all()
        try:
            self.tasks.wait_idle(LOCK_DRAIN_SECONDS)
        except Exception:  # noqa: BLE001 - a stuck job must not keep the key in memory
            pass
        session, self.session = self.session, None
        if session is not None:
            try:
                session.lock()
            except Exception:  # noqa: BLE001 - the vault wipes its key even when closing fails
                pass
        self.idle_lock.disarm()
        self.home_page.clear()
        self.setup_page.clear()
        self._show_start_page()
        self.sig_locked.emit()

    def on_quick_exit(self) -> None:
        """The windows are already hidden (QuickExit.trigger); now lock, and quit (see ui/quick_exit.py)."""
        self.lock()
        QApplication.clipboard().clear()
        if self._quit_on_quick_exit:
            QTimer.singleShot(0, QApplication.instance().quit)

    def shutdown(self) -> None:
        """Lock, stop the workers and the app-wide filters (on close; idempotent)."""
        self.lock()
        self.tasks.shutdown()
        app = QApplication.instance()
        app.removeEventFilter(self.quick_exit)
        app.removeEventFilter(self.idle_lock)
        self.idle_lock.disarm()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    # --- settings and language --------------------------------------------------------------

    def on_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.sig_change_passphrase.connect(lambda: self.on_accounts(self_only=True, parent=dialog))
        if dialog.exec() == SettingsDialog.Accepted:
            self.apply_settings(dialog.result_settings())

    def on_accounts(self, self_only: bool = False, parent: QWidget | None = None) -> AccountsDialog | None:
        """Open the accounts dialog (admins), or the change-my-passphrase one; it closes when the kiosk locks."""
        if self.session is None:
            return None
        dialog = AccountsDialog(self.session, self.tasks, parent or self, self_only=self_only)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.sig_locked.connect(dialog.reject)
        dialog.open()
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        old = self.settings
        self.settings = settings
        self._store_settings()
        if settings.large_text != old.large_text:
            ui_app.apply_text_size(settings.large_text)
            QApplication.processEvents()          # let every widget take the new app font first
            style.refresh_fonts(self)
        if settings.language != old.language:
            ui_app.apply_language(settings.language)
        self.idle_lock.set_minutes(settings.idle_lock_minutes)
        self.retranslate()

    def _store_settings(self) -> None:
        if not self._save_settings:
            return
        try:
            self.settings.save()
        except OSError as exc:
            show_error(self, exc)

    def retranslate(self) -> None:
        title = self.settings.neutral_title or _("OneStop")
        QApplication.setApplicationDisplayName(title)
        self.setWindowTitle(title)
        self.home_button.setText(_("Back to applications"))
        self.settings_button.setText(_("Settings"))
        self.accounts_button.setText(_("Accounts"))
        self.lock_button.setText(_("Lock"))
        self.lock_button.setToolTip(_("Lock now; another volunteer can then sign in."))
        self.quick_exit_button.retranslate()
        for page in (self.setup_page, self.unlock_page, self.home_page, self._wizard):
            if page is not None and hasattr(page, "retranslate"):
                page.retranslate()
        self._update_toolbar()
