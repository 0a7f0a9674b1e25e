"""Drafts (申请书草稿) in the vault: the application as canonical JSON, a new version on every change.

A save is one transaction: a ``draft_version`` row plus the ``draft`` row's pointer to it, so a crash
at any instant leaves the previous version as the latest, whole. Older versions are kept.

A save whose document equals the latest version writes nothing and returns the latest version
number: the UI autosaves every second, and an unchanged form must not add a version each time.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import NamedTuple

from forms.i18n import _

from .audit import AuditLog, utc_now
from .vault_db import Database
from .vault_errors import DraftDeleted, DraftNotFound, InvalidDraft

# Ids are machine-made (the application's UUID): ASCII, so that no name ever becomes an id that the
# audit log would then carry.
DRAFT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
STATUSES = ("draft", "ready", "printed", "submitted")


@dataclass(frozen=True)
class DraftInfo:
    id: str
    version: int
    created_at: str
    updated_at: str
    status: str
    document: dict | None

    @property
    def latest_version(self) -> int:
        return self.version


class DraftVersion(NamedTuple):
    version: int
    saved_at: str
    account: str | None


def canonical_json(document: dict) -> str:
    """One text per document: sorted keys, no spaces, UTF-8 characters as they are."""
    if not isinstance(document, dict):
        raise InvalidDraft(_("A draft must be a JSON object."))
    try:
        return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidDraft(_("The draft contains a value that JSON cannot hold.")) from exc


def check_draft_id(draft_id: str) -> str:
    if not isinstance(draft_id, str) or not DRAFT_ID.match(draft_id):
        raise InvalidDraft(_("A draft id is 1 to 128 letters, digits, dots, colons, dashes or underscores."))
    return draft_id


class DraftStore:
    def __init__(self, db: Database, audit: AuditLog, clock):
        self._db = db
        self._audit = audit
        self._clock = clock

    def save(self, draft_id: str, document: dict, account: str | None) -> int:
        check_draft_id(draft_id)
        text = canonical_json(document)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        now = utc_now(self._clock)
        with self._db.write() as conn:
            row = conn.execute("SELECT latest_version, latest_sha256, deleted FROM draft WHERE id = ?",
                               (draft_id,)).fetchone()
            if row is None:
                version = 1
                conn.execute("INSERT INTO draft (id, created_at, updated_at, latest_version, latest_sha256) "
                             "VALUES (?, ?, ?, 1, ?)", (draft_id, now, now, digest))
                self._audit.record(account, "draft_create", draft_id)
            else:
                latest, latest_sha256, deleted = row
                if deleted:
                    raise DraftDeleted(draft_id)
                if latest_sha256 == digest:
                    return int(latest)
                version = int(latest) + 1
                conn.execute("UPDATE draft SET updated_at = ?, latest_version = ?, latest_sha256 = ? WHERE id = ?",
                             (now, version, digest, draft_id))
            conn.execute("INSERT INTO draft_version (draft_id, version, saved_at, account, document) "
                         "VALUES (?, ?, ?, ?, ?)", (draft_id, version, now, account, text))
        return version

    def _latest(self, conn, draft_id: str) -> int:
        row = conn.execute("SELECT latest_version, deleted FROM draft WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise DraftNotFound(draft_id)
        if row[1]:
            raise DraftDeleted(draft_id)
        return int(row[0])

    def load(self, draft_id: str, version: int | None = None) -> dict:
        with self._db.read() as conn:
            latest = self._latest(conn, draft_id)
            wanted = latest if version is None else int(version)
            row = conn.execute("SELECT document FROM draft_version WHERE draft_id = ? AND version = ?",
                               (draft_id, wanted)).fetchone()
        if row is None:
            raise DraftNotFound(draft_id, wanted)
        return json.loads(row[0])

    def exists(self, draft_id: str) -> bool:
        with self._db.read() as conn:
            row = conn.execute("SELECT deleted FROM draft WHERE id = ?", (draft_id,)).fetchone()
        return row is not None and not row[0]

    def versions(self, draft_id: str) -> list[DraftVersion]:
        with self._db.read() as conn:
            self._latest(conn, draft_id)
            rows = conn.execute("SELECT version, saved_at, account FROM draft_version WHERE draft_id = ? "
                                "ORDER BY version", (draft_id,)).fetchall()
        return [DraftVersion(int(v), s, a) for v, s, a in rows]

    def list(self, with_documents: bool = True) -> list[DraftInfo]:
        """Drafts not deleted, most recently changed first, each with its latest document."""
        doc = "v.document" if with_documents else "NULL"
        with self._db.read() as conn:
            rows = conn.execute(
                f"SELECT d.id, d.latest_version, d.created_at, d.updated_at, d.status, {doc} "
                "FROM draft d JOIN draft_version v ON v.draft_id = d.id AND v.version = d.latest_version "
                "WHERE d.deleted = 0 ORDER BY d.updated_at DESC, d.id").fetchall()
        return [DraftInfo(i, int(v), c, u, s, json.loads(t) if t is not None else None)
                for i, v, c, u, s, t in rows]

    def set_status(self, draft_id: str, status: str, account: str | None) -> None:
        if status not in STATUSES:
            raise InvalidDraft(_("Unknown draft status {status}.").format(status=status))
        with self._db.write() as conn:
            self._latest(conn, draft_id)
            conn.execute("UPDATE draft SET status = ?, updated_at = ? WHERE id = ?",
                         (status, utc_now(self._clock), draft_id))
            self._audit.record(account, "draft_status", draft_id, status)

    def status(self, draft_id: str) -> str:
        with self._db.read() as conn:
            self._latest(conn, draft_id)
            return conn.execute("SELECT status FROM draft WHERE id = ?", (draft_id,)).fetchone()[0]

    def mark_deleted(self, draft_id: str, account: str | None) -> None:
        """Delete every version and leave a tombstone (inside the caller's transaction if any).

        ``secure_delete`` zeroes the freed content, so no old version can be read back from free pages.
        """
        with self._db.write() as conn:
            self._latest(conn, draft_id)
            conn.execute("DELETE FROM draft_version WHERE draft_id = ?", (draft_id,))
            conn.execute("UPDATE draft SET deleted = 1, latest_version = 0, latest_sha256 = NULL, "
                         "updated_at = ? WHERE id = ?", (utc_now(self._clock), draft_id))
            self._audit.record(account, "draft_delete", draft_id)
