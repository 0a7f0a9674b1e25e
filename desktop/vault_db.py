"""The vault's database connection: two SQLCipher 4 files, raw keys, pragmas, one lock, transactions.

- ``vault.db`` (schema ``main``): drafts, evidence metadata, accounts, audit. 4 KiB pages, WAL,
  ``synchronous=FULL``: small saves, each one durable with one fsync.
- ``evidence.db`` (schema ``ev``, attached): evidence bytes only, in chunks. 64 KiB pages and a
  rollback journal: SQLCipher encrypts and authenticates page by page, so big pages halve its cost
  per byte, and bytes appended under a rollback journal reach the disk once (WAL writes them twice).
  Its key is derived from the vault key (keys.evidence_key).

Both files authenticate pages with HMAC-SHA256 rather than SQLCipher 4's default HMAC-SHA512: it
cost a third less CPU per byte imported and about a quarter of a draft save's time here (CPUs with
SHA extensions), and is as strong for a 256-bit key. Everything else is SQLCipher 4's default
(AES-256-CBC, a random IV per page write; no KDF since the keys are raw).

One file cannot have both page sizes: with 64 KiB pages a draft save rewrote ~200 KB and its p99
went from 16 to 40 ms; with 4 KiB pages evidence import ran at half the speed (bench_vault.py). No transaction
has to be atomic across the two files (see store_evidence.py for the order of writes).

One connection per open vault, usable from any one thread at a time (``check_same_thread=False``
and an ``RLock`` around every use). The stores take a :class:`Database`, so the benchmark can run
the very same code over plain SQLite (:func:`open_plain`) to measure what encryption costs.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from .keys import SecretKey, evidence_key, wipe
from .vault_errors import DiskFull, StorageError, VaultBusy, VaultDamaged, VaultError, VaultLocked


@dataclass(frozen=True)
class CipherSettings:
    """What SQLCipher must be told before it can read a page. Kept in keyring.json per vault, so that
    a later change of the defaults never locks out an existing vault."""

    page_size: int = 4096
    evidence_page_size: int = 65536
    hmac: str = "HMAC_SHA256"


NEW_VAULT = CipherSettings()
HMAC_ALGORITHMS = ("HMAC_SHA1", "HMAC_SHA256", "HMAC_SHA512")
# Checkpoint the WAL at 4 MiB (SQLite's default of 1000 pages), and cut the file back to that size.
WAL_AUTOCHECKPOINT_PAGES = 1000
JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024
CACHE_KIB = 8 * 1024

DBError = (sqlcipher.Error, sqlite3.Error)

_BY_CODE = {5: VaultBusy, 6: VaultBusy, 11: VaultDamaged, 13: DiskFull, 26: VaultDamaged}


@contextmanager
def sql_errors() -> Iterator[None]:
    """Turn SQLite's errors into ``VaultError`` subclasses with a message for the user."""
    try:
        yield
    except VaultError:
        raise
    except DBError as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        kind = _BY_CODE.get(code & 0xFF if isinstance(code, int) else -1, StorageError)
        raise kind() from exc


def _configure(conn) -> None:
    if str(conn.execute("PRAGMA main.journal_mode = WAL").fetchone()[0]).lower() != "wal":
        raise StorageError()
    conn.execute("PRAGMA ev.journal_mode = DELETE").fetchone()
    for pragma in ("main.synchronous = FULL", "ev.synchronous = FULL", "foreign_keys = ON",
                   "main.secure_delete = ON", "ev.secure_delete = ON", "temp_store = MEMORY",
                   f"main.wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}",
                   f"main.journal_size_limit = {JOURNAL_SIZE_LIMIT}", f"main.cache_size = -{CACHE_KIB}",
                   "ev.cache_size = -4096"):
        conn.execute(f"PRAGMA {pragma}")


