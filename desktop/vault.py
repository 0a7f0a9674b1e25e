"""The encrypted vault (加密保险库): drafts, evidence and the audit log, in the data folder.

    vault, recovery_key = Vault.init(home, "李娟", passphrase)      # recovery key: show once
    Vault.account_list(home)                                      # [("李娟", "admin")], no key needed
    vault = Vault.unlock(home, "李娟", passphrase)                 # or Vault.unlock_with_recovery(home, key)
    version = vault.save_draft(draft_id, document)                # a new version per change
    info = vault.add_evidence(draft_id, "evidence/x.jpg", open(path, "rb"))
    vault.lock()                                                  # closes, wipes the key; the object is spent

On disk (all in the data folder): ``vault.db`` and ``evidence.db`` (SQLCipher 4, see vault_db.py),
``keyring.json`` (key slots, see keyring.py), ``vault.lock`` (empty; held while a vault is open).

Everything here raises :class:`VaultError` subclasses whose message is translated for the user.
One ``Vault`` per data folder may be open at a time (in any process): a second one raises
``VaultInUse``. Methods may be called from any thread, one call at a time is enforced by a lock; the
UI uses one worker thread. ``home`` may be None for the default data folder (:func:`desktop.paths.home`).
"""
from __future__ import annotations

import time
import unicodedata
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from . import keys, paths, vault_errors
from .audit import AuditEntry, AuditLog, utc_now
from .evidence_io import EvidenceReader
from .keyring import Keyring
from .keys import SecretKey
from .migrations import migrate_all
from .store_drafts import STATUSES, DraftInfo, DraftStore, DraftVersion, check_draft_id
from .store_evidence import EvidenceInfo, EvidenceStore
from .vault_accounts import (RECOVERY_ACCOUNT, AccountBook, check_account_name, check_passphrase, is_member,
                             record_member)
from .vault_db import NEW_VAULT, Database, open_encrypted, sql_errors
from .vault_errors import *  # noqa: F403 - the errors are part of this module's interface
from .vault_errors import (AccountRemoved, TooManyAttempts, UnknownAccount, VaultDamaged, VaultError,
                           VaultExists, VaultLocked, VaultNotFound, WrongPassphrase, WrongRecoveryKey)
from .vault_files import ProcessLock

__all__ = ["Vault", "DraftInfo", "DraftVersion", "EvidenceInfo", "EvidenceReader", "AuditEntry", "STATUSES",
           *vault_errors.__all__]

Clock = Callable[[], float]


def _folder(home) -> Path:
    return paths.ensure_private_dir(Path(home)) if home is not None else paths.home()


