"""The unlocked kiosk, as the UI sees it: one method per verb, no SQL, keys or vault paths in ui/.

A draft is stored as its application JSON plus, under ``WIZARD_KEY``, the wizard's flow state (the
current step), so that reopening a draft restores the step. That key never leaves the vault: every
document handed out (to the model, an export, the packet) has it removed.
"""
from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path, PurePosixPath

from forms.model import Application, Court, load_document
from forms.packet import build_packet

from . import services
from .vault import Vault
from .vault_errors import InvalidDraft

WIZARD_KEY = services.WIZARD_KEY
SIGNATURE_NAME = "signature/applicant.png"


class Session:
    def __init__(self, vault: Vault):
        self.vault = vault

    @property
    def account(self) -> str:
        return self.vault.account

    @property
    def role(self) -> str:
        return self.vault.role

    @property
    def locked(self) -> bool:
        return self.vault.is_locked

    def lock(self) -> None:
        if not self.vault.is_locked:
            self.vault.lock()

    # --- accounts (账户): admins manage everyone's, anyone their own passphrase; the vault checks ---------

    def accounts(self) -> list[tuple[str, str]]:
        """(name, role) of every account."""
        return self.vault.accounts()

    def add_account(self, name: str, role: str, passphrase: str) -> None:
        self.vault.add_account(name, role, passphrase)

    def remove_account(self, name: str) -> None:
        self.vault.remove_account(name)

    def change_passphrase(self, name: str, new_passphrase: str) -> None:
        self.vault.change_passphrase(name, new_passphrase)

    # --- drafts ---------------------------------------------------------------------------

    def new_draft(self, court: Court | None = None, assisted_by: str | None = None) -> str:
        app = Application()
        app.created_at = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
        if court is not None:
            app.court = court
        if assisted_by:
            app.filed_by = {"assisted_by": assisted_by}  # type: ignore[assignment]  # validated on assignment
        self.vault.save_draft(app.id, {**app.to_json_dict(), WIZARD_KEY: {}})
        return app.id

    def open_draft(self, draft_id: str) -> tuple[Application, dict]:
        """The draft's application and its wizard state (``{}`` when none was saved)."""
        document = self.vault.load_draft(draft_id)
        state = document.pop(WIZARD_KEY, None) or {}
        app, problems = load_document(document)
        if app is None:
            raise InvalidDraft(draft_id)
        return app, state

    def save_draft(self, draft_id: str, app: Application, wizard_state: dict | None = None) -> int:
        """A new version when anything changed (the vault adds none for an identical document)."""
        return self.vault.save_draft(draft_id, {**app.to_json_dict(), WIZARD_KEY: wizard_state or {}})

    def drafts(self) -> list[services.DraftRow]:
        return services.list_drafts(self.vault)

    def delete_draft(self, draft_id: str) -> None:
        self.vault.delete_draft(draft_id)

    def status(self, draft_id: str) -> str:
        return self.vault.draft_status(draft_id)

    def mark_ready(self, draft_id: str, ready: bool) -> str:
        """A draft with nothing blocking filing is ``ready``; one that has errors again goes back to
        ``draft``. Printed and submitted drafts keep their status. Returns the status now."""
        status = self.vault.draft_status(draft_id)
        wanted = {("draft", True): "ready", ("ready", False): "draft"}.get((status, ready))
        if wanted:
            self.vault.set_draft_status(draft_id, wanted)
            return wanted
        return status

    def set_status(self, draft_id: str, status: str) -> None:
        self.vault.set_draft_status(draft_id, status)

    # --- evidence ---------------------------------------------------------------------------

    def _free_name(self, draft_id: str, wanted: str) -> str:
        taken = {e.name for e in self.vault.list_evidence(draft_id)}
        path = PurePosixPath(wanted)
        name, n = wanted, 1
        while name in taken:
            n += 1
            name = str(path.with_name(f"{path.stem}-{n}{path.suffix}"))
        return name

    def add_evidence(self, draft_id: str, source: Path, progress=None, cancelled=None) -> services.EvidenceInfo:
        """Stream a file into the vault as ``evidence/<its name>`` (made unique). ``progress(bytes_done)``
        and ``cancelled()`` as in Vault.add_evidence; ImportCancelled when cancelled."""
        name = self._free_name(draft_id, f"evidence/{Path(source).name}")
        with open(source, "rb") as stream:
            return self.vault.add_evidence(draft_id, name, stream, mimetypes.guess_type(name)[0], progress, cancelled)

    def remove_evidence(self, draft_id: str, name: str) -> None:
        for info in self.vault.list_evidence(draft_id):
            if info.name == name:
                self.vault.remove_evidence(info.id)

    def evidence(self, draft_id: str) -> services.VaultEvidence:
        """The draft's files for validation (EvidenceSource) and the packet (EvidenceFiles)."""
        return services.VaultEvidence(self.vault, draft_id)

    def read_evidence(self, draft_id: str, name: str, limit: int = 64 << 20) -> bytes | None:
        """A file's bytes in memory (for a thumbnail), or None when it is larger than ``limit``."""
        for info in self.vault.list_evidence(draft_id):
            if info.name == name:
                if info.size > limit:
                    return None
                with self.vault.open_evidence(info.id) as stream:
                    return stream.read()
        return None

    def save_signature(self, draft_id: str, png: bytes) -> str:
        """Store the applicant's on-screen signature (PNG) in the vault; returns the path for the model."""
        import io

        self.remove_evidence(draft_id, SIGNATURE_NAME)
        self.vault.add_evidence(draft_id, SIGNATURE_NAME, io.BytesIO(png), "image/png")
        return SIGNATURE_NAME

    # --- packet -----------------------------------------------------------------------------

    def packet(self, draft_id: str, app: Application, progress=None) -> bytes:
        """The court packet in memory (for preview and printing: never written to disk here)."""
        pdf = build_packet(app, self.evidence(draft_id), progress)
        self.vault.audit("packet_built", draft_id=draft_id)
        return pdf

    def export(self, draft_id: str, folder: Path) -> Path:
        """Plain files outside the vault: the caller must have warned the user."""
        return services.export_draft(self.vault, draft_id, folder)
