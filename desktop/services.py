"""What the command line and the UI do with the vault, one function per verb.

Neither the CLI nor the widgets touch SQL, keys or file paths of the vault: they call these.
Evidence inside the vault is keyed by the draft id and the file's ``path`` as written in the
application (``evidence/arm-bruise.jpg``), so a draft's JSON never needs vault-specific fields.
"""
from __future__ import annotations

import json
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from forms.i18n import N_, _
from forms.evidence import path_parts
from forms.model import Application, load_document
from forms.validation import DirectoryEvidence, Problem, Severity, validate

from .store_evidence import EvidenceInfo  # noqa: F401 - re-exported for the session and the UI
from .vault import Vault, VaultError


# The wizard's flow state is saved with a draft under this key; it never leaves the vault.
WIZARD_KEY = "x-onestop-wizard"


def load_draft_document(vault: Vault, draft_id: str) -> dict:
    """The draft's application JSON as it may leave the vault (without the wizard's state)."""
    document = vault.load_draft(draft_id)
    document.pop(WIZARD_KEY, None)
    return document


class ServiceError(VaultError):
    """A user-facing refusal from a service (bad input, conflict); the message is translated."""


class InvalidDocument(ServiceError):
    """The input is not a usable application; ``problems`` says why, field by field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(_("The application cannot be used as it is."))


@dataclass(frozen=True)
class DraftRow:
    id: str
    applicant: str
    respondent: str
    status: str
    urgent: bool
    updated_at: str
    version: int


def read_application_file(path: Path) -> tuple[Application | None, list[Problem]]:
    """Read and parse an application JSON file. Never raises for bad content."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem("", Severity.ERROR, N_("The file cannot be read: {reason}"),
                              {"reason": exc.strerror or type(exc).__name__})]
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem("", Severity.ERROR, N_("The file is not valid JSON (line {line})."),
                              {"line": getattr(exc, "lineno", 1)})]
    return load_document(data)


def check_file(path: Path) -> tuple[Application | None, list[Problem]]:
    """Everything ``onestop validate`` reports: structure, the rules, and the evidence files."""
    app, problems = read_application_file(path)
    if app is None:
        return None, problems
    return app, problems + validate(app, DirectoryEvidence(path.parent))


def _files_of(document: dict) -> list[tuple[dict, str]]:
    """Every file an application refers to, as (the object holding its path, the key of the path):
    each evidence file, and the applicant's signature image when it was captured on screen."""
    refs = [(entry, "path") for item in document.get("evidence", []) for entry in item.get("files", [])]
    signature = document.get("signature") or {}
    if signature.get("image"):
        refs.append((signature, "image"))
    return refs


def _safe_member(path: str) -> PurePosixPath:
    """The evidence path as a relative POSIX path inside the export folder (no '..', no root)."""
    parts = path_parts(path) or ["evidence", PurePosixPath(path.replace("\\", "/")).name or "file"]
    return PurePosixPath(*parts)


def import_application(vault: Vault, path: Path) -> str:
    """Import an application JSON and its evidence files into the vault as a new draft.

    The draft is kept even when the rules find errors (it is a draft); it is refused when the
    document cannot be read, or an evidence file is missing or does not match its sha256.
    """
    app, problems = read_application_file(path)
    if app is None:
        raise InvalidDocument(problems)
    source = DirectoryEvidence(path.parent)
    file_problems = [p for p in validate(app, source) if p.severity is Severity.ERROR and
                     ((p.path.startswith("evidence.") and ".files." in p.path) or p.path == "signature.image")]
    if file_problems:
        raise InvalidDocument(file_problems)
    if vault.has_draft(app.id):
        raise ServiceError(_("A draft with this application id is already in the vault: {id}").format(id=app.id))

    document = app.to_json_dict()
    vault.save_draft(app.id, document)  # evidence belongs to a draft: the draft comes first
    try:
        for holder, key in _files_of(document):
            name = str(_safe_member(holder[key]))
            media_type = holder.get("media_type") or mimetypes.guess_type(name)[0]
            with source.open(holder[key]) as stream:
                info = vault.add_evidence(app.id, name, stream, media_type=media_type)
            holder[key] = name
            if key == "path":  # an evidence file entry records its digest and type; the signature has no room
                holder["sha256"] = info.sha256
                if media_type:
                    holder["media_type"] = media_type
        vault.save_draft(app.id, document)
    except BaseException:
        vault.delete_draft(app.id)  # all or nothing: a half-imported application is not kept
        raise
    vault.audit("draft_import", draft_id=app.id)
    return app.id


