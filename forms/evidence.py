"""Evidence files, 证据材料: where they come from (:class:`EvidenceSource`) and the rules for the list.

An application names its evidence files by paths relative to the application JSON's folder (the
schema says so). Validation asks an :class:`EvidenceSource` whether each file exists and what its
SHA-256 is; :class:`DirectoryEvidence` answers from a folder on disk (the command line), the vault
will answer from its encrypted store with the same two methods.

Paths are always relative: an absolute path (``/x``, ``C:\\x``, ``\\\\server\\x``) or one that climbs out
of the folder with ``..`` is an error in the document, whatever the source, and
:class:`DirectoryEvidence` refuses to open it, so an application cannot make the app read files
elsewhere on the machine.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from forms.enums import EvidenceKind
from forms.i18n import N_
from forms.model import Evidence, Signature
from forms.problems import Problem, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
BLOCK_SIZE = 1 << 20  # 1 MiB: evidence may be a 2 GB video; hash it in bounded memory
_SHA256 = re.compile(r"[0-9a-f]{64}")
# Kinds for which no file is normal: the applicant's own statement, a witness who will speak in court.
_NO_FILE_NEEDED = frozenset({EvidenceKind.STATEMENT, EvidenceKind.WITNESS_TESTIMONY})


@runtime_checkable
class EvidenceSource(Protocol):
    """Where an application's evidence files are: a folder (command line) or the vault (desktop)."""

    def exists(self, path: str) -> bool:
        """Whether the file named by this relative path is there."""

    def sha256(self, path: str) -> str | None:
        """Its SHA-256 as 64 lower-case hex digits, or None when it cannot be read."""


def path_parts(path: str) -> list[str] | None:
    """The parts of a relative evidence path (``/`` or ``\\`` separated), or None when it is absolute or escapes."""
    if not path or path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", path):
        return None
    parts = [part for part in re.split(r"[/\\]", path) if part not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return parts


class DirectoryEvidence:
    """Evidence files in a folder on disk, named relative to it (usually the application JSON's folder)."""

    def __init__(self, base_dir: str | Path):
        self.base_dir = Path(base_dir)

    def _resolve(self, path: str) -> Path | None:
        parts = path_parts(path)
        return self.base_dir.joinpath(*parts) if parts else None

    def exists(self, path: str) -> bool:
        target = self._resolve(path)
        return target is not None and target.is_file()

    def sha256(self, path: str) -> str | None:
        target = self._resolve(path)
        if target is None:
            return None
        digest = hashlib.sha256()
        try:
            with target.open("rb") as f:
                while block := f.read(BLOCK_SIZE):
                    digest.update(block)
        except OSError:
            return None
        return digest.hexdigest()

    def open(self, path: str) -> BinaryIO:
        """Read a file (the packet's EvidenceFiles protocol); refuses paths outside the folder."""
        target = self._resolve(path)
        if target is None:
            raise FileNotFoundError(path)
        return target.open("rb")


def _check_file(path: str | None, sha256: str | None, where: str, source: EvidenceSource | None) -> list[Problem]:
    if not path or not path.strip():
        return [Problem(f"{where}.path", ERROR, N_("The file's path is missing"))]
    if path_parts(path) is None:
        return [Problem(f"{where}.path", ERROR,
                        N_("The file path {path} must be relative to the application's folder"), {"path": path})]
    problems = []
    if sha256 is not None and not _SHA256.fullmatch(sha256):
        problems.append(Problem(f"{where}.sha256", ERROR, N_("A SHA-256 value must be 64 hexadecimal characters")))
        sha256 = None
    if source is None:
        return problems
    if not source.exists(path):
        return problems + [Problem(f"{where}.path", ERROR, N_("The file {path} was not found"), {"path": path})]
    if sha256 is not None and source.sha256(path) != sha256:
        problems.append(Problem(
            f"{where}.sha256", ERROR,
            N_("The file {path} is not the one listed: its SHA-256 does not match; it may have been changed or replaced"),
            {"path": path},
        ))
    return problems


def check_evidence(items: list[Evidence], source: EvidenceSource | None) -> list[Problem]:
    """The evidence list (SPC 2022 Art. 6); files are checked only when a source is given."""
    if not items:
        return [Problem("evidence", WARNING,
                        N_("No evidence is listed; police receipts, medical records, photos or messages all help"))]
    problems = []
    for i, item in enumerate(items):
        prefix = f"evidence.{i}"
        if item.kind is None:
            problems.append(Problem(f"{prefix}.kind", ERROR, N_("Choose what kind of evidence this is")))
        if not (item.title or "").strip():
            problems.append(Problem(f"{prefix}.title", ERROR, N_("Give this evidence a name (e.g. 报警回执)")))
        if not item.files and item.kind not in _NO_FILE_NEEDED:
            problems.append(Problem(f"{prefix}.files", WARNING,
                                    N_("No file is attached to this evidence; bring it to the court on paper")))
        for j, file in enumerate(item.files):
            problems += _check_file(file.path, file.sha256, f"{prefix}.files.{j}", source)
    return problems


def check_signature_image(signature: Signature | None, source: EvidenceSource | None) -> list[Problem]:
    """The on-screen signature PNG is a file like the evidence, found the same way."""
    if signature is None or signature.image is None:
        return []
    problems = _check_file(signature.image, None, "signature", source)
    return [Problem("signature.image", p.severity, p.msgid, p.params) for p in problems]
