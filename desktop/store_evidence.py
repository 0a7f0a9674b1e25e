"""Evidence files (证据) inside the vault, streamed in and out in chunks, in bounded memory.

The ``evidence`` rows live in vault.db; the bytes, as ``evidence_chunk`` rows, in evidence.db
(see vault_db.py). The order of writes makes every crash harmless without a transaction spanning
the two files:

- import: (1) an incomplete ``evidence`` row; (2) the chunks, a batch per transaction (neither memory
  nor the journal grows with the file), SHA-256 computed on the way; (3) the row marked complete.
- removal: (1) the row marked incomplete, (2) its chunks deleted a batch at a time, (3) the row.

Incomplete rows are invisible. Those left by a killed process, a cancelled import or an interrupted
removal are collected on the next open, and so are chunks whose row is gone (ids are never reused).
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from forms.i18n import _

from .audit import AuditLog, utc_now
from .evidence_io import EvidenceReader, Prefetcher
from .store_drafts import DraftStore
from .vault_db import Database
from .vault_errors import EvidenceNotFound, ImportCancelled, InvalidDraft

# 1 MiB chunks: 7% faster than 256 KiB and 15% faster than 64 KiB per byte imported (fewer rows);
# still a small buffer, and cancel/progress every few milliseconds.
CHUNK_SIZE = 1024 * 1024
# One transaction per 64 MiB: few fsyncs; appended pages need no journal entry, so it stays small.
BATCH_BYTES = 64 * 1024 * 1024
# The background flush (Database.flushing) starts once a file is past its first 8 MiB: a photo
# would pay for the thread and gain nothing.
FLUSH_AFTER = 8 * 1024 * 1024
# Removal: 32 chunks (32 MiB) per transaction, so the rollback journal and the time the vault is
# held stay small. secure_delete zeroes each freed page: about 75 MB/s here (bench_vault.py).
DELETE_BATCH_CHUNKS = 32


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    draft_id: str
    name: str
    size: int
    sha256: str
    media_type: str | None
    added_at: str = ""


class EvidenceStore:
    chunk_size = CHUNK_SIZE
    batch_bytes = BATCH_BYTES
    flush_after = FLUSH_AFTER
    delete_batch_chunks = DELETE_BATCH_CHUNKS

    def __init__(self, db: Database, audit: AuditLog, drafts: DraftStore, clock):
        self._db = db
        self._audit = audit
        self._drafts = drafts
        self._clock = clock
        self._importing: set[int] = set()
        self._importing_lock = threading.Lock()

    # --- import ----------------------------------------------------------------------------

    def add(self, draft_id: str, name: str, stream: BinaryIO, media_type: str | None, account: str | None,
            progress: Callable[[int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> EvidenceInfo:
        if not isinstance(name, str) or not name.strip() or len(name) > 1000:
            raise InvalidDraft(_("An evidence file needs a name."))
        chunk_size = int(self.chunk_size)
        added_at = utc_now(self._clock)
        with self._db.write() as conn:
            self._drafts._latest(conn, draft_id)
            evidence_id = int(conn.execute(
                "INSERT INTO evidence (draft_id, name, media_type, chunk_size, added_at, account) "
                "VALUES (?, ?, ?, ?, ?, ?)", (draft_id, name, media_type, chunk_size, added_at, account)).lastrowid)
            with self._importing_lock:
                self._importing.add(evidence_id)
        source = None
        size = seq = 0
        try:
            source = Prefetcher(stream, chunk_size)
            with contextlib.ExitStack() as flushing:
                eof = flushed = False
                while not eof:
                    if size >= self.flush_after and not flushed:
                        flushing.enter_context(self._db.flushing())
                        flushed = True
                    limit = self.batch_bytes if flushed else self.flush_after
                    with self._db.write() as conn:
                        in_batch = 0
                        while in_batch < limit and not eof:
                            if cancelled is not None and cancelled():
                                raise ImportCancelled()
                            buf, n = source.next()
                            if n:
                                with memoryview(buf) as view:
                                    conn.execute("INSERT INTO ev.evidence_chunk (evidence_id, seq, data) "
                                                 "VALUES (?, ?, ?)", (evidence_id, seq, view[:n]))
                                seq += 1
                                size += n
                                in_batch += n
                            source.give_back(buf)
                            eof = n < chunk_size
                            if n and progress is not None:
                                progress(size)
            sha256 = source.digest.hexdigest()
            with self._db.write() as conn:
                self._drafts._latest(conn, draft_id)  # deleted meanwhile (another thread): not revived
                conn.execute("UPDATE evidence SET size = ?, sha256 = ?, complete = 1 WHERE id = ?",
                             (size, sha256, evidence_id))
                self._audit.record(account, "evidence_add", draft_id, f"evidence={evidence_id}")
        except BaseException:
            with self._importing_lock:
                self._importing.discard(evidence_id)
            try:
                self.collect_garbage(evidence_id)
            except Exception:  # vault locked or disk gone: the next open collects it
                pass
            raise
        finally:
            if source is not None:
                source.close()
        with self._importing_lock:
            self._importing.discard(evidence_id)
        return EvidenceInfo(evidence_id, draft_id, name, size, sha256, media_type, added_at)

    # --- reading ---------------------------------------------------------------------------

    _COLUMNS = "id, draft_id, name, size, sha256, media_type, added_at"

    def get(self, evidence_id: int) -> EvidenceInfo:
        with self._db.read() as conn:
            row = conn.execute(f"SELECT {self._COLUMNS} FROM evidence WHERE id = ? AND complete = 1",
                               (_as_id(evidence_id),)).fetchone()
        if row is None:
            raise EvidenceNotFound(evidence_id)
        return EvidenceInfo(*row)

    def list(self, draft_id: str) -> list[EvidenceInfo]:
        with self._db.read() as conn:
            self._drafts._latest(conn, draft_id)
            rows = conn.execute(f"SELECT {self._COLUMNS} FROM evidence WHERE draft_id = ? AND complete = 1 "
                                "ORDER BY id", (draft_id,)).fetchall()
        return [EvidenceInfo(*row) for row in rows]

    def open(self, evidence_id: int) -> "EvidenceReader":
        with self._db.read() as conn:
            row = conn.execute("SELECT size, chunk_size FROM evidence WHERE id = ? AND complete = 1",
                               (_as_id(evidence_id),)).fetchone()
        if row is None:
            raise EvidenceNotFound(evidence_id)
        return EvidenceReader(self._db, _as_id(evidence_id), int(row[0]), int(row[1]))

    # --- removal ---------------------------------------------------------------------------

    def remove(self, evidence_id: int, account: str | None) -> None:
        with self._db.write() as conn:
            row = conn.execute("SELECT draft_id FROM evidence WHERE id = ? AND complete = 1",
                               (_as_id(evidence_id),)).fetchone()
            if row is None:
                raise EvidenceNotFound(evidence_id)
            conn.execute("UPDATE evidence SET complete = 0 WHERE id = ?", (_as_id(evidence_id),))
            self._audit.record(account, "evidence_remove", row[0], f"evidence={evidence_id}")
        self.collect_garbage(_as_id(evidence_id))

    def hide_for_draft(self, draft_id: str) -> None:
        """Make a draft's evidence invisible (inside the caller's transaction); collect it after."""
        with self._db.write() as conn:
            conn.execute("UPDATE evidence SET complete = 0 WHERE draft_id = ?", (draft_id,))

    def collect_garbage(self, only: int | None = None) -> int:
        """Delete incomplete evidence (not being imported right now) a batch at a time, then chunks
        whose row is gone. Returns the number of rows removed."""
        with self._db.read() as conn:
            sql, args = "SELECT id FROM evidence WHERE complete = 0", ()
            if only is not None:
                sql, args = sql + " AND id = ?", (only,)
            ids = [r[0] for r in conn.execute(sql, args).fetchall()]
        removed = 0
        for evidence_id in ids:
            with self._importing_lock:
                if evidence_id in self._importing:
                    continue
            self._delete_chunks("evidence_id = ?", (evidence_id,))
            with self._db.write() as conn:
                removed += conn.execute("DELETE FROM evidence WHERE id = ? AND complete = 0",
                                        (evidence_id,)).rowcount
        if only is None:  # chunks without a row: only if a file was tampered with or restored alone
            with self._db.read() as conn:
                stored = {r[0] for r in conn.execute("SELECT DISTINCT evidence_id FROM ev.evidence_chunk")}
                known = {r[0] for r in conn.execute("SELECT id FROM evidence")}
            with self._importing_lock:
                orphans = stored - known - self._importing
            for evidence_id in sorted(orphans):
                self._delete_chunks("evidence_id = ?", (evidence_id,))
        return removed

    def _delete_chunks(self, where: str, args: tuple) -> None:
        while True:
            with self._db.write() as conn:
                deleted = conn.execute(
                    f"DELETE FROM ev.evidence_chunk WHERE rowid IN (SELECT rowid FROM ev.evidence_chunk "
                    f"WHERE {where} LIMIT ?)", (*args, int(self.delete_batch_chunks))).rowcount
            if deleted == 0:
                return


def _as_id(evidence_id) -> int:
    try:
        return int(evidence_id)
    except (TypeError, ValueError):
        raise EvidenceNotFound(evidence_id) from None
