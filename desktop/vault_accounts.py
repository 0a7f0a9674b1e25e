"""Accounts of an open vault: their key slots in keyring.json and their rows in the database.

Roles: ``volunteer`` (志愿者, at the kiosk), ``clerk`` (立案庭工作人员, at the court), ``admin``.
Only admins add or remove accounts; anyone may change their own passphrase, admins anyone's.
Changing a passphrase re-wraps the same vault key: the database is never re-encrypted.

The database's ``account`` table is the authority on who may enter; the key file is where their
wrapped keys are. Order of writes, so that a crash between the two is harmless:
add -- database row, then key slot (a row without a slot cannot log in; adding again repairs it);
remove -- key slot, then database row (a stale row without a slot cannot log in).
Limitation: all slots wrap the same vault key, so someone who kept a copy of an old key file *and*
knows the old passphrase can still derive the key; real revocation needs re-keying the database.
"""
from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

from forms.i18n import _

from . import keys
from .audit import AuditLog, utc_now
from .keyring import ROLES, Keyring
from .keys import SecretKey
from .vault_db import Database
from .vault_errors import (AccountExists, InvalidAccountName, InvalidRole, LastAdmin, PermissionDenied,
                           UnknownAccount, WeakPassphrase)

MIN_PASSPHRASE = 8
RECOVERY_ACCOUNT = "#recovery"  # how a recovery-key session appears in the audit log


def check_account_name(name: str) -> str:
    if not isinstance(name, str):
        raise InvalidAccountName()
    name = unicodedata.normalize("NFC", name)
    if (not 1 <= len(name) <= 64 or name != name.strip() or name.startswith("#")
            or any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name)):
        raise InvalidAccountName()
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidRole(str(role))
    return role


def check_passphrase(passphrase: str) -> str:
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE:
        raise WeakPassphrase(MIN_PASSPHRASE)
    return passphrase


def record_member(conn, name: str, role: str, clock) -> None:
    conn.execute("INSERT OR REPLACE INTO account (name, role, added_at) VALUES (?, ?, ?)",
                 (name, role, utc_now(clock)))


def is_member(db: Database, name: str, role: str) -> bool:
    with db.read() as conn:
        row = conn.execute("SELECT role FROM account WHERE name = ?", (name,)).fetchone()
    return row is not None and row[0] == role


class AccountBook:
    def __init__(self, ring: Keyring, ring_path: Path, db: Database, audit: AuditLog, key: SecretKey, clock):
        self._ring = ring
        self._ring_path = ring_path
        self._db = db
        self._audit = audit
        self._key = key
        self._clock = clock
        self._lock = threading.Lock()  # one read-modify-write of keyring.json at a time

    def list(self) -> list[tuple[str, str]]:
        return [(a.name, a.role) for a in self._ring.accounts]

    @staticmethod
    def _require_admin(actor_role: str) -> None:
        if actor_role != "admin":
            raise PermissionDenied()

    def add(self, actor: str, actor_role: str, name: str, role: str, passphrase: str) -> None:
        self._require_admin(actor_role)
        name, role = check_account_name(name), check_role(role)
        check_passphrase(passphrase)
        if self._ring.find(name):
            raise AccountExists(name)
        slot = self._ring.new_account_slot(name, role, passphrase, self._key)  # Argon2id: outside the locks
        with self._lock:
            if self._ring.find(name):
                raise AccountExists(name)
            with self._db.write() as conn:
                record_member(conn, name, role, self._clock)
            self._ring.put(slot)
            try:
                self._ring.save(self._ring_path)
            except BaseException:
                self._ring.remove(name)
                with self._db.write() as conn:
                    conn.execute("DELETE FROM account WHERE name = ?", (name,))
                raise
            self._audit.record(actor, "account_add", None, f"account={name} role={role}")

    def remove(self, actor: str, actor_role: str, name: str) -> None:
        self._require_admin(actor_role)
        with self._lock:
            slot = self._ring.find(name)
            if slot is None:
                raise UnknownAccount(name)
            if slot.role == "admin" and self._ring.admins() == [name]:
                raise LastAdmin()
            previous = list(self._ring.accounts)
            self._ring.remove(name)
            try:
                self._ring.save(self._ring_path)
            except BaseException:
                self._ring.accounts = previous
                raise
            with self._db.write() as conn:
                conn.execute("DELETE FROM account WHERE name = ?", (name,))
                self._audit.record(actor, "account_remove", None, f"account={name}")

    def change_passphrase(self, actor: str, actor_role: str, name: str, new_passphrase: str) -> None:
        if name != actor and actor_role != "admin":
            raise PermissionDenied(_("You can change only your own passphrase."))
        check_passphrase(new_passphrase)
        old = self._ring.find(name)
        if old is None:
            raise UnknownAccount(name)
        slot = self._ring.new_account_slot(name, old.role, new_passphrase, self._key)
        with self._lock:
            if self._ring.find(name) is None:
                raise UnknownAccount(name)
            previous = list(self._ring.accounts)
            self._ring.put(slot)
            try:
                self._ring.save(self._ring_path)
            except BaseException:
                self._ring.accounts = previous
                raise
            self._audit.record(actor, "account_passwd", None, f"account={name}")

    def reset_recovery(self, actor: str, actor_role: str) -> str:
        """Replace the recovery key (e.g. after it was used, or the paper was lost); returns the new one."""
        self._require_admin(actor_role)
        secret = keys.new_recovery_secret()
        with self._lock:
            previous = self._ring.recovery
            self._ring.set_recovery(secret, self._key)
            try:
                self._ring.save(self._ring_path)
            except BaseException:
                self._ring.recovery = previous
                raise
            self._audit.record(actor, "recovery_reset")
        return keys.format_recovery_key(secret)
