"""The audit log: who did what to which draft, when (UTC). Append-only, inside the encrypted vault.

SQL triggers refuse UPDATE and DELETE on the table (see migrations.py), so even code with the key
cannot quietly rewrite history through SQL it runs on purpose. Entries hold account names, actions,
draft and evidence ids -- never applicant data: callers pass ids and verbs, not names or facts.

What the vault records by itself: ``init``, ``unlock`` (and ``unlock_recovery``), ``lock``,
``account_add``, ``account_remove``, ``account_passwd``, ``recovery_reset``, ``draft_create`` (the first
save, not every autosave), ``draft_status``, ``draft_delete``, ``evidence_add``, ``evidence_remove``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from .vault_db import Database

_ACTION = re.compile(r"^[a-z][a-z0-9_.]{0,63}$")
MAX_DETAIL = 500


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    account: str | None
    action: str
    draft_id: str | None
    detail: str | None


def utc_now(clock) -> str:
    return datetime.fromtimestamp(clock(), timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class AuditLog:
    def __init__(self, db: Database, clock):
        self._db = db
        self._clock = clock

    def record(self, account: str | None, action: str, draft_id: str | None = None,
               detail: str | None = None) -> int:
        """Append one entry (inside the caller's transaction when there is one)."""
        if not _ACTION.match(action):
            raise ValueError("an audit action is a short lower-case identifier, e.g. draft_export")
        if detail is not None:
            detail = str(detail)[:MAX_DETAIL]
        with self._db.write() as conn:
            cur = conn.execute(
                "INSERT INTO audit (at, account, action, draft_id, detail) VALUES (?, ?, ?, ?, ?)",
                (utc_now(self._clock), account, action, draft_id, detail))
            return int(cur.lastrowid)

    def entries(self, draft_id: str | None = None) -> list[AuditEntry]:
        sql = "SELECT id, at, account, action, draft_id, detail FROM audit"
        args: tuple = ()
        if draft_id is not None:
            sql += " WHERE draft_id = ?"
            args = (draft_id,)
        with self._db.read() as conn:
            return [AuditEntry(*row) for row in conn.execute(sql + " ORDER BY id", args)]
