"""Step 7: evidence (证据) — files added by dialog or drag-and-drop, imported into the vault in the background.

Thumbnails are made in memory only: the bytes come from the vault (``Session.read_evidence``) and are
decoded with ``QImage.loadFromData``; nothing is cached on disk.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from desktop.vault_errors import ImportCancelled
from forms.i18n import N_, _
from forms.model import Evidence, EvidenceFile
from forms.wizard_choices import EVIDENCE_KINDS, ORIGINAL_OR_COPY

from .page_base import WizardPage

THUMB = 96


class EvidencePage(WizardPage):
    step_id = "evidence"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.add_button = QPushButton()
        self.tr_text(self.add_button.setText, N_("+ Add photos or papers…"))
        self.add_button.clicked.connect(self.on_add_clicked)
        top.addWidget(self.add_button)
        top.addWidget(self.label(N_("or drag files here"), style="color: #555;"))
        top.addStretch(1)
        self.progress = QProgressBar()
        self.tr_text(self.progress.setAccessibleName, N_("Import progress"))
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.tr_text(self.cancel_button.setText, N_("Stop adding"))
        self.cancel_button.clicked.connect(self.on_cancel)
        self.cancel_button.hide()
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        outer.addLayout(top)
        self.import_note = self._note()
        outer.addWidget(self.import_note)
        scroll, self.items = self.scrolling_column()
        self.items.addStretch(1)
        outer.addWidget(scroll, 1)
        self.boxes: list[QGroupBox] = []
        self.thumbs: dict[str, QLabel] = {}
        self.task = None

    def page_note(self):
        return self.import_note

    # ---- adding files --------------------------------------------------------------------------

    def on_add_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Add evidence"))
        if names:
            self.import_files([Path(n) for n in names])

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        paths = [p for p in paths if p.is_file()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def import_files(self, paths: list[Path], item: int | None = None):
        """Stream ``paths`` into the vault off the GUI thread; one new evidence item (or into ``item``)."""
        session, draft_id = self.ctx.session, self.ctx.draft_id
        total = sum(p.stat().st_size for p in paths) or 1

        def job(task):
            added, base = [], 0
            try:
                for path in paths:
                    info = session.add_evidence(draft_id, path, lambda done, b=base: task.report(b + done, total),
                                                lambda: task.cancelled)
                    added.append(info)
                    base += path.stat().st_size
            except ImportCancelled:
                for info in added:  # a cancelled import leaves nothing behind
                    session.remove_evidence(draft_id, info.name)
                raise
            return added

        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.add_button.setEnabled(False)
        self.task = self.ctx.tasks.run(job, on_done=lambda infos: self.on_imported(infos, item),
                                       on_error=self.on_import_failed,
                                       on_progress=lambda d, t: self.progress.setValue(int(1000 * d / max(t, 1))),
                                       vault=True)
        return self.task

    def on_cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _import_ended(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.add_button.setEnabled(True)

    def on_imported(self, infos, item: int | None) -> None:
        self._import_ended()
        files = [EvidenceFile(path=i.name, sha256=i.sha256, media_type=i.media_type) for i in infos]
        if item is None:
            self.app.evidence.append(Evidence(title=Path(infos[0].name).stem if infos else None, files=files))
        else:
            self.app.evidence[item].files.extend(files)
        self.rebuild()
        self.sig_changed.emit()
        self.left()

    def on_import_failed(self, error: BaseException) -> None:
        self._import_ended()
        if isinstance(error, ImportCancelled):
            self.import_note.setText(_("Adding was stopped. Nothing was kept."))
        else:
            self.import_note.setText(_("The file could not be added."))
        self.import_note.setStyleSheet("color: #8a5a00;")
        self.import_note.show()

    def on_remove(self, index: int) -> None:
        evidence = self.app.evidence.pop(index)
        names = [f.path for f in evidence.files if f.path]
        session, draft_id = self.ctx.session, self.ctx.draft_id
        self.ctx.tasks.run(lambda _t: [session.remove_evidence(draft_id, n) for n in names], vault=True)
        self.rebuild()
        self.sig_changed.emit()
        self.left()

    # ---- the list ------------------------------------------------------------------------------

    def rebuild(self) -> None:
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        self.boxes, self.thumbs = [], {}
        self.drop_fields("evidence")
        for index in range(len(self.app.evidence)):
            box = self._item(index)
            self.boxes.append(box)
            self.items.insertWidget(index, box)
        self.load()
        self.load_thumbnails()

    def _item(self, index: int) -> QGroupBox:
        evidence = self.app.evidence[index]
        box = QGroupBox(_("Item {number}").format(number=index + 1))
        row = QHBoxLayout(box)
        pictures = QVBoxLayout()
        for f in evidence.files:
            thumb = QLabel(Path(f.path or "").name)
            thumb.setFixedWidth(THUMB + 30)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setWordWrap(True)
            pictures.addWidget(thumb)
            media = f.media_type or mimetypes.guess_type(f.path or "")[0] or ""
            if f.path and media.startswith("image/"):
                thumb.setMinimumHeight(THUMB)  # reserve the room: the picture arrives later, off the GUI thread
                self.thumbs[f.path] = thumb
        pictures.addStretch(1)
        row.addLayout(pictures)
        left, right = QFormLayout(), QFormLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        p = f"evidence.{index}"
        self.row(left, N_("What kind"), self.combo(f"{p}.kind", N_("What kind"), EVIDENCE_KINDS), f"{p}.kind")
        self.row(left, N_("Name it"), self.line(f"{p}.title", N_("Name it")), f"{p}.title")
        self.row(left, N_("Where it came from"), self.line(f"{p}.source", N_("Where it came from")), f"{p}.source")
        self.row(right, N_("What it shows"), self.text(f"{p}.proves", N_("What it shows"), height=50), f"{p}.proves")
        self.row(right, N_("Original or copy"), self.combo(f"{p}.original", N_("Original or copy"), ORIGINAL_OR_COPY),
                 f"{p}.original")
        buttons = QHBoxLayout()
        more = QPushButton()
        self.tr_text(more.setText, N_("Add a file to this item"))
        more.clicked.connect(lambda _c=False, i=index: self.on_add_to(i))
        remove = QPushButton()
        self.tr_text(remove.setText, N_("Remove this item"))
        remove.clicked.connect(lambda _c=False, i=index: self.on_remove(i))
        buttons.addWidget(more)
        buttons.addWidget(remove)
        right.addRow(buttons)
        note = self.fields[f"{p}.title"].note  # problems about the files show under the name
        self.fields[f"{p}.files"] = type(self.fields[f"{p}.title"])(box, lambda: None, lambda v: None, note)
        return box

    def on_add_to(self, index: int) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Add evidence"))
        if names:
            self.import_files([Path(n) for n in names], index)

    def load_thumbnails(self) -> None:
        """Read image bytes from the vault off the GUI thread; decode and scale them in memory."""
        wanted = list(self.thumbs)
        if not wanted:
            return
        session, draft_id = self.ctx.session, self.ctx.draft_id
        self.ctx.tasks.run(lambda _t: {n: session.read_evidence(draft_id, n) for n in wanted},
                           on_done=self.on_thumbnails, vault=True)

    def on_thumbnails(self, data: dict) -> None:
        for name, raw in data.items():
            label = self.thumbs.get(name)
            if label is None or raw is None:
                continue
            image = QImage()
            if image.loadFromData(raw):
                image = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
                try:
                    label.setPixmap(QPixmap.fromImage(image))
                except RuntimeError:
                    continue

    def on_load(self) -> None:
        if len(self.boxes) != len(self.app.evidence):
            self._loading = False
            self.rebuild()
            self._loading = True

    def on_retranslate(self) -> None:
        for index, box in enumerate(self.boxes):
            box.setTitle(_("Item {number}").format(number=index + 1))