def open_encrypted(path: Path, evidence: Path, key: SecretKey, settings: CipherSettings,
                   *, create: bool = False) -> "Database":
    """Open (or, with ``create``, make) the vault's two files with the raw 32-byte key.

    Both keys are checked right away by reading each schema: a wrong key or a damaged file raises
    ``VaultDamaged`` here rather than somewhere later.
    """
    path, evidence = Path(path), Path(evidence)
    if create == path.exists() or (create and evidence.exists()):
        raise VaultDamaged()
    with sql_errors():
        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10.0)
    try:
        with sql_errors():
            conn.execute("PRAGMA cipher_log_level = NONE")  # no "hmac check failed" lines on stderr
            spec = key.sqlcipher_key()
            try:
                conn.set_key(spec)
            finally:
                wipe(spec)
            if settings.hmac not in HMAC_ALGORITHMS:
                raise VaultDamaged()
            conn.execute(f"PRAGMA cipher_page_size = {int(settings.page_size)}")
            conn.execute(f"PRAGMA cipher_hmac_algorithm = {settings.hmac}")
            _check_key(conn, "main")
            ev_key = evidence_key(key)
            spec = ev_key.sqlcipher_key()
            # ATTACH reads page 1 at once, with SQLCipher's process-wide defaults: set them for the
            # attach only (one vault opens at a time: ProcessLock).
            defaults = {name: conn.execute(f"PRAGMA {name}").fetchone()[0]
                        for name in ("cipher_default_page_size", "cipher_default_hmac_algorithm")}
            conn.execute(f"PRAGMA cipher_default_page_size = {int(settings.evidence_page_size)}")
            conn.execute(f"PRAGMA cipher_default_hmac_algorithm = {settings.hmac}")
            try:
                conn.execute("ATTACH DATABASE ? AS ev KEY ?", (str(evidence), spec))
            except sqlcipher.DatabaseError as exc:
                raise VaultDamaged() from exc
            finally:
                for name, value in defaults.items():
                    conn.execute(f"PRAGMA {name} = {value}")
                wipe(spec)
                ev_key.wipe()
            _check_key(conn, "ev")
            if create:  # only possible before the first table
                conn.execute("PRAGMA main.auto_vacuum = INCREMENTAL")
                conn.execute("PRAGMA ev.auto_vacuum = INCREMENTAL")
            _configure(conn)
    except BaseException:
        conn.close()
        raise
    return Database(conn, path, evidence)


def _check_key(conn, schema: str) -> None:
    try:
        conn.execute(f"SELECT count(*) FROM {schema}.sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise VaultDamaged() from exc


def open_plain(path: Path, evidence: Path, settings: CipherSettings = NEW_VAULT) -> "Database":
    """The same two databases, unencrypted. For the benchmark's comparison only: never for user data."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10.0)
    conn.execute(f"PRAGMA page_size = {int(settings.page_size)}")
    conn.execute("ATTACH DATABASE ? AS ev", (str(evidence),))
    conn.execute(f"PRAGMA ev.page_size = {int(settings.evidence_page_size)}")
    conn.execute("PRAGMA main.auto_vacuum = INCREMENTAL")
    conn.execute("PRAGMA ev.auto_vacuum = INCREMENTAL")
    _configure(conn)
    return Database(conn, Path(path), Path(evidence))


class Database:
    """A connection, its lock, and transactions that nest (the outermost one commits)."""

    def __init__(self, conn, path: Path, evidence: Path):
        self.conn = conn
        self.path = Path(path)
        self.evidence_path = Path(evidence)
        self.closed = False
        self._lock = threading.RLock()
        self._depth = 0
        self._flushing = 0
        self._flusher: _Flusher | None = None

    @contextmanager
    def read(self) -> Iterator:
        with self._lock:
            if self.closed:
                raise VaultLocked()
            with sql_errors():
                yield self.conn

    @contextmanager
    def write(self) -> Iterator:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back if the block raises. Re-entrant."""
        with self._lock:
            if self.closed:
                raise VaultLocked()
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            with sql_errors():
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                with sql_errors():
                    yield self.conn
                    self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except DBError:
                        pass
                raise
            finally:
                self._depth = 0

    @contextmanager
    def flushing(self) -> Iterator[None]:
        """Around a long import: fsync evidence.db every 0.05 s from a background thread, so the
        disk writes while we encrypt instead of all at each commit (+15-50% import throughput
        measured, depending on the disk's load; 0.05 s beat 0.1 and 0.25 s)."""
        with self._lock:
            if self.closed:
                raise VaultLocked()
            self._flushing += 1
            if self._flushing == 1:
                self._flusher = _Flusher(self.evidence_path)
        try:
            yield
        finally:
            with self._lock:
                self._flushing -= 1
                if self._flushing == 0 and self._flusher:
                    self._flusher.stop()
                    self._flusher = None

    def close(self) -> None:
        with self._lock:
            if self.closed:
                return
            self.closed = True
            if self._flusher:
                self._flusher.stop()
                self._flusher = None
            try:
                self.conn.close()
            except DBError:
                pass


class _Flusher:
    """fsync a file every ``interval`` seconds from a background thread.

    Only an early start of the disk writes SQLite will sync at commit anyway: extra fsyncs never
    weaken SQLite's ordering. It writes nothing; any error just stops it.
    """

    def __init__(self, path: Path, interval: float = 0.05):
        self._stop = threading.Event()
        self._path = path
        self._interval = interval
        self._thread = threading.Thread(target=self._run, name="vault-flush", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            # Windows' FlushFileBuffers needs a handle with write access; nothing is written.
            fd = os.open(self._path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            return
        try:
            while not self._stop.wait(self._interval):
                os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
