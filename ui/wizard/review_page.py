"""Step 9: every problem with a link to its field, the signature, the packet preview, print and export.

The packet is built off the GUI thread (``tasks.run(vault=True)``), loaded into a QPdfDocument from an
in-memory QBuffer and printed from memory; no plaintext PDF is written to disk.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from forms.i18n import N_, _
from forms.problems import Severity

from .packet_print import print_document
from .page_base import ERROR_STYLE, WARNING_STYLE, WizardPage
from .signature_pad import SignaturePad


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


class ReviewPage(WizardPage):
    step_id = "review"
    sig_jump = Signal(str)  # a problem's field path: go there
    sig_printed = Signal(int)  # pages printed

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 4)
        self.problems_title = self.label(N_("Still to check"), style="font-weight: bold;")
        left.addWidget(self.problems_title)
        scroll, self.problem_list = self.scrolling_column(frame=True)
        self.problem_list.addStretch(1)
        left.addWidget(scroll, 1)

        left.addWidget(self.label(N_("Signature"), style="font-weight: bold;"))
        self.sign_group = QButtonGroup(self)
        self.sign_screen, self.sign_paper = QRadioButton(), QRadioButton()
        for button, msgid in ((self.sign_screen, N_("Sign on the screen")),
                              (self.sign_paper, N_("Sign on paper after printing"))):
            self.tr_text(button.setText, msgid)
            self.tr_text(button.setAccessibleName, msgid)
            self.sign_group.addButton(button)
        row = QHBoxLayout()
        row.addWidget(self.sign_screen)
        row.addWidget(self.sign_paper)
        row.addStretch(1)
        left.addLayout(row)
        self.pad = SignaturePad()
        self.tr_text(self.pad.setAccessibleName, N_("Signature pad: sign here with the mouse or a finger"))
        left.addWidget(self.pad)
        pad_buttons = QHBoxLayout()
        self.clear_button, self.keep_button = QPushButton(), QPushButton()
        self.tr_text(self.clear_button.setText, N_("Clear"))
        self.tr_text(self.keep_button.setText, N_("Use this signature"))
        pad_buttons.addWidget(self.clear_button)
        pad_buttons.addWidget(self.keep_button)
        self.sign_state = QLabel()
        pad_buttons.addWidget(self.sign_state, 1)
        left.addLayout(pad_buttons)
        form = QFormLayout()
        self.place = self.line("signature.place", N_("Place of signing"))
        self.row(form, N_("Place of signing"), self.place, "signature.place")
        left.addLayout(form)
        self.sign_screen.toggled.connect(self.pad.setEnabled)
        self.sign_paper.toggled.connect(lambda on: on and self.on_paper())
        self.clear_button.clicked.connect(self.pad.clear)
        self.keep_button.clicked.connect(self.on_keep_signature)

        right = QVBoxLayout()
        outer.addLayout(right, 5)
        actions = QHBoxLayout()
        self.build_button, self.print_button, self.export_button = QPushButton(), QPushButton(), QPushButton()
        self.tr_text(self.build_button.setText, N_("Show the application"))
        self.tr_text(self.print_button.setText, N_("Print…"))
        self.tr_text(self.export_button.setText, N_("Save to a folder…"))
        self.print_button.setStyleSheet("font-weight: bold;")
        self.print_button.setEnabled(False)
        for button in (self.build_button, self.print_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        right.addLayout(actions)
        self.progress = QProgressBar()
        self.tr_text(self.progress.setAccessibleName, N_("Preparing the application"))
        self.progress.hide()
        right.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.tr_text(self.view.setAccessibleName, N_("Preview of the application"))
        right.addWidget(self.view, 1)
        self.build_button.clicked.connect(self.build_packet)
        self.print_button.clicked.connect(self.on_print)
        self.export_button.clicked.connect(self.on_export)
        self._pdf = QByteArray()
        self._buffer: QBuffer | None = None
        self.build_seconds: float | None = None
        self.problem_buttons: list[QPushButton] = []

    # ---- problems --------------------------------------------------------------------------------

    def show_review_items(self, items) -> None:
        for button in self.problem_buttons:
            button.setParent(None)
            button.deleteLater()
        self.problem_buttons = []
        for item in items:
            error = item.problem.severity is Severity.ERROR
            text = _("{mark} {step}: {message}").format(
                mark="⛔" if error else "⚠", step=_(item.step.title), message=item.problem.message())
            button = QPushButton(text)
            button.setFlat(True)
            button.setStyleSheet(("text-align: left; " + (ERROR_STYLE if error else WARNING_STYLE)))
            button.setAccessibleName(text)
            button.clicked.connect(lambda _c=False, p=item.problem.path: self.sig_jump.emit(p))
            self.problem_buttons.append(button)
            self.problem_list.insertWidget(len(self.problem_buttons) - 1, button)
        if not items:
            done = QPushButton(_("Nothing is missing."))
            done.setFlat(True)
            done.setEnabled(False)
            self.problem_buttons.append(done)
            self.problem_list.insertWidget(0, done)

    # ---- signature -------------------------------------------------------------------------------

    def on_load(self) -> None:
        signature = self.app.signature
        if signature and signature.image:
            self.sign_screen.setChecked(True)
            self.sign_state.setText(_("Signed on the screen."))
        elif signature and signature.signed_at:
            self.sign_paper.setChecked(True)
            self.sign_state.setText(_("Will be signed on paper."))
        else:
            self.sign_screen.setChecked(True)
            self.sign_state.setText("")
        if not self.place.text():
            default = self.ctx.kiosk_name()
            if default:
                self.place.setText(default)

    def _stamp(self) -> None:
        self.app.signature = self.app.signature or {}
        self.app.signature.signed_at = _now()
        self.app.signature.place = self.place.text().strip() or None

    def on_paper(self) -> None:
        if self._loading:
            return
        self._stamp()
        self.app.signature.image = None
        self.sign_state.setText(_("Will be signed on paper."))
        self.sig_changed.emit()

    def on_keep_signature(self) -> None:
        if self.pad.is_empty():
            self.sign_state.setText(_("Please sign in the box first."))
            return
        png = self.pad.png_bytes()
        session, draft_id = self.ctx.session, self.ctx.draft_id
        self.keep_button.setEnabled(False)

        def done(path: str) -> None:
            self.keep_button.setEnabled(True)
            self._stamp()
            self.app.signature.image = path
            self.sign_state.setText(_("Signed on the screen."))
            self.sig_changed.emit()
            self.left()

        return self.ctx.tasks.run(lambda _t: session.save_signature(draft_id, png), on_done=done, vault=True)

    # ---- packet ----------------------------------------------------------------------------------

    def build_packet(self):
        """Build the packet off the GUI thread and show it; returns the task."""
        app = self.app.model_copy(deep=True)
        session, draft_id = self.ctx.session, self.ctx.draft_id
        self.build_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(_("Preparing the application…"))
        started = time.perf_counter()

        def job(task):
            return session.packet(draft_id, app, lambda done, total, _what: task.report(done, total))

        def progress(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        def done(pdf: bytes) -> None:
            self.build_seconds = time.perf_counter() - started
            self.progress.hide()
            self.build_button.setEnabled(True)
            self.show_pdf(pdf)

        def failed(error: BaseException) -> None:
            self.progress.hide()
            self.build_button.setEnabled(True)
            self.status.setText(_("The application could not be prepared. Check the items on the left."))

        return self.ctx.tasks.run(job, on_done=done, on_error=failed, on_progress=progress, vault=True)

    def show_pdf(self, pdf: bytes) -> None:
        self.document.close()
        self._pdf = QByteArray(pdf)
        self._buffer = QBuffer(self._pdf, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.status.setText(_("{pages} pages, ready to print.").format(pages=pages))
        self.print_button.setEnabled(pages > 0)

    def ask_printer(self, printer: QPrinter) -> bool:
        """The print dialog (tests replace this to print to a PDF file)."""
        dialog = QPrintDialog(printer, self)
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    def on_print(self) -> int:
        if self.document.pageCount() == 0:
            return 0
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not self.ask_printer(printer):
            return 0
        pages = print_document(self.document, printer)
        if pages:
            session, draft_id = self.ctx.session, self.ctx.draft_id
            self.ctx.tasks.run(lambda _t: session.set_status(draft_id, "printed"), vault=True)
            self.status.setText(_("Printed {pages} pages.").format(pages=pages))
            self.ctx.sig_status_changed.emit("printed")
            self.sig_printed.emit(pages)
        return pages

    def confirm_export(self) -> bool:
        answer = QMessageBox.warning(
            self, _("Save to a folder"),
            _("The files saved to the folder are NOT protected: anyone who finds the folder or the USB stick "
              "can read them. Only do this if you must, and keep the stick safe."),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Ok

    def on_export(self, folder: str | None = None):
        if not self.confirm_export():
            return None
        folder = folder or QFileDialog.getExistingDirectory(self, _("Choose a folder"))
        if not folder:
            return None
        self.ctx.flush()
        session, draft_id = self.ctx.session, self.ctx.draft_id
        return self.ctx.tasks.run(
            lambda _t: session.export(draft_id, Path(folder)),
            on_done=lambda _p: self.status.setText(_("Saved to the folder. The files are not protected.")),
            on_error=lambda _e: self.status.setText(_("Could not save to that folder.")), vault=True)

    def clear(self) -> None:
        self.document.close()
        self._pdf = QByteArray()
        self._buffer = None
        self.pad.clear()
        self.print_button.setEnabled(False)
        self.status.setText("")