def resolve_draft_id(vault: Vault, text: str) -> str:
    """A full draft id, or a unique prefix of at least 4 characters."""
    ids = [d.id for d in vault.list_drafts()]
    if text in ids:
        return text
    matches = [i for i in ids if len(text) >= 4 and i.startswith(text)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ServiceError(_("More than one draft starts with {prefix}; give more characters.").format(prefix=text))
    raise ServiceError(_("No draft with id {id}.").format(id=text))


def list_drafts(vault: Vault) -> list[DraftRow]:
    rows = []
    for info in vault.list_drafts():
        doc = info.document or {}
        rows.append(DraftRow(
            id=info.id,
            applicant=(doc.get("applicant") or {}).get("name", ""),
            respondent=(doc.get("respondent") or {}).get("name", ""),
            status=info.status,
            urgent=bool(doc.get("urgent")),
            updated_at=info.updated_at,
            version=info.version,
        ))
    return rows


def export_draft(vault: Vault, draft_id: str, out_dir: Path) -> Path:
    """Write the draft as ``application.json`` plus its evidence files into ``out_dir``.

    This writes plaintext outside the vault: callers must warn the user first. The folder must be
    new or empty, so nothing of another application is mixed in.
    """
    document = load_draft_document(vault, draft_id)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ServiceError(_("The folder {folder} is not empty.").format(folder=str(out_dir)))
    out_dir.mkdir(parents=True, exist_ok=True)
    stored = {e.name: e for e in vault.list_evidence(draft_id)}
    for holder, key in _files_of(document):
        info = stored.get(holder[key])
        if info is None:
            raise ServiceError(_("The evidence file {path} is not in the vault.").format(path=holder[key]))
        target = out_dir.joinpath(*_safe_member(holder[key]).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with vault.open_evidence(info.id) as src, open(target, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        if key == "path":
            holder["sha256"] = info.sha256
    out = out_dir / "application.json"
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    vault.audit("draft_export", draft_id=draft_id)
    return out


class VaultEvidence:
    """The vault's evidence for one draft, as forms' EvidenceSource and the packet's EvidenceFiles."""

    def __init__(self, vault: Vault, draft_id: str):
        self._vault = vault
        self._files = {e.name: e for e in vault.list_evidence(draft_id)}

    def exists(self, path: str) -> bool:
        return path in self._files

    def sha256(self, path: str) -> str | None:
        info = self._files.get(path)
        return info.sha256 if info else None

    def open(self, path: str):
        """Read an evidence file of this draft (the packet's EvidenceFiles protocol)."""
        info = self._files.get(path)
        if info is None:
            raise FileNotFoundError(path)
        return self._vault.open_evidence(info.id)


def _refuse_unless_fileable(problems: list[Problem]) -> None:
    if any(p.severity is Severity.ERROR for p in problems):
        raise InvalidDocument([p for p in problems if p.severity is Severity.ERROR])


def packet_from_file(path: Path, out: Path) -> int:
    """Build the court packet of an application JSON (evidence beside it). Refuses before writing."""
    from forms.packet import write_packet
    from forms.evidence import DirectoryEvidence

    app, problems = check_file(path)
    if app is None:
        raise InvalidDocument(problems)
    _refuse_unless_fileable(problems)
    return write_packet(app, DirectoryEvidence(path.parent), out)


def packet_from_draft(vault: Vault, draft_id: str, out: Path) -> int:
    """Build the court packet of a draft in the vault, its evidence read from the vault."""
    from forms.packet import write_packet

    app, problems = load_document(load_draft_document(vault, draft_id))
    if app is None:
        raise InvalidDocument(problems)
    files = VaultEvidence(vault, draft_id)
    _refuse_unless_fileable(problems + validate(app, files))
    size = write_packet(app, files, out)
    vault.audit("packet_built", draft_id=draft_id)
    return size