class Vault:
    """An unlocked vault. Made by :meth:`init`, :meth:`unlock` or :meth:`unlock_with_recovery`."""

    def __init__(self, *, home: Path, db: Database, key: SecretKey, ring: Keyring, account: str, role: str,
                 process_lock: ProcessLock, clock: Clock, via_recovery: bool = False):
        self._home = home
        self._db = db
        self._key = key
        self._process_lock = process_lock
        self._account = account
        self._role = role
        self._via_recovery = via_recovery
        self._closed = False
        self._audit = AuditLog(db, clock)
        self._drafts = DraftStore(db, self._audit, clock)
        self._evidence = EvidenceStore(db, self._audit, self._drafts, clock)
        self._accounts = AccountBook(ring, paths.keyring_path(home), db, self._audit, key, clock)

    # --- before unlocking ------------------------------------------------------------------

    @staticmethod
    def exists(home=None) -> bool:
        return paths.keyring_path(_folder(home)).exists()

    @staticmethod
    def account_list(home=None) -> list[tuple[str, str]]:
        """(name, role) of every account, for the login screen. Reads only keyring.json."""
        ring_path = paths.keyring_path(_folder(home))
        if not ring_path.exists():
            return []
        return [(a.name, a.role) for a in Keyring.load(ring_path).accounts]

    @classmethod
    def init(cls, home, admin_name: str, passphrase: str, *, clock: Clock = time.time) -> tuple["Vault", str]:
        """Create the vault with its first administrator. Returns the vault and the recovery key,
        which exists nowhere else: show it once and ask the administrator to write it down."""
        home = _folder(home)
        name = check_account_name(admin_name)
        check_passphrase(passphrase)
        lock = ProcessLock(paths.lock_path(home)).acquire()
        key = SecretKey.generate()
        try:
            ring_path, db_path = paths.keyring_path(home), paths.vault_path(home)
            ev_path = paths.evidence_path(home)
            if ring_path.exists():
                raise VaultExists(str(home))
            _move_aside_orphans((db_path, ev_path), clock)
            ring = Keyring(vault_id=uuid.uuid4().hex, database=NEW_VAULT)
            ring.put(ring.new_account_slot(name, "admin", passphrase, key))
            secret = keys.new_recovery_secret()
            ring.set_recovery(secret, key)
            db = open_encrypted(db_path, ev_path, key, ring.database, create=True)
            try:
                with sql_errors():
                    migrate_all(db.conn)
                with db.write() as conn:
                    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                                     [("vault_id", ring.vault_id), ("created_at", utc_now(clock))])
                    record_member(conn, name, "admin", clock)
                    AuditLog(db, clock).record(name, "init")
                ring.save(ring_path)
            except BaseException:
                db.close()
                for made in (db_path, ev_path):
                    for suffix in ("", "-wal", "-shm", "-journal"):
                        Path(f"{made}{suffix}").unlink(missing_ok=True)
                raise
        except BaseException:
            key.wipe()
            lock.release()
            raise
        vault = cls(home=home, db=db, key=key, ring=ring, account=name, role="admin", process_lock=lock,
                    clock=clock)
        return vault, keys.format_recovery_key(secret)

    @classmethod
    def unlock(cls, home, account: str, passphrase: str, *, clock: Clock = time.time) -> "Vault":
        """Open the vault as ``account``. Wrong passphrase: ``WrongPassphrase``; from the third failure
        in a row, ``TooManyAttempts`` until the wait is over (checked before any key derivation)."""
        home = _folder(home)
        ring_path = paths.keyring_path(home)
        if not ring_path.exists():
            raise VaultNotFound(str(home))
        lock = ProcessLock(paths.lock_path(home)).acquire()
        try:
            ring = Keyring.load(ring_path)
            slot = ring.find(unicodedata.normalize("NFC", account)) if isinstance(account, str) else None
            if slot is None:
                raise UnknownAccount(str(account))
            wait = slot.wait_seconds(clock())
            if wait > 0:
                raise TooManyAttempts(slot.name, wait)
            key = ring.open_account_slot(slot, passphrase)
            if key is None:
                slot.failures += 1
                slot.last_failure = clock()
                ring.save(ring_path)
                raise WrongPassphrase(slot.name)
            failures = slot.failures
            if failures or slot.last_failure is not None:
                slot.failures, slot.last_failure = 0, None
                ring.save(ring_path)
            detail = f"failed_attempts={failures}" if failures else None
            return cls._open(home, ring, key, slot.name, slot.role, lock, clock, "unlock", detail)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def unlock_with_recovery(cls, home, recovery_key: str, *, clock: Clock = time.time) -> "Vault":
        """Open the vault with the recovery key, as an administrator (e.g. to reset a passphrase)."""
        home = _folder(home)
        ring_path = paths.keyring_path(home)
        if not ring_path.exists():
            raise VaultNotFound(str(home))
        secret = keys.parse_recovery_key(recovery_key)
        lock = ProcessLock(paths.lock_path(home)).acquire()
        try:
            ring = Keyring.load(ring_path)
            key = ring.open_recovery(secret)
            if key is None:
                raise WrongRecoveryKey()
            return cls._open(home, ring, key, RECOVERY_ACCOUNT, "admin", lock, clock, "unlock_recovery", None,
                             via_recovery=True)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open(cls, home: Path, ring: Keyring, key: SecretKey, account: str, role: str, lock: ProcessLock,
              clock: Clock, action: str, detail: str | None, via_recovery: bool = False) -> "Vault":
        try:
            db = open_encrypted(paths.vault_path(home), paths.evidence_path(home), key, ring.database)
        except BaseException:
            key.wipe()
            raise
        try:
            with sql_errors():
                migrate_all(db.conn)
            with db.read() as conn:
                row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
            if row is None or row[0] != ring.vault_id:
                raise VaultDamaged()
            if not via_recovery and not is_member(db, account, role):
                raise AccountRemoved(account)
            vault = cls(home=home, db=db, key=key, ring=ring, account=account, role=role, process_lock=lock,
                        clock=clock, via_recovery=via_recovery)
            vault._evidence.collect_garbage()
            vault._audit.record(account, action, None, detail)
            return vault
        except BaseException:
            db.close()
            key.wipe()
            raise

    # --- session ---------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the database and overwrite the key. Idempotent; afterwards every call raises VaultLocked."""
        if self._closed:
            return
        with self._db._lock:  # let an operation in flight on another thread finish its transaction
            if self._closed:
                return
            try:
                self._audit.record(self._account, "lock")
            except VaultError:
                pass
            self._shut()

    def _shut(self) -> None:
        self._closed = True
        self._db.close()
        self._key.wipe()
        self._process_lock.release()

    def __del__(self):
        if getattr(self, "_closed", True) is False:
            try:
                self._shut()
            except Exception:
                pass

    def __enter__(self) -> "Vault":
        return self

    def __exit__(self, *exc) -> None:
        self.lock()

    def _live(self) -> None:
        if self._closed:
            raise VaultLocked()

    @property
    def is_locked(self) -> bool:
        return self._closed

    @property
    def account(self) -> str:
        self._live()
        return self._account

    @property
    def role(self) -> str:
        self._live()
        return self._role

    @property
    def via_recovery(self) -> bool:
        return self._via_recovery

    @property
    def home(self) -> Path:
        return self._home

    # --- accounts --------------------------------------------------------------------------

    def accounts(self) -> list[tuple[str, str]]:
        self._live()
        return self._accounts.list()

    def add_account(self, name: str, role: str, passphrase: str) -> None:
        self._live()
        self._accounts.add(self._account, self._role, name, role, passphrase)

    def remove_account(self, name: str) -> None:
        self._live()
        self._accounts.remove(self._account, self._role, name)

    def change_passphrase(self, name: str, new_passphrase: str) -> None:
        self._live()
        self._accounts.change_passphrase(self._account, self._role, name, new_passphrase)

    def reset_recovery_key(self) -> str:
        self._live()
        return self._accounts.reset_recovery(self._account, self._role)

    # --- drafts ----------------------------------------------------------------------------

    def save_draft(self, draft_id: str, document: dict, account: str | None = None) -> int:
        """Store ``document`` as the draft's newest version (one transaction) and return its number.
        An unchanged document adds no version. ``account`` defaults to the unlocked account."""
        self._live()
        return self._drafts.save(draft_id, document, account or self._account)

    def load_draft(self, draft_id: str, version: int | None = None) -> dict:
        self._live()
        return self._drafts.load(draft_id, version)

    def has_draft(self, draft_id: str) -> bool:
        self._live()
        return self._drafts.exists(draft_id)

    def draft_versions(self, draft_id: str) -> list[DraftVersion]:
        """[(version, saved_at, account)], oldest first."""
        self._live()
        return self._drafts.versions(draft_id)

    def list_drafts(self, with_documents: bool = True) -> list[DraftInfo]:
        self._live()
        return self._drafts.list(with_documents)

    def draft_status(self, draft_id: str) -> str:
        self._live()
        return self._drafts.status(draft_id)

    def set_draft_status(self, draft_id: str, status: str) -> None:
        """One of ``draft``, ``ready``, ``printed``, ``submitted``."""
        self._live()
        self._drafts.set_status(draft_id, status, self._account)

    def delete_draft(self, draft_id: str) -> None:
        """Delete every version and every evidence file of the draft, for good (freed pages are
        zeroed). Its audit entries stay. A later save to the same id raises ``DraftDeleted``."""
        self._live()
        check_draft_id(draft_id)
        with self._db.write():
            self._drafts.mark_deleted(draft_id, self._account)
            self._evidence.hide_for_draft(draft_id)
        self._evidence.collect_garbage()

    # --- evidence --------------------------------------------------------------------------

    def add_evidence(self, draft_id: str, name: str, stream: BinaryIO, media_type: str | None = None,
                     progress: Callable[[int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> EvidenceInfo:
        """Stream a file into the vault. ``progress(bytes_done)`` is called after each chunk;
        ``cancelled()`` is checked between chunks and, when true, the partial file is removed and
        ``ImportCancelled`` raised. The callbacks must not call the vault."""
        self._live()
        return self._evidence.add(draft_id, name, stream, media_type, self._account, progress, cancelled)

    def open_evidence(self, evidence_id: int) -> EvidenceReader:
        """A readable, seekable binary stream (``io.RawIOBase``) over the file; use it with ``with``."""
        self._live()
        return self._evidence.open(evidence_id)

    def evidence_info(self, evidence_id: int) -> EvidenceInfo:
        self._live()
        return self._evidence.get(evidence_id)

    def list_evidence(self, draft_id: str) -> list[EvidenceInfo]:
        self._live()
        return self._evidence.list(draft_id)

    def remove_evidence(self, evidence_id: int) -> None:
        self._live()
        self._evidence.remove(evidence_id, self._account)

    # --- audit -----------------------------------------------------------------------------

    def audit(self, action: str, draft_id: str | None = None, detail: str | None = None) -> None:
        """Record ``action`` (a lower-case identifier such as ``packet_built``) by the current account.
        ``detail`` is for ids and short codes only: never names or other applicant data."""
        self._live()
        self._audit.record(self._account, action, draft_id, detail)

    def audit_log(self, draft_id: str | None = None) -> list[AuditEntry]:
        self._live()
        return self._audit.entries(draft_id)


def _move_aside_orphans(db_paths: tuple[Path, ...], clock: Clock) -> None:
    """Database files without keyring.json (an interrupted init, or a lost key file) are never
    deleted: they are renamed so that a key file restored from a backup can still open them."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(clock()))
    for db_path in db_paths:
        for suffix in ("", "-wal", "-shm", "-journal"):
            leftover = Path(f"{db_path}{suffix}")
            if leftover.exists():
                leftover.rename(leftover.with_name(f"{leftover.name}.orphan-{stamp}"))
